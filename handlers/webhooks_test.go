package handlers_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"strings"
	"testing"

	"github.com/tiendo/tiendo/handlers"
	"github.com/tiendo/tiendo/handlers/httpx"
	"github.com/tiendo/tiendo/internal/testnotify"
	"github.com/tiendo/tiendo/jobs"
	"github.com/tiendo/tiendo/jobs/notify"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/deadlines"
	"github.com/tiendo/tiendo/models/domain"
)

const hookPath = "/api/v1/webhooks"

// TestWebhookEndpointsAPI: an admin registers an endpoint and sees its
// generated secret once; lists never show it; a change needs the current
// version; each write leaves an audit row; officers are refused and another
// commune's endpoint is a 404.
func TestWebhookEndpointsAPI(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	admin, chair := user(e.A, models.RoleAdmin), user(e.A, models.RoleChairman)
	r := e.do(admin, "POST", hookPath, map[string]any{"name": "Zalo OA xã",
		"url": "https://zalo-bridge.example.vn/hook", "events": []string{"task.completed", "task.progress"}}).expect(201)
	var created deadlines.NewEndpoint
	r.decode(&created)
	if !strings.HasPrefix(created.Secret, "whsec_") || created.Events[0] != "task.progress" ||
		r.Header().Get("Location") != hookPath+"/"+itoa(created.ID) {
		t.Fatalf("created: %s (Location %q)", r.Body, r.Header().Get("Location"))
	}
	list := e.do(chair, "GET", hookPath, nil).expect(200)
	if strings.Contains(list.Body.String(), created.Secret) || !strings.Contains(list.Body.String(), "Zalo OA xã") {
		t.Fatalf("list: %s", list.Body)
	}
	path := hookPath + "/" + itoa(created.ID)
	e.do(chair, "PATCH", path, map[string]any{"enabled": false}, "If-Match", `"7"`).expectProblem(412, "stale")
	var updated deadlines.Endpoint
	e.do(chair, "PATCH", path, map[string]any{"events": []string{"task.overdue"}, "secret": "mot-khoa-bi-mat-du-dai-2024"},
		"If-Match", `"1"`).expect(200).decode(&updated)
	if updated.Version != 2 || len(updated.Events) != 1 || updated.URL != created.URL {
		t.Fatalf("updated: %+v", updated)
	}
	e.do(user(e.A, models.RoleOfficer), "GET", hookPath, nil).expectProblem(403, "forbidden")
	e.do(user(e.B, models.RoleAdmin), "PATCH", path, map[string]any{"name": "x"}).expectProblem(404, "not_found")
	e.do(admin, "DELETE", path, nil).expect(204)
	e.do(admin, "DELETE", path, nil).expectProblem(404, "not_found")
	var audit struct {
		Items []struct{ Action string }
	}
	e.do(admin, "GET", "/api/v1/audit?entity=webhook_endpoint&id="+itoa(created.ID), nil).expect(200).decode(&audit)
	if len(audit.Items) != 3 {
		t.Fatalf("audit rows: %+v", audit.Items)
	}
}

// TestWebhookEndpointsBadInput: every bad field is named in one 400, and
// nothing is registered.
func TestWebhookEndpointsBadInput(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	admin := user(e.A, models.RoleAdmin)
	cases := []struct {
		body   map[string]any
		fields []string
	}{
		{map[string]any{}, []string{"url", "events"}},
		{map[string]any{"url": "ftp://x.example.vn/", "events": []string{"task.progress", "task.nope"}}, []string{"url", "events"}},
		{map[string]any{"url": "https://a.example.vn/", "events": []string{}, "secret": "ngan"}, []string{"events", "secret"}},
		{map[string]any{"url": "  ", "events": []string{"plan.created"}, "name": strings.Repeat("x", 201)}, []string{"url", "name"}},
	}
	for _, c := range cases {
		p := e.do(admin, "POST", hookPath, c.body).expectProblem(400, "validation")
		for _, f := range c.fields {
			if !hasFieldError(p, f) {
				t.Errorf("%v: %s not named in %+v", c.body, f, p.Errors)
			}
		}
	}
	var list struct{ Items []deadlines.Endpoint }
	e.do(admin, "GET", hookPath, nil).expect(200).decode(&list)
	if len(list.Items) != 0 {
		t.Fatalf("registered after refusals: %+v", list.Items)
	}
}

func hasFieldError(p httpx.Problem, field string) bool {
	for _, f := range p.Errors {
		if f.Field == field {
			return true
		}
	}
	return false
}

