package handlers_test

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"testing"

	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/accounts"
	"github.com/tiendo/tiendo/models/plans"
)

// hamlets is the story: the chairman gives the VNeID task to the
// culture officer, who forwards it to four hamlet teams, each with a target
// in residents. It returns the parent, its plan and the four teams with one
// member each (username).
type hamlets struct {
	plan    plans.Plan
	parent  plans.Task
	teams   []accounts.Unit
	members []string
}

// newTeam adds a hamlet team to commune A with one team member.
func newTeam(e *env, n int) (accounts.Unit, string) {
	e.t.Helper()
	ctx := context.Background()
	if n == 1 { // the fixture's own team and member
		return e.A.Hamlet1, user(e.A, models.RoleTeamMember)
	}
	u, err := e.Store.CreateUnit(ctx, e.A.System, accounts.NewUnit{Kind: "team", Name: fmt.Sprintf("Tổ công nghệ số ấp %d (VNeID)", n)})
	if err != nil {
		e.t.Fatal(err)
	}
	name := fmt.Sprintf("to_ap_%d", n)
	if _, err := e.Store.CreateUser(ctx, e.A.System, accounts.NewUser{Username: name, FullName: "Tổ viên ấp " + fmt.Sprint(n),
		Password: testfix.Password, Memberships: []models.Membership{{UnitID: u.ID, Role: models.RoleTeamMember}}}); err != nil {
		e.t.Fatal(err)
	}
	return *u, name
}

// vneidTargets are the four hamlets' residents to reach (1000 in all).
var vneidTargets = []float64{300, 250, 250, 200}

// forwardToHamlets builds the story up to the four sub-tasks.
func forwardToHamlets(e *env) hamlets {
	e.t.Helper()
	officer := user(e.A, models.RoleOfficer)
	h := hamlets{plan: e.mkPlan(e.chairA(), planIn(19, nil))}
	h.parent = e.mkTask(e.chairA(), h.plan.ID, taskIn(e.A.Office.ID, map[string]any{
		"title": "Triển khai VNeID mức 2 cho 100 % người dân", "assignee_ids": []int64{e.A.Users[models.RoleOfficer].ID},
		"target_value": 1000, "target_unit": "người", "due_on": "2024-12-31"}))
	for i, target := range vneidTargets {
		team, member := newTeam(e, i+1)
		h.teams, h.members = append(h.teams, team), append(h.members, member)
		var sub plans.Task
		e.do(officer, "POST", "/api/v1/tasks/"+itoa(h.parent.ID)+"/subtasks", taskIn(team.ID, map[string]any{
			"title": fmt.Sprintf("VNeID mức 2 – ấp %d", i+1), "target_value": target, "target_unit": "người",
			"due_on": fmt.Sprintf("2024-%d-15", 10+i%3)})).expect(http.StatusCreated).decode(&sub)
		if sub.ParentID == nil || *sub.ParentID != h.parent.ID || sub.PlanID != h.plan.ID {
			e.t.Fatalf("sub-task %d: parent %v plan %d, want %d and %d", i+1, sub.ParentID, sub.PlanID, h.parent.ID, h.plan.ID)
		}
	}
	return h
}

// task reads task id as the chairman.
func (e *env) task(id int64) plans.Task {
	e.t.Helper()
	var t plans.Task
	e.do(e.chairA(), "GET", "/api/v1/tasks/"+itoa(id), nil).expect(http.StatusOK).decode(&t)
	return t
}

