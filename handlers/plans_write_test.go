package handlers_test

import (
	"net/http"
	"testing"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/plans"
)

func TestPlanGetPatchDelete(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	chair := e.chairA()
	p := e.mkPlan(chair, planIn(5, nil))
	path := "/api/v1/plans/" + itoa(p.ID)
	r := e.do(chair, "GET", path, nil).expect(http.StatusOK)
	if r.Header().Get("ETag") != `"1"` {
		t.Errorf("GET ETag %q", r.Header().Get("ETag"))
	}
	r = e.do(chair, "PATCH", path, map[string]any{"title": "Kế hoạch đã sửa", "status": "completed"}, "If-Match", `"1"`)
	var got plans.Plan
	r.expect(http.StatusOK).decode(&got)
	if got.Version != 2 || got.Title != "Kế hoạch đã sửa" || got.Status != "completed" || got.DocNumber != "05/KH-UBND" ||
		got.Kind != "admin_reform" || r.Header().Get("ETag") != `"2"` {
		t.Fatalf("after patch: %+v ETag %q", got, r.Header().Get("ETag"))
	}
	// A stale or unreadable If-Match changes nothing.
	for _, tag := range []string{`"1"`, `W/"1"`, `"x"`} {
		e.do(chair, "PATCH", path, map[string]any{"title": "Ghi đè"}, "If-Match", tag).expectProblem(http.StatusPreconditionFailed, "stale")
	}
	e.do(chair, "DELETE", path, nil, "If-Match", `"1"`).expectProblem(http.StatusPreconditionFailed, "stale")
	e.do(chair, "GET", path, nil).expect(http.StatusOK).decode(&got)
	if got.Version != 2 || got.Title != "Kế hoạch đã sửa" {
		t.Fatalf("a refused write changed the plan: %+v", got)
	}
	// No If-Match (or *) means any version; W/ tags are read too.
	e.do(chair, "PATCH", path, map[string]any{"summary": "Tóm tắt"}).expect(http.StatusOK).decode(&got)
	e.do(chair, "PATCH", path, map[string]any{"references": nil}, "If-Match", `W/"3"`).expect(http.StatusOK).decode(&got)
	if got.Version != 4 || got.Summary != "Tóm tắt" {
		t.Errorf("after two patches: %+v", got)
	}
	task := e.mkTask(chair, p.ID, taskIn(e.A.Hamlet1.ID, nil))
	e.do(chair, "DELETE", path, nil, "If-Match", `"4"`).expect(http.StatusNoContent)
	e.do(chair, "GET", path, nil).expectProblem(http.StatusNotFound, "not_found")
	e.do(chair, "PATCH", path, map[string]any{"title": "x"}).expectProblem(http.StatusNotFound, "not_found")
	e.do(chair, "DELETE", path, nil).expectProblem(http.StatusNotFound, "not_found")
	e.do(chair, "GET", "/api/v1/tasks/"+itoa(task.ID), nil).expectProblem(http.StatusNotFound, "not_found")
	e.do(chair, "GET", path+"/tasks", nil).expectProblem(http.StatusNotFound, "not_found")
	if n := e.planCount(); n != 0 {
		t.Errorf("%d plans listed after delete", n)
	}
}

