package handlers_test

import (
	"net/http"
	"slices"
	"testing"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/accounts"
	"github.com/tiendo/tiendo/models/plans"
)

// reviewTask creates, as the chairman, a plan steered by a new committee and a
// task led by Hamlet1 with the officer assigned; it returns the task's path.
func reviewTask(t *testing.T, e *env) string {
	t.Helper()
	chair := user(e.A, models.RoleChairman)
	r := e.do(user(e.A, models.RoleAdmin), "POST", "/api/v1/units", map[string]any{"kind": "steering_committee", "name": "Ban chỉ đạo"})
	var committee accounts.Unit
	r.decode(&committee)
	r = e.do(chair, "POST", "/api/v1/plans", map[string]any{"doc_number": "06/KH-UBND", "issued_on": "2024-01-31",
		"kind": "admin_reform", "title": "Cải cách hành chính năm 2024", "steering_unit_id": committee.ID})
	var plan plans.Plan
	r.decode(&plan)
	if r.Code != http.StatusCreated || plan.SteeringUnitID == nil || *plan.SteeringUnitID != committee.ID {
		t.Fatalf("plan with committee: %d %s", r.Code, r.Body)
	}
	r = e.do(chair, "POST", "/api/v1/plans/"+itoa(plan.ID)+"/tasks", map[string]any{"title": "Rà soát TTHC",
		"lead_unit_id": e.A.Hamlet1.ID, "assignee_ids": []int64{e.A.Users[models.RoleOfficer].ID}, "due_on": "2024-11-30"})
	var task plans.Task
	r.decode(&task)
	return "/api/v1/tasks/" + itoa(task.ID)
}

// fieldOf is the one field a 400 names.
func fieldOf(t *testing.T, r response) string {
	t.Helper()
	p := r.problem()
	if r.Code != http.StatusBadRequest || len(p.Errors) != 1 {
		t.Fatalf("want a 400 naming one field, got %d %s", r.Code, r.Body)
	}
	return p.Errors[0].Field
}

func TestEvaluationOverHTTP(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	task := reviewTask(t, e)
	chair, team := user(e.A, models.RoleChairman), user(e.A, models.RoleTeamMember)
	if r := e.do(chair, "POST", task+"/evaluation", map[string]any{"decision": "accept"}); r.Code != http.StatusConflict {
		t.Fatalf("evaluating a task not reported done: %d %s", r.Code, r.Body)
	}
	e.do(team, "POST", task+"/progress", map[string]any{"percent": 100})
	if f := fieldOf(t, e.do(chair, "POST", task+"/evaluation", map[string]any{"decision": "ok"})); f != "decision" {
		t.Fatalf("bad decision names %q", f)
	}
	if f := fieldOf(t, e.do(chair, "POST", task+"/evaluation", map[string]any{"decision": "return"})); f != "note" {
		t.Fatalf("return without reason names %q", f)
	}
	r := e.do(chair, "POST", task+"/evaluation", map[string]any{"decision": "return", "reason": "Thiếu biên bản"})
	var res plans.EvaluationResult
	r.decode(&res)
	if r.Code != http.StatusCreated || res.Task.CompletedAt != nil || res.Review.Body != "Thiếu biên bản" {
		t.Fatalf("return: %d %s", r.Code, r.Body)
	}
	e.do(team, "POST", task+"/progress", map[string]any{"percent": 100, "note": "Đã bổ sung"})
	r = e.do(user(e.A, models.RoleSteeringMember), "POST", task+"/evaluation", map[string]any{"decision": "accept"})
	if r.Code != http.StatusForbidden {
		t.Fatalf("a steering member outside the plan's committee: %d %s", r.Code, r.Body)
	}
	r = e.do(chair, "POST", task+"/evaluation", map[string]any{"decision": "accept"})
	r.decode(&res)
	if r.Code != http.StatusCreated || res.Task.AcceptedAt == nil {
		t.Fatalf("accept: %d %s", r.Code, r.Body)
	}
}

