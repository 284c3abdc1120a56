//go:build hatest

package hatest

import (
	"context"
	"database/sql"
	"fmt"
	"testing"
	"time"
)

// The load's people: two of the first commune, the chairman of the second;
// and a steering-committee member of the first who only reads.
var (
	loadPeople  = []string{"chutich", "toap1", "chutich2"}
	loadReaders = []string{"banchidao"}
)

// Phases of the run.
const (
	warmLoad  = 12 * time.Second // load before the kill
	afterLoad = 10 * time.Second // load after the first write after the kill
	maxWait   = 90 * time.Second // give up waiting for the first write
	// drainFor bounds the retries after the load stops: a key claimed by a
	// request the kill cut answers 409 until its one-minute lease ends.
	drainFor = 90 * time.Second
)

// result is the run's figures.
type result struct {
	outcome
	toWritable   time.Duration // kill → first 201 of a request sent after it
	promoted     time.Duration // kill → the standby reports wait_primary
	writable     bool
	acks         int
	queued       int // inbox reminders queued before the kill
	unsent       int // of which not yet delivered at the kill
	leftKeys     []string
	recordedKeys []string
	leftWhen     []string // each with its first attempt's time, for the log
	writes       map[string]int
	reads        map[string]int
	readsBy      map[string]int // tiendo_reads_total: reads from the primary, from the standby
	leaks, odd   []string
	unanswered   int // retried reports with no 201 when the load ended
	answerLost   int // …of which the database has (the commit's answer was lost in the crash)
	recorded     int // answered 409 idempotency_key_recorded: written, the answer lost
	recordedIn   int // …of which the database has
	rejoin       time.Duration
	rejoined     bool
	switchover   time.Duration  // pg_autoctl perform switchover, under the load
	switched     bool           // …and node1 is primary again
	switchWrites map[string]int // write statuses during it
	finalStates  string
}

func (h *harness) open(t *testing.T, dsn string) *sql.DB {
	db, err := sql.Open("postgres", dsn)
	h.fail(t, err)
	t.Cleanup(func() { db.Close() })
	return db
}

// run puts the load on, kills the primary, waits for the first write after
// it, brings the old primary back as standby and switches over to it, stops
// the load and checks the new primary.
func (h *harness) run(t *testing.T, ctx context.Context) *result {
	admin := h.open(t, h.f.adminDSN("tiendo", "read-write"))
	l := newLoad([]string{h.servers[0].base, h.servers[1].base}, nil)
	h.fail(t, l.loadUsers(ctx, admin, loadPeople, loadReaders))
	stop := l.start(ctx)
	time.Sleep(warmLoad)
	h.plan(t, ctx)
	r := &result{}
	queued := h.killPrimary(t, ctx, l, r, admin)
	time.Sleep(afterLoad)
	h.rejoin(t, ctx, r) // under the load: the new primary's writes wait for the standby again
	time.Sleep(afterLoad / 2)
	h.switchover(t, ctx, l, r)
	time.Sleep(afterLoad / 2)
	stop()
	r.collect(l)
	h.fail(t, checkReports(ctx, admin, l.acks, &r.outcome))
	h.fail(t, checkUnanswered(ctx, admin, r))
	h.fail(t, checkInbox(ctx, admin, queued, &r.outcome))
	return r
}

// killPrimary notes the reminders queued so far (once the standby has
// them), kills node1's machine and waits for the first write after it; it
// returns the reminders' ids.
func (h *harness) killPrimary(t *testing.T, ctx context.Context, l *load, r *result, admin *sql.DB) []int64 {
	standby := h.open(t, h.f.hostsDSN("postgres", "tiendo", "prefer-standby", 1))
	queued, sent, err := snapshotReminders(ctx, admin, standby)
	h.fail(t, err)
	r.queued, r.unsent = len(queued), len(queued)-sent
	killAt, err := h.f.nodes[0].kill()
	h.fail(t, err)
	l.killAt.Store(&killAt)
	t.Logf("killed node1's postmaster and pg_autoctl at %s", killAt.Format("15:04:05.000"))
	r.waitWritable(l, killAt)
	if at, err := h.f.reportedAt(ctx, "node2", "wait_primary", killAt); err == nil {
		r.promoted = at.Sub(killAt)
	}
	return queued
}

// virtualNow is the first tiendo process's clock: TIENDO_NOW when it started.
func (h *harness) virtualNow() time.Time {
	start, _ := time.Parse(time.RFC3339, demoNow)
	return start.Add(time.Since(h.started))
}

// plan waits for the processes' 07:30 and plans the reminders then.
func (h *harness) plan(t *testing.T, ctx context.Context) {
	time.Sleep(planAt.Sub(h.virtualNow()))
	h.fail(t, planReminders(ctx, h.bin, h.f.tiendoEnv(h.f.dir+"/files"), h.virtualNow()))
}

func (r *result) waitWritable(l *load, killAt time.Time) {
	for time.Since(killAt) < maxWait {
		if first := l.firstAckAfterKill(); !first.IsZero() {
			r.toWritable, r.writable = first.Sub(killAt), true
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func (r *result) collect(l *load) {
	l.mu.Lock()
	defer l.mu.Unlock()
	r.acks, r.writes, r.reads = len(l.acks), l.writes, l.reads
	r.leaks, r.odd, r.unanswered = l.leaks, l.odd, len(l.left)
	r.recordedKeys = l.recorded
	kill := *l.killAt.Load()
	for _, rep := range l.left {
		r.leftKeys = append(r.leftKeys, rep.key)
		r.leftWhen = append(r.leftWhen, fmt.Sprintf("%s (first sent at kill %+.1fs)", rep.key, rep.born.Sub(kill).Seconds()))
	}
}

// rejoin runs pg_autoctl again on the old primary's data: it must come
// back as the new primary's standby (pg_rewind, or a new base backup).
func (h *harness) rejoin(t *testing.T, ctx context.Context, r *result) {
	began := time.Now()
	h.fail(t, h.f.start(h.f.nodes[0]))
	err := h.f.waitStates(ctx, map[string]string{"node1": "secondary", "node2": "primary"})
	r.rejoin, r.rejoined = time.Since(began), err == nil
	r.finalStates = h.f.showState(ctx)
	if err != nil {
		t.Log(h.f.nodes[0].d.tail(40))
	}
}

// switchover is planned maintenance under the load: `pg_autoctl perform
// switchover` hands the primary back to node1. For a moment both nodes
// answer and neither takes writes, which a multi-host DATABASE_URL must
// turn into 503s, not 500s (models.IsUnavailable).
func (h *harness) switchover(t *testing.T, ctx context.Context, l *load, r *result) {
	before := l.snapshotWrites()
	began := time.Now()
	t.Logf("switchover begins at kill %+.1fs", began.Sub(*l.killAt.Load()).Seconds())
	_, err := h.f.run(ctx, h.f.monitor, h.f.autoctl, "perform", "switchover", "--pgdata", h.f.monitor.pgdata)
	if err == nil {
		err = h.f.waitStates(ctx, map[string]string{"node1": "primary", "node2": "secondary"})
	}
	r.switchover, r.switched = time.Since(began), err == nil
	r.finalStates = h.f.showState(ctx)
	if err != nil {
		t.Log(err)
	}
	r.switchWrites = l.snapshotWrites()
	for k, n := range before {
		if r.switchWrites[k] -= n; r.switchWrites[k] == 0 {
			delete(r.switchWrites, k)
		}
	}
}
