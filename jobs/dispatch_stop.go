package jobs

import (
	"context"
	"sync"
	"time"

	"github.com/tiendo/tiendo/jobs/notify"
	"github.com/tiendo/tiendo/models/deadlines"
)

// dispatchRun holds the contexts of one Dispatch.Run. A stop (Run's context ending)
// must not cut off the database statements that record outcomes or hand
// claims back, so those use work, which never ends; a send uses sends,
// which ends Grace after the stop.
type dispatchRun struct {
	work   context.Context
	sends  context.Context
	cancel context.CancelFunc
	after  func() bool
}

// begin prepares the contexts of a run that ctx stops.
func (d Dispatch) begin(ctx context.Context) *dispatchRun {
	r := &dispatchRun{work: context.WithoutCancel(ctx)}
	r.sends, r.cancel = context.WithCancel(r.work)
	grace := or(d.Grace, DefaultGrace)
	r.after = context.AfterFunc(ctx, func() { time.AfterFunc(grace, r.cancel) })
	return r
}

// cut says whether the grace after a stop ran out.
func (r *dispatchRun) cut() bool { return r.sends.Err() != nil }

func (r *dispatchRun) end() {
	r.after()
	r.cancel()
}

// runBatch sends one claimed batch (claimed at claimedAt) and returns when
// its sends have ended; its inbox write may still be under way in inboxes.
// When ctx ends, the deliveries not yet started are handed back at once
// (before waiting for those under way), so another replica sends them now
// rather than when this claim's lease ends.
func (d Dispatch) runBatch(ctx context.Context, r *dispatchRun, batch []deadlines.Outbound, claimedAt time.Time,
	inboxes *sync.WaitGroup, t *tally) {
	var wg sync.WaitGroup
	var held []*deadlines.Outbound
	grouped := map[string][]*deadlines.Outbound{} // by channel, for those that take a batch at once
	slots := make(chan struct{}, ParallelSends)
	// Every send of the batch ends by half the lease, however long it
	// waited for a slot, so its outcome is recorded before the claim
	// can pass to another replica.
	deadline := claimedAt.Add(or(d.Lease, DefaultLease) / 2)
	for i := range batch {
		o := &batch[i]
		if _, ok := d.Channels[o.Channel].(notify.BatchRecorder); ok {
			grouped[o.Channel] = append(grouped[o.Channel], o)
			continue
		}
		if !acquire(ctx, slots) {
			held = append(held, o)
			continue
		}
		wg.Go(func() {
			defer func() { <-slots }()
			d.deliver(r, o, deadline, t)
		})
	}
	for name, group := range grouped {
		if ctx.Err() != nil {
			held = append(held, group...)
			continue
		}
		bc := d.Channels[name].(notify.BatchRecorder)
		inboxes.Go(func() { d.deliverBatch(r.work, bc, group, t) })
	}
	d.release(r.work, held, t)
	wg.Wait()
}

// acquire takes a send slot, or reports false once ctx has ended.
func acquire(ctx context.Context, slots chan struct{}) bool {
	select {
	case slots <- struct{}{}:
		if ctx.Err() != nil {
			<-slots
			return false
		}
		return true
	case <-ctx.Done():
		return false
	}
}

// release hands claims back (models.Store.ReleaseDeliveries).
func (d Dispatch) release(ctx context.Context, held []*deadlines.Outbound, t *tally) {
	released, err := d.Store.ReleaseDeliveries(ctx, held, d.Owner)
	if err != nil {
		d.logger().Error("dispatch: handing back claims", "deliveries", len(held), "err", err)
	}
	for _, o := range held {
		if released[o.ID] {
			d.note(t, o, "released")
		}
	}
}

// note counts one outcome of o in the run's tally and tells Observe.
func (d Dispatch) note(t *tally, o *deadlines.Outbound, outcome string) {
	t.add(func(t *tally) {
		switch outcome {
		case "sent":
			t.sent++
		case "failed":
			t.failed++
		case "dead":
			t.dead++
		case "lost":
			t.lost++
		case "released":
			t.released++
		}
	})
	if d.Observe != nil {
		d.Observe(o.Channel, outcome)
	}
}
