package main

import (
	"syscall"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/internal/testnotify"
	"github.com/tiendo/tiendo/models"
)

// TestSIGTERMHandsBackClaims sends SIGTERM to a real `tiendo serve` while
// it is in the middle of a dispatch batch (slow receivers, a lease of ten
// minutes): the process ends within seconds leaving no delivery claimed,
// and a replica started after it drains the whole outbox long before any
// lease could have ended — no delivery waited for one.
func TestSIGTERMHandsBackClaims(t *testing.T) {
	if testing.Short() {
		t.Skip("starts real server processes")
	}
	w := testfix.New(t)
	clock := virtualClock{base: time.Date(2024, 9, 30, 8, 0, 0, 0, models.VietnamTime), start: time.Now()}
	smtp := testnotify.NewSMTP(t)
	hook := testnotify.NewWebhook(t, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
	smtp.Delay, hook.Delay, hook.Clock = 150*time.Millisecond, 150*time.Millisecond, clock
	db := sqlx.MustConnect("postgres", w.DSN)
	t.Cleanup(func() { db.Close() })
	want := seedOutbox(t, w, db, hook, 200, clock.base)
	env := []string{"DATABASE_URL=" + w.DSN, "TIENDO_ADDR=127.0.0.1:0", "TIENDO_DATA_DIR=" + t.TempDir(),
		"TIENDO_SMTP_URL=" + smtp.URL(), "TIENDO_DISPATCH_EVERY=1s", "TIENDO_DISPATCH_LEASE=10m",
		"TIENDO_LOG_LEVEL=info", "TIENDO_WEBHOOK_ALLOW_PRIVATE=true"}
	start := func() *server {
		return startServer(t, append(env, "TIENDO_NOW="+clock.Now().Format(time.RFC3339Nano)))
	}

	first := start()
	t.Cleanup(func() { first.kill(syscall.SIGKILL) })
	waitClaimed(t, db, first, 30*time.Second)
	termAt := time.Now()
	first.kill(syscall.SIGTERM)
	took := time.Since(termAt)
	if n := countWhere(t, db, "status = 'sending'"); n > 0 {
		t.Fatalf("%d deliveries still claimed after SIGTERM; log:\n%s", n, first.tail())
	}
	released := countWhere(t, db, "id IN (SELECT delivery_id FROM delivery_events WHERE detail LIKE '%released%')")
	if released == 0 {
		t.Fatalf("SIGTERM mid-batch handed nothing back; log:\n%s", first.tail())
	}

	second := start()
	t.Cleanup(func() { second.kill(syscall.SIGTERM) })
	began := time.Now()
	waitDrained(t, db, []*server{second}, 60*time.Second)
	t.Logf("SIGTERM: exited in %v, %d claims handed back; the next replica drained %d deliveries in %v (lease 10 min)",
		took.Round(time.Millisecond), released, want, time.Since(began).Round(time.Millisecond))
	if took > 10*time.Second {
		t.Errorf("the process took %v to end after SIGTERM", took)
	}
	if n := countWhere(t, db, "status = 'sent'"); n != want {
		t.Errorf("%d of %d deliveries sent", n, want)
	}
	if n := countWhere(t, db, `id IN (SELECT delivery_id FROM delivery_events
		WHERE event = 'claimed' AND detail LIKE 'lease of % expired')`); n > 0 {
		t.Errorf("%d deliveries were taken over only after their lease expired", n)
	}
	if n := countWhere(t, db, "channel = 'inbox' AND id NOT IN (SELECT delivery_id FROM notifications)"); n > 0 {
		t.Errorf("%d inbox deliveries without their notification", n)
	}
	seen := map[string]bool{}
	for _, h := range hook.Hits() {
		if seen[h.ID] {
			t.Errorf("webhook %s sent twice: a claim handed back had already gone out", h.ID)
		}
		seen[h.ID] = true
	}
	if n := countWhere(t, db, "channel = 'webhook'"); len(seen) != n {
		t.Errorf("%d webhooks arrived, want %d", len(seen), n)
	}
}

// waitClaimed waits until s holds claimed deliveries (it is mid-batch).
func waitClaimed(t *testing.T, db *sqlx.DB, s *server, limit time.Duration) {
	t.Helper()
	deadline := time.Now().Add(limit)
	for busiest(t, db, []*server{s}) < 0 || countWhere(t, db, "sends > 0") == 0 {
		if time.Now().After(deadline) {
			t.Fatalf("the server claimed nothing in %v; log:\n%s", limit, s.tail())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// countWhere counts the deliveries matching cond.
func countWhere(t *testing.T, db *sqlx.DB, cond string) int {
	t.Helper()
	var n int
	if err := db.Get(&n, `SELECT count(*) FROM deliveries WHERE `+cond); err != nil {
		t.Fatal(err)
	}
	return n
}
