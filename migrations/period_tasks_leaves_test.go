package migrations_test

import (
	"context"
	"strings"
	"testing"

	"github.com/tiendo/tiendo/internal/testdb"
	"github.com/tiendo/tiendo/migrations"
)

// TestPeriodTasksLeavesGoDownAndUp: migration 00039 (period_tasks finds its
// leaves through one hashed list) can be rolled back to 00030's body and
// applied again; the figures it feeds are held equal by the handlers' tests
// (TestSubtaskFiguresCountEachTaskOnce, the seed report).
func TestPeriodTasksLeavesGoDownAndUp(t *testing.T) {
	ctx := context.Background()
	db := testdb.New(t)
	p, err := migrations.Provider(db.DB)
	if err != nil {
		t.Fatal(err)
	}
	body := func() string {
		var s string
		if err := db.Get(&s, `SELECT prosrc FROM pg_proc WHERE proname = 'period_tasks'`); err != nil {
			t.Fatal(err)
		}
		return s
	}
	if !strings.Contains(body(), "NOT IN") {
		t.Fatalf("after going up: %s", body())
	}
	if _, err := p.DownTo(ctx, 37); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(body(), "NOT EXISTS") {
		t.Fatalf("after going down: %s", body())
	}
	if _, err := p.Up(ctx); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(body(), "NOT IN") {
		t.Fatalf("after going up again: %s", body())
	}
}
