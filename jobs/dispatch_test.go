package jobs

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tiendo/tiendo/models/deadlines"
	"github.com/tiendo/tiendo/models/domain"

	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/internal/testnotify"
	"github.com/tiendo/tiendo/jobs/notify"
	"github.com/tiendo/tiendo/models"
)

// newDispatch is a dispatcher over store with the inbox, webhook and (when
// smtp is not nil) email channels, no jitter and owner name.
func newDispatch(t testing.TB, store *domain.Store, owner string, smtp *testnotify.SMTP) Dispatch {
	t.Helper()
	channels := map[string]notify.Channel{"inbox": notify.Inbox{Store: store, Owner: owner},
		"webhook": notify.Webhook{Clock: store.Clock(), AllowPrivate: true}}
	if smtp != nil {
		email, err := notify.NewEmail(smtp.URL(), store.Clock())
		if err != nil {
			t.Fatal(err)
		}
		channels["email"] = email
	}
	return Dispatch{Store: store, Channels: channels, Owner: owner, Lease: time.Minute, MaxAttempts: 8,
		Jitter: func() float64 { return 0 }}
}

// run dispatches once and fails the test on error.
func run(t testing.TB, d Dispatch) {
	t.Helper()
	if _, err := d.Run(context.Background(), d.Store.Clock().Now()); err != nil {
		t.Fatal(err)
	}
}

// enableWebhook points commune c's webhook at rcv.
func enableWebhook(t testing.TB, w *testfix.World, c *testfix.Commune, rcv *testnotify.Webhook) {
	t.Helper()
	in := settingsInput(deadlines.DefaultSettings())
	on := true
	in.WebhookEnabled, in.WebhookURL, in.WebhookSecret = &on, &rcv.URL, &rcv.Secret
	if _, err := w.Store.PutSettings(context.Background(), w.Actor(t, c, models.RoleAdmin), 0, in); err != nil {
		t.Fatal(err)
	}
}

// settingsInput is the PUT body that keeps s.
func settingsInput(s deadlines.Settings) deadlines.SettingsInput {
	days := make([]int, len(s.DueSoonDays))
	for i, d := range s.DueSoonDays {
		days[i] = int(d)
	}
	return deadlines.SettingsInput{DueSoonDays: &days, DueToday: &s.DueToday, OverdueFirstAfter: &s.OverdueFirstAfter,
		OverdueEvery: &s.OverdueEvery, EscalateAfter: &s.EscalateAfter, StaleAfterDays: &s.StaleAfterDays,
		DigestEnabled: &s.DigestEnabled, DigestAt: &s.DigestAt, EmailEnabled: &s.EmailEnabled,
		WebhookEnabled: &s.WebhookEnabled, WebhookURL: &s.WebhookURL}
}

// inbox is the user's inbox, newest first.
func inbox(t testing.TB, w *testfix.World, c *testfix.Commune, role models.Role) []deadlines.Notification {
	t.Helper()
	page, err := w.Store.ListNotifications(context.Background(), w.Actor(t, c, role),
		deadlines.NotificationFilter{Limit: models.MaxPageSize})
	if err != nil {
		t.Fatal(err)
	}
	return page.Items
}

// TestDispatchToInboxExactlyOnce: three dispatchers drain the same outbox at
// once; every inbox delivery becomes exactly one notification.
func TestDispatchToInboxExactlyOnce(t *testing.T) {
	t.Parallel()
	w := testfix.New(t)
	w.Clock.Set(vn(9, 27, 15, 0))
	chair, p := newPlan(t, w, w.A, "31/KH-UBND")
	officer := w.A.Users[models.RoleOfficer].ID
	for _, due := range []string{"2024-10-03", "2024-10-01", "2024-09-30"} {
		assign(t, w, chair, p, "Rà soát thủ tục hạn "+due, due, w.A.Office.ID, officer)
	}
	store := w.JobsStore(t)
	planned := plan(t, Reminders{Store: store}, w, vn(9, 30, 7, 30)).Total()
	var wg sync.WaitGroup
	for _, owner := range []string{"a", "b", "c"} {
		d := newDispatch(t, w.JobsStore(t), owner, nil)
		d.Batch = 2
		wg.Go(func() { run(t, d) })
	}
	wg.Wait()
	run(t, newDispatch(t, store, "d", nil)) // a late run finds nothing left
	notes := inbox(t, w, w.A, models.RoleOfficer)
	if len(notes) != planned {
		t.Fatalf("%d deliveries planned, %d notifications", planned, len(notes))
	}
	want := map[string]bool{
		"Nhiệm vụ «Rà soát thủ tục hạn 2024-10-03» sẽ đến hạn vào 03/10/2024 (còn 3 ngày làm việc).": true,
		"Nhiệm vụ «Rà soát thủ tục hạn 2024-10-01» sẽ đến hạn vào 01/10/2024 (còn 1 ngày làm việc).": true,
		"Nhiệm vụ «Rà soát thủ tục hạn 2024-09-30» đến hạn hôm nay (30/09/2024).":                    true,
	}
	for _, n := range notes {
		delete(want, n.Body)
	}
	if len(want) > 0 {
		t.Errorf("the inbox lacks %v", want)
	}
	for _, d := range deliveriesOf(t, w, w.A, deadlines.DeliveryFilter{}) {
		if d.Status != "sent" || d.Attempts != 1 {
			t.Errorf("delivery %d: %s after %d attempts", d.ID, d.Status, d.Attempts)
		}
		checkEvents(t, w, d.ID, "queued", "claimed", "sent")
	}
}

