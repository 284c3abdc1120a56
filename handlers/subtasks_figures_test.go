package handlers_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/plans"
	"github.com/tiendo/tiendo/models/statistics"
)

// TestSubtaskFiguresCountEachTaskOnce: with a task forwarded to four
// hamlets (one of them late), the report's and the dashboard's totals and
// plan kinds count the parent once, their by-unit lines count the four
// hamlet sub-tasks and not the parent, the plan's counts are its own task,
// the report's notes say so, and the dashboard still equals the report.
func TestSubtaskFiguresCountEachTaskOnce(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	h := forwardToHamlets(e)
	subs := e.task(h.parent.ID).SubtaskIDs
	// ấp 4's part was due on 20 September and is not done on the 30th.
	e.do(e.chairA(), "PATCH", "/api/v1/tasks/"+itoa(subs[3]), map[string]any{"due_on": "2024-09-20"}).expect(http.StatusOK)
	e.do(h.members[0], "POST", "/api/v1/tasks/"+itoa(subs[0])+"/progress", map[string]any{"percent": 100}).
		expect(http.StatusCreated)

	var r struct {
		Tasks struct {
			Total  plans.Tally `json:"total"`
			ByKind []struct {
				Name string
				plans.Tally
			} `json:"by_kind"`
			ByUnit []struct {
				Name string
				plans.Tally
			} `json:"by_unit"`
			Overdue []struct{ ID int64 } `json:"overdue"`
		} `json:"tasks"`
	}
	e.do(e.chairA(), "GET", "/api/v1/reports?format=json&period=2024-Y", nil).expect(http.StatusOK).decode(&r)
	if tot := r.Tasks.Total; tot.Total != 1 || tot.InProgress != 1 || tot.Overdue != 0 {
		t.Errorf("plan-level total %+v, want the one parent task, in progress", tot)
	}
	if len(r.Tasks.ByKind) != 1 || r.Tasks.ByKind[0].Total != 1 {
		t.Errorf("by kind %+v, want one task", r.Tasks.ByKind)
	}
	units, overdue, done := 0, 0, 0
	for _, u := range r.Tasks.ByUnit {
		if u.Name == e.A.Office.Name {
			t.Errorf("the office's forwarded task is counted by unit: %+v", u)
		}
		units, overdue, done = units+u.Total, overdue+u.Overdue, done+u.Done
	}
	if units != 4 || overdue != 1 || done != 1 {
		t.Errorf("by unit: %d tasks, %d overdue, %d done; want 4, 1, 1", units, overdue, done)
	}
	// The plan's own counts are its one task.
	var plan plans.Plan
	e.do(e.chairA(), "GET", "/api/v1/plans/"+itoa(h.plan.ID), nil).expect(http.StatusOK).decode(&plan)
	if plan.TaskCounts["total"] != 1 {
		t.Errorf("plan counts %v, want one task", plan.TaskCounts)
	}
	// The notes say how forwarded work is counted.
	body := htmlText(t, e.do(e.chairA(), "GET", "/api/v1/reports?format=html&period=2024-Y", nil).
		expect(http.StatusOK).Body.Bytes())
	if !contains(body, "Nhiệm vụ được giao tiếp cho cấp dưới (4 nhiệm vụ con) chỉ tính một lần") {
		t.Errorf("the report's notes do not say how sub-tasks are counted")
	}
	checkDashboardEqualsReport(t, e, e.chairA())
	// The daily snapshots count alike: the commune's and the plan's rows the
	// parent, the unit rows the hamlets' parts (and no row for the office).
	if _, err := e.JobsStore(t).TakeSnapshots(context.Background(), e.Clock.Now()); err != nil {
		t.Fatal(err)
	}
	for q, want := range map[string]int{"": 1, "?plan_id=" + itoa(h.plan.ID): 1,
		"?unit_id=" + itoa(h.teams[3].ID): 1, "?unit_id=" + itoa(e.A.Office.ID): 0} {
		var page models.Page[statistics.Snapshot]
		e.do(e.chairA(), "GET", "/api/v1/snapshots"+q, nil).expect(http.StatusOK).decode(&page)
		got := 0
		for _, s := range page.Items {
			got += s.Counts["total"]
		}
		if got != want {
			t.Errorf("snapshots%s count %d tasks, want %d: %+v", q, got, want, page.Items)
		}
	}
}
