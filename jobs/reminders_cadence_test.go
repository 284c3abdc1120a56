package jobs

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/deadlines"
	"github.com/tiendo/tiendo/models/plans"
)

// TestReportCadence: a task that asks for a report every month (3 working
// days' grace) or every week (none) is asked once per period that ended
// without one, on the first working morning after the grace, and not for a
// period that had its report; the cadence replaces the stale reminder.
func TestReportCadence(t *testing.T) {
	t.Parallel()
	w := testfix.New(t)
	w.Clock.Set(vn(7, 1, 10, 0)) // Monday 1 July 2024
	chair, p := newPlan(t, w, w.A, "30/KH-UBND")
	officer := w.A.Users[models.RoleOfficer]
	cadence := func(title, every string, grace int) *plans.Task {
		task, err := w.Store.CreateTask(context.Background(), chair, p.ID, plans.TaskInput{Title: title,
			LeadUnitID: w.A.Office.ID, DueOn: date(t, "2024-12-31"), AssigneeIDs: []int64{officer.ID},
			ReportEvery: &every, ReportGraceDays: &grace})
		if err != nil {
			t.Fatal(err)
		}
		return task
	}
	monthly := cadence("Báo cáo tháng về CCHC", "month", 3)
	weekly := cadence("Báo cáo tuần về VNeID", "week", 0)
	job := Reminders{Store: w.JobsStore(t)}
	for _, day := range []time.Time{vn(8, 5, 8, 0), vn(8, 6, 8, 0), vn(8, 7, 8, 0)} {
		plan(t, job, w, day)
	}
	// Both report on Thursday 8 August, then nothing until October.
	w.Clock.Set(vn(8, 8, 9, 0))
	reporter := w.Actor(t, w.A, models.RoleOfficer)
	for _, task := range []*plans.Task{monthly, weekly} {
		pct := 40
		if _, err := w.Store.ReportProgress(context.Background(), reporter, task.ID, plans.ProgressInput{Percent: &pct}); err != nil {
			t.Fatal(err)
		}
	}
	for _, day := range []time.Time{vn(8, 12, 8, 0), vn(9, 4, 8, 0), vn(10, 3, 8, 0), vn(10, 4, 8, 0), vn(10, 7, 8, 0)} {
		plan(t, job, w, day)
	}
	// July ends on Wednesday 31/7: three working days' grace (1, 2, 5/8),
	// asked on 6/8. August had its report. September ends Monday 30/9:
	// grace 1–3/10, asked on 4/10.
	if got, want := queuedDays(t, w, w.A, monthly.ID), map[string][]string{"report_missing": {"08-06", "10-04"}}; !reflect.DeepEqual(got, want) {
		t.Errorf("monthly: got %v, want %v", got, want)
	}
	// With no grace, the week of 29/7–4/8 is asked for on Monday 5/8. After
	// the report of 8/8 (the week of 5–11/8 is fine), each run asks for the
	// week that has just ended — 26/8–1/9 on 4/9, 23–29/9 on 3/10, 30/9–6/10
	// on 7/10 — and never for a backlog of weeks in between.
	if got, want := queuedDays(t, w, w.A, weekly.ID), map[string][]string{"report_missing": {"08-05", "09-04", "10-03", "10-07"}}; !reflect.DeepEqual(got, want) {
		t.Errorf("weekly: got %v, want %v", got, want)
	}
	got := deliveriesOf(t, w, w.A, deadlines.DeliveryFilter{TaskID: monthly.ID, Channel: "inbox"})
	if len(got) != 2 || got[0].Window != "2024-09-01" || got[1].Window != "2024-07-01" || got[0].RecipientID != officer.ID {
		t.Errorf("monthly deliveries: %+v", got)
	}
}
