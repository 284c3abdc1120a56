package migrations_test

import (
	"context"
	"testing"

	"github.com/tiendo/tiendo/internal/testdb"
	"github.com/tiendo/tiendo/migrations"
)

// TestThumbnailFailuresGoDownAndUp: migration 00029 can be rolled back (its
// failure rows are forgotten past the append-only guard) and applied again.
func TestThumbnailFailuresGoDownAndUp(t *testing.T) {
	ctx := context.Background()
	db := testdb.New(t)
	p, err := migrations.Provider(db.DB)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.DownTo(ctx, 28); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := db.Get(&n, `SELECT count(*) FROM information_schema.columns
		WHERE table_name = 'attachment_thumbnails' AND column_name = 'failure'`); err != nil || n != 0 {
		t.Fatalf("failure column after going down: %d, %v", n, err)
	}
	if _, err := p.Up(ctx); err != nil {
		t.Fatal(err)
	}
}
