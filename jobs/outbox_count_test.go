package jobs

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/tiendo/tiendo/models/deadlines"
	"github.com/tiendo/tiendo/models/domain"

	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/internal/testnotify"
	"github.com/tiendo/tiendo/models"
)

// webhookWorld is a commune whose webhook answers with respond, and one
// assignment queued for it; it returns the jobs' store and the receiver.
func webhookWorld(t *testing.T, respond func(int) int) (*testfix.World, *domain.Store, *testnotify.Webhook) {
	t.Helper()
	w := testfix.New(t)
	rcv := testnotify.NewWebhook(t, "mot-khoa-bi-mat-du-dai-2024")
	rcv.Respond = respond
	enableWebhook(t, w, w.A, rcv)
	w.Clock.Set(vn(9, 29, 10, 0))
	chair, p := newPlan(t, w, w.A, "35/KH-UBND")
	assign(t, w, chair, p, "Số hóa hồ sơ", "2024-10-15", w.A.Office.ID, w.A.Users[models.RoleOfficer].ID)
	store := w.JobsStore(t)
	plan(t, Reminders{Store: store}, w, vn(9, 29, 10, 0))
	return w, store, rcv
}

// TestLostClaimsAreNotFailures: claims taken over after a crash before
// anything was sent use up no attempt: the delivery still gets MaxAttempts
// real sends before it is dead.
func TestLostClaimsAreNotFailures(t *testing.T) {
	t.Parallel()
	w, store, rcv := webhookWorld(t, func(int) int { return http.StatusBadGateway })
	for range 2 { // two dispatchers claim and die before sending
		if _, err := store.ClaimDeliveries(context.Background(), "dead-process", 10, time.Minute); err != nil {
			t.Fatal(err)
		}
		w.Clock.Advance(time.Minute)
	}
	d := newDispatch(t, store, "a", nil)
	d.MaxAttempts = 3
	for range 6 {
		run(t, d)
		w.Clock.Advance(6 * time.Hour)
	}
	got := deliveriesOf(t, w, w.A, deadlines.DeliveryFilter{Channel: "webhook"})[0]
	if got.Status != "dead" || len(rcv.Hits()) != 3 {
		t.Fatalf("%s after %d sends; want dead after 3 real sends", got.Status, len(rcv.Hits()))
	}
}

// TestPermanentRefusalIsDeadAtOnce: a 410 is not retried for hours of backoff.
func TestPermanentRefusalIsDeadAtOnce(t *testing.T) {
	t.Parallel()
	w, store, rcv := webhookWorld(t, func(int) int { return http.StatusGone })
	run(t, newDispatch(t, store, "a", nil))
	got := deliveriesOf(t, w, w.A, deadlines.DeliveryFilter{Channel: "webhook"})[0]
	if got.Status != "dead" || len(rcv.Hits()) != 1 || !strings.Contains(got.LastError, "410") {
		t.Fatalf("%s after %d sends (%q); want dead after one", got.Status, len(rcv.Hits()), got.LastError)
	}
	checkEvents(t, w, got.ID, "queued", "claimed", "dead")
}

// TestSendsAreCapped: when every allowed send started and the last one's
// outcome was never recorded (its dispatcher died mid-send), no further send
// happens: the delivery ends dead saying so.
func TestSendsAreCapped(t *testing.T) {
	t.Parallel()
	w, store, rcv := webhookWorld(t, func(int) int { return http.StatusOK })
	ctx := context.Background()
	for range 2 { // two sends start, and their dispatchers die
		claimed, err := store.ClaimDeliveries(ctx, "dead-process", 10, time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		for i := range claimed {
			if claimed[i].Channel == "webhook" {
				if err := store.MarkSending(ctx, &claimed[i]); err != nil {
					t.Fatal(err)
				}
			}
		}
		w.Clock.Advance(time.Minute)
	}
	d := newDispatch(t, store, "a", nil)
	d.MaxAttempts = 2
	run(t, d)
	got := deliveriesOf(t, w, w.A, deadlines.DeliveryFilter{Channel: "webhook"})[0]
	if got.Status != "dead" || len(rcv.Hits()) != 0 || !strings.Contains(got.LastError, "no outcome") {
		t.Fatalf("%s after %d more sends (%q); want dead with none", got.Status, len(rcv.Hits()), got.LastError)
	}
}
