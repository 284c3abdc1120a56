package jobs

import (
	"context"
	"io"
	"log/slog"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tiendo/tiendo/models/domain"

	"github.com/tiendo/tiendo/internal/config"
	"github.com/tiendo/tiendo/internal/testdb"
	"github.com/tiendo/tiendo/models"
)

// jobsStore is a jobs-pool store on a fresh database with a fixed clock.
func jobsStore(t *testing.T, now time.Time) *domain.Store {
	t.Helper()
	db, err := config.ConnectAs(context.Background(), testdb.NewDSN(t), config.JobsRole, 4)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	store, err := domain.Open(db, models.Options{Clock: models.NewFixedClock(now)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(store.Close)
	return store
}

// TestKilledRunIsRunAgain: a slot whose process died mid-run (its lease
// expired, never renewed) runs again; one whose lease is alive does not.
func TestKilledRunIsRunAgain(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	now := at("2024-09-30T10:03:00+07:00")
	store := jobsStore(t, now)
	slot := at("2024-09-30T10:00:00+07:00")
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	job := &countJob{}
	if ok, err := store.ClaimSlot(ctx, job.Name(), slot, "alive", time.Hour); err != nil || !ok {
		t.Fatalf("claim: %v %v", ok, err)
	}
	s, _ := NewScheduler(store, log, job)
	if ran, err := s.RunNow(ctx, job, now); err != nil || ran || job.runs.Load() != 0 {
		t.Fatalf("under a live lease: ran %v (%d), %v", ran, job.runs.Load(), err)
	}
	other := jobsStore(t, now)
	if ok, err := other.ClaimSlot(ctx, job.Name(), slot, "killed", time.Millisecond); err != nil || !ok {
		t.Fatalf("claim: %v %v", ok, err)
	}
	time.Sleep(20 * time.Millisecond)
	s2, _ := NewScheduler(other, log, job)
	if ran, err := s2.RunNow(ctx, job, now); err != nil || !ran || job.runs.Load() != 1 {
		t.Fatalf("after the killed run's lease: ran %v (%d), %v", ran, job.runs.Load(), err)
	}
	if ran, _ := s2.RunNow(ctx, job, now); ran || job.runs.Load() != 1 {
		t.Fatalf("a finished slot ran again (%d runs)", job.runs.Load())
	}
}

// slowJob runs for a while, longer than its scheduler's lease.
type slowJob struct {
	countJob
	started chan struct{}
	took    time.Duration
}

func (j *slowJob) Run(ctx context.Context, now time.Time) (string, error) {
	close(j.started)
	time.Sleep(j.took)
	return j.countJob.Run(ctx, now)
}

// TestLeaseIsRenewedWhileRunning: a live run longer than its lease keeps the
// slot; another replica cannot take it over.
func TestLeaseIsRenewedWhileRunning(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	now := at("2024-09-30T10:03:00+07:00")
	store := jobsStore(t, now)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	job := &slowJob{started: make(chan struct{}), took: 900 * time.Millisecond}
	s, _ := NewScheduler(store, log, job)
	s.Lease = 300 * time.Millisecond
	var first atomic.Bool
	done := make(chan struct{})
	go func() {
		ran, _ := s.RunNow(ctx, job, now)
		first.Store(ran)
		close(done)
	}()
	<-job.started
	time.Sleep(2 * s.Lease)
	other := &countJob{}
	s2, _ := NewScheduler(store, log, other)
	if ran, _ := s2.RunNow(ctx, job, now); ran {
		t.Fatal("a running slot with a renewed lease was taken over")
	}
	<-done
	if !first.Load() || job.runs.Load() != 1 {
		t.Fatalf("the slow run: ran %v, %d runs", first.Load(), job.runs.Load())
	}
}
