package handlers_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/tiendo/tiendo/jobs"
	"github.com/tiendo/tiendo/jobs/notify"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/calendar"
	"github.com/tiendo/tiendo/models/deadlines"
	"github.com/tiendo/tiendo/models/plans"
)

// defaultSettingsBody is a valid PUT /settings body: the defaults.
var defaultSettingsBody = map[string]any{"due_soon_days": []int{3, 1}, "due_today": true, "overdue_first_after": 1,
	"overdue_every": 3, "escalate_after": 5, "stale_after_days": 14, "digest_enabled": true, "digest_at": "07:30",
	"email_enabled": true, "webhook_enabled": false, "webhook_url": ""}

func settingsBody(changes map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range defaultSettingsBody {
		out[k] = v
	}
	for k, v := range changes {
		if v == nil {
			delete(out, k)
		} else {
			out[k] = v
		}
	}
	return out
}

func TestReminderSettings(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	admin, team := user(e.A, models.RoleAdmin), user(e.A, models.RoleTeamMember)
	var s deadlines.Settings
	r := e.do(team, "GET", "/api/v1/settings", nil)
	r.decode(&s)
	if r.Code != 200 || s.DigestAt != "07:30" || len(s.DueSoonDays) != 2 || s.UpdatedAt != nil {
		t.Fatalf("defaults: %d %+v", r.Code, s)
	}
	body := settingsBody(map[string]any{"due_soon_days": []int{1, 5, 3}, "webhook_enabled": true,
		"webhook_url": "https://zalo-gateway.example.vn/hook", "webhook_secret": "mot-khoa-bi-mat-du-dai-2024"})
	r = e.do(admin, "PUT", "/api/v1/settings", body)
	if r.Code != 200 || strings.Contains(r.Body.String(), "mot-khoa") || r.Header().Get("ETag") != `"1"` {
		t.Fatalf("put: %d %s (ETag %s)", r.Code, r.Body, r.Header().Get("ETag"))
	}
	// Everyone reads the rules, nobody the secret; lead times come back largest first.
	r = e.do(team, "GET", "/api/v1/settings", nil)
	r.decode(&s)
	if !s.WebhookSecretSet || strings.Contains(r.Body.String(), "mot-khoa") || s.DueSoonDays[0] != 5 || len(s.DueSoonDays) != 3 {
		t.Fatalf("read back: %s", r.Body)
	}
	// A PUT without webhook_secret keeps it; a stale If-Match is refused.
	if r := e.do(admin, "PUT", "/api/v1/settings", settingsBody(map[string]any{"webhook_enabled": true,
		"webhook_url": "https://zalo-gateway.example.vn/hook"}), "If-Match", `"1"`); r.Code != 200 {
		t.Fatalf("keeping the secret: %d %s", r.Code, r.Body)
	}
	if r := e.do(admin, "PUT", "/api/v1/settings", defaultSettingsBody, "If-Match", `"1"`); r.Code != 412 {
		t.Fatalf("stale If-Match: %d", r.Code)
	}
	if r := e.do(user(e.A, models.RoleChairman), "PUT", "/api/v1/settings", defaultSettingsBody); r.Code != 403 {
		t.Fatalf("chairman: %d", r.Code)
	}
	// Another commune still has the defaults.
	r = e.do(user(e.B, models.RoleAdmin), "GET", "/api/v1/settings", nil)
	r.decode(&s)
	if s.WebhookSecretSet || s.Version != 0 {
		t.Fatalf("commune B: %s", r.Body)
	}
}

func TestReminderSettingsValidation(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	admin := user(e.A, models.RoleAdmin)
	cases := []struct {
		body   map[string]any
		fields []string
	}{
		{settingsBody(map[string]any{"due_soon_days": []int{0, 3}, "digest_at": "7:30", "overdue_every": 0}),
			[]string{"due_soon_days", "overdue_every", "digest_at"}},
		{settingsBody(map[string]any{"escalate_after": nil, "stale_after_days": 400}),
			[]string{"escalate_after", "stale_after_days"}},
		{settingsBody(map[string]any{"webhook_enabled": true, "webhook_url": "ftp://x"}),
			[]string{"webhook_url", "webhook_secret"}},
		{settingsBody(map[string]any{"webhook_secret": "ngan"}), []string{"webhook_secret"}},
		{settingsBody(map[string]any{"due_soon_days": []int{1, 2, 3, 4, 5, 6}}), []string{"due_soon_days"}},
	}
	for _, c := range cases {
		r := e.do(admin, "PUT", "/api/v1/settings", c.body)
		if r.Code != 400 {
			t.Errorf("%v: %d", c.body, r.Code)
			continue
		}
		var got []string
		for _, f := range r.problem().Errors {
			got = append(got, f.Field)
		}
		if strings.Join(got, ",") != strings.Join(c.fields, ",") {
			t.Errorf("fields %v, want %v", got, c.fields)
		}
	}
	if r := e.do(admin, "PUT", "/api/v1/settings", `{"due_today": true, "extra": 1}`); r.Code != 400 ||
		r.problem().Errors[0].Field != "extra" {
		t.Errorf("unknown field: %d %s", r.Code, r.Body)
	}
}

