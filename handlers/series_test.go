package handlers_test

import (
	"net/http"
	"testing"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/plans"
)

// weeklyIn is a valid weekly series body led by unit, changed by extra.
func weeklyIn(unit int64, extra map[string]any) map[string]any {
	return merge(map[string]any{"title": "Ngày không viết – Ngày không hẹn", "lead_unit_id": unit,
		"rule": "weekly", "weekdays": []int{4}, "starts_on": "2024-10-01"}, extra)
}

// mkSeries creates a series under plan as user and returns it.
func (e *env) mkSeries(user string, plan int64, body map[string]any) plans.Series {
	e.t.Helper()
	var sr plans.Series
	e.do(user, "POST", "/api/v1/plans/"+itoa(plan)+"/series", body).expect(http.StatusCreated).decode(&sr)
	return sr
}

// TestSeriesPermissions: everyone in the commune reads a series; admin and
// chairman change and stop it; another commune hears 404.
func TestSeriesPermissions(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	plan := e.mkPlan(e.chairA(), planIn(1, nil))
	sr := e.mkSeries(e.chairA(), plan.ID, weeklyIn(e.A.Office.ID, nil))
	path := "/api/v1/series/" + itoa(sr.ID)
	for _, r := range []models.Role{models.RoleAdmin, models.RoleChairman, models.RoleSteeringMember, models.RoleOfficer, models.RoleTeamMember} {
		e.do(user(e.A, r), "GET", path, nil).expect(http.StatusOK)
		e.do(user(e.B, r), "GET", path, nil).expect(http.StatusNotFound)
		e.do(user(e.B, r), "PATCH", path, map[string]any{"title": "Của xã khác"}).expect(http.StatusNotFound)
		e.do(user(e.B, r), "DELETE", path, nil).expect(http.StatusNotFound)
		if r == models.RoleAdmin || r == models.RoleChairman {
			continue
		}
		e.do(user(e.A, r), "PATCH", path, map[string]any{"title": "Đổi tên"}).expectProblem(http.StatusForbidden, "forbidden")
		e.do(user(e.A, r), "DELETE", path, nil).expectProblem(http.StatusForbidden, "forbidden")
	}
	e.do("", "GET", path, nil).expect(http.StatusUnauthorized)
	e.do(user(e.A, models.RoleAdmin), "PATCH", path, map[string]any{"title": "Đổi tên"}).expect(http.StatusOK)
	e.do(e.chairA(), "DELETE", path, nil, "If-Match", `"1"`).expect(http.StatusPreconditionFailed)
	e.do(e.chairA(), "DELETE", path, nil).expect(http.StatusNoContent)
	e.do(e.chairA(), "DELETE", path, nil).expect(http.StatusNoContent) // stopping twice is stopping once
	e.do(e.chairA(), "PATCH", path, map[string]any{"title": "Sau khi dừng"}).expectProblem(http.StatusConflict, "conflict")
}