// checkEvents compares a delivery's log with the expected events.
func checkEvents(t testing.TB, w *testfix.World, id int64, want ...string) []deadlines.DeliveryEvent {
	t.Helper()
	events, err := w.Store.DeliveryEvents(context.Background(), w.Actor(t, w.A, models.RoleAdmin), id)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range events {
		got = append(got, e.Event)
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("delivery %d events %v, want %v", id, got, want)
	}
	return events
}

// TestWebhookRetriedWithBackoff: a receiver that fails twice then accepts
// sees three attempts with one webhook-id, each after its backoff.
func TestWebhookRetriedWithBackoff(t *testing.T) {
	t.Parallel()
	w := testfix.New(t)
	rcv := testnotify.NewWebhook(t, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
	rcv.Clock = w.Clock
	rcv.Respond = func(n int) int {
		return map[bool]int{true: http.StatusInternalServerError, false: http.StatusOK}[n <= 2]
	}
	enableWebhook(t, w, w.A, rcv)
	w.Clock.Set(vn(9, 29, 10, 0)) // a Sunday: only the assignment is announced
	chair, p := newPlan(t, w, w.A, "32/KH-UBND")
	assign(t, w, chair, p, "Cập nhật cổng thông tin", "2024-10-15", w.A.Office.ID, w.A.Users[models.RoleOfficer].ID)
	store := w.JobsStore(t)
	plan(t, Reminders{Store: store}, w, vn(9, 29, 10, 0))
	d := newDispatch(t, store, "a", nil)
	hook := func() deadlines.Delivery {
		return deliveriesOf(t, w, w.A, deadlines.DeliveryFilter{Channel: "webhook"})[0]
	}
	steps := []struct {
		wait     time.Duration
		hits     int
		status   string
		attempts int
	}{
		{0, 1, "failed", 1},                // first attempt: 500
		{14 * time.Second, 1, "failed", 1}, // backoff after attempt 1 is 15 s (no jitter): not yet
		{time.Second, 2, "failed", 2},      // second attempt: 500
		{29 * time.Second, 2, "failed", 2}, // backoff after attempt 2 is 30 s
		{time.Second, 3, "sent", 3},        // third attempt: 200
		{time.Hour, 3, "sent", 3},          // sent is final
	}
	for i, s := range steps {
		w.Clock.Advance(s.wait)
		run(t, d)
		got := hook()
		if n := len(rcv.Hits()); n != s.hits || got.Status != s.status || got.Attempts != s.attempts {
			t.Fatalf("step %d: %d hits, %s after %d attempts; want %d, %s, %d", i, n, got.Status, got.Attempts,
				s.hits, s.status, s.attempts)
		}
	}
	hits := rcv.Hits()
	for _, h := range hits {
		if h.ID != hits[0].ID || h.SigErr != nil {
			t.Errorf("attempt %+v: want id %s and a valid signature", h, hits[0].ID)
		}
	}
	checkEvents(t, w, hook().ID, "queued", "claimed", "failed", "claimed", "failed", "claimed", "sent")
}

// TestDeadAfterLastAttemptTellsAdmins: a webhook that never accepts ends
// dead after MaxAttempts, and the commune's admin hears of it once.
func TestDeadAfterLastAttemptTellsAdmins(t *testing.T) {
	t.Parallel()
	w := testfix.New(t)
	rcv := testnotify.NewWebhook(t, "mot-khoa-bi-mat-du-dai-2024")
	rcv.Respond = func(int) int { return http.StatusBadGateway }
	enableWebhook(t, w, w.A, rcv)
	w.Clock.Set(vn(9, 29, 10, 0))
	chair, p := newPlan(t, w, w.A, "33/KH-UBND")
	assign(t, w, chair, p, "Số hóa hồ sơ", "2024-10-15", w.A.Office.ID, w.A.Users[models.RoleOfficer].ID)
	store := w.JobsStore(t)
	plan(t, Reminders{Store: store}, w, vn(9, 29, 10, 0))
	d := newDispatch(t, store, "a", nil)
	d.MaxAttempts = 3
	for range 6 {
		run(t, d)
		w.Clock.Advance(6 * time.Hour) // past any backoff
	}
	dead := deliveriesOf(t, w, w.A, deadlines.DeliveryFilter{Channel: "webhook"})[0]
	if dead.Status != "dead" || dead.Attempts != 3 || len(rcv.Hits()) != 3 || !strings.Contains(dead.LastError, "502") {
		t.Fatalf("webhook delivery %+v after %d hits; want dead after 3", dead, len(rcv.Hits()))
	}
	checkEvents(t, w, dead.ID, "queued", "claimed", "failed", "claimed", "failed", "claimed", "dead")
	var notices []deadlines.Notification
	for _, n := range inbox(t, w, w.A, models.RoleAdmin) {
		if n.Kind == models.KindDeliveryFailed {
			notices = append(notices, n)
		}
	}
	if len(notices) != 1 || !strings.Contains(notices[0].Body, "Số hóa hồ sơ") || !strings.Contains(notices[0].Body, "webhook") {
		t.Fatalf("admin notices %+v, want one about the webhook", notices)
	}
}

// TestExpiredLeaseIsRetriedByAnotherDispatcher: a dispatcher that claimed
// and died holds its deliveries only until the lease ends; then another
// sends them, and the first one's late report changes nothing.
func TestExpiredLeaseIsRetriedByAnotherDispatcher(t *testing.T) {
	t.Parallel()
	w := testfix.New(t)
	w.Clock.Set(vn(9, 29, 10, 0))
	chair, p := newPlan(t, w, w.A, "34/KH-UBND")
	assign(t, w, chair, p, "Tuyên truyền", "2024-10-15", w.A.Office.ID, w.A.Users[models.RoleOfficer].ID)
	store := w.JobsStore(t)
	plan(t, Reminders{Store: store}, w, vn(9, 29, 10, 0))
	ctx := context.Background()
	claimed, err := store.ClaimDeliveries(ctx, "dead-process", 10, time.Minute)
	if err != nil || len(claimed) != 1 {
		t.Fatalf("claim: %v, %d", err, len(claimed))
	}
	b := newDispatch(t, w.JobsStore(t), "b", nil)
	run(t, b) // the lease holds: nothing to claim
	if got := inbox(t, w, w.A, models.RoleOfficer); len(got) != 0 {
		t.Fatalf("sent under another's lease: %+v", got)
	}
	w.Clock.Advance(time.Minute)
	run(t, b)
	if got := inbox(t, w, w.A, models.RoleOfficer); len(got) != 1 {
		t.Fatalf("after the lease: %d notifications, want 1", len(got))
	}
	late := claimed[0]
	late.Title, late.Body = "muộn", "muộn"
	if err := store.DeliverToInbox(ctx, &late, "dead-process"); !errors.Is(err, deadlines.ErrLeaseLost) {
		t.Fatalf("late delivery by the first claimant: %v, want ErrLeaseLost", err)
	}
	if got := inbox(t, w, w.A, models.RoleOfficer); len(got) != 1 {
		t.Fatalf("%d notifications after the late report, want 1", len(got))
	}
	events := checkEvents(t, w, late.ID, "queued", "claimed", "claimed", "sent")
	if events[2].Detail != "lease of dead-process expired" || events[2].Actor != "b" || events[2].Attempt != 2 {
		t.Errorf("reclaim event %+v", events[2])
	}
}

// concurrentJob is a countJob that every replica may run.
type concurrentJob struct{ countJob }

func (*concurrentJob) Concurrent() bool { return true }

// TestConcurrentJobsSkipTheSlotClaim: a Concurrent job (the dispatcher) runs
// on every replica for the same slot, and leaves no job_runs row.
func TestConcurrentJobsSkipTheSlotClaim(t *testing.T) {
	t.Parallel()
	w := testfix.New(t)
	store := w.JobsStore(t)
	job := &concurrentJob{}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	for range 3 {
		s, err := NewScheduler(store, log, job)
		if err != nil {
			t.Fatal(err)
		}
		if ran, err := s.RunNow(context.Background(), job, w.Clock.Now()); err != nil || !ran {
			t.Fatalf("ran %v, %v", ran, err)
		}
	}
	if n := job.runs.Load(); n != 3 {
		t.Fatalf("%d runs, want 3", n)
	}
	if last, err := store.LastSlot(context.Background(), job.Name()); err != nil || !last.IsZero() {
		t.Fatalf("a slot was recorded: %v, %v", last, err)
	}
	if spec := (Dispatch{Every: time.Second}).Spec(); spec != "@every 1s" {
		t.Errorf("dispatch spec %q", spec)
	}
}
