package deadlines

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/tiendo/tiendo/models"
)

// ErrLeaseLost means a dispatcher's claim on a delivery ended (its lease
// expired and another dispatcher claimed it) before it recorded the outcome;
// the other claim decides.
var ErrLeaseLost = errors.New("delivery lease lost: another dispatcher claimed it")

// Outbound is a claimed delivery with everything its channel needs.
type Outbound struct {
	ID        int64           `db:"id"`
	CommuneID int64           `db:"commune_id"`
	TaskID    *int64          `db:"task_id"`
	Kind      string          `db:"kind"`
	Channel   string          `db:"channel"`
	Window    string          `db:"window_key"`
	Attempts  int             `db:"attempts"` // this claim's attempt, 1 for the first
	Sends     int             `db:"sends"`    // emails or webhooks started before this claim
	Failures  int             `db:"failures"` // sends that failed before this claim
	MessageID string          `db:"message_id"`
	Payload   json.RawMessage `db:"payload"`
	CreatedAt time.Time       `db:"created_at"`

	RecipientID       int64  `db:"recipient_id"` // 0 for an event
	EndpointID        *int64 `db:"endpoint_id"`  // an event's endpoint, nil for a reminder
	RecipientUsername string `db:"recipient_username"`
	RecipientName     string `db:"recipient_name"`
	RecipientEmail    string `db:"recipient_email"`
	CommuneName       string `db:"commune_name"`
	WebhookURL        string `db:"webhook_url"`
	WebhookSecret     string `db:"webhook_secret"`

	// Title, Body and Link are the message in words, which the dispatcher
	// writes from Payload before any channel sees the delivery.
	Title string `db:"-"`
	Body  string `db:"-"`
	Link  string `db:"-"`
}

// ClaimDeliveries claims up to limit deliveries that are due (queued, a
// retry whose time has come, or a claim whose lease expired) for owner until
// now+lease. Rows another dispatcher is claiming are skipped, not waited for,
// so replicas dispatch side by side.
func (s *Store) ClaimDeliveries(ctx context.Context, owner string, limit int, lease time.Duration) ([]Outbound, error) {
	return s.ClaimMixed(ctx, owner, limit, limit, lease)
}

// ClaimMixed is ClaimDeliveries for a dispatcher whose inbox takes a batch
// at once: up to limit deliveries, of which at most sends go out by email
// or webhook (each a send of its own, under the same lease).
func (s *Store) ClaimMixed(ctx context.Context, owner string, limit, sends int, lease time.Duration) ([]Outbound, error) {
	now := s.Clock().Now()
	out := []Outbound{}
	err := s.AcrossCommunes(ctx, func(t *models.Tx) error {
		return t.Bind(s.outQ.Claim).Select(&out, now, max(limit, sends), owner, now.Add(lease), sends)
	})
	return out, err
}

// MarkSending counts the send about to start under d's claim (an email or
// a webhook request: it may go out even if its outcome is never recorded).
// ErrLeaseLost when the claim no longer holds: then nothing may be sent.
func (s *Store) MarkSending(ctx context.Context, d *Outbound) error {
	err := s.AcrossCommunes(ctx, func(t *models.Tx) error { return t.Bind(s.outQ.Sending).Get(&d.Sends, d.ID, d.Attempts) })
	if errors.Is(err, sql.ErrNoRows) {
		return ErrLeaseLost
	}
	return err
}

// MarkSent records that d reached its recipient; detail is the channel's
// receipt (an SMTP reply, an HTTP status).
func (s *Store) MarkSent(ctx context.Context, d *Outbound, owner, detail string) error {
	return s.finish(ctx, s.outQ.Sent, d.ID, d.Attempts, s.Clock().Now(), owner, detail)
}

// DeliverToInbox writes d into its recipient's inbox and marks it sent in
// one statement, so the notification exists exactly when the delivery is
// sent: once, whatever crashes or retries.
func (s *Store) DeliverToInbox(ctx context.Context, d *Outbound, owner string) error {
	sent, err := s.DeliverBatchToInbox(ctx, []*Outbound{d}, owner)
	if err == nil && !sent[d.ID] {
		return ErrLeaseLost
	}
	return err
}

// MarkFailed records a failed attempt: to be retried at retryAt, or dead
// when it was the last. A dead delivery queues a notice to the commune's
// admins in the same statement, once per dead delivery.
func (s *Store) MarkFailed(ctx context.Context, d *Outbound, owner string, sendErr error, retryAt time.Time, dead bool) error {
	msg := sendErr.Error()
	if len(msg) > 1000 {
		msg = msg[:1000]
	}
	return s.finish(ctx, s.outQ.Failed, d.ID, d.Attempts, s.Clock().Now(), owner, msg, retryAt, dead)
}

// Finish runs one fenced outcome statement: it changes the delivery only
// while this claim (id, attempts) still holds it, else ErrLeaseLost.
func (s *Store) finish(ctx context.Context, stmt *sqlx.Stmt, args ...any) error {
	var n int
	err := s.AcrossCommunes(ctx, func(t *models.Tx) error { return t.Bind(stmt).Get(&n, args...) })
	if err == nil && n == 0 {
		return ErrLeaseLost
	}
	return err
}

// PendingDeliveries counts deliveries not yet sent or dead, due or not.
func (s *Store) PendingDeliveries(ctx context.Context) (int, error) {
	var n int
	err := s.outQ.Pending.GetContext(ctx, &n)
	return n, err
}
