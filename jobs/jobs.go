// Package jobs schedules tiendo's background work with robfig/cron. cron only
// says when to look; what to do is derived from the database's state, so a
// missed run is caught up by the next one and a repeated run does no harm.
// Each slot is claimed in PostgreSQL, so with several replicas every job runs
// once per slot.
package jobs

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/tiendo/tiendo/models/domain"

	"github.com/robfig/cron/v3"

	"github.com/tiendo/tiendo/models"
)

// Job is one kind of scheduled work.
type Job interface {
	// Name identifies the job in job_runs and on the command line.
	Name() string
	// Spec is its cron schedule in Asia/Ho_Chi_Minh, e.g. "*/5 * * * *".
	Spec() string
	// Run does the work as of now; it must be safe to repeat.
	Run(ctx context.Context, now time.Time) (detail string, err error)
}

// Concurrent is implemented by jobs that every replica may run at the same
// time because they claim their work row by row (Dispatch, with SKIP
// LOCKED); the scheduler runs them without claiming a slot in job_runs.
type Concurrent interface {
	Concurrent() bool
}

// Scheduler runs jobs on their schedules, claiming each slot first.
type Scheduler struct {
	cron  *cron.Cron
	store *domain.Store
	log   *slog.Logger
	jobs  []Job
	owner string
	// Lease is how long a slot claim holds without renewal (DefaultJobLease);
	// the running process renews it every third of that.
	Lease time.Duration
	// stopping ends at Stop; Concurrent jobs run under it (scheduler_stop.go).
	// Observe, when set, hears of every run (the operator's metrics).
	Observe  func(job string, took time.Duration, err error)
	stopping context.Context
	stopAll  context.CancelFunc
	life     lifecycle
}

// DefaultJobLease outlives any pause of a live process and is short enough
// that a slot whose process was killed runs again within minutes.
const DefaultJobLease = 2 * time.Minute

// NewScheduler prepares (but does not start) the schedule for jobs; store
// must be a jobs-pool store.
func NewScheduler(store *domain.Store, log *slog.Logger, jobs ...Job) (*Scheduler, error) {
	s := &Scheduler{store: store, log: log, jobs: jobs, owner: processOwner()}
	s.stopping, s.stopAll = context.WithCancel(context.Background())
	s.cron = cron.New(cron.WithLocation(models.VietnamTime),
		cron.WithChain(cron.Recover(cronLogger{log}), cron.SkipIfStillRunning(cronLogger{log})))
	for _, j := range jobs {
		sched, err := cron.ParseStandard(j.Spec())
		if err != nil {
			return nil, fmt.Errorf("job %s: %w", j.Name(), err)
		}
		s.cron.Schedule(sched, cron.FuncJob(func() { s.fire(j, sched) }))
	}
	return s, nil
}

// fire runs j for the slot cron just reached.
func (s *Scheduler) fire(j Job, sched cron.Schedule) {
	now := s.store.Clock().Now()
	s.runSlot(s.jobContext(j), j, slotAt(sched, now), now)
}

// catchUp runs j for the latest slot due at start, if nobody ran it.
func (s *Scheduler) catchUp(ctx context.Context, j Job, sched cron.Schedule) {
	now := s.store.Clock().Now()
	last, err := s.store.LastSlot(ctx, j.Name())
	if err != nil {
		s.log.Error("job catch-up", "job", j.Name(), "err", err)
		return
	}
	if slot := slotAt(sched, now); slot.After(last) {
		s.runSlot(ctx, j, slot, now)
	}
}

// RunNow runs j once for the slot containing now, as `tiendo jobs run` does;
// it reports false when another process already ran that slot.
func (s *Scheduler) RunNow(ctx context.Context, j Job, now time.Time) (bool, error) {
	sched, err := cron.ParseStandard(j.Spec())
	if err != nil {
		return false, err
	}
	return s.runSlot(ctx, j, slotAt(sched, now), now), nil
}

// processOwner names this process in job_runs and the outbox: host/pid.
func processOwner() string {
	host, _ := os.Hostname()
	return fmt.Sprintf("%s/%d", host, os.Getpid())
}

