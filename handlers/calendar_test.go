package handlers_test

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"testing"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/calendar"
	"github.com/tiendo/tiendo/models/deadlines"
	"github.com/tiendo/tiendo/models/plans"
)

// overrideBody is a valid override for a date no other case uses.
func overrideBody(f *authzWorld, _ models.Role) any {
	d := calendar.NewDate(2031, 1, 1).AddDays(f.next())
	return map[string]any{"date": d.String(), "action": "add", "kind": "holiday", "name": "Ngày nghỉ thử quyền"}
}

// seriesBody is a valid weekly series led by commune A's office.
func seriesBody(f *authzWorld, _ models.Role) any {
	return map[string]any{"title": "Họp giao ban thứ Hai", "lead_unit_id": f.a.Office.ID, "rule": "weekly", "weekdays": []int{1}}
}

// daysOff reads a year's days off as "date kind" lines, and its make-up days.
func (e *env) daysOff(user string, year int) (off, makeup []string) {
	e.t.Helper()
	var y deadlines.CalendarYear
	e.do(user, "GET", fmt.Sprintf("/api/v1/calendar?year=%d", year), nil).expect(http.StatusOK).decode(&y)
	for _, d := range y.DaysOff {
		off = append(off, d.Date.String()+" "+d.Kind)
	}
	for _, d := range y.MakeupDays {
		makeup = append(makeup, d.Date.String()+" "+d.Kind)
	}
	return off, makeup
}

// addWorkingDays asks the API for the days-th working day from from.
func (e *env) addWorkingDays(user, from string, days int) string {
	e.t.Helper()
	var out struct{ Date string }
	e.do(user, "GET", fmt.Sprintf("/api/v1/calendar/add-working-days?from=%s&days=%d", from, days), nil).
		expect(http.StatusOK).decode(&out)
	return out.Date
}

var official2024 = []string{
	"2024-01-01 holiday",
	// Tết Giáp Thìn: 29 tháng Chạp to mùng 3, the weekend's two lost days given back on 13–14/2.
	"2024-02-08 holiday", "2024-02-09 holiday", "2024-02-10 holiday", "2024-02-11 holiday", "2024-02-12 holiday",
	"2024-02-13 compensatory", "2024-02-14 compensatory",
	"2024-04-18 holiday", // Giỗ Tổ Hùng Vương, 10/3 âm lịch
	// 30/4–1/5 with the 2024 swap: Monday 29/4 off, repaid on Saturday 4/5.
	"2024-04-29 swapped", "2024-04-30 holiday", "2024-05-01 holiday",
	"2024-09-02 holiday", "2024-09-03 holiday",
}

var official2025 = []string{
	"2025-01-01 holiday",
	"2025-01-27 holiday", "2025-01-28 holiday", "2025-01-29 holiday", "2025-01-30 holiday", "2025-01-31 holiday",
	"2025-04-07 holiday", "2025-04-30 holiday", "2025-05-01 holiday", "2025-05-02 swapped",
	"2025-09-01 holiday", "2025-09-02 holiday",
}

func TestCalendarOfficialYears(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	officer := user(e.A, models.RoleTeamMember)
	if off, makeup := e.daysOff(officer, 2024); !slices.Equal(off, official2024) || !slices.Equal(makeup, []string{"2024-05-04 makeup"}) {
		t.Errorf("2024: days off %v, make-up %v", off, makeup)
	}
	if off, makeup := e.daysOff(officer, 2025); !slices.Equal(off, official2025) || !slices.Equal(makeup, []string{"2025-04-26 makeup"}) {
		t.Errorf("2025: days off %v, make-up %v", off, makeup)
	}
	for _, q := range []string{"year=1899", "year=2101", "year=abc"} {
		e.do(officer, "GET", "/api/v1/calendar?"+q, nil).invalid("year")
	}
	e.do("", "GET", "/api/v1/calendar?year=2024", nil).expect(http.StatusUnauthorized)
}

