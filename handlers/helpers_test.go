package handlers_test

import (
	"fmt"
	"maps"
	"net/http"

	"github.com/tiendo/tiendo/handlers/httpx"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/plans"
)

// expect fails the test unless r has status.
func (r response) expect(status int) response {
	r.t.Helper()
	if r.Code != status {
		r.t.Fatalf("status %d, want %d: %s", r.Code, status, r.Body.String())
	}
	return r
}

// expectProblem asserts a problem answer with status and code.
func (r response) expectProblem(status int, code string) httpx.Problem {
	r.t.Helper()
	r.expect(status)
	p := r.problem()
	if p.Status != status || p.Code != code {
		r.t.Fatalf("problem %d %q, want %d %q: %s", p.Status, p.Code, status, code, r.Body.String())
	}
	return p
}

// Invalid asserts a 400 validation problem that names field.
func (r response) invalid(field string) httpx.Problem {
	r.t.Helper()
	p := r.expectProblem(http.StatusBadRequest, "validation")
	var names []string
	for _, f := range p.Errors {
		if f.Field == field {
			if f.Message == "" || f.Code == "" {
				r.t.Errorf("field error without code or message: %+v", f)
			}
			return p
		}
		names = append(names, f.Field)
	}
	r.t.Fatalf("problem names %q, want %q: %s", names, field, r.Body.String())
	return p
}

// merge returns a copy of m with the keys of extra set (a nil value deletes).
func merge(m map[string]any, extra map[string]any) map[string]any {
	out := maps.Clone(m)
	for k, v := range extra {
		if v == nil {
			delete(out, k)
		} else {
			out[k] = v
		}
	}
	return out
}

// planIn is a valid plan body with doc_number no/KH-UBND, changed by extra.
func planIn(no int, extra map[string]any) map[string]any {
	return merge(map[string]any{"doc_number": fmt.Sprintf("%02d/KH-UBND", no), "issued_on": "2024-01-15",
		"kind": "admin_reform", "title": fmt.Sprintf("Kế hoạch số %d", no)}, extra)
}

// taskIn is a valid task body led by unit, changed by extra.
func taskIn(unit int64, extra map[string]any) map[string]any {
	return merge(map[string]any{"title": "Rà soát thủ tục hành chính", "lead_unit_id": unit,
		"start_on": "2024-09-01", "due_on": "2024-12-31"}, extra)
}

// chairA is commune A's chairman, who may create plans and tasks.
func (e *env) chairA() string { return user(e.A, models.RoleChairman) }

// mkPlan creates a plan as user and returns it.
func (e *env) mkPlan(user string, body map[string]any) plans.Plan {
	e.t.Helper()
	var p plans.Plan
	e.do(user, "POST", "/api/v1/plans", body).expect(http.StatusCreated).decode(&p)
	return p
}

// mkTask creates a task under plan as user and returns it.
func (e *env) mkTask(user string, plan int64, body map[string]any) plans.Task {
	e.t.Helper()
	var task plans.Task
	e.do(user, "POST", "/api/v1/plans/"+itoa(plan)+"/tasks", body).expect(http.StatusCreated).decode(&task)
	return task
}

// listPlans lists plans as user with the query string q.
func (e *env) listPlans(user, q string) models.Page[plans.Plan] {
	e.t.Helper()
	var page models.Page[plans.Plan]
	e.do(user, "GET", "/api/v1/plans?"+q, nil).expect(http.StatusOK).decode(&page)
	return page
}

// listTasks lists tasks as user at path (with its query string).
func (e *env) listTasks(user, path string) models.Page[plans.Task] {
	e.t.Helper()
	var page models.Page[plans.Task]
	e.do(user, "GET", path, nil).expect(http.StatusOK).decode(&page)
	return page
}

// planTitles and taskTitles list what a page holds, for readable failures.
func planTitles(p models.Page[plans.Plan]) []string {
	out := []string{}
	for _, x := range p.Items {
		out = append(out, x.Title)
	}
	return out
}

func taskIDs(p models.Page[plans.Task]) []int64 {
	out := []int64{}
	for _, x := range p.Items {
		out = append(out, x.ID)
	}
	return out
}

// planCount and taskCount count commune A's rows as its chairman sees them.
func (e *env) planCount() int { return len(e.listPlans(e.chairA(), "limit=200").Items) }

func (e *env) taskCount() int { return len(e.listTasks(e.chairA(), "/api/v1/tasks?limit=200").Items) }