func (s *Scheduler) runSlot(ctx context.Context, j Job, slot, now time.Time) bool {
	if c, ok := j.(Concurrent); ok && c.Concurrent() {
		s.runUnclaimed(ctx, j, now)
		return true
	}
	lease := or(s.Lease, DefaultJobLease)
	ok, err := s.store.ClaimSlot(ctx, j.Name(), slot, s.owner, lease)
	if err != nil || !ok {
		if err != nil {
			s.log.Error("job claim", "job", j.Name(), "err", err)
		}
		return false
	}
	start := time.Now()
	stop := s.renew(ctx, j.Name(), slot, lease)
	detail, runErr := j.Run(ctx, now)
	stop()
	if err := s.store.FinishSlot(ctx, j.Name(), slot, s.owner, runErr, detail); err != nil {
		s.log.Error("job finish", "job", j.Name(), "err", err)
	}
	s.observe(j.Name(), time.Since(start), runErr)
	s.log.Info("job", "job", j.Name(), "slot", slot, "ms", time.Since(start).Milliseconds(), "detail", detail, "err", runErr)
	return true
}

// renew keeps the lease on a running slot alive every third of lease until
// the returned function is called.
func (s *Scheduler) renew(ctx context.Context, job string, slot time.Time, lease time.Duration) (stop func()) {
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		tick := time.NewTicker(lease / 3)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				if err := s.store.RenewSlot(ctx, job, slot, s.owner, lease); err != nil {
					s.log.Error("job lease", "job", job, "err", err)
				}
			}
		}
	}()
	return func() { close(done); <-finished }
}

// runUnclaimed runs a Concurrent job; it runs often, so only runs that did
// something or failed are logged at info.
func (s *Scheduler) runUnclaimed(ctx context.Context, j Job, now time.Time) {
	start := time.Now()
	detail, err := j.Run(ctx, now)
	s.observe(j.Name(), time.Since(start), err)
	level := slog.LevelDebug
	if detail != "" || err != nil {
		level = slog.LevelInfo
	}
	s.log.Log(ctx, level, "job", "job", j.Name(), "ms", time.Since(start).Milliseconds(), "detail", detail, "err", err)
}

// slotAt is the latest scheduled instant at or before now: the slot that a
// run at now belongs to, whichever replica or catch-up performs it.
func slotAt(sched cron.Schedule, now time.Time) time.Time {
	now = now.In(models.VietnamTime).Truncate(time.Minute)
	// Step back until the next activation after t lands beyond now.
	for back := time.Minute; back <= 2*366*24*time.Hour; back *= 2 {
		if t := sched.Next(now.Add(-back)); !t.After(now) {
			for n := sched.Next(t); !n.After(now); n = sched.Next(n) {
				t = n
			}
			return t
		}
	}
	return now
}

// cronLogger adapts slog to cron's logger.
type cronLogger struct{ log *slog.Logger }

func (l cronLogger) Info(msg string, kv ...any) { l.log.Debug("cron: "+msg, kv...) }
func (l cronLogger) Error(err error, msg string, kv ...any) {
	l.log.Error("cron: "+msg, append(kv, "err", err)...)
}

// All is every job tiendo schedules, working through store (a jobs-pool
// store); o configures the jobs that reach outside the database.
func All(store *domain.Store, o Options) ([]Job, error) {
	delivery, err := deliveryJobs(store, o)
	if err != nil {
		return nil, err
	}
	return append([]Job{Status{Store: store}, Recurrence{Store: store}, Snapshot{Store: store},
		Reports{Store: store}, PurgeKeys{Store: store}, PurgeTrash{Store: store}}, delivery...), nil
}

// Find returns the job called name.
func Find(all []Job, name string) (Job, error) {
	var names []string
	for _, j := range all {
		if j.Name() == name {
			return j, nil
		}
		names = append(names, j.Name())
	}
	return nil, fmt.Errorf("unknown job %q; jobs: %v", name, names)
}
