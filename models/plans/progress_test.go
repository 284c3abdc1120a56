package plans_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/tiendo/tiendo/models/domain"
	"github.com/tiendo/tiendo/models/plans"

	"github.com/jmoiron/sqlx"

	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/models"
)

// officeTask is a task of commune A's office, due at the end of 2024, in a
// plan of its own, and the chairman who made it.
func officeTask(t *testing.T, w *testfix.World) (*models.Actor, *plans.Task) {
	t.Helper()
	ctx := context.Background()
	chair := w.Actor(t, w.A, models.RoleChairman)
	p, err := w.Store.CreatePlan(ctx, chair, plans.PlanInput{DocNumber: "03/KH-UBND", IssuedOn: testfix.Date("2024-01-05"),
		Kind: "other", Title: "Kế hoạch"})
	if err != nil {
		t.Fatal(err)
	}
	task, err := w.Store.CreateTask(ctx, chair, p.ID, plans.TaskInput{Title: "Việc", LeadUnitID: w.A.Office.ID,
		StartOn: testfix.Date("2024-09-01"), DueOn: testfix.Date("2024-12-31")})
	if err != nil {
		t.Fatal(err)
	}
	return chair, task
}

// TestProgressKeepsStoredStatus: the status column that roll-ups, snapshots
// and reminders read follows each report in the report's own statement.
func TestProgressKeepsStoredStatus(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	w := testfix.New(t)
	chair, task := officeTask(t, w)
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
		res, err := w.Store.ReportProgress(ctx, chair, task.ID, plans.ProgressInput{Percent: &pct})
		if err != nil {
			t.Fatal(err)
		}
		if got := stored(); got != step.want || res.Task.Status != step.want {
			t.Errorf("after %d %%: stored %q, answered %q, want %q", pct, got, res.Task.Status, step.want)
		}
	}
}

// backwardsClock reads a second earlier at every call, as replicas whose
// clocks disagree would, each process reading before the other commits.
type backwardsClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *backwardsClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(-time.Second)
	return c.now
}

// TestConcurrentReportsAgreeWithHistory: 20 reports at once on one task,
// with clocks that disagree: the task's percent is the history's last entry,
// whether the history is read by time or by insertion.
func TestConcurrentReportsAgreeWithHistory(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	w := testfix.New(t)
	chair, task := officeTask(t, w)
	skewed, err := domain.Open(w.DB, models.Options{Clock: &backwardsClock{now: testfix.Now}})
	if err != nil {
		t.Fatal(err)
	}
	defer skewed.Close()
	var wg sync.WaitGroup
	for i := range 20 {
		pct := 2 + i*4
		wg.Go(func() {
			if _, err := skewed.ReportProgress(ctx, chair, task.ID, plans.ProgressInput{Percent: &pct}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	got, err := w.Store.GetTask(ctx, chair, task.ID)
	if err != nil {
		t.Fatal(err)
	}
	history, err := w.Store.TaskHistory(ctx, chair, task.ID)
	if err != nil {
		t.Fatal(err)
	}
	var last *int
	var prev time.Time
	for _, h := range history {
		if h.Kind != "progress" {
			continue
		}
		if h.CreatedAt.Before(prev) {
			t.Errorf("history runs backwards at %v", h.CreatedAt)
		}
		prev, last = h.CreatedAt, h.Percent
	}
	if last == nil || *last != got.Percent {
		t.Fatalf("task at %d %%, history ends at %v", got.Percent, last)
	}
}

// TestNewTasksStoreTheirStatus: a task and a sub-task due within the
// due-soon days are stored due_soon by their insert itself (no refresh
// statement follows it any more), and one due later not_started.
func TestNewTasksStoreTheirStatus(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	w := testfix.New(t)
	chair, later := officeTask(t, w) // due 31/12, today 30/09
	soon, err := w.Store.CreateTask(ctx, chair, later.PlanID, plans.TaskInput{Title: "Sắp hạn", LeadUnitID: w.A.Office.ID,
		StartOn: testfix.Date("2024-09-01"), DueOn: testfix.Date("2024-10-01")})
	if err != nil {
		t.Fatal(err)
	}
	sub, err := w.Store.CreateSubtask(ctx, chair, later.ID, plans.TaskInput{Title: "Phần việc", LeadUnitID: w.A.Hamlet1.ID,
		StartOn: testfix.Date("2024-09-01"), DueOn: testfix.Date("2024-10-02")})
	if err != nil {
		t.Fatal(err)
	}
	owner := sqlx.MustConnect("postgres", w.DSN)
	t.Cleanup(func() { owner.Close() })
	for id, want := range map[int64]string{later.ID: "not_started", soon.ID: "due_soon", sub.ID: "due_soon"} {
		var got string
		if err := owner.Get(&got, `SELECT status FROM tasks WHERE id = $1`, id); err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("task %d stored %q, want %q", id, got, want)
		}
	}
}

// TestIdempotencyKeyRecordedWhenTheAnswerWasLost: a report whose write
// committed under its key but whose answer was never kept (a failover took
// the COMMIT's reply) answers "in flight" while its lease runs, then
// "recorded" — never a second report (issue 18).
func TestIdempotencyKeyRecordedWhenTheAnswerWasLost(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	w := testfix.New(t)
	chair, task := officeTask(t, w)
	k := models.IdempotencyKey{Scope: models.ScopeAPI, Key: "k-1", Fingerprint: []byte("report 40")}
	claim, ans, err := w.Store.ClaimIdempotencyKey(ctx, chair, k)
	if err != nil || ans != nil {
		t.Fatal(err, ans)
	}
	pct := 40
	if _, err := w.Store.ReportProgress(models.WithIdempotencyClaim(ctx, claim), chair, task.ID,
		plans.ProgressInput{Percent: &pct}); err != nil {
		t.Fatal(err)
	}
	// No CompleteIdempotencyKey: the answer was lost.
	if _, _, err := w.Store.ClaimIdempotencyKey(ctx, chair, k); !errors.Is(err, models.ErrIdempotencyKeyInFlight) {
		t.Fatalf("within the lease: %v, want in flight", err)
	}
	w.Clock.Advance(models.IdempotencyLease + time.Second)
	if _, _, err := w.Store.ClaimIdempotencyKey(ctx, chair, k); !errors.Is(err, models.ErrIdempotencyKeyRecorded) {
		t.Fatalf("after the lease: %v, want recorded", err)
	}
	hist, err := w.Store.ListProgress(ctx, chair, task.ID)
	if err != nil || len(hist) != 1 {
		t.Fatalf("reports %d (%v), want the one", len(hist), err)
	}
}
