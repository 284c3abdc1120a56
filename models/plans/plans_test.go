package plans_test

import (
	"context"
	"errors"
	"testing"

	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/plans"
)

func TestPlanDuplicateNumber(t *testing.T) {
	t.Parallel()
	w := testfix.New(t)
	ctx := context.Background()
	a := w.Actor(t, w.A, models.RoleChairman)
	in := plans.PlanInput{DocNumber: "12/KH-UBND", IssuedOn: testfix.Date("2024-06-19"), Kind: "admin_reform",
		Title: "Nâng cao hiệu quả quản trị và hành chính công năm 2024"}
	first, err := w.Store.CreatePlan(ctx, a, in)
	if err != nil {
		t.Fatal(err)
	}
	in.Title, in.IssuedOn, in.Kind = "Ứng dụng công nghệ thông tin, chuyển đổi số năm 2024", testfix.Date("2024-03-29"), "digital_transformation"
	_, err = w.Store.CreatePlan(ctx, a, in)
	var conflict *models.ConflictError
	if !errors.As(err, &conflict) || conflict.Existing.(plans.ExistingPlan).ID != first.ID {
		t.Fatalf("want conflict naming plan %d, got %v", first.ID, err)
	}
	// Letter case does not make another document: stored in the standard form.
	lower := in
	lower.DocNumber = "12/kh-ubnd"
	if _, err := w.Store.CreatePlan(ctx, a, lower); !errors.As(err, &conflict) || conflict.Existing.(plans.ExistingPlan).ID != first.ID {
		t.Fatalf("12/kh-ubnd beside 12/KH-UBND: want a conflict naming plan %d, got %v", first.ID, err)
	}
	in.ConfirmDuplicate = true
	second, err := w.Store.CreatePlan(ctx, a, in)
	if err != nil {
		t.Fatal(err)
	}
	if len(second.Warnings) != 1 || second.Warnings[0].Code != "duplicate_number" || second.Warnings[0].Related[0] != first.ID {
		t.Fatalf("want a duplicate warning naming %d, got %+v", first.ID, second.Warnings)
	}
	// The other commune may use the same number freely.
	b := w.Actor(t, w.B, models.RoleChairman)
	in.ConfirmDuplicate = false
	if _, err := w.Store.CreatePlan(ctx, b, in); err != nil {
		t.Fatalf("other commune: %v", err)
	}
}

func TestTaskStatusFollowsProgressAndClock(t *testing.T) {
	t.Parallel()
	w := testfix.New(t)
	ctx := context.Background()
	a := w.Actor(t, w.A, models.RoleChairman)
	p, err := w.Store.CreatePlan(ctx, a, plans.PlanInput{DocNumber: "06/KH-UBND", IssuedOn: testfix.Date("2024-01-31"),
		Kind: "admin_reform", Title: "Cải cách hành chính năm 2024"})
	if err != nil {
		t.Fatal(err)
	}
	task, err := w.Store.CreateTask(ctx, a, p.ID, plans.TaskInput{Title: "Niêm yết TTHC", LeadUnitID: w.A.Office.ID,
		StartOn: testfix.Date("2024-09-01"), DueOn: testfix.Date("2024-10-15")})
	if err != nil {
		t.Fatal(err)
	}
	if task.Status != "not_started" {
		t.Fatalf("new task: %s", task.Status)
	}
	fifty := 50
	res, err := w.Store.ReportProgress(ctx, a, task.ID, plans.ProgressInput{Percent: &fifty})
	if err != nil || res.Task.Status != "in_progress" {
		t.Fatalf("after 50%%: %v %+v", err, res)
	}
	// 2024-10-14 is a Monday: with three working days of warning it is due soon.
	w.Clock.Set(testfix.Date("2024-10-10").In(models.VietnamTime).Add(9 * 3600e9))
	if got, _ := w.Store.GetTask(ctx, a, task.ID); got.Status != "due_soon" {
		t.Fatalf("on 10/10: %s", got.Status)
	}
	w.Clock.Set(testfix.Date("2024-10-16").In(models.VietnamTime).Add(3600e9))
	if got, _ := w.Store.GetTask(ctx, a, task.ID); got.Status != "overdue" {
		t.Fatalf("on 16/10: %s", got.Status)
	}
	hundred := 100
	res, err = w.Store.ReportProgress(ctx, a, task.ID, plans.ProgressInput{Percent: &hundred})
	if err != nil || res.Task.Status != "done_late" || res.Task.CompletedAt == nil {
		t.Fatalf("after 100%% late: %v %+v", err, res.Task)
	}
}
