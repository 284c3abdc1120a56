package handlers_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/plans"
)

// TestCreateTaskRejections: each bad body is a 400 naming the field to fix,
// and stores nothing.
func TestCreateTaskRejections(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	chair := e.chairA()
	p := e.mkPlan(chair, planIn(1, nil))
	path := "/api/v1/plans/" + itoa(p.ID) + "/tasks"
	unit := e.A.Hamlet1.ID
	cases := []struct {
		name  string
		body  any
		field string
	}{
		{"malformed", `{"title": "a"`, "body"},
		{"trailing garbage", jsonOf(t, taskIn(unit, nil)) + `]`, "body"},
		{"unknown field", taskIn(unit, map[string]any{"priority": "cao"}), "priority"},
		{"no title", taskIn(unit, map[string]any{"title": nil}), "title"},
		{"no lead unit", taskIn(unit, map[string]any{"lead_unit_id": nil}), "lead_unit_id"},
		{"no due date", taskIn(unit, map[string]any{"due_on": nil}), "due_on"},
		{"30 February", taskIn(unit, map[string]any{"due_on": "2024-02-30"}), "due_on"},
		{"dd/mm/yyyy", taskIn(unit, map[string]any{"due_on": "31/01/2024"}), "due_on"},
		{"bad start", taskIn(unit, map[string]any{"start_on": "2024-13-01"}), "start_on"},
		{"due before start", taskIn(unit, map[string]any{"start_on": "2024-10-01", "due_on": "2024-09-30"}), "due_on"},
		{"due before today's default start", taskIn(unit, map[string]any{"start_on": nil, "due_on": "2024-09-01"}), "due_on"},
		{"lead unit of commune B", taskIn(e.B.Hamlet1.ID, nil), "lead_unit_id"},
		{"unknown lead unit", taskIn(999999, nil), "lead_unit_id"},
		{"lead unit as string", taskIn(unit, map[string]any{"lead_unit_id": "5"}), "lead_unit_id"},
		{"supporting unit of commune B", taskIn(unit, map[string]any{"supporting_unit_ids": []int64{e.B.Office.ID}}), "supporting_unit_ids"},
		{"lead also supporting", taskIn(unit, map[string]any{"supporting_unit_ids": []int64{unit}}), "supporting_unit_ids"},
		{"assignee of commune B", taskIn(unit, map[string]any{"assignee_ids": []int64{e.B.Users[models.RoleOfficer].ID}}), "assignee_ids"},
		{"assignee id zero", taskIn(unit, map[string]any{"assignee_ids": []int64{0}}), "assignee_ids"},
		{"assignees not a list", taskIn(unit, map[string]any{"assignee_ids": 5}), "assignee_ids"},
		{"negative target", taskIn(unit, map[string]any{"target_value": -1}), "target_value"},
		{"NUL in description", taskIn(unit, map[string]any{"description": "a\u0000b"}), "description"},
		{"zero weight", taskIn(unit, map[string]any{"weight": 0}), "weight"},
		{"huge weight", taskIn(unit, map[string]any{"weight": 1e9}), "weight"},
		{"daily reports", taskIn(unit, map[string]any{"report_every": "day"}), "report_every"},
		{"grace of two months", taskIn(unit, map[string]any{"report_every": "month", "report_grace_days": 45}), "report_grace_days"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := e.with(t)
			e.do(chair, "POST", path, c.body).invalid(c.field)
			if n := e.taskCount(); n != 0 {
				t.Fatalf("%d tasks after a refused create", n)
			}
		})
	}
}

func TestPatchTaskRejections(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	chair := e.chairA()
	task := e.mkTask(chair, e.mkPlan(chair, planIn(1, nil)).ID, taskIn(e.A.Hamlet1.ID, nil))
	path := "/api/v1/tasks/" + itoa(task.ID)
	cases := []struct {
		body  any
		field string
	}{
		{`[]`, "body"},
		{map[string]any{"status": "done_on_time"}, "status"}, // status is derived, never sent
		{map[string]any{"due_on": "2024-08-01"}, "due_on"},
		{map[string]any{"due_on": "2024-02-30"}, "due_on"},
		{map[string]any{"lead_unit_id": e.B.Office.ID}, "lead_unit_id"},
		{map[string]any{"assignee_ids": []int64{e.B.Users[models.RoleTeamMember].ID}}, "assignee_ids"},
		{map[string]any{"cancelled": "yes"}, "cancelled"},
		{map[string]any{"title": ""}, "title"},
	}
	for _, c := range cases {
		e.do(chair, "PATCH", path, c.body).invalid(c.field)
	}
	var got plans.Task
	e.do(chair, "GET", path, nil).expect(http.StatusOK).decode(&got)
	if got.Version != 1 || got.DueOn != task.DueOn || got.LeadUnitID != task.LeadUnitID || len(got.AssigneeIDs) != 0 {
		t.Errorf("refused patches changed the task: %+v", got)
	}
}

// TestDatesAreBounded: dates outside 1900–2100 are 400s naming the field or
// parameter, in bodies and in filters.
func TestDatesAreBounded(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	chair := e.chairA()
	p := e.mkPlan(chair, planIn(1, nil))
	tasks := "/api/v1/plans/" + itoa(p.ID) + "/tasks"
	wantProblem(t, e.do(chair, "POST", tasks, taskIn(e.A.Hamlet1.ID, map[string]any{"start_on": "0001-01-01"})),
		http.StatusBadRequest, "validation", "start_on")
	wantProblem(t, e.do(chair, "POST", tasks, taskIn(e.A.Hamlet1.ID, map[string]any{"due_on": "9999-12-31"})),
		http.StatusBadRequest, "validation", "due_on")
	for path, field := range map[string]string{
		"/api/v1/tasks?due_to=0000-01-01": "due_to", "/api/v1/tasks?due_from=2101-01-01": "due_from",
	} {
		wantProblem(t, e.do(chair, "GET", path, nil), http.StatusBadRequest, "validation", field)
	}
	// A whole number is asked for as one.
	task := e.mkTask(chair, p.ID, taskIn(e.A.Hamlet1.ID, nil))
	r := e.do(chair, "POST", "/api/v1/tasks/"+itoa(task.ID)+"/progress", `{"percent": 99.5}`)
	wantProblem(t, r, http.StatusBadRequest, "validation", "percent")
	if !strings.Contains(r.Body.String(), "số nguyên") {
		t.Errorf("percent 99.5: %s", r.Body)
	}
}
