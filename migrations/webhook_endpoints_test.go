package migrations_test

import (
	"context"
	"testing"

	"github.com/tiendo/tiendo/internal/testdb"
	"github.com/tiendo/tiendo/migrations"
)

// TestWebhookEndpointsGoDownAndUp: migration 00034 can be rolled back with
// an event in the outbox (it is forgotten past the log's append-only guard,
// the outbox is addressed to people only again) and applied again.
func TestWebhookEndpointsGoDownAndUp(t *testing.T) {
	ctx := context.Background()
	db := testdb.New(t)
	p, err := migrations.Provider(db.DB)
	if err != nil {
		t.Fatal(err)
	}
	// An event delivery with its log line, as the outbox holds them.
	db.MustExec(`INSERT INTO communes (code, name, kind, province) VALUES ('99999', 'Xã thử', 'xa', 'An Giang')`)
	db.MustExec(`INSERT INTO webhook_endpoints (commune_id, url, secret, events, created_at, updated_at)
		SELECT id, 'https://a.example.vn/', 'mot-khoa-bi-mat-du-dai', '{task.progress}', now(), now() FROM communes`)
	db.MustExec(`INSERT INTO deliveries (commune_id, endpoint_id, kind, channel, window_key, next_attempt_at,
		created_at, updated_at) SELECT commune_id, id, 'webhook.test', 'event', 'test/1', now(), now(), now()
		FROM webhook_endpoints`)
	db.MustExec(`INSERT INTO delivery_events (commune_id, delivery_id, at, event)
		SELECT commune_id, id, now(), 'queued' FROM deliveries`)
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
