package models

import (
	"context"
	"sync"
	"time"
)

// lastWriteKey carries, in a request's context, when the request's client
// last wrote as far as the client says (the HTTP layer's cookie, which
// reaches every tiendo process behind a load balancer).
type lastWriteKey struct{}

// WithLastWrite records in ctx that the request's client last wrote at t.
func WithLastWrite(ctx context.Context, t time.Time) context.Context {
	return context.WithValue(ctx, lastWriteKey{}, t)
}

// lastWriteOf is the client's last write carried by ctx (zero: none known).
func lastWriteOf(ctx context.Context) time.Time {
	t, _ := ctx.Value(lastWriteKey{}).(time.Time)
	return t
}

// Standby is the store's standby, nil when it has none.
func (s *Store) Standby() *Standby { return s.standby }

// StandbyMaxLag is the standby's lag bound, zero when there is no standby.
func (s *Store) StandbyMaxLag() time.Duration {
	if s.standby == nil {
		return 0
	}
	return s.standby.maxLag
}

// NoteWrite records that a request of userID has just committed its writes,
// so that the user's next reads wait for the standby to replay them.
func (s *Store) NoteWrite(userID int64) {
	if s.standby != nil && userID != 0 {
		s.standby.writers.note(userID, time.Now(), time.Unix(0, s.standby.caughtUp.Load()))
	}
}

// ReadFromStandby is called once a read request's user is known (its
// session checked on the primary): the request's further calls read from
// the standby when it holds the user's last write (known to this process,
// or carried by ctx) and is within its lag bound; otherwise they stay on the
// primary.
func (s *Store) ReadFromStandby(ctx context.Context, userID int64) {
	rt, ok := requestTxOf(ctx)
	if !ok || rt.done || rt.broken != nil || s.standby == nil || !rt.reads || rt.depth > 0 || rt.alt != nil {
		return
	}
	wrote := lastWriteOf(ctx)
	if w := s.standby.writers.last(userID); w.After(wrote) {
		wrote = w
	}
	alt := s.standby.route(wrote)
	if alt == nil {
		return
	}
	if rt.t != nil { // the session check's transaction: hand it in
		_ = rt.t.Commit()
		rt.t, rt.n, rt.scope = nil, 0, scopeSetting{}
	}
	rt.alt = alt
}

// recentWriters remembers when each user's last write committed in this
// process, for as long as the standby may not have replayed it.
type recentWriters struct {
	mu sync.Mutex
	m  map[int64]time.Time
}

// note records a write of user committed before at.
func (w *recentWriters) note(user int64, at time.Time, forget time.Time) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.m == nil {
		w.m = make(map[int64]time.Time)
	}
	if len(w.m) >= 10000 { // the writes the standby holds already are of no use
		for u, t := range w.m {
			if t.Before(forget) {
				delete(w.m, u)
			}
		}
	}
	w.m[user] = at
}

// last is user's last write noted here (zero: none).
func (w *recentWriters) last(user int64) time.Time {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.m[user]
}

// WriteAside runs fn, a write that a read request makes on the way (a cache
// of something derived, such as a photo's thumbnail), in the commune's
// scope: in the request's transaction, or in a transaction of its own on
// the primary when the request reads from the standby, which is read-only.
func (s *Store) WriteAside(ctx context.Context, communeID int64, fn func(*Tx) error) error {
	if rt, ok := requestTxOf(ctx); ok && rt.alt != nil {
		ctx = context.WithValue(ctx, requestTxKey{}, struct{}{}) // no request transaction
	}
	return s.InCommune(ctx, communeID, fn)
}
