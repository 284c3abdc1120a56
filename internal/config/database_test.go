package config

import (
	"context"
	"strings"
	"testing"

	"github.com/tiendo/tiendo/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

// Readiness is the wiring's check: a database one migration behind this
// binary is not ready, though it answers.
func TestReadyWantsEveryMigration(t *testing.T) {
	ctx := context.Background()
	d := &Database{DB: testdb.New(t)}
	if err := d.Ready(ctx); err != nil {
		t.Fatalf("migrated database: %v", err)
	}
	if _, err := d.DB.Exec(`DELETE FROM goose_db_version WHERE version_id = (SELECT max(version_id) FROM goose_db_version)`); err != nil {
		t.Fatal(err)
	}
	if err := d.Ready(ctx); err == nil || !strings.Contains(err.Error(), "pending") {
		t.Fatalf("one migration behind: %v, want migrations pending", err)
	}
}