// TestWebhookEndpointRefusesPrivateAddress: on a server that does not allow
// private destinations, an endpoint on loopback, a private or link-local
// network is a 400 naming url, as for the reminder webhook.
func TestWebhookEndpointRefusesPrivateAddress(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	store, err := domain.Open(e.DB, models.Options{Clock: e.Clock, Password: models.TestPasswordParams})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(store.Close)
	e.handler = handlers.New(store, httpx.Options{Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	for _, url := range []string{"http://127.0.0.1:8080/hook", "http://[::1]/x", "http://169.254.169.254/latest/",
		"https://10.1.2.3/hook", "http://192.168.1.10/"} {
		p := e.do(user(e.A, models.RoleAdmin), "POST", hookPath, map[string]any{"url": url,
			"events": []string{"task.progress"}}).expectProblem(400, "validation")
		if !hasFieldError(p, "url") || p.Errors[0].Code != "private_address" {
			t.Errorf("%s: %+v", url, p.Errors)
		}
	}
}

// TestWebhookSendTestAndEvents: "Gửi thử" and a progress report reach a
// local receiver through the outbox, signed under the endpoint's secret,
// each with the delivery's message id as event id, and the delivery log
// shows both as sent to the endpoint. A removed endpoint gets nothing more.
func TestWebhookSendTestAndEvents(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	rcv := testnotify.NewWebhook(t, "mot-khoa-bi-mat-du-dai-2024")
	rcv.Clock = e.Clock
	admin, officer := user(e.A, models.RoleAdmin), user(e.A, models.RoleOfficer)
	var ep deadlines.NewEndpoint
	e.do(admin, "POST", hookPath, map[string]any{"url": rcv.URL, "secret": rcv.Secret,
		"events": []string{"task.progress"}}).expect(201).decode(&ep)
	if ep.Secret != rcv.Secret {
		t.Fatalf("secret shown: %q", ep.Secret)
	}
	var sample deadlines.TestEvent
	e.do(admin, "POST", hookPath+"/"+itoa(ep.ID)+"/test", nil).expect(202).decode(&sample)
	p := e.mkPlan(e.chairA(), planIn(31, nil))
	task := e.mkTask(e.chairA(), p.ID, taskIn(e.A.Office.ID, map[string]any{"assignee_ids": []int64{e.A.Users[models.RoleOfficer].ID}}))
	e.do(officer, "POST", "/api/v1/tasks/"+itoa(task.ID)+"/progress", map[string]any{"percent": 40, "note": "Đã khảo sát"}).expect(201)

	store := e.JobsStore(t)
	runJobs(t, store)
	hits := rcv.Hits()
	if len(hits) != 2 {
		t.Fatalf("received %d events", len(hits))
	}
	types := map[string]string{}
	for _, h := range hits {
		var ev notify.Event
		if err := json.Unmarshal(h.Body, &ev); err != nil || h.SigErr != nil || ev.ID != h.ID {
			t.Fatalf("event %s: %v, signature %v", h.Body, err, h.SigErr)
		}
		types[ev.Type] = ev.ID
	}
	if types[models.EventTest] != "msg_"+strings.ReplaceAll(sample.MessageID, "-", "") || types[models.EventTaskProgress] == "" {
		t.Fatalf("events: %v (sample %s)", types, sample.MessageID)
	}
	var log models.Page[deadlines.Delivery]
	e.do(admin, "GET", "/api/v1/deliveries?channel=event", nil).expect(200).decode(&log)
	for _, d := range log.Items {
		if d.Status != "sent" || d.EndpointID == nil || *d.EndpointID != ep.ID || d.RecipientName != rcv.URL {
			t.Errorf("delivery log: %+v", d)
		}
	}
	e.do(admin, "DELETE", hookPath+"/"+itoa(ep.ID), nil).expect(204)
	e.do(officer, "POST", "/api/v1/tasks/"+itoa(task.ID)+"/progress", map[string]any{"percent": 60}).expect(201)
	runJobs(t, store)
	if n := len(rcv.Hits()); n != 2 || len(log.Items) != 2 {
		t.Fatalf("after removal: %d received, log had %d", n, len(log.Items))
	}
	_ = ctx
}

// runJobs runs the events planner and one dispatch at the world's clock.
func runJobs(t *testing.T, store *domain.Store) {
	t.Helper()
	ctx, now := context.Background(), store.Clock().Now()
	if _, err := (jobs.Events{Store: store}).Run(ctx, now); err != nil {
		t.Fatal(err)
	}
	hook := notify.Webhook{Clock: store.Clock(), AllowPrivate: true}
	d := jobs.Dispatch{Store: store, Owner: "test", Channels: map[string]notify.Channel{
		models.ChannelEvent: notify.EventHook{Webhook: hook}, "inbox": notify.Inbox{Store: store, Owner: "test"},
		"webhook": hook}}
	if _, err := d.Run(ctx, now); err != nil {
		t.Fatal(err)
	}
}
