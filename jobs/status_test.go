package jobs

import (
	"context"
	"testing"

	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/deadlines"
	"github.com/tiendo/tiendo/models/plans"
)

// TestStatusChangesAtMidnightWithoutAWrite runs the sweep at 23:59 and 00:01
// local time: nobody touches the tasks, yet their stored status moves to
// overdue and due soon at midnight, each commune on its own calendar.
func TestStatusChangesAtMidnightWithoutAWrite(t *testing.T) {
	t.Parallel()
	w := testfix.New(t)
	ctx := context.Background()
	// Commune A closes on Wednesday 2 October 2024; commune B works.
	admin := w.Actor(t, w.A, models.RoleAdmin)
	if _, err := w.Store.CreateCalendarOverride(ctx, admin, deadlines.CalendarOverrideInput{
		Date: date(t, "2024-10-02"), Action: "add", Kind: "holiday", Name: "Nghỉ theo quyết định của xã"}); err != nil {
		t.Fatal(err)
	}
	type pair struct{ today, friday *plans.Task }
	tasks := map[*testfix.Commune]pair{}
	for i, c := range []*testfix.Commune{w.A, w.B} {
		chair, p := newPlan(t, w, c, []string{"01/KH-UBND", "02/KH-UBND"}[i])
		tasks[c] = pair{newTask(t, w, chair, p, c.Office.ID, "2024-09-30"), newTask(t, w, chair, p, c.Office.ID, "2024-10-04")}
	}
	job := Status{Store: w.JobsStore(t)}
	expect := func(when string, want map[*testfix.Commune][2]string) {
		t.Helper()
		if _, err := job.Run(ctx, at(when)); err != nil {
			t.Fatal(err)
		}
		for c, st := range want {
			got := [2]string{storedStatus(t, w, c.Info.ID, tasks[c].today.ID), storedStatus(t, w, c.Info.ID, tasks[c].friday.ID)}
			if got != st {
				t.Errorf("%s, %s: stored statuses %v, want %v", when, c.Info.Name, got, st)
			}
		}
	}
	// Three working days ahead of Monday 30/9 is Thursday 3/10 in B, but
	// Friday 4/10 in A, whose Wednesday is off.
	expect("2024-09-30T23:59:00+07:00", map[*testfix.Commune][2]string{
		w.A: {"due_soon", "due_soon"}, w.B: {"due_soon", "not_started"}})
	expect("2024-10-01T00:01:00+07:00", map[*testfix.Commune][2]string{
		w.A: {"overdue", "due_soon"}, w.B: {"overdue", "due_soon"}})
}
