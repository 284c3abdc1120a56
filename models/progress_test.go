package models_test

import (
	"context"
	"testing"

	"github.com/jmoiron/sqlx"

	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/models"
)

// TestProgressKeepsStoredStatus: the status column that roll-ups, snapshots
// and reminders read follows each report in the report's own statement.
func TestProgressKeepsStoredStatus(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	w := testfix.New(t)
	chair := w.Actor(t, w.A, models.RoleChairman)
	p, err := w.Store.CreatePlan(ctx, chair, models.PlanInput{DocNumber: "03/KH-UBND", IssuedOn: date("2024-01-05"),
		Kind: "other", Title: "Kế hoạch"})
	if err != nil {
		t.Fatal(err)
	}
	task, err := w.Store.CreateTask(ctx, chair, p.ID, models.TaskInput{Title: "Việc", LeadUnitID: w.A.Office.ID,
		StartOn: date("2024-09-01"), DueOn: date("2024-12-31")})
	if err != nil {
		t.Fatal(err)
	}
	owner := sqlx.MustConnect("postgres", w.DSN) // RLS hides rows from a pool with no commune set
	t.Cleanup(func() { owner.Close() })
	stored := func() string {
		var s string
		if err := owner.Get(&s, `SELECT status FROM tasks WHERE id = $1`, task.ID); err != nil {
			t.Fatal(err)
		}
		return s
	}
	for _, step := range []struct {
		percent int
		want    string
	}{{0, "not_started"}, {40, "in_progress"}, {100, "done_on_time"}, {90, "in_progress"}} {
		pct := step.percent
		res, err := w.Store.ReportProgress(ctx, chair, task.ID, models.ProgressInput{Percent: &pct})
		if err != nil {
			t.Fatal(err)
		}
		if got := stored(); got != step.want || res.Task.Status != step.want {
			t.Errorf("after %d %%: stored %q, answered %q, want %q", pct, got, res.Task.Status, step.want)
		}
	}
}
