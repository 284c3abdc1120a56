package migrations_test

import (
	"context"
	"testing"

	"github.com/tiendo/tiendo/internal/testdb"
	"github.com/tiendo/tiendo/migrations"
)

// TestWebhookEndpointsGoDownAndUp: migration 00034 can be rolled back (the
// event deliveries are forgotten past the log's append-only guard, the
// outbox is addressed to people only again) and applied again.
func TestWebhookEndpointsGoDownAndUp(t *testing.T) {
	ctx := context.Background()
	db := testdb.New(t)
	p, err := migrations.Provider(db.DB)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.DownTo(ctx, 29); err != nil {
		t.Fatal(err)
	}
	var n int
	if err := db.Get(&n, `SELECT count(*) FROM information_schema.columns
		WHERE table_name = 'deliveries' AND column_name = 'endpoint_id'`); err != nil || n != 0 {
		t.Fatalf("endpoint_id after going down: %d, %v", n, err)
	}
	if _, err := p.Up(ctx); err != nil {
		t.Fatal(err)
	}
}