func TestCommentsAndHistoryOverHTTP(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	task := reviewTask(t, e)
	team, steering := user(e.A, models.RoleTeamMember), user(e.A, models.RoleSteeringMember)
	e.do(team, "POST", task+"/progress", map[string]any{"percent": 30})
	if r := e.do(steering, "POST", task+"/comments", map[string]any{"body": "Cần đẩy nhanh tiến độ"}); r.Code != http.StatusCreated {
		t.Fatalf("comment: %d %s", r.Code, r.Body)
	}
	if f := fieldOf(t, e.do(steering, "POST", task+"/comments", map[string]any{"body": ""})); f != "body" {
		t.Fatalf("empty comment names %q", f)
	}
	long := make([]rune, 5001)
	for i := range long {
		long[i] = 'a'
	}
	if f := fieldOf(t, e.do(steering, "POST", task+"/comments", map[string]any{"body": string(long)})); f != "body" {
		t.Fatalf("long comment names %q", f)
	}
	var page struct{ Items []plans.HistoryEntry }
	e.do(team, "GET", task+"/history", nil).decode(&page)
	var kinds []string
	for _, h := range page.Items {
		kinds = append(kinds, h.Kind)
	}
	if !slices.Equal(kinds, []string{"progress", "comment"}) || page.Items[1].Text != "Cần đẩy nhanh tiến độ" {
		t.Fatalf("history: %+v", page.Items)
	}
	var comments struct{ Items []plans.Review }
	e.do(team, "GET", task+"/comments", nil).decode(&comments)
	if len(comments.Items) != 1 || comments.Items[0].Kind != "comment" {
		t.Fatalf("comments: %+v", comments.Items)
	}
}

// TestOfficerEditsButDoesNotAssign: an officer edits their own task's content;
// reassigning, cancelling and reopening are the chairman's.
func TestOfficerEditsButDoesNotAssign(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	task := reviewTask(t, e)
	officer, chair := user(e.A, models.RoleOfficer), user(e.A, models.RoleChairman)
	if r := e.do(officer, "PATCH", task, map[string]any{"title": "Rà soát thủ tục hành chính"}); r.Code != http.StatusOK {
		t.Fatalf("officer edits own task: %d %s", r.Code, r.Body)
	}
	for _, patch := range []map[string]any{{"lead_unit_id": e.A.Hamlet2.ID}, {"supporting_unit_ids": []int64{e.A.Hamlet2.ID}},
		{"assignee_ids": []int64{}}, {"cancelled": true}} {
		if r := e.do(officer, "PATCH", task, patch); r.Code != http.StatusForbidden {
			t.Fatalf("officer %v: %d %s", patch, r.Code, r.Body)
		}
	}
	if r := e.do(chair, "PATCH", task, map[string]any{"cancelled": true}); r.Code != http.StatusOK {
		t.Fatalf("chairman cancels: %d %s", r.Code, r.Body)
	}
	if r := e.do(officer, "PATCH", task, map[string]any{"cancelled": false}); r.Code != http.StatusForbidden {
		t.Fatalf("officer reopens: %d %s", r.Code, r.Body)
	}
	r := e.do(chair, "PATCH", task, map[string]any{"cancelled": false})
	var got plans.Task
	r.decode(&got)
	if r.Code != http.StatusOK || got.CancelledAt != nil {
		t.Fatalf("chairman reopens: %d %s", r.Code, r.Body)
	}
}

func TestPlanSteeringUnitIsValidated(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	r := e.do(user(e.A, models.RoleChairman), "POST", "/api/v1/plans", map[string]any{"doc_number": "07/KH-UBND",
		"issued_on": "2024-01-31", "kind": "other", "title": "Kế hoạch", "steering_unit_id": e.A.Office.ID})
	if f := fieldOf(t, r); f != "steering_unit_id" {
		t.Fatalf("an office as steering committee names %q", f)
	}
}