// TestSubtasksRollUpToTheParent: the officer forwards four sub-tasks with
// targets in residents; as each team reports, the parent's percent follows
// weighted by target, its actual value is the sum, and it is complete (on
// time) when the last team is; the parent refuses a report of its own.
func TestSubtasksRollUpToTheParent(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	h := forwardToHamlets(e)
	parent := e.task(h.parent.ID)
	if len(parent.SubtaskIDs) != 4 || parent.ParentID != nil {
		t.Fatalf("parent lists sub-tasks %v, parent %v", parent.SubtaskIDs, parent.ParentID)
	}
	list := e.listTasks(e.chairA(), "/api/v1/tasks?parent_id="+itoa(h.parent.ID))
	listed := taskIDs(list) // by deadline
	slices.Sort(listed)
	if !slices.Equal(listed, []int64(parent.SubtaskIDs)) {
		t.Fatalf("?parent_id= lists %v, want %v", taskIDs(list), parent.SubtaskIDs)
	}
	// A parent's figures come from its sub-tasks: its own report is a 409.
	p := e.do(e.chairA(), "POST", "/api/v1/tasks/"+itoa(h.parent.ID)+"/progress", map[string]any{"percent": 90}).
		expectProblem(http.StatusConflict, "conflict")
	if len(p.Errors) != 1 || p.Errors[0].Field != "percent" {
		t.Fatalf("refusal names %+v, want percent", p.Errors)
	}
	steps := []struct {
		team    int
		percent int
		actual  float64
		want    int // the parent's percent after it
		sum     float64
	}{
		{0, 50, 150, 15, 150},    // 50 % of 300 of 1000
		{1, 100, 250, 40, 400},   // + 100 % of 250
		{2, 100, 250, 65, 650},   // + 100 % of 250
		{0, 100, 300, 80, 800},   // ấp 1 done
		{3, 100, 200, 100, 1000}, // the last one: the parent is complete
	}
	for _, s := range steps {
		id := parent.SubtaskIDs[s.team]
		e.do(h.members[s.team], "POST", "/api/v1/tasks/"+itoa(id)+"/progress",
			map[string]any{"percent": s.percent, "actual_value": s.actual}).expect(http.StatusCreated)
		got := e.task(h.parent.ID)
		if got.Percent != s.want || got.ActualValue == nil || *got.ActualValue != s.sum {
			t.Fatalf("after ấp %d at %d %%: parent %d %% actual %v, want %d %% and %v", s.team+1, s.percent,
				got.Percent, got.ActualValue, s.want, s.sum)
		}
		if done := got.CompletedAt != nil; done != (s.want == 100) {
			t.Fatalf("parent at %d %% completed %v", got.Percent, got.CompletedAt)
		}
	}
	if got := e.task(h.parent.ID); got.Status != "done_on_time" {
		t.Fatalf("parent status %q, want done_on_time", got.Status)
	}
	// A sub-task returned by the chairman reopens its parent.
	e.do(e.chairA(), "POST", "/api/v1/tasks/"+itoa(parent.SubtaskIDs[3])+"/evaluation",
		map[string]any{"decision": "return", "note": "Số liệu chưa khớp với danh sách"}).expect(http.StatusCreated)
	if got := e.task(h.parent.ID); got.CompletedAt != nil || got.Percent != 99 {
		t.Fatalf("after a return the parent is %d %%, completed %v", got.Percent, got.CompletedAt)
	}
}

// TestSubtasksWeightedWithoutCommonTarget: sub-tasks without targets in one
// unit weigh by weight; a cancelled one leaves the roll-up.
func TestSubtasksWeightedWithoutCommonTarget(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	chair := e.chairA()
	plan := e.mkPlan(chair, planIn(20, nil))
	parent := e.mkTask(chair, plan.ID, taskIn(e.A.Office.ID, nil))
	var a, b plans.Task
	e.do(chair, "POST", "/api/v1/tasks/"+itoa(parent.ID)+"/subtasks",
		taskIn(e.A.Hamlet1.ID, map[string]any{"weight": 3})).expect(http.StatusCreated).decode(&a)
	e.do(chair, "POST", "/api/v1/tasks/"+itoa(parent.ID)+"/subtasks",
		taskIn(e.A.Hamlet2.ID, map[string]any{"target_value": 5, "target_unit": "buổi"})).expect(http.StatusCreated).decode(&b)
	e.do(chair, "POST", "/api/v1/tasks/"+itoa(a.ID)+"/progress", map[string]any{"percent": 40}).expect(http.StatusCreated)
	if got := e.task(parent.ID); got.Percent != 30 { // (40×3 + 0×1) ÷ 4
		t.Fatalf("weighted percent %d, want 30", got.Percent)
	}
	e.do(chair, "PATCH", "/api/v1/tasks/"+itoa(b.ID), map[string]any{"cancelled": true}).expect(http.StatusOK)
	if got := e.task(parent.ID); got.Percent != 40 {
		t.Fatalf("after cancelling the other, percent %d, want 40", got.Percent)
	}
	// Cancelling the parent cancels its open sub-tasks: nobody is reminded
	// of work called off.
	e.do(chair, "PATCH", "/api/v1/tasks/"+itoa(parent.ID), map[string]any{"cancelled": true}).expect(http.StatusOK)
	if got := e.task(a.ID); got.CancelledAt == nil || got.Status != "cancelled" {
		t.Fatalf("the sub-task of a cancelled task is %q", got.Status)
	}
	// Deleting the parent takes its sub-tasks with it.
	e.do(chair, "DELETE", "/api/v1/tasks/"+itoa(parent.ID), nil).expect(http.StatusNoContent)
	e.do(chair, "GET", "/api/v1/tasks/"+itoa(a.ID), nil).expect(http.StatusNotFound)
}

