package handlers_test

import (
	"net/http"
	"testing"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/plans"
)

func TestAuditTrailOfATask(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	chair := user(e.A, models.RoleChairman)
	r := e.do(chair, "POST", "/api/v1/plans", map[string]any{"doc_number": "06/KH-UBND",
		"issued_on": "2024-01-31", "kind": "admin_reform", "title": "Cải cách hành chính năm 2024"})
	var plan plans.Plan
	r.decode(&plan)
	r = e.do(chair, "POST", "/api/v1/plans/"+itoa(plan.ID)+"/tasks", map[string]any{"title": "Rà soát TTHC",
		"lead_unit_id": e.A.Office.ID, "due_on": "2024-11-30"})
	var task plans.Task
	r.decode(&task)
	e.do(chair, "PATCH", "/api/v1/tasks/"+itoa(task.ID), map[string]any{"title": "Rà soát thủ tục hành chính"})
	e.do(chair, "POST", "/api/v1/tasks/"+itoa(task.ID)+"/progress", map[string]any{"percent": 40})

	r = e.do(chair, "GET", "/api/v1/audit?entity=task&id="+itoa(task.ID), nil)
	if r.Code != http.StatusOK {
		t.Fatalf("audit: %d %s", r.Code, r.Body)
	}
	var page struct {
		Items []struct {
			Action        string
			Before, After map[string]any
		}
	}
	r.decode(&page)
	var actions []string
	for _, it := range page.Items {
		actions = append(actions, it.Action)
	}
	if len(actions) != 3 || actions[0] != "progress" || actions[1] != "update" || actions[2] != "create" {
		t.Fatalf("want progress, update, create (newest first), got %v", actions)
	}
	upd := page.Items[1]
	if upd.Before["title"] != "Rà soát TTHC" || upd.After["title"] != "Rà soát thủ tục hành chính" {
		t.Fatalf("update should carry before and after: %+v", upd)
	}
	if page.Items[2].Before != nil {
		t.Fatalf("a create has no before: %+v", page.Items[2].Before)
	}

	// Only the people who answer for the record read it; another commune sees none of it.
	if r := e.do(user(e.A, models.RoleTeamMember), "GET", "/api/v1/audit", nil); r.Code != http.StatusForbidden {
		t.Fatalf("team member: %d", r.Code)
	}
	r = e.do(user(e.B, models.RoleChairman), "GET", "/api/v1/audit?entity=task&id="+itoa(task.ID), nil)
	r.decode(&page)
	if r.Code != http.StatusOK || len(page.Items) != 0 {
		t.Fatalf("other commune: %d %d items", r.Code, len(page.Items))
	}
}