// seedReminders plans and dispatches commune A's reminders (inbox only) on
// Monday 30 September 2024 at 07:30: three tasks of the office assigned to
// its officer and one of hamlet 1, whose team member is told.
func seedReminders(t *testing.T, e *env) {
	t.Helper()
	ctx := context.Background()
	e.Clock.Set(time.Date(2024, 9, 27, 15, 0, 0, 0, models.VietnamTime))
	chair := e.Actor(t, e.A, models.RoleChairman)
	p, err := e.Store.CreatePlan(ctx, chair, plans.PlanInput{DocNumber: "40/KH-UBND",
		IssuedOn: calendar.NewDate(2024, time.September, 2), Kind: "other", Title: "Nhắc việc"})
	if err != nil {
		t.Fatal(err)
	}
	officer := e.A.Users[models.RoleOfficer].ID
	for _, due := range []string{"2024-09-30", "2024-10-01", "2024-10-03"} {
		d, _ := calendar.ParseDate(due)
		if _, err := e.Store.CreateTask(ctx, chair, p.ID, plans.TaskInput{Title: "Việc hạn " + due,
			LeadUnitID: e.A.Office.ID, DueOn: d, AssigneeIDs: []int64{officer}}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := e.Store.CreateTask(ctx, chair, p.ID, plans.TaskInput{Title: "Tuyên truyền ở ấp",
		LeadUnitID: e.A.Hamlet1.ID, DueOn: calendar.NewDate(2024, time.October, 31)}); err != nil {
		t.Fatal(err)
	}
	store := e.JobsStore(t)
	now := time.Date(2024, 9, 30, 7, 30, 0, 0, models.VietnamTime)
	e.Clock.Set(now)
	if _, err := (jobs.Reminders{Store: store}).Run(ctx, now); err != nil {
		t.Fatal(err)
	}
	d := jobs.Dispatch{Store: store, Owner: "test",
		Channels: map[string]notify.Channel{"inbox": notify.Inbox{Store: store, Owner: "test"}}}
	if _, err := d.Run(ctx, now); err != nil {
		t.Fatal(err)
	}
}

func TestInboxReadAndUnread(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	seedReminders(t, e)
	officer := user(e.A, models.RoleOfficer)
	var inbox deadlines.Inbox
	r := e.do(officer, "GET", "/api/v1/notifications?limit=2", nil)
	r.decode(&inbox)
	if r.Code != 200 || len(inbox.Items) != 2 || inbox.Next == nil || inbox.Unread < 3 {
		t.Fatalf("inbox: %d %s", r.Code, r.Body)
	}
	total := inbox.Unread
	first := inbox.Items[0]
	if r := e.do(officer, "POST", "/api/v1/notifications/"+itoa(first.ID)+"/read", nil); r.Code != 204 {
		t.Fatalf("read: %d %s", r.Code, r.Body)
	}
	r = e.do(officer, "GET", "/api/v1/notifications?unread=true&limit=200", nil)
	r.decode(&inbox)
	if inbox.Unread != total-1 || len(inbox.Items) != total-1 {
		t.Fatalf("after reading one: unread %d, %d items, want %d", inbox.Unread, len(inbox.Items), total-1)
	}
	// Nobody reads or marks another's notification, in or out of the commune.
	for _, who := range []string{user(e.A, models.RoleTeamMember), user(e.B, models.RoleOfficer)} {
		if r := e.do(who, "POST", "/api/v1/notifications/"+itoa(first.ID)+"/read", nil); r.Code != 404 {
			t.Errorf("%s marking the officer's notification: %d", who, r.Code)
		}
	}
	if r := e.do(officer, "GET", "/api/v1/notifications?unread=yes", nil); r.Code != 400 || r.problem().Errors[0].Field != "unread" {
		t.Errorf("unread=yes: %d %s", r.Code, r.Body)
	}
}

func TestDeliveriesAreScopedByRole(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	seedReminders(t, e)
	var all, own models.Page[deadlines.Delivery]
	e.do(user(e.A, models.RoleChairman), "GET", "/api/v1/deliveries?limit=200", nil).decode(&all)
	officerID := e.A.Users[models.RoleOfficer].ID
	e.do(user(e.A, models.RoleOfficer), "GET", "/api/v1/deliveries?limit=200&channel=inbox&status=sent", nil).decode(&own)
	if len(own.Items) == 0 || len(own.Items) >= len(all.Items) {
		t.Fatalf("officer sees %d of %d", len(own.Items), len(all.Items))
	}
	for _, d := range own.Items {
		if d.RecipientID != officerID || d.Status != "sent" || d.SentAt == nil {
			t.Errorf("officer sees %+v", d)
		}
	}
	var teamOnly *deadlines.Delivery
	for _, d := range all.Items {
		if d.RecipientID != officerID {
			teamOnly = &d
			break
		}
	}
	path := "/api/v1/deliveries/" + itoa(teamOnly.ID) + "/events"
	var events []deadlines.DeliveryEvent
	r := e.do(user(e.A, models.RoleAdmin), "GET", path, nil)
	r.decode(&events)
	if r.Code != 200 || len(events) != 3 || events[0].Event != "queued" || events[2].Event != "sent" {
		t.Fatalf("events: %d %s", r.Code, r.Body)
	}
	for who, want := range map[string]int{user(e.A, models.RoleOfficer): 404, user(e.B, models.RoleAdmin): 404} {
		if r := e.do(who, "GET", path, nil); r.Code != want {
			t.Errorf("%s reading another's delivery log: %d, want %d", who, r.Code, want)
		}
	}
	r = e.do(user(e.A, models.RoleAdmin), "GET", "/api/v1/deliveries?status=lost&kind=late&channel=zalo", nil)
	if r.Code != 400 || len(r.problem().Errors) != 3 {
		t.Errorf("bad filters: %d %s", r.Code, r.Body)
	}
}