func TestPlanOtherCommuneAndBadIDs(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	p := e.mkPlan(e.chairA(), planIn(5, nil))
	other := user(e.B, models.RoleChairman)
	paths := []string{"/api/v1/plans/" + itoa(p.ID), "/api/v1/plans/999999", "/api/v1/plans/abc",
		"/api/v1/plans/0", "/api/v1/plans/-1", "/api/v1/plans/1.5", "/api/v1/plans/99999999999999999999"}
	for i, path := range paths {
		who := e.chairA()
		if i == 0 {
			who = other
		}
		e.do(who, "GET", path, nil).expectProblem(http.StatusNotFound, "not_found")
		e.do(who, "PATCH", path, map[string]any{"title": "Sửa trộm"}).expectProblem(http.StatusNotFound, "not_found")
		e.do(who, "DELETE", path, nil).expectProblem(http.StatusNotFound, "not_found")
		e.do(who, "GET", path+"/tasks", nil).expectProblem(http.StatusNotFound, "not_found")
		e.do(who, "POST", path+"/tasks", taskIn(e.B.Hamlet1.ID, nil)).expectProblem(http.StatusNotFound, "not_found")
	}
	var got plans.Plan
	e.do(e.chairA(), "GET", "/api/v1/plans/"+itoa(p.ID), nil).expect(http.StatusOK).decode(&got)
	if got.Version != 1 || got.Title != p.Title {
		t.Errorf("another commune changed the plan: %+v", got)
	}
	if n := len(e.listPlans(other, "").Items); n != 0 {
		t.Errorf("commune B lists %d plans", n)
	}
}

func TestDuplicatePlanNumber(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	chair := e.chairA()
	first := e.mkPlan(chair, planIn(12, map[string]any{"issued_on": "2024-02-01", "title": "Kế hoạch thứ nhất"}))
	second := planIn(12, map[string]any{"issued_on": "2024-05-05", "title": "Kế hoạch thứ hai"})
	p := e.do(chair, "POST", "/api/v1/plans", second).expectProblem(http.StatusConflict, "conflict")
	existing, _ := p.Existing.(map[string]any)
	if len(p.Errors) != 1 || p.Errors[0].Field != "doc_number" || existing["id"] != float64(first.ID) ||
		existing["title"] != "Kế hoạch thứ nhất" {
		t.Fatalf("conflict: %+v", p)
	}
	if n := e.planCount(); n != 1 {
		t.Fatalf("the refused duplicate was stored: %d plans", n)
	}
	dup := e.mkPlan(chair, merge(second, map[string]any{"confirm_duplicate": true}))
	if len(dup.Warnings) != 1 || dup.Warnings[0].Code != "duplicate_number" || len(dup.Warnings[0].Related) != 1 ||
		dup.Warnings[0].Related[0] != first.ID || !dup.DuplicateConfirmed {
		t.Errorf("confirmed duplicate: %+v", dup)
	}
	var again plans.Plan
	e.do(chair, "GET", "/api/v1/plans/"+itoa(first.ID), nil).expect(http.StatusOK).decode(&again)
	if len(again.Warnings) != 1 || again.Warnings[0].Code != "duplicate_number" {
		t.Errorf("the first plan does not hear of its duplicate: %+v", again.Warnings)
	}
	outside := e.mkPlan(chair, planIn(13, map[string]any{"issued_on": "2023-03-11", "year": 2024}))
	if outside.Year != 2024 || len(outside.Warnings) != 1 || outside.Warnings[0].Code != "issued_outside_year" {
		t.Errorf("issued outside its year: %+v", outside.Warnings)
	}
	lastYear := e.mkPlan(chair, planIn(12, map[string]any{"issued_on": "2023-04-01"}))
	if lastYear.Year != 2023 || len(lastYear.Warnings) != 0 {
		t.Errorf("same number another year: %+v", lastYear.Warnings)
	}
	// Moving it into 2024 by PATCH collides too, and changes nothing.
	path := "/api/v1/plans/" + itoa(lastYear.ID)
	p = e.do(chair, "PATCH", path, map[string]any{"year": 2024}).expectProblem(http.StatusConflict, "conflict")
	if len(p.Errors) != 1 || p.Errors[0].Field != "doc_number" {
		t.Errorf("patch conflict: %+v", p)
	}
	var still plans.Plan
	e.do(chair, "GET", path, nil).expect(http.StatusOK).decode(&still)
	if still.Year != 2023 || still.Version != 1 {
		t.Errorf("refused patch changed the plan: %+v", still)
	}
	// Another commune may use the same number.
	e.mkPlan(user(e.B, models.RoleChairman), planIn(12, nil))
}
