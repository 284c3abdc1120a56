package plans_test

import (
	"context"
	"errors"
	"testing"

	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/plans"
	"github.com/tiendo/tiendo/models/statistics"
)

func TestDashboardCountsByKindAndUnit(t *testing.T) {
	t.Parallel()
	w := testfix.New(t)
	ctx := context.Background()
	chair := w.Actor(t, w.A, models.RoleChairman)
	done := newTask(t, w, chair, w.A.Hamlet1.ID)
	pct := 100
	if _, err := w.Store.ReportProgress(ctx, chair, done.ID, plans.ProgressInput{Percent: &pct}); err != nil {
		t.Fatal(err)
	}
	// An overdue task of the same plan, led by the office.
	if _, err := w.Store.CreateTask(ctx, chair, done.PlanID, plans.TaskInput{Title: "Báo cáo quý",
		LeadUnitID: w.A.Office.ID, StartOn: testfix.Date("2024-07-01"), DueOn: testfix.Date("2024-09-15")}); err != nil {
		t.Fatal(err)
	}
	ytd := statistics.YearToDate(testfix.Date("2024-09-30"))
	o, err := w.Store.Dashboard(ctx, w.Actor(t, w.A, models.RoleTeamMember), statistics.ReportOptions{Period: ytd})
	if err != nil {
		t.Fatal(err)
	}
	if o.Tasks.Total != 2 || o.Tasks.DoneOnTime != 1 || o.Tasks.Overdue != 1 || o.Tasks.Due != 2 {
		t.Fatalf("totals %+v", o.Tasks)
	}
	if r := o.Tasks.OnTimeRate; r == nil || *r != 50 {
		t.Fatalf("on-time rate %v", r)
	}
	if len(o.ByKind) != 1 || o.ByKind[0].Key != "digital_transformation" || o.ByKind[0].Name != "Chuyển đổi số" {
		t.Fatalf("by kind %+v", o.ByKind)
	}
	if len(o.ByUnit) != 2 || len(o.Overdue) != 1 {
		t.Fatalf("by unit %+v, overdue %+v", o.ByUnit, o.Overdue)
	}
	// The other commune's dashboard is empty, not an error.
	ob, err := w.Store.Dashboard(ctx, w.Actor(t, w.B, models.RoleChairman), statistics.ReportOptions{Period: ytd})
	if err != nil || ob.Tasks.Total != 0 {
		t.Fatalf("other commune: %v %v", ob, err)
	}
	kinds, err := w.Store.ListPlanKinds(ctx)
	if err != nil || len(kinds) < 5 || kinds[len(kinds)-1].Code != "other" {
		t.Fatalf("kinds %+v %v", kinds, err)
	}
}

func TestClonePlanShiftsTasksIntoNextYear(t *testing.T) {
	t.Parallel()
	w := testfix.New(t)
	ctx := context.Background()
	chair := w.Actor(t, w.A, models.RoleChairman)
	src := newTask(t, w, chair, w.A.Hamlet1.ID)
	if _, err := w.Store.CreateTask(ctx, chair, src.PlanID, plans.TaskInput{Title: "Tổng kết",
		LeadUnitID: w.A.Office.ID, SupportingUnitIDs: []int64{w.A.Hamlet2.ID},
		AssigneeIDs: []int64{w.A.Users[models.RoleOfficer].ID},
		StartOn:     testfix.Date("2024-02-29"), DueOn: testfix.Date("2024-12-31")}); err != nil {
		t.Fatal(err)
	}
	in := plans.PlanClone{DocNumber: "03/KH-UBND", IssuedOn: testfix.Date("2025-01-10")}
	if _, err := w.Store.ClonePlan(ctx, w.Actor(t, w.A, models.RoleOfficer), src.PlanID, in); !errors.Is(err, models.ErrForbidden) {
		t.Fatalf("officer: want forbidden, got %v", err)
	}
	p, err := w.Store.ClonePlan(ctx, chair, src.PlanID, in)
	if err != nil {
		t.Fatal(err)
	}
	if p.Year != 2025 || p.Status != "draft" || p.Title != "Chuyển đổi số năm 2024" || p.TaskCounts["total"] != 2 {
		t.Fatalf("clone %+v", p)
	}
	page, err := w.Store.ListTasks(ctx, chair, plans.TaskFilter{PlanID: p.ID})
	if err != nil {
		t.Fatal(err)
	}
	last := page.Items[1]
	if last.StartOn != testfix.Date("2025-02-28") || last.DueOn != testfix.Date("2025-12-31") || last.Percent != 0 ||
		len(last.SupportingUnitIDs) != 1 || len(last.AssigneeIDs) != 1 {
		t.Fatalf("cloned task %+v", last)
	}
	if _, err := w.Store.ClonePlan(ctx, w.Actor(t, w.B, models.RoleChairman), src.PlanID, in); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("other commune: want not found, got %v", err)
	}
}
