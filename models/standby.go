package models

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jmoiron/sqlx"
)

// Reads from a hot standby (issue 18). A GET request checks its session on
// the primary (the check may write the last-seen time, and a revocation is
// seen there at once), then reads the rest from the standby when the
// standby has replayed everything the request must see: it must be no more
// than MaxLag behind, and it must have replayed the last write of the
// request's user. Both are one fact, caughtUp: the latest moment at which
// the standby is known to hold every commit made before it. The watcher
// learns it by reading the primary's WAL position at a moment t and then
// waiting for the standby's replay position to pass it.

// Standby is the read pool of a streaming hot standby and what the watcher
// knows of how far it has replayed.
type Standby struct {
	db     *sqlx.DB
	maxLag time.Duration
	log    *slog.Logger

	mu    sync.Mutex
	texts map[*sqlx.Stmt]string // every statement prepared on the primary, by Prepare

	stmts    atomic.Pointer[map[*sqlx.Stmt]*sqlx.Stmt] // the same, prepared on the standby
	caughtUp atomic.Int64                              // unix nanoseconds, 0: never
	usable   atomic.Bool                               // what the last check concluded
	served   [2]atomic.Int64                           // reads sent to the primary, to the standby

	writers recentWriters
}

// NewStandby wraps the standby's pool (connections as AppRole); reads go to
// it only while it is at most maxLag behind the primary.
func NewStandby(db *sqlx.DB, maxLag time.Duration, log *slog.Logger) *Standby {
	if log == nil {
		log = slog.Default()
	}
	return &Standby{db: db, maxLag: maxLag, log: log, texts: map[*sqlx.Stmt]string{}}
}

// register records a statement the primary prepared, for the watcher to
// prepare on the standby.
func (sb *Standby) register(stmt *sqlx.Stmt, text string) {
	sb.mu.Lock()
	defer sb.mu.Unlock()
	sb.texts[stmt] = text
}

// StandbyStats is what the metrics report of the standby.
type StandbyStats struct {
	Usable       bool          // reads go to the standby
	Lag          time.Duration // how far behind the primary it is known to be
	PrimaryReads int64         // GET requests read on the primary since start
	StandbyReads int64         // GET requests read on the standby since start
	MaxLag       time.Duration // TIENDO_REPLICA_MAX_LAG
}

// Stats reports the standby's state now.
func (sb *Standby) Stats(now time.Time) StandbyStats {
	return StandbyStats{Usable: sb.usable.Load(), Lag: sb.lag(now), PrimaryReads: sb.served[0].Load(),
		StandbyReads: sb.served[1].Load(), MaxLag: sb.maxLag}
}

// lag is how long ago the standby last held every commit: the time since caughtUp.
func (sb *Standby) lag(now time.Time) time.Duration {
	c := sb.caughtUp.Load()
	if c == 0 {
		return -1
	}
	return max(now.Sub(time.Unix(0, c)), 0)
}

// route is the standby's statements when a request whose user last wrote
// at wrote may read there; nil sends it to the primary.
func (sb *Standby) route(wrote time.Time) map[*sqlx.Stmt]*sqlx.Stmt {
	stmts := sb.stmts.Load()
	if stmts == nil || !sb.usable.Load() || !wrote.Before(time.Unix(0, sb.caughtUp.Load())) {
		sb.served[0].Add(1)
		return nil
	}
	sb.served[1].Add(1)
	return *stmts
}

// Start checks the standby once, so that the first requests may already
// read there, then keeps its state current every interval until ctx ends:
// it prepares the statements there (again after a failure), and measures
// how far the standby has replayed against primary's WAL position.
func (sb *Standby) Start(ctx context.Context, primary *sqlx.DB, every time.Duration) {
	pending := sb.check(ctx, primary, nil)
	go sb.watch(ctx, primary, every, pending)
}

// watch is Start's loop.
func (sb *Standby) watch(ctx context.Context, primary *sqlx.DB, every time.Duration, pending []walSample) {
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		pending = sb.check(ctx, primary, pending)
	}
}

// walSample is the primary's WAL position read at a moment.
type walSample struct {
	at  time.Time
	lsn uint64
}