// TestSubtaskRefusals: each way a forward can be wrong answers as the issue
// says, and none of them writes anything.
func TestSubtaskRefusals(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	chair := e.chairA()
	plan := e.mkPlan(chair, planIn(21, nil))
	officerTask := e.mkTask(chair, plan.ID, taskIn(e.A.Office.ID, map[string]any{
		"assignee_ids": []int64{e.A.Users[models.RoleOfficer].ID}}))
	path := "/api/v1/tasks/" + itoa(officerTask.ID) + "/subtasks"
	body := taskIn(e.A.Hamlet1.ID, nil)
	// Not after the parent's deadline.
	e.do(chair, "POST", path, merge(body, map[string]any{"due_on": "2025-01-15"})).invalid("due_on")
	// Another commune's task is not there; a hamlet team member may not
	// report on the officer's task, so may not forward it.
	e.do(user(e.B, models.RoleChairman), "POST", path, body).expect(http.StatusNotFound)
	e.do(user(e.A, models.RoleTeamMember), "POST", path, body).expect(http.StatusForbidden)
	// Three levels at most.
	id := officerTask.ID
	for level := 2; level <= 3; level++ {
		var sub plans.Task
		e.do(chair, "POST", "/api/v1/tasks/"+itoa(id)+"/subtasks", body).expect(http.StatusCreated).decode(&sub)
		id = sub.ID
	}
	e.do(chair, "POST", "/api/v1/tasks/"+itoa(id)+"/subtasks", body).invalid("parent_id")
	// A cancelled or finished task is not forwarded.
	cancelled := e.mkTask(chair, plan.ID, taskIn(e.A.Office.ID, nil))
	e.do(chair, "PATCH", "/api/v1/tasks/"+itoa(cancelled.ID), map[string]any{"cancelled": true}).expect(http.StatusOK)
	e.do(chair, "POST", "/api/v1/tasks/"+itoa(cancelled.ID)+"/subtasks", body).expectProblem(http.StatusConflict, "conflict")
	done := e.mkTask(chair, plan.ID, taskIn(e.A.Office.ID, nil))
	e.do(chair, "POST", "/api/v1/tasks/"+itoa(done.ID)+"/progress", map[string]any{"percent": 100}).expect(http.StatusCreated)
	e.do(chair, "POST", "/api/v1/tasks/"+itoa(done.ID)+"/subtasks", body).expectProblem(http.StatusConflict, "conflict")
	// Only the two levels forwarded above were written.
	if got := e.task(officerTask.ID); len(got.SubtaskIDs) != 1 {
		t.Fatalf("officer's task has sub-tasks %v, want one", got.SubtaskIDs)
	}
	// A sub-task's deadline cannot be moved past its parent's either.
	sub := e.task(e.task(officerTask.ID).SubtaskIDs[0])
	e.do(chair, "PATCH", "/api/v1/tasks/"+itoa(sub.ID), map[string]any{"due_on": "2025-02-01"}).invalid("due_on")
}

// TestSubtaskForwardIsAudited: the forward leaves a row on both tasks, the
// parent's with its figures before and after the roll-up.
func TestSubtaskForwardIsAudited(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	h := forwardToHamlets(e)
	for _, id := range []int64{h.parent.ID, e.task(h.parent.ID).SubtaskIDs[0]} {
		var page struct {
			Items []struct {
				Action string
				UserID *int64 `json:"user_id"`
			}
		}
		e.do(e.chairA(), "GET", "/api/v1/audit?entity=task&id="+itoa(id), nil).expect(http.StatusOK).decode(&page)
		n := 0
		for _, it := range page.Items {
			if it.Action == "forward" {
				n++
			}
		}
		want := 1
		if id == h.parent.ID {
			want = 4
		}
		if n != want {
			t.Errorf("task %d has %d forward rows, want %d", id, n, want)
		}
	}
}
