package jobs

import (
	"context"
	"testing"

	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/plans"
	"github.com/tiendo/tiendo/models/statistics"
)

// snapshotCounts reads the snapshot rows of one group in [from, to].
func snapshotCounts(t *testing.T, w *testfix.World, a *models.Actor, f statistics.SnapshotFilter) []statistics.Snapshot {
	t.Helper()
	rows, err := w.Store.ListSnapshots(context.Background(), a, f)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestSnapshotCountsAndIdempotency takes the nightly snapshot twice on one
// day and once the next: one row per group and day, with the counts of the
// statuses at that moment, per plan, per lead unit and per commune, and
// nothing of the other commune.
func TestSnapshotCountsAndIdempotency(t *testing.T) {
	t.Parallel()
	w := testfix.New(t)
	ctx := context.Background()
	chair, p := newPlan(t, w, w.A, "04/KH-UBND")
	newTask(t, w, chair, p, w.A.Office.ID, "2024-09-20")          // overdue
	soon := newTask(t, w, chair, p, w.A.Office.ID, "2024-10-01")  // due soon
	newTask(t, w, chair, p, w.A.Hamlet1.ID, "2024-12-31")         // not started
	done := newTask(t, w, chair, p, w.A.Hamlet1.ID, "2024-12-31") // done on time
	hundred := 100
	if _, err := w.Store.ReportProgress(ctx, chair, done.ID, plans.ProgressInput{Percent: &hundred}); err != nil {
		t.Fatal(err)
	}
	lone := newTask(t, w, chair, p, w.A.Hamlet2.ID, "2024-12-31") // the only task of hamlet 2
	chairB, pB := newPlan(t, w, w.B, "05/KH-UBND")
	newTask(t, w, chairB, pB, w.B.Office.ID, "2024-12-31")

	job := Snapshot{Store: w.JobsStore(t)}
	for range 2 {
		if _, err := job.Run(ctx, at("2024-09-30T23:50:00+07:00")); err != nil {
			t.Fatal(err)
		}
	}
	day := date(t, "2024-09-30")
	one := statistics.SnapshotFilter{From: day, To: day}
	check := func(name string, f statistics.SnapshotFilter, a *models.Actor, want plans.StatusCounts) {
		t.Helper()
		rows := snapshotCounts(t, w, a, f)
		if len(rows) != 1 {
			t.Fatalf("%s: %d rows, want exactly 1: %+v", name, len(rows), rows)
		}
		for k, n := range want {
			if rows[0].Counts[k] != n {
				t.Errorf("%s: %s = %d, want %d (all: %v)", name, k, rows[0].Counts[k], n, rows[0].Counts)
			}
		}
	}
	plan, office, hamlet := one, one, one
	plan.PlanID, office.UnitID, hamlet.UnitID = p.ID, w.A.Office.ID, w.A.Hamlet1.ID
	check("plan", plan, chair, plans.StatusCounts{"total": 5, "overdue": 1, "due_soon": 1, "not_started": 2, "done_on_time": 1})
	check("office", office, chair, plans.StatusCounts{"total": 2, "overdue": 1, "due_soon": 1})
	check("hamlet 1", hamlet, chair, plans.StatusCounts{"total": 2, "not_started": 1, "done_on_time": 1})
	check("commune A", one, chair, plans.StatusCounts{"total": 5})
	hamlet2 := one
	hamlet2.UnitID = w.A.Hamlet2.ID
	check("hamlet 2", hamlet2, chair, plans.StatusCounts{"total": 1})
	check("commune B", one, chairB, plans.StatusCounts{"total": 1, "not_started": 1})

	// Tasks deleted and the job run again the same day: that day's rows are
	// replaced, and the row of a unit left without tasks goes.
	for _, id := range []int64{soon.ID, lone.ID} {
		if err := w.Store.DeleteTask(ctx, chair, id, 0); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := job.Run(ctx, at("2024-09-30T23:55:00+07:00")); err != nil {
		t.Fatal(err)
	}
	if rows := snapshotCounts(t, w, chair, hamlet2); len(rows) != 0 {
		t.Fatalf("hamlet 2 has no task left: %+v", rows)
	}
	check("plan after a delete", plan, chair, plans.StatusCounts{"total": 3, "due_soon": 0})
	// The next night adds a row of its own.
	if _, err := job.Run(ctx, at("2024-10-01T23:50:00+07:00")); err != nil {
		t.Fatal(err)
	}
	trend := statistics.SnapshotFilter{From: day, To: date(t, "2024-10-01"), PlanID: p.ID}
	if rows := snapshotCounts(t, w, chair, trend); len(rows) != 2 || rows[1].Day.String() != "2024-10-01" {
		t.Fatalf("trend: %+v", rows)
	}
}
