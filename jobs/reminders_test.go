package jobs

import (
	"context"
	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/deadlines"
	"github.com/tiendo/tiendo/models/plans"
)

// The 2024 calendar around these tests: National Day closes Monday 2 and
// Tuesday 3 September, so Friday 30 August is followed by Wednesday 4
// September; weekends as usual.

// TestPlannerRules runs the planner every day at 08:00 from 20 August to 20
// September 2024 (and a second time each day, which must add nothing) and
// checks on which days each reminder of each task was queued.
func TestPlannerRules(t *testing.T) {
	t.Parallel()
	w := testfix.New(t)
	w.Clock.Set(vn(8, 19, 15, 0))
	chair, p := newPlan(t, w, w.A, "21/KH-UBND")
	officer := w.A.Users[models.RoleOfficer].ID
	cases := []struct {
		title string
		due   string
		want  map[string][]string
	}{
		// 3 and 1 working days before Wednesday 4/9 are Wed 28/8 and Fri 30/8 (the
		// holiday is skipped); overdue on the 1st, 4th, 7th, 10th working day after;
		// escalated on the 5th.
		{"Hạn sau kỳ nghỉ lễ", "2024-09-04", map[string][]string{
			"assigned": {"08-20"}, "due_soon": {"08-28", "08-30"}, "due_today": {"09-04"},
			"overdue": {"09-05", "09-10", "09-13", "09-18"}, "escalation": {"09-11"}}},
		// Across a weekend: Monday 9/9 is reminded on Wed 4/9 and Fri 6/9.
		{"Hạn thứ Hai", "2024-09-09", map[string][]string{
			"assigned": {"08-20"}, "due_soon": {"09-04", "09-06"}, "due_today": {"09-09"},
			"overdue": {"09-10", "09-13", "09-18"}, "escalation": {"09-16"}}},
		// A deadline on a Saturday: Friday is its last working day ("due today"),
		// Monday the first working day after it.
		{"Hạn thứ Bảy", "2024-09-07", map[string][]string{
			"assigned": {"08-20"}, "due_soon": {"08-30", "09-05"}, "due_today": {"09-06"},
			"overdue": {"09-09", "09-12", "09-17", "09-20"}, "escalation": {"09-13"}}},
	}
	tasks := make([]*plans.Task, len(cases))
	for i, c := range cases {
		tasks[i] = assign(t, w, chair, p, c.title, c.due, w.A.Office.ID, officer)
	}
	// In progress since a report on 20/8, due in December: stale after 14 days
	// (3/9, a holiday, so 4/9), once; a report on 10/9 re-arms it for 24/9.
	stale := assign(t, w, chair, p, "Việc dài hạn", "2024-12-20", w.A.Office.ID, officer)
	report := func(when time.Time, pct int) {
		w.Clock.Set(when)
		if _, err := w.Store.ReportProgress(context.Background(), w.Actor(t, w.A, models.RoleOfficer), stale.ID,
			plans.ProgressInput{Percent: &pct}); err != nil {
			t.Fatal(err)
		}
	}
	report(vn(8, 20, 7, 0), 20)
	job := Reminders{Store: w.JobsStore(t)}
	for day := vn(8, 20, 8, 0); !day.After(vn(9, 20, 8, 0)); day = day.AddDate(0, 0, 1) {
		if day.Day() == 10 && day.Month() == time.September {
			report(day.Add(-time.Hour), 60)
		}
		plan(t, job, w, day)
		if again := plan(t, job, w, day); again.Total() != 0 {
			t.Fatalf("%s: a second run queued %v", day.Format("01-02"), again)
		}
	}
	for i, c := range cases {
		if got := queuedDays(t, w, w.A, tasks[i].ID); !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s (due %s):\n got  %v\n want %v", c.title, c.due, got, c.want)
		}
	}
	for _, d := range deliveriesOf(t, w, w.A, deadlines.DeliveryFilter{Kind: "escalation"}) {
		if d.RecipientID != w.A.Users[models.RoleChairman].ID {
			t.Errorf("escalation to user %d, not the chairman", d.RecipientID)
		}
	}
	want := map[string][]string{"assigned": {"08-20"}, "stale": {"09-04"}}
	if got := queuedDays(t, w, w.A, stale.ID); !reflect.DeepEqual(got, want) {
		t.Errorf("stale task:\n got  %v\n want %v", got, want)
	}
	plan(t, job, w, vn(9, 24, 8, 0))
	want["stale"] = append(want["stale"], "09-24")
	if got := queuedDays(t, w, w.A, stale.ID); !reflect.DeepEqual(got, want) {
		t.Errorf("stale task after a new report:\n got  %v\n want %v", got, want)
	}
	checkDigestDays(t, w, officer)
}