func TestAddWorkingDaysAcrossTet(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	officer := user(e.A, models.RoleOfficer)
	cases := []struct {
		from string
		days int
		want string
	}{
		{"2024-02-07", 1, "2024-02-15"},  // Wednesday before Tết → Thursday after it
		{"2024-02-15", -1, "2024-02-07"}, // and back
		{"2024-02-10", 0, "2024-02-15"},  // a day off moves to the next working day
		{"2024-04-26", 2, "2024-05-03"},  // over the swapped Monday and 30/4–1/5
		{"2024-05-03", 1, "2024-05-04"},  // the make-up Saturday is worked
	}
	for _, c := range cases {
		if got := e.addWorkingDays(officer, c.from, c.days); got != c.want {
			t.Errorf("%s %+d: %s, want %s", c.from, c.days, got, c.want)
		}
	}
	e.do(officer, "GET", "/api/v1/calendar/add-working-days?from=1899-12-29&days=1", nil).invalid("from")
	e.do(officer, "GET", "/api/v1/calendar/add-working-days?from=2024-02-30&days=1", nil).invalid("from")
	e.do(officer, "GET", "/api/v1/calendar/add-working-days?from=2024-02-07", nil).invalid("days")
	e.do(officer, "GET", "/api/v1/calendar/add-working-days?from=2100-12-31&days=5", nil).invalid("days")
	e.do("", "GET", "/api/v1/calendar/add-working-days?from=2024-02-07&days=1", nil).expect(http.StatusUnauthorized)
}

// TestCalendarOverridesArePerCommune changes commune A's calendar and
// expects A's answers to change at once, and B's not at all.
func TestCalendarOverridesArePerCommune(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	adminA, officerA, officerB := user(e.A, models.RoleAdmin), user(e.A, models.RoleOfficer), user(e.B, models.RoleOfficer)
	// Warm both communes' cached calendars first, so a stale cache would show.
	if e.addWorkingDays(officerA, "2024-10-01", 1) != "2024-10-02" || e.addWorkingDays(officerB, "2024-10-01", 1) != "2024-10-02" {
		t.Fatal("baseline")
	}
	var o deadlines.CalendarOverride
	e.do(adminA, "POST", "/api/v1/settings/calendar", map[string]any{"date": "2024-10-02", "action": "add",
		"kind": "holiday", "name": "Nghỉ bầu cử"}).expect(http.StatusCreated).decode(&o)
	if o.Date.String() != "2024-10-02" || o.Kind == nil || *o.Kind != "holiday" || o.CreatedByName == "" {
		t.Errorf("created %+v", o)
	}
	e.do(adminA, "POST", "/api/v1/settings/calendar", map[string]any{"date": "2024-09-03", "action": "remove"}).
		expect(http.StatusCreated)
	if got := e.addWorkingDays(officerA, "2024-10-01", 1); got != "2024-10-03" {
		t.Errorf("A after its holiday: %s, want 2024-10-03", got)
	}
	if got := e.addWorkingDays(officerB, "2024-10-01", 1); got != "2024-10-02" {
		t.Errorf("B is not A: %s, want 2024-10-02", got)
	}
	offA, _ := e.daysOff(officerA, 2024)
	offB, _ := e.daysOff(officerB, 2024)
	if !slices.Contains(offA, "2024-10-02 holiday") || slices.Contains(offA, "2024-09-03 holiday") || !slices.Equal(offB, official2024) {
		t.Errorf("A %v; B %v", offA, offB)
	}
	var list models.Page[deadlines.CalendarOverride]
	e.do(officerA, "GET", "/api/v1/settings/calendar?year=2024", nil).expect(http.StatusOK).decode(&list)
	e.do(officerB, "GET", "/api/v1/settings/calendar", nil).expect(http.StatusOK)
	if len(list.Items) != 2 || list.Items[0].Date.String() != "2024-09-03" || list.Items[0].Kind != nil {
		t.Errorf("A's overrides: %+v", list.Items)
	}
	e.do(adminA, "DELETE", "/api/v1/settings/calendar/2024-10-02", nil).expect(http.StatusNoContent)
	if got := e.addWorkingDays(officerA, "2024-10-01", 1); got != "2024-10-02" {
		t.Errorf("A after deleting its holiday: %s", got)
	}
	actions := calendarAudit(t, e)
	if !slices.Equal(actions, []string{"delete", "create", "create"}) {
		t.Errorf("audit of calendar overrides: %v", actions)
	}
}

// calendarAudit lists commune A's calendar audit actions, newest first.
func calendarAudit(t *testing.T, e *env) []string {
	t.Helper()
	page, err := e.Store.ListAudit(context.Background(), e.World.Actor(t, e.A, models.RoleAdmin),
		models.AuditFilter{Entity: "calendar_override"})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range page.Items {
		out = append(out, r.Action)
	}
	return out
}

