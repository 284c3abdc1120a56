package jobs

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/internal/testnotify"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/deadlines"
)

// TestStopHandsBackUnsentClaims: a dispatcher stopped in the middle of a
// batch finishes the sends under way, hands back the claims it had not
// started, and returns; another dispatcher, with the clock not moved (no
// lease of an hour could have ended), sends every one of them at once, and
// each webhook id reaches the receiver exactly once.
func TestStopHandsBackUnsentClaims(t *testing.T) {
	t.Parallel()
	w := testfix.New(t)
	rcv := testnotify.NewWebhook(t, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
	rcv.Clock, rcv.Delay = w.Clock, 300*time.Millisecond
	enableWebhook(t, w, w.A, rcv)
	w.Clock.Set(vn(9, 29, 10, 0)) // a Sunday: only the assignments are announced
	chair, p := newPlan(t, w, w.A, "33/KH-UBND")
	const tasks = 30
	for i := range tasks {
		assign(t, w, chair, p, fmt.Sprintf("Việc số %d", i), "2024-10-15", w.A.Office.ID, w.A.Users[models.RoleOfficer].ID)
	}
	store := w.JobsStore(t)
	plan(t, Reminders{Store: store}, w, vn(9, 29, 10, 0))
	a := newDispatch(t, store, "a", nil)
	a.Lease = time.Hour

	ctx, stop := context.WithCancel(context.Background())
	done := make(chan string)
	go func() {
		detail, _ := a.Run(ctx, w.Clock.Now())
		done <- detail
	}()
	time.Sleep(100 * time.Millisecond) // the first ParallelSends webhooks are at the receiver
	stop()
	stopped := time.Now()
	detail := <-done
	if took := time.Since(stopped); took > time.Second {
		t.Errorf("the stopped dispatcher took %v to return", took)
	}
	held := 0
	for _, d := range deliveriesOf(t, w, w.A, deadlines.DeliveryFilter{Channel: "webhook"}) {
		switch {
		case d.Status == "sending":
			t.Errorf("delivery %d still claimed after the stop", d.ID)
		case d.Status == "queued" && !d.NextAttemptAt.After(w.Clock.Now()):
			if events := eventsOf(t, w, d.ID); events == "queued claimed queued" {
				held++
			} else if events != "queued" { // the first claim of 50 left some unclaimed
				t.Errorf("delivery %d: events %s", d.ID, events)
			}
		case d.Status != "sent":
			t.Errorf("delivery %d is %s after the stop", d.ID, d.Status)
		}
	}
	if held == 0 || held == tasks {
		t.Fatalf("%d of %d webhooks handed back (%s); want the ones not started", held, tasks, detail)
	}

	run(t, newDispatch(t, store, "b", nil))
	ids := map[string]int{}
	for _, h := range rcv.Hits() {
		ids[h.ID]++
	}
	for _, d := range deliveriesOf(t, w, w.A, deadlines.DeliveryFilter{}) {
		if d.Status != "sent" {
			t.Errorf("delivery %d (%s) is %s after the second dispatcher", d.ID, d.Channel, d.Status)
		}
		id := "msg_" + strings.ReplaceAll(d.MessageID, "-", "")
		if d.Channel == "webhook" && ids[id] != 1 {
			t.Errorf("webhook %s received %d times", id, ids[id])
		}
	}
	t.Logf("stopped after 100 ms: %s; %d handed back", detail, held)
}

// eventsOf is a delivery's log as its event names.
func eventsOf(t testing.TB, w *testfix.World, id int64) string {
	t.Helper()
	events, err := w.Store.DeliveryEvents(context.Background(), w.Actor(t, w.A, models.RoleAdmin), id)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range events {
		names = append(names, e.Event)
	}
	return strings.Join(names, " ")
}
