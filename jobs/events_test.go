package jobs

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/internal/testnotify"
	"github.com/tiendo/tiendo/jobs/notify"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/deadlines"
	"github.com/tiendo/tiendo/models/plans"
)

// eventWorld is commune A with one endpoint subscribed to every event type,
// its receiver, and the jobs' store.
type eventWorld struct {
	*testfix.World
	rcv    *testnotify.Webhook
	events Events
	disp   Dispatch
}

func newEventWorld(t *testing.T, at time.Time, types ...string) *eventWorld {
	t.Helper()
	w := testfix.New(t)
	w.Clock.Set(at)
	rcv := testnotify.NewWebhook(t, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
	rcv.Clock = w.Clock
	admin := w.Actor(t, w.A, models.RoleAdmin)
	if len(types) == 0 {
		types = models.EventTypes
	}
	url, secret := rcv.URL, rcv.Secret
	if _, err := w.Store.CreateEndpoint(context.Background(), admin, deadlines.EndpointInput{URL: &url,
		Secret: &secret, Events: &types}); err != nil {
		t.Fatal(err)
	}
	store := w.JobsStore(t)
	d := newDispatch(t, store, "a", nil)
	d.Channels[models.ChannelEvent] = notify.EventHook{Webhook: notify.Webhook{Clock: store.Clock(), AllowPrivate: true}}
	return &eventWorld{World: w, rcv: rcv, events: Events{Store: store}, disp: d}
}

// at moves the clock to when and runs the events job there, as the
// minute's run would.
func (e *eventWorld) at(t *testing.T, when time.Time) deadlines.PlanResult {
	t.Helper()
	e.Clock.Set(when)
	res, err := e.events.Store.PlanEvents(context.Background(), when, 0)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// received decodes every event the receiver got, checking each signature
// and that the body's id is the webhook-id header.
func (e *eventWorld) received(t *testing.T) []notify.Event {
	t.Helper()
	var out []notify.Event
	for _, h := range e.rcv.Hits() {
		var ev notify.Event
		if err := json.Unmarshal(h.Body, &ev); err != nil || h.SigErr != nil || ev.ID != h.ID {
			t.Fatalf("hit %s: decode %v, signature %v, body id %q", h.ID, err, h.SigErr, ev.ID)
		}
		out = append(out, ev)
	}
	return out
}

// TestEventWebhooksEachOnce: a task's life (plan, assignment, two reports,
// completion, return, extension asked and granted, another task overdue)
// reaches the endpoint as one signed event each, with the delivery's
// message id as the event id; planning again queues nothing, and commune
// B's endpoint hears nothing of A.
func TestEventWebhooksEachOnce(t *testing.T) {
	t.Parallel()
	e := newEventWorld(t, vn(9, 30, 8, 0))
	ctx := context.Background()
	bAdmin := e.Actor(t, e.B, models.RoleAdmin)
	bURL, bTypes := e.rcv.URL+"/b", models.EventTypes
	if _, err := e.Store.CreateEndpoint(ctx, bAdmin, deadlines.EndpointInput{URL: &bURL, Events: &bTypes}); err != nil {
		t.Fatal(err)
	}
	officer := e.Actor(t, e.A, models.RoleOfficer)
	e.Clock.Set(vn(9, 30, 9, 0))
	chair, p := newPlan(t, e.World, e.A, "70/KH-UBND")
	task := assign(t, e.World, chair, p, "Số hóa hồ sơ hộ tịch", "2024-10-01", e.A.Office.ID, officer.UserID)
	assign(t, e.World, chair, p, "Rà soát hộ nghèo", "2024-10-01", e.A.Office.ID, officer.UserID)
	e.at(t, vn(9, 30, 9, 1))
	report(t, e.World, officer, task.ID, 50)
	e.at(t, vn(9, 30, 10, 1))
	e.Clock.Set(vn(10, 1, 9, 0))
	report(t, e.World, officer, task.ID, 100)
	if _, err := e.Store.EvaluateTask(ctx, chair, task.ID, plans.EvaluationInput{Decision: plans.ReviewReturn,
		Note: "Thiếu biên bản"}); err != nil {
		t.Fatal(err)
	}
	x, err := e.Store.RequestExtension(ctx, officer, task.ID, plans.ExtensionInput{DueOn: date(t, "2024-10-10"),
		Reason: "Chờ số liệu của xã"})
	if err != nil {
		t.Fatal(err)
	}
	yes := true
	if _, err := e.Store.DecideExtension(ctx, chair, x.ID, plans.ExtensionDecision{Approve: &yes}); err != nil {
		t.Fatal(err)
	}
	e.at(t, vn(10, 1, 9, 1))
	e.at(t, vn(10, 2, 0, 1)) // the second task is overdue; the first was extended
	if again := e.at(t, vn(10, 2, 0, 2)); again.Total() != 0 {
		t.Fatalf("planning again queued %v", again)
	}
	run(t, e.disp)

	got := map[string]int{}
	ids := map[string]bool{}
	for _, ev := range e.received(t) {
		got[ev.Type]++
		ids[ev.ID] = true
		if ev.Commune.ID != e.A.Info.ID || ev.Text == "" {
			t.Errorf("%s: commune %+v, text %q", ev.Type, ev.Commune, ev.Text)
		}
	}
	want := map[string]int{models.EventPlanCreated: 1, models.EventTaskAssigned: 2, models.EventTaskProgress: 2,
		models.EventTaskCompleted: 1, models.EventTaskReturned: 1, models.EventExtensionRequested: 1,
		models.EventExtensionDecided: 1, models.EventTaskOverdue: 1}
	for k, n := range want {
		if got[k] != n {
			t.Errorf("%s: received %d, want %d (all: %v)", k, got[k], n, got)
		}
	}
	for _, d := range deliveriesOf(t, e.World, e.A, deadlines.DeliveryFilter{Channel: models.ChannelEvent}) {
		if d.Status != "sent" || !ids["msg_"+strings.ReplaceAll(d.MessageID, "-", "")] {
			t.Errorf("delivery %d (%s) %s, its id not received", d.ID, d.Kind, d.Status)
		}
	}
	if n := len(deliveriesOf(t, e.World, e.B, deadlines.DeliveryFilter{Channel: models.ChannelEvent})); n != 0 {
		t.Errorf("commune B's endpoint got %d deliveries of A's events", n)
	}
}

// report records a progress report as a and fails the test on error.
func report(t *testing.T, w *testfix.World, a *models.Actor, taskID int64, percent int) {
	t.Helper()
	if _, err := w.Store.ReportProgress(context.Background(), a, taskID, plans.ProgressInput{Percent: &percent,
		Note: "Đã làm"}); err != nil {
		t.Fatal(err)
	}
}

// TestRemovedEndpointEndsQuietly: an event queued for an endpoint that is
// then removed is not sent (not even to the commune's reminder webhook) and
// ends dead without a notice to the admins; an endpoint switched off queues
// nothing new; one registered after an event does not hear of it.
func TestRemovedEndpointEndsQuietly(t *testing.T) {
	t.Parallel()
	e := newEventWorld(t, vn(9, 30, 8, 0), models.EventPlanCreated)
	ctx := context.Background()
	admin := e.Actor(t, e.A, models.RoleAdmin)
	eps, err := e.Store.ListEndpoints(ctx, admin)
	if err != nil {
		t.Fatal(err)
	}
	e.Clock.Set(vn(9, 30, 9, 0))
	newPlan(t, e.World, e.A, "71/KH-UBND")
	late, lateTypes := e.rcv.URL+"/late", []string{models.EventPlanCreated}
	e.Clock.Set(vn(9, 30, 9, 0).Add(time.Second))
	if _, err := e.Store.CreateEndpoint(ctx, admin, deadlines.EndpointInput{URL: &late, Events: &lateTypes}); err != nil {
		t.Fatal(err)
	}
	if res := e.at(t, vn(9, 30, 9, 1)); res.Total() != 1 {
		t.Fatalf("queued %v, want the first endpoint's plan.created only", res)
	}
	if err := e.Store.DeleteEndpoint(ctx, admin, eps[0].ID, 0); err != nil {
		t.Fatal(err)
	}
	run(t, e.disp)
	if n := len(e.rcv.Hits()); n != 0 {
		t.Fatalf("the removed endpoint's event went out %d times", n)
	}
	got := deliveriesOf(t, e.World, e.A, deadlines.DeliveryFilter{})
	if len(got) != 1 || got[0].Status != "dead" || !strings.Contains(got[0].LastError, "endpoint was removed") {
		t.Fatalf("deliveries: %+v", got)
	}
	off := false
	if _, err := e.Store.UpdateEndpoint(ctx, admin, 2, 0, deadlines.EndpointInput{Enabled: &off}); err != nil {
		t.Fatal(err)
	}
	e.Clock.Set(vn(9, 30, 10, 0))
	newPlan(t, e.World, e.A, "72/KH-UBND")
	if res := e.at(t, vn(9, 30, 10, 1)); res.Total() != 0 {
		t.Fatalf("a switched-off endpoint got %v", res)
	}
}