func TestCalendarOverridesAreAdminOnly(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	admin := user(e.A, models.RoleAdmin)
	body := map[string]any{"date": "2024-12-24", "action": "add", "kind": "holiday"}
	for _, r := range []models.Role{models.RoleChairman, models.RoleSteeringMember, models.RoleOfficer, models.RoleTeamMember} {
		e.do(user(e.A, r), "POST", "/api/v1/settings/calendar", body).expectProblem(http.StatusForbidden, "forbidden")
	}
	e.do(admin, "POST", "/api/v1/settings/calendar", body).expect(http.StatusCreated)
	e.do(admin, "POST", "/api/v1/settings/calendar", body).expectProblem(http.StatusConflict, "conflict")
	e.do(user(e.A, models.RoleChairman), "DELETE", "/api/v1/settings/calendar/2024-12-24", nil).expect(http.StatusForbidden)
	e.do(user(e.B, models.RoleAdmin), "DELETE", "/api/v1/settings/calendar/2024-12-24", nil).expect(http.StatusNotFound)
	e.do(admin, "DELETE", "/api/v1/settings/calendar/2024-12-32", nil).invalid("date")
	e.do(admin, "DELETE", "/api/v1/settings/calendar/2024-12-24", nil).expect(http.StatusNoContent)
	e.do(admin, "DELETE", "/api/v1/settings/calendar/2024-12-24", nil).expect(http.StatusNotFound)
	bad := []struct {
		body  map[string]any
		field string
	}{
		{map[string]any{"date": "2024-12-23", "action": "add", "kind": "makeup"}, "date"}, // a Monday
		{map[string]any{"date": "1899-12-30", "action": "add", "kind": "holiday"}, "date"},
		{map[string]any{"date": "2024-12-23", "action": "move"}, "action"},
		{map[string]any{"date": "2024-12-23", "action": "add"}, "kind"},
		{map[string]any{"date": "2024-12-23", "action": "add", "kind": "festival"}, "kind"},
		{map[string]any{"date": "2024-12-23", "action": "remove", "kind": "holiday"}, "kind"},
		{map[string]any{"action": "remove"}, "date"},
		{map[string]any{"date": "23/12/2024", "action": "remove"}, "date"},
	}
	for _, b := range bad {
		e.do(admin, "POST", "/api/v1/settings/calendar", b.body).invalid(b.field)
	}
}

// TestTaskDeadlineInWorkingDays gives deadlines as "N working days from a
// Date", resolved on the commune's own calendar.
func TestTaskDeadlineInWorkingDays(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	chair := e.chairA()
	plan := e.mkPlan(chair, planIn(1, nil))
	in := func(from string, days any, extra map[string]any) map[string]any {
		return taskIn(e.A.Office.ID, merge(map[string]any{"due_on": nil, "start_on": "2024-02-01",
			"due_in_working_days": map[string]any{"from": from, "days": days}}, extra))
	}
	task := e.mkTask(chair, plan.ID, in("2024-02-07", 1, nil))
	if task.DueOn.String() != "2024-02-15" {
		t.Errorf("1 working day after 7/2/2024 is 15/2 (Tết), got %s", task.DueOn)
	}
	path := "/api/v1/plans/" + itoa(plan.ID) + "/tasks"
	e.do(chair, "POST", path, in("2024-02-07", 1, map[string]any{"due_on": "2024-03-01"})).invalid("due_in_working_days")
	e.do(chair, "POST", path, in("2024-02-07", nil, nil)).invalid("due_in_working_days.days")
	e.do(chair, "POST", path, in("", 3, nil)).invalid("due_in_working_days.from")
	e.do(chair, "POST", path, in("2024-02-07", -5, nil)).invalid("due_on") // before the start
	// Commune A closes on Wednesday 2/10; five working days from Monday 30/9 end a day later.
	e.do(user(e.A, models.RoleAdmin), "POST", "/api/v1/settings/calendar",
		map[string]any{"date": "2024-10-02", "action": "add", "kind": "holiday"}).expect(http.StatusCreated)
	var patched plans.Task
	e.do(chair, "PATCH", "/api/v1/tasks/"+itoa(task.ID), map[string]any{
		"due_in_working_days": map[string]any{"from": "2024-09-30", "days": 5}}).expect(http.StatusOK).decode(&patched)
	if patched.DueOn.String() != "2024-10-08" {
		t.Errorf("5 working days after 30/9 with 2/10 off: %s, want 2024-10-08", patched.DueOn)
	}
	e.do(chair, "PATCH", "/api/v1/tasks/"+itoa(task.ID), map[string]any{"due_on": "2024-10-09",
		"due_in_working_days": map[string]any{"from": "2024-09-30", "days": 5}}).invalid("due_in_working_days")
}
