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

// TestPoolsSettings: the request pool plans each statement once per
// connection, as its own role; the jobs' pool keeps PostgreSQL's planning
// and does not wait for the WAL flush. (The request pool's commit setting is
// the server's; the tests' server does not wait either.)
func TestPoolsSettings(t *testing.T) {
	ctx := context.Background()
	dsn := testdb.NewDSN(t)
	for _, c := range []struct{ role, planning, commit string }{
		{AppRole, "force_generic_plan", ""},
		{JobsRole, "auto", "off"},
	} {
		db, err := ConnectAs(ctx, dsn, c.role, 2)
		if err != nil {
			t.Fatal(err)
		}
		var role, planning, commit, jit string
		err = db.QueryRowContext(ctx, `SELECT current_user, current_setting('plan_cache_mode'),
			current_setting('synchronous_commit'), current_setting('jit')`).Scan(&role, &planning, &commit, &jit)
		db.Close()
		if err != nil || role != c.role || planning != c.planning || (c.commit != "" && commit != c.commit) || jit != "off" {
			t.Errorf("%s pool: %v role %s, plan_cache_mode %s, synchronous_commit %s, jit %s", c.role, err, role,
				planning, commit, jit)
		}
	}
}
