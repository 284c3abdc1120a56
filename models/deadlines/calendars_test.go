package deadlines_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/tiendo/tiendo/models/deadlines"
	"github.com/tiendo/tiendo/models/domain"
	"github.com/tiendo/tiendo/models/plans"

	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/models"
)

// TestCalendarChangeReachesTaskStatus reads a task's status through the
// cached calendar, changes the commune's calendar, and reads again: on the
// replica that made the change at once, on another one once it confirms the
// calendar's version, and never in the other commune.
func TestCalendarChangeReachesTaskStatus(t *testing.T) {
	t.Parallel()
	w := testfix.New(t)
	ctx := context.Background()
	other, err := domain.Open(w.DB, models.Options{Clock: w.Clock, Password: models.TestPasswordParams,
		CalendarTTL: time.Nanosecond}) // confirm the version on every read
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	stale, err := domain.Open(w.DB, models.Options{Clock: w.Clock, Password: models.TestPasswordParams})
	if err != nil {
		t.Fatal(err)
	}
	defer stale.Close()
	tasks := map[*testfix.Commune]*plans.Task{}
	for i, c := range []*testfix.Commune{w.A, w.B} {
		chair := w.Actor(t, c, models.RoleChairman)
		p, err := w.Store.CreatePlan(ctx, chair, plans.PlanInput{DocNumber: []string{"01/KH-UBND", "02/KH-UBND"}[i],
			IssuedOn: testfix.Date("2024-01-05"), Kind: "other", Title: "Kế hoạch"})
		if err != nil {
			t.Fatal(err)
		}
		// Friday 4/10: four working days after Monday 30/9, beyond the three of "due soon".
		if tasks[c], err = w.Store.CreateTask(ctx, chair, p.ID, plans.TaskInput{Title: "Việc", LeadUnitID: c.Office.ID,
			DueOn: testfix.Date("2024-10-04")}); err != nil {
			t.Fatal(err)
		}
	}
	status := func(s *domain.Store, c *testfix.Commune) string {
		t.Helper()
		task, err := s.GetTask(ctx, w.Actor(t, c, models.RoleOfficer), tasks[c].ID)
		if err != nil {
			t.Fatal(err)
		}
		return task.Status
	}
	for _, s := range []*domain.Store{w.Store, other, stale} {
		if got := status(s, w.A); got != "not_started" {
			t.Fatalf("before: %s", got)
		}
	}
	if _, err := w.Store.CreateCalendarOverride(ctx, w.Actor(t, w.A, models.RoleAdmin), deadlines.CalendarOverrideInput{
		Date: testfix.Date("2024-10-02"), Action: "add", Kind: "holiday"}); err != nil {
		t.Fatal(err)
	}
	if a, o, b := status(w.Store, w.A), status(other, w.A), status(w.Store, w.B); a != "due_soon" || o != "due_soon" || b != "not_started" {
		t.Errorf("after A closes on 2/10: A %s, A on another replica %s, B %s", a, o, b)
	}
	// A replica within its 30 seconds of trust still answers from its cache,
	// but any deadline it computes reads the version in its transaction.
	got, err := stale.AddWorkingDays(ctx, w.Actor(t, w.A, models.RoleOfficer), testfix.Date("2024-10-01"), 1)
	if err != nil || got.String() != "2024-10-03" {
		t.Errorf("deadline on a replica with a cached calendar: %s, %v", got, err)
	}
}

// TestDeadlineTablesAreTenantIsolated applies TestRowLevelSecurity's check
// to the deadline engine's tables: a query without any commune filter, run
// through the server's pool inside one commune, sees only that commune's rows.
func TestDeadlineTablesAreTenantIsolated(t *testing.T) {
	t.Parallel()
	w := testfix.New(t)
	ctx := context.Background()
	for i, c := range []*testfix.Commune{w.A, w.B} {
		if _, err := w.Store.CreateCalendarOverride(ctx, c.System, deadlines.CalendarOverrideInput{
			Date: testfix.Date("2024-12-24"), Action: "add", Kind: "holiday"}); err != nil {
			t.Fatal(err)
		}
		chair := w.Actor(t, c, models.RoleChairman)
		p, err := w.Store.CreatePlan(ctx, chair, plans.PlanInput{DocNumber: []string{"07/KH-UBND", "08/KH-UBND"}[i],
			IssuedOn: testfix.Date("2024-01-05"), Kind: "other", Title: "Kế hoạch"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Store.CreateSeries(ctx, chair, p.ID, plans.SeriesInput{Title: "Giao ban", LeadUnitID: c.Office.ID,
			Rule: plans.RuleWeekly, Weekdays: []int{1}}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := w.JobsStore(t).TakeSnapshots(ctx, w.Clock.Now()); err != nil {
		t.Fatal(err)
	}
	// Each commune has one override, one series and three snapshot rows (its
	// plan, its office and itself).
	for table, want := range map[string]int{"calendar_overrides": 1, "task_series": 1, "status_snapshots": 3} {
		var counts [3]int
		for i, commune := range []int64{w.A.Info.ID, w.B.Info.ID, 0} {
			tx := w.DB.MustBeginTx(ctx, nil)
			if commune != 0 {
				tx.MustExec(`SELECT set_config('tiendo.commune_id', $1, true)`, strconv.FormatInt(commune, 10))
			}
			if err := tx.Get(&counts[i], "SELECT count(*) FROM "+table); err != nil { // no WHERE on purpose
				t.Fatal(err)
			}
			_ = tx.Rollback()
		}
		if counts != [3]int{want, want, 0} {
			t.Errorf("%s: A sees %d, B sees %d, no commune sees %d; want %d, %d, 0", table, counts[0], counts[1], counts[2], want, want)
		}
	}
}
