package migrations_test

import (
	"context"
	"testing"

	"github.com/tiendo/tiendo/internal/testdb"
	"github.com/tiendo/tiendo/migrations"
)

// TestProvinceViewGoesDownAndUp: migrations 00032 (province read policies,
// sent versions, notices) and 00033 (deadlines, report_due) roll back and
// apply again.
func TestProvinceViewGoesDownAndUp(t *testing.T) {
	ctx := context.Background()
	db := testdb.New(t)
	p, err := migrations.Provider(db.DB)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.DownTo(ctx, 31); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := db.Get(&n, `SELECT count(*) FROM pg_tables WHERE tablename IN
		('report_versions', 'report_version_files', 'report_notices', 'report_deadlines')`); err != nil || n != 0 {
		t.Fatalf("tables after going down: %d, %v", n, err)
	}
	if err := db.Get(&n, `SELECT count(*) FROM pg_policies WHERE policyname = 'province_read'`); err != nil || n != 2 {
		t.Fatalf("province_read policies after going down: %d (want plans and tasks), %v", n, err)
	}
	if _, err := p.Up(ctx); err != nil {
		t.Fatal(err)
	}
	if err := db.Get(&n, `SELECT count(*) FROM pg_policies WHERE policyname = 'province_read'`); err != nil || n != 12 {
		t.Fatalf("province_read policies after going up: %d, %v", n, err)
	}
}
