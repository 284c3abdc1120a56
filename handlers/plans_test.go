package handlers_test

import (
	"net/http"
	"testing"

	"github.com/tiendo/tiendo/models"
)

func TestCreatePlanAndTaskFlow(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	chair := user(e.A, models.RoleChairman)
	r := e.do(chair, "POST", "/api/v1/plans", map[string]any{"doc_number": "06/KH-UBND",
		"issued_on": "2024-01-31", "kind": "admin_reform", "title": "Cải cách hành chính năm 2024"})
	if r.Code != http.StatusCreated {
		t.Fatalf("create plan: %d %s", r.Code, r.Body)
	}
	var plan models.Plan
	r.decode(&plan)
	r = e.do(chair, "POST", "/api/v1/plans/"+itoa(plan.ID)+"/tasks", map[string]any{"title": "Rà soát TTHC",
		"lead_unit_id": e.A.Hamlet1.ID, "start_on": "2024-02-01", "due_on": "2024-11-30"})
	if r.Code != http.StatusCreated {
		t.Fatalf("create task: %d %s", r.Code, r.Body)
	}
	var task models.Task
	r.decode(&task)
	r = e.do(user(e.A, models.RoleTeamMember), "POST", "/api/v1/tasks/"+itoa(task.ID)+"/progress",
		map[string]any{"percent": 100, "note": "Đã xong"})
	if r.Code != http.StatusCreated {
		t.Fatalf("progress: %d %s", r.Code, r.Body)
	}
	var res models.ProgressResult
	r.decode(&res)
	if res.Task.Status != "done_on_time" {
		t.Fatalf("status after 100%%: %s", res.Task.Status)
	}
	// The other commune cannot see it.
	r = e.do(user(e.B, models.RoleChairman), "GET", "/api/v1/tasks/"+itoa(task.ID), nil)
	if r.Code != http.StatusNotFound || r.problem().Code != "not_found" {
		t.Fatalf("other commune: %d %s", r.Code, r.Body)
	}
}