// maxSamples bounds the samples waiting for the standby to replay them; a
// standby that far behind is past any sensible MaxLag anyway.
const maxSamples = 256

// check is one round of Watch: it returns the samples still waiting.
func (sb *Standby) check(ctx context.Context, primary *sqlx.DB, pending []walSample) []walSample {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	if sb.stmts.Load() == nil {
		if err := sb.prepare(ctx); err != nil {
			sb.conclude(false, fmt.Errorf("preparing statements: %w", err))
			return pending
		}
	}
	at := time.Now()
	var p string
	// The insert position, not pg_current_wal_lsn (the write position): a
	// commit that returned under synchronous_commit = off (the jobs' pool, or
	// a server set so) may not be written yet, and the standby would be
	// judged to hold it before it does.
	if err := primary.GetContext(ctx, &p, `SELECT pg_current_wal_insert_lsn()::text`); err != nil {
		sb.conclude(false, fmt.Errorf("primary: %w", err)) // the primary's reads fail too
		return pending
	}
	var r string
	err := sb.db.GetContext(ctx, &r, `SELECT (CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn()
		ELSE pg_current_wal_insert_lsn() END)::text`)
	if err != nil {
		sb.conclude(false, fmt.Errorf("standby: %w", err))
		return pending
	}
	sent, ok1 := parseLSN(p)
	replayed, ok2 := parseLSN(r)
	if !ok1 || !ok2 {
		sb.conclude(false, fmt.Errorf("unreadable WAL positions %q, %q", p, r))
		return pending
	}
	pending = append(pending, walSample{at, sent})
	for len(pending) > 0 && pending[0].lsn <= replayed {
		sb.caughtUp.Store(pending[0].at.UnixNano())
		pending = pending[1:]
	}
	if len(pending) > maxSamples {
		pending = pending[len(pending)-maxSamples:]
	}
	lag := sb.lag(time.Now())
	ok := lag >= 0 && lag <= sb.maxLag
	var why error
	if !ok {
		why = fmt.Errorf("standby is %s behind the primary (TIENDO_REPLICA_MAX_LAG %s)", lag.Round(time.Millisecond), sb.maxLag)
	}
	sb.conclude(ok, why)
	return pending
}

// conclude sets whether reads go to the standby, and says so in the log
// when that changes.
func (sb *Standby) conclude(usable bool, why error) {
	if sb.usable.Swap(usable) == usable {
		return
	}
	if usable {
		sb.log.Info("reads go to the standby", "max_lag", sb.maxLag)
		return
	}
	sb.log.Warn("reads go to the primary", "reason", why)
}

// prepare prepares every registered statement on the standby; on failure
// none stay open and the next check tries again.
func (sb *Standby) prepare(ctx context.Context) error {
	sb.mu.Lock()
	defer sb.mu.Unlock()
	m := make(map[*sqlx.Stmt]*sqlx.Stmt, len(sb.texts))
	for primary, text := range sb.texts {
		st, err := sb.db.PreparexContext(ctx, text)
		if err != nil {
			for _, s := range m {
				s.Close()
			}
			return err
		}
		m[primary] = st
	}
	sb.stmts.Store(&m)
	return nil
}

// Close releases the statements prepared on the standby (not its pool,
// which the caller owns).
func (sb *Standby) Close() {
	if m := sb.stmts.Swap(nil); m != nil {
		for _, s := range *m {
			s.Close()
		}
	}
}

// begin opens a read-only transaction on the standby.
func (sb *Standby) begin(ctx context.Context) (*sqlx.Tx, error) {
	return sb.db.BeginTxx(ctx, &sql.TxOptions{ReadOnly: true})
}

// parseLSN reads PostgreSQL's text form of a WAL position, "16/B374D848".
func parseLSN(s string) (uint64, bool) {
	hi, lo, ok := strings.Cut(s, "/")
	if !ok {
		return 0, false
	}
	h, err1 := strconv.ParseUint(hi, 16, 32)
	l, err2 := strconv.ParseUint(lo, 16, 32)
	return h<<32 | l, err1 == nil && err2 == nil
}
