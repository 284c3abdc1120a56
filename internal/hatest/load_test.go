//go:build hatest

package hatest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// report is one progress report: its Idempotency-Key is made once and sent
// again, unchanged, on every retry.
type report struct {
	key     string
	user    *loadUser
	task    int64
	percent int
	due     time.Time // when to retry
	born    time.Time // its first attempt
	tries   int
}

// ack is a 201: an acknowledged write the database must keep.
type ack struct {
	key, user      string
	task, reportID int64
	percent        int
}

// load is the write and read load through the tiendo processes, and what
// it saw: every status, every 201, the first 201 sent after the kill.
type load struct {
	servers  []string
	users    []*loadUser
	tasksOf  map[int64]map[int64]bool // commune → its task ids
	names    map[int64]string         // commune → name
	killAt   atomic.Pointer[time.Time]
	seq      atomic.Int64
	mu       sync.Mutex
	writes   map[string]int // status (or "no answer") → count
	reads    map[string]int
	acks     map[string]ack
	firstAck time.Time // of a request sent after the kill (not a replay)
	leaks    []string
	odd      []string // answers that are neither 201, 503 nor 409 in flight
	left     []*report
	recorded []string // keys answered 409 idempotency_key_recorded
}

func newLoad(servers []string, users []*loadUser) *load {
	return &load{servers: servers, users: users, tasksOf: map[int64]map[int64]bool{}, names: map[int64]string{},
		writes: map[string]int{}, reads: map[string]int{}, acks: map[string]ack{}}
}

// start runs two writers (one starting on each process) and a reader per
// person, a reader only for a reader; stop ends new work and reads and waits for the writers' retries.
func (l *load) start(ctx context.Context) (stop func()) {
	work, stopWork := context.WithCancel(ctx)
	reading, stopReading := context.WithCancel(ctx)
	var wg sync.WaitGroup
	for _, u := range l.users {
		wg.Add(1)
		go func() { defer wg.Done(); l.reader(reading, u) }()
		if !u.readOnly {
			wg.Add(2)
			go func() { defer wg.Done(); l.writer(work, drainFor, u, 0) }()
			go func() { defer wg.Done(); l.writer(work, drainFor, u, 1) }()
		}
	}
	return func() {
		stopWork()
		stopReading()
		wg.Wait()
	}
}

// maxParked bounds the reports a writer keeps retrying while it goes on
// with new ones, as a phone's offline queue does.
const maxParked = 4

// retryEvery is the load's pace of retries after a 503. tiendo suggests
// Retry-After: 5; retrying faster measures the server's recovery rather
// than the client's patience.
const retryEvery = 500 * time.Millisecond

// writer posts reports as u until work ends, then retries what is parked
// for at most drainFor; what is still unanswered then is kept in l.left.
func (l *load) writer(work context.Context, drainFor time.Duration, u *loadUser, n int) {
	var parked []*report
	var drain time.Time
	for i := n; ; i++ {
		if work.Err() != nil && drain.IsZero() {
			drain = time.Now().Add(drainFor)
		}
		r, wait := l.next(work, u, &parked)
		if r == nil && (wait < 0 || !drain.IsZero() && time.Now().After(drain)) {
			l.mu.Lock()
			l.left = append(l.left, parked...)
			l.mu.Unlock()
			return
		}
		if r == nil {
			time.Sleep(wait)
			continue
		}
		if again, pause := l.send(r, l.servers[(i+r.tries)%len(l.servers)]); again {
			r.tries++
			r.due = time.Now().Add(pause)
			parked = append(parked, r)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// next picks a parked report whose retry is due, else a new one while
// work lasts; with nothing to send it says how long to wait (< 0: done).
func (l *load) next(work context.Context, u *loadUser, parked *[]*report) (*report, time.Duration) {
	now := time.Now()
	for i, r := range *parked {
		if !r.due.After(now) {
			*parked = append((*parked)[:i:i], (*parked)[i+1:]...)
			return r, 0
		}
	}
	if work.Err() == nil && len(*parked) < maxParked {
		k := l.seq.Add(1)
		return &report{key: fmt.Sprintf("ha-%s-%06d", u.name, k), user: u, born: now,
			task: u.tasks[rand.IntN(len(u.tasks))], percent: 1 + rand.IntN(99)}, 0
	}
	if len(*parked) == 0 {
		return nil, -1
	}
	return nil, 50 * time.Millisecond
}

// send makes one attempt; it says whether to retry the same report, and
// after how long.
func (l *load) send(r *report, server string) (bool, time.Duration) {
	sent := time.Now()
	st, body, hdr, err := call(context.Background(), "POST", fmt.Sprintf("%s/api/v1/tasks/%d/progress", server, r.task),
		r.user.token, map[string]any{"percent": r.percent, "note": "ha-test " + r.key}, map[string]string{"Idempotency-Key": r.key})
	l.count(l.writes, st)
	switch {
	case st == http.StatusCreated:
		var a progressAnswer
		if err := json.Unmarshal(body, &a); err != nil || a.Progress.ID == 0 {
			l.oddAnswer(r.key, st, body)
			return false, 0
		}
		l.acked(ack{key: r.key, user: r.user.name, task: a.Progress.TaskID, reportID: a.Progress.ID,
			percent: a.Progress.Percent}, sent, hdr.Get("Idempotent-Replayed") == "true")
		return false, 0
	case st == 0 || st == http.StatusServiceUnavailable:
		return true, retryEvery
	case st == http.StatusConflict && bytes.Contains(body, []byte("idempotency_key_in_flight")):
		return true, time.Second
	case st == http.StatusConflict && bytes.Contains(body, []byte("idempotency_key_recorded")):
		l.mu.Lock() // written by an earlier attempt whose answer a crash took
		l.recorded = append(l.recorded, r.key)
		l.mu.Unlock()
		return false, 0
	}
	l.oddAnswer(r.key, st, append(body, []byte(fmt.Sprint(err))...))
	return false, 0
}

func (l *load) acked(a ack, sent time.Time, replayed bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.acks[a.key] = a
	if k := l.killAt.Load(); k != nil && !replayed && sent.After(*k) && l.firstAck.IsZero() {
		l.firstAck = time.Now()
	}
}

func (l *load) count(m map[string]int, status int) {
	label := "no answer"
	if status != 0 {
		label = fmt.Sprint(status)
	}
	l.mu.Lock()
	m[label]++
	l.mu.Unlock()
}

func (l *load) oddAnswer(key string, status int, body []byte) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(body) > 300 {
		body = body[:300]
	}
	l.odd = append(l.odd, fmt.Sprintf("%s: %d %s", key, status, body))
}

// firstAckAfterKill is the first 201 of a request sent after the kill.
func (l *load) firstAckAfterKill() time.Time {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.firstAck
}

// snapshotWrites copies the write statuses counted so far.
func (l *load) snapshotWrites() map[string]int {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := make(map[string]int, len(l.writes))
	for k, n := range l.writes {
		out[k] = n
	}
	return out
}
