package jobs

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/tiendo/tiendo/models/deadlines"
	"github.com/tiendo/tiendo/models/domain"

	"github.com/tiendo/tiendo/jobs/notify"
)

// Dispatch delivers the outbox. Every replica runs it at once: each claims
// small batches with FOR UPDATE SKIP LOCKED under a lease, so replicas share
// the queue, and a process killed mid-send loses nothing: once its lease
// expires another replica claims the delivery again. Failed sends are retried
// with exponential backoff and jitter until MaxAttempts, then the delivery is
// dead and the commune's admins are told in their inbox.
type Dispatch struct {
	Store    *domain.Store
	Channels map[string]notify.Channel
	// Owner names this process in the outbox (claimed_by) and its log.
	Owner string
	// Every is how often the scheduler looks at the outbox (default 1 minute).
	Every time.Duration
	// Lease is how long a claim lasts; a send is cut off at half of it, so a
	// live dispatcher records its outcome before anyone else may reclaim.
	Lease time.Duration
	// Batch is how many emails and webhooks one claim takes; they are sent
	// up to ParallelSends at once, all by half the lease.
	Batch int
	// InboxBatch is how many deliveries one claim takes in all: the inbox
	// records its share in one statement (DefaultInboxBatch).
	InboxBatch int
	// MaxAttempts is how many sends of a delivery may fail before it is
	// dead, and how many sends it may have at all: a claim taken over after
	// a crash counts as a send (it may have gone out) but not as a failure.
	MaxAttempts int
	// Grace is how long sends under way may go on once Run's context ends
	// (DefaultGrace); then they are cut off and handed back.
	Grace time.Duration
	// Observe, when set, hears of each outcome by channel: sent, failed,
	// dead, lost (the claim passed to another) or released (handed back).
	Observe func(channel, outcome string)
	// Jitter returns a number in [0, 1); nil is math/rand.
	Jitter func() float64
	Log    *slog.Logger
}

// Dispatcher defaults.
const (
	DefaultDispatchEvery = time.Minute
	DefaultLease         = 2 * time.Minute
	DefaultBatch         = 50
	// DefaultInboxBatch: on the national preset a claim of 500 cost ~30 µs
	// of database time a delivery where one of 50 cost ~75 µs; much larger
	// batches made PostgreSQL plan the inbox write differently (300 ms for
	// 1,000).
	DefaultInboxBatch = 500
	// ParallelSends bounds the emails and webhooks one dispatcher has in
	// flight, so that a relay or receiver sees a handful of connections.
	ParallelSends      = 10
	DefaultMaxAttempts = 8
	// DefaultGrace lets a webhook or relay answer after a stop, within the
	// ten seconds `tiendo serve` gives its jobs to end.
	DefaultGrace = 5 * time.Second
)

// Name implements Job.
func (Dispatch) Name() string { return "dispatch" }

// Spec implements Job.
func (d Dispatch) Spec() string { return "@every " + or(d.Every, DefaultDispatchEvery).String() }

// Concurrent implements Concurrent: replicas dispatch side by side.
func (Dispatch) Concurrent() bool { return true }

// tally counts a run's outcomes.
type tally struct {
	mu                                 sync.Mutex
	sent, failed, dead, lost, released int
}

func (t *tally) add(f func(*tally)) {
	t.mu.Lock()
	defer t.mu.Unlock()
	f(t)
}

// Run implements Job: it drains what is due now, batch by batch, and stops
// when a claim comes back empty (retries wait for their time) or ctx ends;
// then it claims nothing more and hands back what it has not started
// (dispatch_stop.go), while the sends under way finish within Grace. A
// batch's inbox write goes on while the next batch is claimed (both cores
// work), but never beside the next batch's own.
func (d Dispatch) Run(ctx context.Context, _ time.Time) (string, error) {
	var t tally
	var inboxes sync.WaitGroup
	r := d.begin(ctx)
	defer r.end()
	for ctx.Err() == nil {
		claimedAt := time.Now()
		batch, err := d.Store.ClaimMixed(ctx, d.Owner, or(d.InboxBatch, DefaultInboxBatch), or(d.Batch, DefaultBatch),
			or(d.Lease, DefaultLease))
		inboxes.Wait()
		if err != nil {
			return t.String(), err
		}
		if len(batch) == 0 {
			break
		}
		d.runBatch(ctx, r, batch, claimedAt, &inboxes, &t)
	}
	inboxes.Wait()
	return t.String(), ctx.Err()
}

func (t *tally) String() string {
	if t.sent+t.failed+t.dead+t.lost+t.released == 0 {
		return ""
	}
	s := fmt.Sprintf("sent %d, failed %d, dead %d, lease lost %d", t.sent, t.failed, t.dead, t.lost)
	if t.released > 0 {
		s += fmt.Sprintf(", released %d", t.released)
	}
	return s
}

