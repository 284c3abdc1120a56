package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jmoiron/sqlx"

	"github.com/tiendo/tiendo/internal/testdb"
	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/calendar"
	"github.com/tiendo/tiendo/models/plans"
)

// TestBackupAndRestore: a backup of a database with two communes restores
// into an empty one with every row, and its people sign in as before; a
// database with data is replaced only with -force.
func TestBackupAndRestore(t *testing.T) {
	t.Parallel()
	w := testfix.New(t)
	chair := w.Actor(t, w.A, models.RoleChairman)
	if _, err := w.Store.CreatePlan(context.Background(), chair, plans.PlanInput{DocNumber: "06/KH-UBND",
		IssuedOn: calendar.NewDate(2024, 1, 31), Kind: "admin_reform", Title: "Cải cách hành chính"}); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "tiendo.dump")
	out := runCmd(t, []string{"DATABASE_URL=" + w.DSN, "TIENDO_DATA_DIR=" + t.TempDir()}, "backup", "-o", file)
	if !strings.Contains(out, file) {
		t.Fatalf("backup said:\n%s", out)
	}
	// It holds every account's password hash: its owner's eyes only.
	if fi, err := os.Stat(file); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("backup file mode: %v, %v", fi.Mode(), err)
	}
	target := testdb.NewDSN(t)
	env := []string{"DATABASE_URL=" + target, "TIENDO_DATA_DIR=" + t.TempDir()}
	runCmd(t, env, "restore", file)
	for _, table := range []string{"communes", "users", "plans", "audit_log", "goose_db_version"} {
		if a, b := rows(t, w.DSN, table), rows(t, target, table); a != b || a == 0 {
			t.Errorf("%s: %d rows backed up, %d restored", table, a, b)
		}
	}
	login := signIn(t, target, w.A.Users[models.RoleChairman].Username)
	if err := login(testfix.Password); err != nil {
		t.Fatalf("signing in on the restored database: %v", err)
	}
	if msg := runFailing(t, env, "restore", file); !strings.Contains(msg, "-force") {
		t.Fatalf("restoring over data without -force: %s", msg)
	}
	runCmd(t, env, "restore", "-force", file)
	if a, b := rows(t, w.DSN, "plans"), rows(t, target, "plans"); a != b {
		t.Errorf("after -force: %d plans, want %d", b, a)
	}
}

func rows(t *testing.T, dsn, table string) int {
	t.Helper()
	db := sqlx.MustConnect("postgres", dsn)
	defer db.Close()
	var n int
	if err := db.Get(&n, "SELECT count(*) FROM "+table); err != nil {
		t.Fatal(err)
	}
	return n
}
