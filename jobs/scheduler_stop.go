package jobs

import (
	"context"
	"sync"
	"time"

	"github.com/robfig/cron/v3"
)

// lifecycle keeps Start and Stop in order when a stop comes while Start is
// still catching up: the schedule must then never begin.
type lifecycle struct {
	mu       sync.Mutex
	stopped  bool
	catching sync.WaitGroup
}

// Start runs every job once to catch up on slots missed while no replica was
// up, then follows the schedule. A stop during the catch-up ends it.
func (s *Scheduler) Start(ctx context.Context) {
	s.life.mu.Lock()
	if s.life.stopped {
		s.life.mu.Unlock()
		return
	}
	s.life.catching.Add(1)
	s.life.mu.Unlock()
	defer s.life.catching.Done()
	for _, j := range s.jobs {
		if ctx.Err() != nil || s.stopping.Err() != nil {
			return
		}
		sched, _ := cron.ParseStandard(j.Spec())
		s.catchUp(s.catchUpContext(ctx, j), j, sched)
	}
	s.life.mu.Lock()
	defer s.life.mu.Unlock()
	if !s.life.stopped {
		s.cron.Start()
	}
}

// Stop ends the schedule: a Concurrent job (the dispatcher) is told to stop
// at once and hands back what it has not sent; a slotted job that is
// running finishes. Stop waits for both, or for ctx to end.
func (s *Scheduler) Stop(ctx context.Context) {
	s.life.mu.Lock()
	s.life.stopped = true
	s.life.mu.Unlock()
	s.stopAll()
	done := make(chan struct{})
	go func() {
		<-s.cron.Stop().Done()
		s.life.catching.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-ctx.Done():
	}
}

// jobContext is what j runs under when cron fires it: a Concurrent job stops
// with the scheduler; a slotted job, once begun, runs to its end, since its
// slot would otherwise wait for its lease before another replica redid it.
func (s *Scheduler) jobContext(j Job) context.Context {
	if c, ok := j.(Concurrent); ok && c.Concurrent() {
		return s.stopping
	}
	return context.Background()
}

// catchUpContext is jobContext for a catch-up run at start: a Concurrent
// job also stops with ctx; a slotted job, once begun, runs to its end.
func (s *Scheduler) catchUpContext(ctx context.Context, j Job) context.Context {
	if s.jobContext(j) == s.stopping {
		return mergeStop(ctx, s.stopping)
	}
	return context.WithoutCancel(ctx)
}

// observe hands a run to Observe, when set.
func (s *Scheduler) observe(job string, took time.Duration, err error) {
	if s.Observe != nil {
		s.Observe(job, took, err)
	}
}

// mergeStop is parent, also ended when extra ends.
func mergeStop(parent, extra context.Context) context.Context {
	ctx, cancel := context.WithCancel(parent)
	context.AfterFunc(extra, cancel)
	return ctx
}