// errSendsExhausted ends a delivery whose last allowed send ended with no
// recorded outcome (its dispatcher died): sending again would exceed the cap.
var errSendsExhausted = errors.New("không ghi nhận được kết quả của lần gửi cuối cùng / " +
	"no outcome was recorded for the last allowed send")

// deliver sends one claimed delivery and records the outcome.
func (d Dispatch) deliver(r *dispatchRun, o *deadlines.Outbound, deadline time.Time, t *tally) {
	if d.exhausted(o) {
		d.fail(r.work, o, errSendsExhausted, t)
		return
	}
	err := d.send(r, o, deadline)
	switch {
	case errors.Is(err, deadlines.ErrLeaseLost):
		d.note(t, o, "lost")
		return
	case err == nil:
		d.note(t, o, "sent")
		return
	case r.cut():
		// The stop's grace ended mid-send: it may have gone out (its send is
		// counted), so another replica sends it again now under the same id.
		d.release(r.work, []*deadlines.Outbound{o}, t)
		return
	}
	d.fail(r.work, o, err, t)
}

// deliverBatch hands the deliveries of one batch channel (the inbox) over
// at once: one statement records them all, each fenced by its own claim.
func (d Dispatch) deliverBatch(ctx context.Context, bc notify.BatchRecorder, group []*deadlines.Outbound, t *tally) {
	ready := make([]*deadlines.Outbound, 0, len(group))
	for _, o := range group {
		if d.exhausted(o) {
			d.fail(ctx, o, errSendsExhausted, t)
			continue
		}
		if err := notify.Render(o); err != nil {
			d.fail(ctx, o, err, t)
			continue
		}
		ready = append(ready, o)
	}
	if len(ready) == 0 {
		return
	}
	sent, err := bc.SendBatch(ctx, ready)
	for _, o := range ready {
		switch {
		case err != nil:
			d.fail(ctx, o, err, t)
		case sent[o.ID]:
			d.note(t, o, "sent")
		default:
			d.note(t, o, "lost")
		}
	}
}

// exhausted: every send allowed has started, the last with no recorded
// outcome (its dispatcher died), so this claim may not send again.
func (d Dispatch) exhausted(o *deadlines.Outbound) bool {
	return o.Sends >= or(d.MaxAttempts, DefaultMaxAttempts)
}

// fail records a failed send of o: retried later with backoff, or dead when
// the refusal is permanent, it was the last failure allowed, or no send is
// left under the cap.
func (d Dispatch) fail(ctx context.Context, o *deadlines.Outbound, err error, t *tally) {
	failures, limit := o.Failures+1, or(d.MaxAttempts, DefaultMaxAttempts)
	dead := notify.IsPermanent(err) || failures >= limit || o.Sends >= limit
	retryAt := d.Store.Clock().Now().Add(Backoff(failures, d.jitter()))
	if ferr := d.Store.MarkFailed(ctx, o, d.Owner, err, retryAt, dead); ferr != nil {
		if !errors.Is(ferr, deadlines.ErrLeaseLost) {
			d.logger().Error("dispatch: recording a failure", "delivery", o.ID, "err", ferr)
		}
		return
	}
	if dead {
		d.note(t, o, "dead")
	} else {
		d.note(t, o, "failed")
	}
}

// send renders and sends o by deadline, then records it sent unless the
// channel did.
func (d Dispatch) send(r *dispatchRun, o *deadlines.Outbound, deadline time.Time) error {
	ch := d.Channels[o.Channel]
	if ch == nil {
		return fmt.Errorf("channel %s is not configured on this server", o.Channel)
	}
	if err := notify.Render(o); err != nil {
		return err
	}
	if _, recorded := ch.(notify.Recorder); !recorded {
		if err := d.Store.MarkSending(r.work, o); err != nil {
			return err
		}
	}
	sctx, cancel := context.WithDeadline(r.sends, deadline)
	err := ch.Send(sctx, o)
	cancel()
	if _, recorded := ch.(notify.Recorder); err != nil || recorded {
		return err
	}
	return d.Store.MarkSent(r.work, o, d.Owner, ch.Name())
}

// Backoff is the wait after failed attempt n (1-based): 30 s doubling with
// each attempt up to 6 h, of which a random half is taken off ("equal
// jitter", jitter in [0, 1)) so that many failures do not retry in step.
// Eight attempts span about an hour.
func Backoff(attempt int, jitter float64) time.Duration {
	d := 6 * time.Hour
	if attempt >= 1 && attempt < 20 {
		d = min(d, 30*time.Second<<(attempt-1))
	}
	return d/2 + time.Duration(jitter*float64(d/2))
}

func (d Dispatch) jitter() float64 {
	if d.Jitter != nil {
		return d.Jitter()
	}
	return rand.Float64()
}

func (d Dispatch) logger() *slog.Logger {
	if d.Log != nil {
		return d.Log
	}
	return slog.Default()
}

// or is v unless it is zero, then def.
func or[T comparable](v, def T) T {
	var zero T
	if v == zero {
		return def
	}
	return v
}
