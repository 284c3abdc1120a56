package handlers_test

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tiendo/tiendo/jobs"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/accounts"
	"github.com/tiendo/tiendo/models/calendar"
	"github.com/tiendo/tiendo/models/deadlines"
	"github.com/tiendo/tiendo/models/plans"
)

func TestAdminEditsContactDetails(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	admin := user(e.A, models.RoleAdmin)
	officer := e.A.Users[models.RoleOfficer]
	path := "/api/v1/users/" + itoa(officer.ID)
	var u accounts.User
	r := e.do(admin, "PATCH", path, map[string]any{"full_name": " Trần Thị Bích ", "email": "bich@vongdong.gov.vn",
		"phone": "0912 345 678", "title": "Công chức Văn phòng – Thống kê"}, "If-Match", `"1"`).expect(http.StatusOK)
	r.decode(&u)
	if u.FullName != "Trần Thị Bích" || u.Email != "bich@vongdong.gov.vn" || u.Phone != "0912 345 678" ||
		u.Title != "Công chức Văn phòng – Thống kê" || u.Version != 2 || r.Header().Get("ETag") != `"2"` ||
		!slices.Equal([]string(u.ReminderChannels), []string{"email", "inbox"}) {
		t.Fatalf("after the change: %+v, ETag %s", u, r.Header().Get("ETag"))
	}
	// A stale version, a malformed e-mail or phone, an e-mail another account
	// of the commune has: refused, nothing changes.
	e.do(admin, "PATCH", path, map[string]any{"title": "Khác"}, "If-Match", `"1"`).
		expectProblem(http.StatusPreconditionFailed, "stale")
	p := e.do(admin, "PATCH", path, map[string]any{"email": "bich@", "phone": "12", "full_name": ""}).invalid("email")
	if len(p.Errors) != 3 {
		t.Errorf("want every field error at once: %+v", p.Errors)
	}
	team := e.A.Users[models.RoleTeamMember]
	e.do(admin, "PATCH", "/api/v1/users/"+itoa(team.ID), map[string]any{"email": "BICH@vongdong.gov.vn"}).
		expectProblem(http.StatusConflict, "conflict")
	// Another commune may have the same address.
	e.do(user(e.B, models.RoleAdmin), "PATCH", "/api/v1/users/"+itoa(e.B.Users[models.RoleOfficer].ID),
		map[string]any{"email": "bich@vongdong.gov.vn"}).expect(http.StatusOK)
	var users models.Page[accounts.User]
	e.do(admin, "GET", "/api/v1/users", nil).expect(http.StatusOK).decode(&users)
	for _, x := range users.Items {
		if x.ID == team.ID && x.Email == "BICH@vongdong.gov.vn" || x.ID == officer.ID && x.Version != 2 {
			t.Errorf("a refused change was written: %+v", x)
		}
	}
	audit := e.do(admin, "GET", "/api/v1/audit?entity=user", nil).expect(http.StatusOK)
	if !strings.Contains(audit.Body.String(), `"action":"update"`) {
		t.Fatalf("no audit row: %s", audit.Body)
	}
}

func TestDuplicateEmailConflictNamesEmail(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	admin := user(e.A, models.RoleAdmin)
	e.do(admin, "PATCH", "/api/v1/users/"+itoa(e.A.Users[models.RoleOfficer].ID),
		map[string]any{"email": "vp@vongdong.gov.vn"}).expect(http.StatusOK)
	p := e.do(user(e.A, models.RoleTeamMember), "PATCH", "/api/v1/me", map[string]any{"email": "Vp@VongDong.gov.vn"}).
		expectProblem(http.StatusConflict, "conflict")
	if len(p.Errors) != 1 || p.Errors[0].Field != "email" {
		t.Fatalf("the conflict does not name email: %+v", p)
	}
}

// Everyone sets their own e-mail, phone and channels; the planner queues
// e-mail reminders only for those who chose e-mail.
func TestMeChannelsDecideEmailReminders(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	officer, team := user(e.A, models.RoleOfficer), user(e.A, models.RoleTeamMember)
	e.do(officer, "PATCH", "/api/v1/me", map[string]any{"email": "vp@vongdong.gov.vn", "phone": "+84 912 345 678"}).
		expect(http.StatusOK)
	var u accounts.User
	e.do(team, "PATCH", "/api/v1/me", map[string]any{"email": "to1@vongdong.gov.vn", "reminder_channels": []string{"inbox"}}).
		expect(http.StatusOK).decode(&u)
	if !slices.Equal([]string(u.ReminderChannels), []string{"inbox"}) || u.Phone != "" {
		t.Fatalf("after choosing the inbox only: %+v", u)
	}
	e.do(team, "PATCH", "/api/v1/me", map[string]any{"reminder_channels": []string{"email"}}).invalid("reminder_channels")
	e.do(team, "PATCH", "/api/v1/me", map[string]any{"reminder_channels": []string{"inbox", "sms"}}).invalid("reminder_channels")
	e.do(team, "PATCH", "/api/v1/me", map[string]any{"phone": "0912"}, "If-Match", `"1"`).
		expectProblem(http.StatusPreconditionFailed, "stale")
	e.do(user(e.A, models.RoleAdmin), "PUT", "/api/v1/settings", settingsBody(nil)).expect(http.StatusOK)

	chair := e.Actor(t, e.A, models.RoleChairman)
	p, err := e.Store.CreatePlan(ctx, chair, plans.PlanInput{DocNumber: "41/KH-UBND",
		IssuedOn: calendar.NewDate(2024, time.September, 2), Kind: "other", Title: "Nhắc việc theo kênh"})
	if err != nil {
		t.Fatal(err)
	}
	ids := []int64{e.A.Users[models.RoleOfficer].ID, e.A.Users[models.RoleTeamMember].ID}
	if _, err := e.Store.CreateTask(ctx, chair, p.ID, plans.TaskInput{Title: "Việc hạn hôm nay",
		LeadUnitID: e.A.Office.ID, DueOn: calendar.NewDate(2024, time.September, 30), AssigneeIDs: ids}); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2024, 9, 30, 7, 30, 0, 0, models.VietnamTime)
	e.Clock.Set(now)
	job := jobs.Reminders{Store: e.JobsStore(t), Options: deadlines.PlanOptions{EmailAvailable: true}}
	if _, err := job.Run(ctx, now); err != nil {
		t.Fatal(err)
	}
	var page models.Page[deadlines.Delivery]
	e.do(user(e.A, models.RoleAdmin), "GET", "/api/v1/deliveries?limit=200", nil).expect(http.StatusOK).decode(&page)
	count := map[string]int{}
	for _, d := range page.Items {
		count[itoa(d.RecipientID)+"/"+d.Channel]++
	}
	o, tm := itoa(ids[0]), itoa(ids[1])
	if count[o+"/email"] == 0 || count[o+"/inbox"] == 0 || count[tm+"/inbox"] == 0 || count[tm+"/email"] != 0 {
		t.Fatalf("deliveries per recipient/channel: %v", count)
	}
}
