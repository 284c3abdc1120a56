package jobs

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/plans"
)

// TestPurgeTrashAfterThirtyDays deletes a plan at 09:00 on 30 September 2024
// and runs the purge on a fixed clock: a minute before the 30 days are up
// the plan stays restorable; at 30 days it leaves the bin for good, with an
// audit row, in its own commune only, and a second run purges nothing more.
func TestPurgeTrashAfterThirtyDays(t *testing.T) {
	t.Parallel()
	w := testfix.New(t)
	ctx := context.Background()
	chairA, planA := newPlan(t, w, w.A, "01/KH-UBND")
	newTask(t, w, chairA, planA, w.A.Office.ID, "2024-12-31")
	chairB, planB := newPlan(t, w, w.B, "01/KH-UBND")
	deletedAt := w.Clock.Now()
	if _, err := w.Store.DeletePlan(ctx, chairA, planA.ID, 0); err != nil {
		t.Fatal(err)
	}
	w.Clock.Advance(48 * time.Hour) // B's plan was deleted later: not yet due
	if _, err := w.Store.DeletePlan(ctx, chairB, planB.ID, 0); err != nil {
		t.Fatal(err)
	}
	job := PurgeTrash{Store: w.JobsStore(t)}
	run := func(now time.Time, want string) {
		t.Helper()
		w.Clock.Set(now)
		detail, err := job.Run(ctx, now)
		if err != nil || detail != want {
			t.Fatalf("purge at %s: %q, %v; want %q", now, detail, err, want)
		}
	}
	binOf := func(a *models.Actor) int {
		bin, err := w.Store.ListTrash(ctx, a, plans.TrashFilter{})
		if err != nil {
			t.Fatal(err)
		}
		return len(bin.Items)
	}
	due := deletedAt.AddDate(0, 0, plans.TrashDays)
	run(due.Add(-time.Minute), "0 plans purged from the recycle bin")
	if binOf(chairA) != 1 {
		t.Fatal("the plan left the bin before its 30 days")
	}
	run(due, "1 plans purged from the recycle bin")
	run(due.Add(time.Hour), "0 plans purged from the recycle bin")
	if binOf(chairA) != 0 || binOf(chairB) != 1 {
		t.Fatalf("after the purge A's bin holds %d, B's %d; want 0 and 1", binOf(chairA), binOf(chairB))
	}
	if _, err := w.Store.RestorePlan(ctx, chairA, planA.ID); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("restore of a purged plan: %v, want not found", err)
	}
	log, err := w.Store.ListAudit(ctx, chairA, models.AuditFilter{Entity: "plan", EntityID: planA.ID, Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(log.Items) == 0 || log.Items[0].Action != "purge" || log.Items[0].ActorID != nil ||
		!log.Items[0].At.Equal(due) || log.Items[0].Before == nil {
		t.Fatalf("newest audit row of the plan %+v, want a purge by the system at %s with the plan", log.Items, due)
	}
}
