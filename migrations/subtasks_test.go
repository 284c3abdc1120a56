package migrations_test

import (
	"context"
	"testing"

	"github.com/tiendo/tiendo/internal/testdb"
	"github.com/tiendo/tiendo/migrations"
)

// TestSubtasksGoDownAndUp: migration 00030 can be rolled back (sub-tasks
// become tasks of their own, period_tasks loses its tree columns) and
// applied again; a sub-task row survives the trip down.
func TestSubtasksGoDownAndUp(t *testing.T) {
	ctx := context.Background()
	db := testdb.New(t)
	p, err := migrations.Provider(db.DB)
	if err != nil {
		t.Fatal(err)
	}
	db.MustExec(`INSERT INTO communes (code, name, kind, province) VALUES ('T19', 'Xã thử', 'xa', 'An Giang')`)
	db.MustExec(`INSERT INTO units (commune_id, kind, name) SELECT id, 'office', 'Văn phòng' FROM communes`)
	db.MustExec(`INSERT INTO plans (commune_id, doc_number, doc_no, doc_type, doc_symbol, issued_on, year, kind, title, created_at, updated_at)
		SELECT id, '19/KH-UBND', 19, 'KH', 'KH-UBND', '2024-01-02', 2024, 'other', 'Kế hoạch', now(), now() FROM communes`)
	db.MustExec(`INSERT INTO tasks (commune_id, plan_id, title, lead_unit_id, start_on, due_on, created_at, updated_at)
		SELECT p.commune_id, p.id, 'Cha', u.id, '2024-01-02', '2024-12-31', now(), now() FROM plans p, units u`)
	db.MustExec(`INSERT INTO tasks (commune_id, plan_id, parent_id, depth, title, lead_unit_id, start_on, due_on,
		created_at, updated_at) SELECT commune_id, plan_id, id, 2, 'Con', lead_unit_id, start_on, due_on, now(), now() FROM tasks`)
	if _, err := p.DownTo(ctx, 29); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := db.Get(&n, `SELECT count(*) FROM tasks`); err != nil || n != 2 {
		t.Fatalf("tasks after going down: %d, %v", n, err)
	}
	if err := db.Get(&n, `SELECT count(*) FROM information_schema.columns
		WHERE table_name = 'tasks' AND column_name IN ('parent_id', 'depth')`); err != nil || n != 0 {
		t.Fatalf("tree columns after going down: %d, %v", n, err)
	}
	if _, err := p.Up(ctx); err != nil {
		t.Fatal(err)
	}
}
