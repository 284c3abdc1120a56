package models_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/tiendo/tiendo/models"
)

// TestEveryAuditActionHasAName reads the actions the models write to the
// Audit log (the action argument of audit/auditAttempt/failAttempt and the
// literal of a statement that inserts into audit_log) and wants a name for
// each, so the history pages and the plan export never print a code.
func TestEveryAuditActionHasAName(t *testing.T) {
	calls := regexp.MustCompile(`(?:[aA]udit|auditAttempt)\(t, [a-zA-Z.()]+, "([a-z_]+)"|failAttempt\(ctx, at, "([a-z_]+)"`)
	sqlAction := regexp.MustCompile(`(?s)INSERT INTO audit_log[^;]*?VALUES[^;]*?'([a-z_]+)'`)
	// The core and the domain packages beneath it (models/plans, …).
	files, _ := filepath.Glob("*.go")
	more, _ := filepath.Glob("*/*.go")
	sqls, _ := filepath.Glob("queries/*.sql")
	moreSQL, _ := filepath.Glob("*/queries/*.sql")
	files, sqls = append(files, more...), append(sqls, moreSQL...)
	found := map[string]string{}
	for _, f := range append(files, sqls...) {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range calls.FindAllStringSubmatch(string(b), -1) {
			found[m[1]+m[2]] = f
		}
		for _, m := range sqlAction.FindAllStringSubmatch(string(b), -1) {
			found[m[1]] = f
		}
	}
	if len(found) < 20 {
		t.Fatalf("found only %d actions: the patterns no longer match the code (%v)", len(found), found)
	}
	for action, f := range found {
		if _, ok := models.AuditActionNames[action]; !ok {
			t.Errorf("audit action %q (written in %s) has no name in AuditActionNames", action, f)
		}
	}
}
