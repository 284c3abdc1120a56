package handlers_test

import (
	"net/http"
	"testing"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/plans"
)

// TestProgressHonoursIfMatch (issue 13): a report made on a stale view of
// the task answers 412 and records nothing; without If-Match there is no
// check; a reporter without the right hears 403 before any version hint.
func TestProgressHonoursIfMatch(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	chair, team := e.chairA(), user(e.A, models.RoleTeamMember)
	plan := e.mkPlan(chair, planIn(1, nil))
	r := e.do(chair, "POST", "/api/v1/plans/"+itoa(plan.ID)+"/tasks", taskIn(e.A.Hamlet1.ID, nil)).
		expect(http.StatusCreated)
	var task plans.Task
	r.decode(&task)
	read := r.Header().Get("ETag")
	path := "/api/v1/tasks/" + itoa(task.ID)

	done := e.do(team, "POST", path+"/progress", map[string]any{"percent": 100}, "If-Match", read).
		expect(http.StatusCreated)
	if done.Header().Get("ETag") == read {
		t.Fatalf("the report did not move the task's version (ETag %s)", read)
	}
	e.do(team, "POST", path+"/progress", map[string]any{"percent": 50}, "If-Match", read).
		expectProblem(http.StatusPreconditionFailed, "stale")
	var now plans.Task
	e.do(chair, "GET", path, nil).expect(http.StatusOK).decode(&now)
	if now.Percent != 100 || now.CompletedAt == nil {
		t.Errorf("after a stale 50 %%: the task is at %d %%, completed %v", now.Percent, now.CompletedAt)
	}
	if n := e.progressCount(task.ID); n != 1 {
		t.Errorf("after a stale 50 %%: %d reports, want 1", n)
	}
	// 404 and 403 come before 412: who may not report learns nothing of the version.
	e.do(user(e.B, models.RoleTeamMember), "POST", path+"/progress", map[string]any{"percent": 50}, "If-Match", read).
		expect(http.StatusNotFound)
	e.do(user(e.A, models.RoleSteeringMember), "POST", path+"/progress", map[string]any{"percent": 50}, "If-Match", read).
		expect(http.StatusForbidden)
	// The current tag, and no tag at all, are accepted.
	e.do(team, "POST", path+"/progress", map[string]any{"percent": 90}, "If-Match", done.Header().Get("ETag")).
		expect(http.StatusCreated)
	e.do(team, "POST", path+"/progress", map[string]any{"percent": 95}).expect(http.StatusCreated)
	if n := e.progressCount(task.ID); n != 3 {
		t.Errorf("%d reports, want 3", n)
	}
}
