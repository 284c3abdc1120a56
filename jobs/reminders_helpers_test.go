package jobs

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/deadlines"
	"github.com/tiendo/tiendo/models/plans"
)

// vn is a local instant of 2024 in Vietnam.
func vn(month time.Month, day, hour, minute int) time.Time {
	return time.Date(2024, month, day, hour, minute, 0, 0, models.VietnamTime)
}

// assign creates a task of plan p as actor a, due on due, with assignees,
// at the world's current clock.
func assign(t testing.TB, w *testfix.World, a *models.Actor, p *plans.Plan, title, due string, unit int64,
	assignees ...int64) *plans.Task {
	t.Helper()
	task, err := w.Store.CreateTask(context.Background(), a, p.ID, plans.TaskInput{Title: title,
		LeadUnitID: unit, DueOn: date(t, due), AssigneeIDs: assignees})
	if err != nil {
		t.Fatal(err)
	}
	return task
}

// plan runs the planner at instant when and fails the test on error.
func plan(t testing.TB, job Reminders, w *testfix.World, when time.Time) deadlines.PlanResult {
	t.Helper()
	w.Clock.Set(when)
	res, err := job.Store.PlanReminders(context.Background(), when, job.Options)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// deliveriesOf lists the commune's deliveries (newest first) through the
// API's store method, as the commune's admin sees them.
func deliveriesOf(t testing.TB, w *testfix.World, c *testfix.Commune, f deadlines.DeliveryFilter) []deadlines.Delivery {
	t.Helper()
	admin := w.Actor(t, c, models.RoleAdmin)
	var out []deadlines.Delivery
	for {
		f.Limit = models.MaxPageSize
		page, err := w.Store.ListDeliveries(context.Background(), admin, f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, page.Items...)
		if page.Next == nil {
			return out
		}
		f.Cursor = *page.Next
	}
}

// queuedDays is, per kind, the local days on which the task's inbox
// deliveries were queued (MM-DD), in order.
func queuedDays(t testing.TB, w *testfix.World, c *testfix.Commune, taskID int64) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for _, d := range deliveriesOf(t, w, c, deadlines.DeliveryFilter{TaskID: taskID, Channel: "inbox"}) {
		out[d.Kind] = append(out[d.Kind], d.CreatedAt.In(models.VietnamTime).Format("01-02"))
	}
	for k := range out {
		slices.Sort(out[k]) // no Compact: a repeat on one day is a bug to see
	}
	return out
}
