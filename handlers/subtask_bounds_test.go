package handlers_test

import (
	"net/http"
	"testing"

	"github.com/tiendo/tiendo/models/plans"
)

// TestSubtaskDeadlinesStayWithinTheParent: on every path that moves a
// deadline — an approved extension, an edit of the parent — a sub-task never
// ends up due after its parent, and nothing changes when one is refused.
func TestSubtaskDeadlinesStayWithinTheParent(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	h := forwardToHamlets(e) // parent due 31/12; sub-tasks due 15/10, 15/11, 15/12, 15/10
	chair, first := e.chairA(), e.task(h.parent.ID).SubtaskIDs[0]
	before := e.task(first)

	var x plans.Extension
	e.do(h.members[0], "POST", "/api/v1/tasks/"+itoa(first)+"/extensions",
		map[string]any{"due_on": "2025-01-15", "reason": "Người dân đi làm ăn xa chưa về"}).
		expect(http.StatusCreated).decode(&x)
	e.do(chair, "POST", "/api/v1/extensions/"+itoa(x.ID)+"/decision", map[string]any{"approve": true}).
		invalid("due_on")
	if got := e.task(first); got.DueOn != before.DueOn || got.Version != before.Version {
		t.Errorf("refused extension moved the sub-task: due %v (was %v), version %d (was %d)", got.DueOn, before.DueOn,
			got.Version, before.Version)
	}

	parent := e.task(h.parent.ID)
	e.do(chair, "PATCH", "/api/v1/tasks/"+itoa(h.parent.ID), map[string]any{"due_on": "2024-12-01"}).invalid("due_on")
	e.do(chair, "PATCH", "/api/v1/tasks/"+itoa(h.parent.ID), map[string]any{"due_on": "2024-12-20"}).expect(http.StatusOK)
	if got := e.task(h.parent.ID); got.DueOn.String() != "2024-12-20" || got.Version != parent.Version+1 {
		t.Errorf("parent moved within its sub-tasks' bounds: due %v, version %d", got.DueOn, got.Version)
	}
}