// TestSeriesLifecycle creates a weekly series on 30/9/2024 (the fixtures'
// clock), reads its first occurrences, changes its rule and stops it.
func TestSeriesLifecycle(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	chair := e.chairA()
	plan := e.mkPlan(chair, planIn(1, nil))
	sr := e.mkSeries(chair, plan.ID, weeklyIn(e.A.Office.ID, map[string]any{"supporting_unit_ids": []int64{e.A.Hamlet1.ID}}))
	// Through 14/10: the Thursdays 3/10 and 10/10, each a task of the plan.
	var got plans.Series
	e.do(user(e.A, models.RoleTeamMember), "GET", "/api/v1/series/"+itoa(sr.ID), nil).expect(http.StatusOK).decode(&got)
	if got.GeneratedUntil.String() != "2024-10-14" || len(got.Occurrences) != 2 ||
		got.Occurrences[0].OccurrenceOn.String() != "2024-10-10" || got.Occurrences[1].OccurrenceOn.String() != "2024-10-03" {
		t.Fatalf("series %+v", got)
	}
	tasks := e.listTasks(chair, "/api/v1/plans/"+itoa(plan.ID)+"/tasks")
	if len(tasks.Items) != 2 || tasks.Items[0].SeriesID == nil || *tasks.Items[0].SeriesID != sr.ID ||
		tasks.Items[0].OccurrenceOn.String() != "2024-10-03" || tasks.Items[0].Status != "due_soon" ||
		tasks.Items[1].Status != "not_started" || len(tasks.Items[0].SupportingUnitIDs) != 1 {
		t.Fatalf("occurrences as tasks: %+v", tasks.Items)
	}
	var list models.Page[plans.Series]
	e.do(user(e.A, models.RoleOfficer), "GET", "/api/v1/plans/"+itoa(plan.ID)+"/series", nil).expect(http.StatusOK).decode(&list)
	if len(list.Items) != 1 || list.Items[0].ID != sr.ID {
		t.Errorf("plan's series: %+v", list.Items)
	}
	// Monthly on the 31st from 15/10 on (the Thursdays already made stay):
	// through the end of next month, 31/10.
	var monthly plans.Series
	e.do(chair, "PATCH", "/api/v1/series/"+itoa(sr.ID), map[string]any{"rule": "monthly", "day_of_month": 31},
		"If-Match", `"1"`).expect(http.StatusOK).decode(&monthly)
	if monthly.Rule != "monthly" || len(monthly.Weekdays) != 0 || monthly.GeneratedUntil.String() != "2024-10-31" ||
		len(monthly.Occurrences) != 0 {
		t.Errorf("after the patch: %+v", monthly)
	}
	e.do(chair, "DELETE", "/api/v1/series/"+itoa(sr.ID), nil).expect(http.StatusNoContent)
	// Today's past stays; the future occurrences nobody touched are gone.
	if n := len(e.listTasks(chair, "/api/v1/plans/"+itoa(plan.ID)+"/tasks").Items); n != 0 {
		t.Errorf("after stopping on 30/9: %d future occurrences remain", n)
	}
}

func TestSeriesValidation(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	chair := e.chairA()
	plan := e.mkPlan(chair, planIn(1, nil))
	path := "/api/v1/plans/" + itoa(plan.ID) + "/series"
	cases := []struct {
		extra map[string]any
		field string
	}{
		{map[string]any{"title": ""}, "title"},
		{map[string]any{"rule": "daily"}, "rule"},
		{map[string]any{"weekdays": []int{}}, "weekdays"},
		{map[string]any{"weekdays": []int{0}}, "weekdays"},
		{map[string]any{"day_of_month": 5}, "day_of_month"},
		{map[string]any{"rule": "monthly", "weekdays": nil, "day_of_month": 32}, "day_of_month"},
		{map[string]any{"rule": "quarterly"}, "weekdays"},
		{map[string]any{"on_holiday": "ignore"}, "on_holiday"},
		{map[string]any{"starts_on": "2023-01-01"}, "starts_on"},
		{map[string]any{"ends_on": "2024-09-01"}, "ends_on"},
		{map[string]any{"supporting_unit_ids": []int64{e.B.Office.ID}}, "supporting_unit_ids"},
		{map[string]any{"assignee_ids": []int64{e.B.Users[models.RoleOfficer].ID}}, "assignee_ids"},
		{map[string]any{"lead_unit_id": e.B.Office.ID}, "lead_unit_id"},
		{map[string]any{"weekday": 4}, "weekday"},
	}
	for _, c := range cases {
		e.do(chair, "POST", path, weeklyIn(e.A.Office.ID, c.extra)).invalid(c.field)
	}
	e.do(user(e.A, models.RoleOfficer), "POST", path, weeklyIn(e.A.Office.ID, nil)).expect(http.StatusForbidden)
	e.do(user(e.B, models.RoleChairman), "POST", path, weeklyIn(e.B.Office.ID, nil)).expect(http.StatusNotFound)
}
