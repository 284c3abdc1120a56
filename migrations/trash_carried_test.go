package migrations_test

import (
	"context"
	"testing"

	"github.com/tiendo/tiendo/internal/testdb"
	"github.com/tiendo/tiendo/migrations"
)

// TestTrashAndCarriedOverMoveExistingRows: a plan deleted before migration
// 00023 enters the recycle bin with who deleted it (from the audit log); a
// dossier record made before 00024 gets carried_over 0.
func TestTrashAndCarriedOverMoveExistingRows(t *testing.T) {
	ctx := context.Background()
	db := testdb.New(t)
	p, err := migrations.Provider(db.DB)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.DownTo(ctx, 22); err != nil {
		t.Fatal(err)
	}
	db.MustExec(`INSERT INTO communes (code, name, kind, province) VALUES ('M2', 'Thử', 'xa', 'An Giang')`)
	db.MustExec(`INSERT INTO users (commune_id, username, full_name, password_hash)
		SELECT id, 'chu_tich', 'Chủ tịch', 'x' FROM communes WHERE code = 'M2'`)
	db.MustExec(`INSERT INTO plans (commune_id, doc_number, doc_no, doc_type, doc_symbol, issued_on, year, kind,
		title, created_at, updated_at, deleted_at) SELECT id, '06/KH-UBND', 6, 'KH', 'KH-UBND', '2024-01-05', 2024,
		'other', 'Kế hoạch đã xóa', now(), now(), now() FROM communes WHERE code = 'M2'`)
	db.MustExec(`INSERT INTO audit_log (commune_id, actor_id, at, action, entity, entity_id)
		SELECT p.commune_id, u.id, now(), 'delete', 'plan', p.id FROM plans p, users u`)
	db.MustExec(`INSERT INTO dossier_stats (commune_id, period, period_start, period_end, received, resolved, recorded_at)
		SELECT id, '2024-M9', '2024-01-01', '2024-09-30', 5, 10, now() FROM communes WHERE code = 'M2'`)
	if _, err := p.Up(ctx); err != nil {
		t.Fatal(err)
	}
	var by string
	if err := db.Get(&by, `SELECT u.full_name FROM plans p JOIN users u ON u.id = p.deleted_by WHERE p.purged_at IS NULL`); err != nil || by != "Chủ tịch" {
		t.Errorf("deleted plan's deleted_by: %q, %v", by, err)
	}
	var carried int
	if err := db.Get(&carried, `SELECT carried_over FROM dossier_stats`); err != nil || carried != 0 {
		t.Errorf("carried_over of an old record: %d, %v", carried, err)
	}
}