// checkDigestDays: one digest per working day the planner ran from the first
// day a task was due soon (28/8: 4/9 is 3 working days ahead), none on
// weekends or holidays.
func checkDigestDays(t *testing.T, w *testfix.World, officer int64) {
	t.Helper()
	var got []string
	for _, d := range deliveriesOf(t, w, w.A, deadlines.DeliveryFilter{Kind: "digest", Channel: "inbox"}) {
		if d.RecipientID != officer {
			t.Errorf("digest for user %d, who has no urgent task", d.RecipientID)
		}
		got = append([]string{d.Window}, got...)
	}
	var want []string
	for _, d := range []string{"08-28", "08-29", "08-30", "09-04", "09-05", "09-06", "09-09", "09-10", "09-11",
		"09-12", "09-13", "09-16", "09-17", "09-18", "09-19", "09-20", "09-24"} {
		want = append(want, "2024-"+d)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("digest days:\n got  %v\n want %v", got, want)
	}
}

// TestPlannerMorningAndWorkingDays: a working day's reminders wait for 07:30;
// assignments are announced at any hour; weekends and holidays send nothing else.
func TestPlannerMorningAndWorkingDays(t *testing.T) {
	t.Parallel()
	w := testfix.New(t)
	w.Clock.Set(vn(8, 25, 10, 0))
	chair, p := newPlan(t, w, w.A, "22/KH-UBND")
	assign(t, w, chair, p, "Báo cáo tuần", "2024-08-29", w.A.Hamlet1.ID)
	job := Reminders{Store: w.JobsStore(t)}
	steps := []struct {
		at   time.Time
		want deadlines.PlanResult
	}{
		{vn(8, 25, 23, 50), deadlines.PlanResult{"assigned": 1}}, // Sunday night: the assignment only
		{vn(8, 26, 7, 29), deadlines.PlanResult{}},               // Monday before 07:30: nothing yet
		{vn(8, 26, 7, 30), deadlines.PlanResult{"due_soon": 1, "digest": 1}},
		{vn(8, 26, 23, 50), deadlines.PlanResult{}},
		{vn(8, 31, 9, 0), deadlines.PlanResult{}}, // Saturday
		{vn(9, 2, 9, 0), deadlines.PlanResult{}},  // National Day
	}
	for _, s := range steps {
		got := plan(t, job, w, s.at)
		if !reflect.DeepEqual(got, s.want) {
			t.Errorf("%s: queued %v, want %v", s.at.Format("Mon 02/01 15:04"), got, s.want)
		}
	}
	// No assignee: the team member of the lead hamlet is the recipient.
	for _, d := range deliveriesOf(t, w, w.A, deadlines.DeliveryFilter{}) {
		if d.RecipientID != w.A.Users[models.RoleTeamMember].ID {
			t.Errorf("%s went to user %d, not the hamlet's team member", d.Kind, d.RecipientID)
		}
	}
}

// TestPlannerCatchUpAfterDowntime: a planner that was down queues what is
// still relevant when it comes back, not one reminder per missed day.
func TestPlannerCatchUpAfterDowntime(t *testing.T) {
	t.Parallel()
	w := testfix.New(t)
	w.Clock.Set(vn(8, 26, 15, 0))
	chair, p := newPlan(t, w, w.A, "23/KH-UBND")
	officer := w.A.Users[models.RoleOfficer].ID
	late := assign(t, w, chair, p, "Hạn trong lúc ngừng", "2024-09-04", w.A.Office.ID, officer)
	soon := assign(t, w, chair, p, "Hạn ngày 6/9", "2024-09-06", w.A.Office.ID, officer)
	job := Reminders{Store: w.JobsStore(t)}
	plan(t, job, w, vn(8, 27, 8, 0))
	// Down from 28/8 to 5/9. On Friday 6/9 "late" is 2 working days overdue:
	// the overdue reminder of its first window, once; the 3- and 1-day and
	// due-today reminders are no longer relevant. "soon" is due today.
	plan(t, job, w, vn(9, 6, 8, 0))
	plan(t, job, w, vn(9, 10, 8, 0)) // the 4th working day overdue: the next window
	want := map[string][]string{"assigned": {"08-27"}, "overdue": {"09-06", "09-10"}}
	if got := queuedDays(t, w, w.A, late.ID); !reflect.DeepEqual(got, want) {
		t.Errorf("late: got %v, want %v", got, want)
	}
	want = map[string][]string{"assigned": {"08-27"}, "due_today": {"09-06"}, "overdue": {"09-10"}}
	if got := queuedDays(t, w, w.A, soon.ID); !reflect.DeepEqual(got, want) {
		t.Errorf("soon: got %v, want %v", got, want)
	}
	// Missing the 3-day reminder's day (Wed 4/9 for Mon 9/9) sends it on Thursday
	// with the days that are really left.
	w.Clock.Set(vn(9, 3, 15, 0))
	mon := assign(t, w, chair, p, "Hạn thứ Hai 9/9", "2024-09-09", w.A.Office.ID, officer)
	plan(t, job, w, vn(9, 5, 8, 0))
	got := deliveriesOf(t, w, w.A, deadlines.DeliveryFilter{TaskID: mon.ID, Kind: "due_soon", Channel: "inbox"})
	if len(got) != 1 || got[0].Window != "2024-09-09/3" {
		t.Errorf("due soon on the day after its day: %+v, want one with window 2024-09-09/3", got)
	}
}

