package jobs

import (
	"context"
	"io"
	"log/slog"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tiendo/tiendo/models/domain"

	"github.com/robfig/cron/v3"

	"github.com/tiendo/tiendo/internal/config"
	"github.com/tiendo/tiendo/internal/testdb"
	"github.com/tiendo/tiendo/models"
)

func TestMain(m *testing.M) { testdb.Main(m) }

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestSlotAt(t *testing.T) {
	cases := []struct{ spec, now, want string }{
		{"*/5 * * * *", "2024-09-30T10:03:20+07:00", "2024-09-30T10:00:00+07:00"},
		{"*/5 * * * *", "2024-09-30T10:05:00+07:00", "2024-09-30T10:05:00+07:00"},
		{"30 7 * * 1-5", "2024-09-30T07:29:59+07:00", "2024-09-27T07:30:00+07:00"}, // Monday before 07:30 → Friday's
		{"30 7 * * 1-5", "2024-09-30T12:00:00+07:00", "2024-09-30T07:30:00+07:00"},
		{"0 1 1 * *", "2024-09-30T12:00:00+07:00", "2024-09-01T01:00:00+07:00"},
	}
	for _, c := range cases {
		sched, err := cron.ParseStandard(c.spec)
		if err != nil {
			t.Fatal(err)
		}
		if got := slotAt(sched, at(c.now)); !got.Equal(at(c.want)) {
			t.Errorf("%s at %s: got %s, want %s", c.spec, c.now, got, c.want)
		}
	}
}

// countJob counts its runs.
type countJob struct{ runs atomic.Int32 }

func (*countJob) Name() string { return "count" }
func (*countJob) Spec() string { return "*/5 * * * *" }
func (j *countJob) Run(context.Context, time.Time) (string, error) {
	j.runs.Add(1)
	return "", nil
}

// TestSlotClaimedOnceAcrossReplicas runs the same slot from eight schedulers
// at once, as eight replicas would, and expects one run.
func TestSlotClaimedOnceAcrossReplicas(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, err := config.ConnectAs(ctx, testdb.NewDSN(t), config.JobsRole, 8)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	clock := models.NewFixedClock(at("2024-09-30T10:03:00+07:00"))
	store, err := domain.Open(db, models.Options{Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	job := &countJob{}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	var wg sync.WaitGroup
	for range 8 {
		s, err := NewScheduler(store, log, job)
		if err != nil {
			t.Fatal(err)
		}
		wg.Go(func() { _, _ = s.RunNow(ctx, job, clock.Now()) })
	}
	wg.Wait()
	if n := job.runs.Load(); n != 1 {
		t.Fatalf("slot ran %d times, want 1", n)
	}
	// A start after downtime catches up on the latest missed slot, once.
	clock.Set(at("2024-09-30T11:42:00+07:00"))
	s, _ := NewScheduler(store, log, job)
	s.Start(ctx)
	s.Stop(ctx)
	s2, _ := NewScheduler(store, log, job)
	s2.Start(ctx)
	s2.Stop(ctx)
	if n := job.runs.Load(); n != 2 {
		t.Fatalf("after catch-up: %d runs, want 2", n)
	}
}
