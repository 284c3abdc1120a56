package deadlines_test

import (
	"context"
	"reflect"
	"strconv"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/deadlines"
)

// TestSettingsDefaultsMatchTheSchema: a commune without a settings row and
// one whose row took the column defaults follow the same rules.
func TestSettingsDefaultsMatchTheSchema(t *testing.T) {
	t.Parallel()
	w := testfix.New(t)
	owner := sqlx.MustConnect("postgres", w.DSN)
	defer owner.Close()
	owner.MustExec(`INSERT INTO commune_settings (commune_id, updated_at) VALUES ($1, now())`, w.A.Info.ID)
	got, err := w.Store.GetSettings(context.Background(), w.Actor(t, w.A, models.RoleTeamMember))
	if err != nil {
		t.Fatal(err)
	}
	got.Version, got.UpdatedAt = 0, nil
	if want := deadlines.DefaultSettings(); !reflect.DeepEqual(got, want) {
		t.Fatalf("column defaults %+v\nGo defaults     %+v", got, want)
	}
}

// TestOutboxTablesUnderRLS: the reminder tables show a request only its
// commune's rows, and the server's role cannot rewrite the delivery log.
func TestOutboxTablesUnderRLS(t *testing.T) {
	t.Parallel()
	w := testfix.New(t)
	ctx := context.Background()
	owner := sqlx.MustConnect("postgres", w.DSN)
	defer owner.Close()
	now := time.Date(2024, 9, 30, 8, 0, 0, 0, models.VietnamTime)
	for _, c := range []*testfix.Commune{w.A, w.B} {
		var id int64
		if err := owner.Get(&id, `INSERT INTO deliveries (commune_id, recipient_id, kind, channel, window_key,
			next_attempt_at, created_at, updated_at) VALUES ($1, $2, 'digest', 'inbox', '2024-09-30', $3, $3, $3)
			RETURNING id`, c.Info.ID, c.Users[models.RoleOfficer].ID, now); err != nil {
			t.Fatal(err)
		}
		owner.MustExec(`INSERT INTO delivery_events (commune_id, delivery_id, at, event) VALUES ($1, $2, $3, 'queued')`,
			c.Info.ID, id, now)
		owner.MustExec(`INSERT INTO notifications (commune_id, user_id, delivery_id, kind, title, body, created_at)
			VALUES ($1, $2, $3, 'digest', 't', 'b', $4)`, c.Info.ID, c.Users[models.RoleOfficer].ID, id, now)
		owner.MustExec(`INSERT INTO commune_settings (commune_id, updated_at) VALUES ($1, $2)`, c.Info.ID, now)
	}
	for _, table := range []string{"deliveries", "delivery_events", "notifications", "commune_settings"} {
		tx := w.DB.MustBeginTx(ctx, nil)
		tx.MustExec(`SELECT set_config('tiendo.commune_id', $1, true)`, strconv.FormatInt(w.A.Info.ID, 10))
		var n int
		if err := tx.Get(&n, "SELECT count(*) FROM "+table); err != nil || n != 1 {
			t.Errorf("%s: commune A sees %d rows (%v), want its 1", table, n, err)
		}
		_ = tx.Rollback()
	}
	for _, q := range []string{`UPDATE delivery_events SET detail = 'x'`, `DELETE FROM delivery_events`,
		`UPDATE deliveries SET status = 'sent'`, `INSERT INTO notifications (commune_id, user_id, delivery_id, kind,
		title, body, created_at) SELECT commune_id, user_id, delivery_id, kind, title, body, created_at FROM notifications`} {
		tx := w.DB.MustBeginTx(ctx, nil)
		tx.MustExec(`SELECT set_config('tiendo.commune_id', $1, true)`, strconv.FormatInt(w.A.Info.ID, 10))
		if _, err := tx.Exec(q); err == nil {
			t.Errorf("the request role may run %q", q)
		}
		_ = tx.Rollback()
	}
}