// TestPlannerConcurrentRunsQueueOnce runs the same planning from four
// replicas at once: every reminder is queued once, each with one event.
func TestPlannerConcurrentRunsQueueOnce(t *testing.T) {
	t.Parallel()
	w := testfix.New(t)
	w.Clock.Set(vn(9, 25, 10, 0))
	chair, p := newPlan(t, w, w.A, "24/KH-UBND")
	for i := range 30 {
		assign(t, w, chair, p, fmt.Sprintf("Việc %d", i), fmt.Sprintf("2024-09-%02d", 26+i%5), w.A.Hamlet1.ID,
			w.A.Users[models.RoleOfficer].ID)
	}
	var mu sync.Mutex
	total := 0
	var wg sync.WaitGroup
	for range 4 {
		job := Reminders{Store: w.JobsStore(t), Options: deadlines.PlanOptions{}}
		wg.Go(func() {
			res, err := job.Store.PlanReminders(context.Background(), vn(9, 26, 8, 0), job.Options)
			if err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			total += res.Total()
			mu.Unlock()
		})
	}
	wg.Wait()
	rows := deliveriesOf(t, w, w.A, deadlines.DeliveryFilter{})
	if total != len(rows) || total == 0 {
		t.Fatalf("four planners reported %d queued, the outbox holds %d", total, len(rows))
	}
	seen := map[string]bool{}
	for _, d := range rows {
		key := fmt.Sprint(d.TaskID, d.RecipientID, d.Kind, d.Channel, d.Window)
		if seen[key] {
			t.Fatalf("queued twice: %s", key)
		}
		seen[key] = true
	}
}

// TestAssignedOnCreateAndReassign: an assignment is announced to the people
// who are new to the task, once; a progress report announces nothing.
func TestAssignedOnCreateAndReassign(t *testing.T) {
	t.Parallel()
	w := testfix.New(t)
	ctx := context.Background()
	w.Clock.Set(vn(9, 29, 10, 0)) // a Sunday: no deadline reminders to mix in
	chair, p := newPlan(t, w, w.A, "25/KH-UBND")
	officer, team := w.A.Users[models.RoleOfficer].ID, w.A.Users[models.RoleTeamMember].ID
	task := assign(t, w, chair, p, "Rà soát danh mục TTHC", "2024-10-31", w.A.Office.ID, officer)
	job := Reminders{Store: w.JobsStore(t)}
	recipients := func(when time.Time) []int64 {
		t.Helper()
		plan(t, job, w, when)
		var out []int64
		for _, d := range deliveriesOf(t, w, w.A, deadlines.DeliveryFilter{Kind: "assigned"}) {
			out = append(out, d.RecipientID)
		}
		return out
	}
	if got := recipients(vn(9, 29, 10, 10)); !reflect.DeepEqual(got, []int64{officer}) {
		t.Fatalf("after creation: %v, want the officer", got)
	}
	pct := 30
	w.Clock.Set(vn(9, 29, 11, 0))
	if _, err := w.Store.ReportProgress(ctx, w.Actor(t, w.A, models.RoleOfficer), task.ID,
		plans.ProgressInput{Percent: &pct}); err != nil {
		t.Fatal(err)
	}
	if got := recipients(vn(9, 29, 11, 10)); len(got) != 1 {
		t.Fatalf("after a progress report: %v, want nothing new", got)
	}
	w.Clock.Set(vn(9, 29, 12, 0))
	if _, err := w.Store.UpdateTask(ctx, chair, task.ID, 0, plans.TaskPatch{
		AssigneeIDs: models.Some([]int64{officer, team})}); err != nil {
		t.Fatal(err)
	}
	if got := recipients(vn(9, 29, 12, 10)); !reflect.DeepEqual(got, []int64{team, officer}) {
		t.Fatalf("after adding the team member: %v, want the team member (newest first), then the officer", got)
	}
}
