package models

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"strconv"
	"strings"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"
)

// One transaction per request. The HTTP layer calls BeginRequest when a
// request comes in; every Store call made with the context it returns joins
// one transaction, begun lazily by the first call (a request that reads
// nothing opens none). Each call runs in a savepoint of its own, so a call
// that fails (a 409 on a unique key, a 404) leaves the request able to go on
// reading, and the tenant scope is sent only when it changes, in the same
// round trip as the savepoint. The HTTP layer ends the transaction before the
// first byte of the answer leaves, so a client never hears "saved" about a
// write that did not commit; calls made after that run on their own, as they
// do outside any request (jobs, commands). A request's calls are made one
// after another, as a handler makes them; a call made inside another (from a
// Store method) joins it in a nested savepoint.

type requestTxKey struct{}

// requestTx is a request's lazy transaction.
type requestTx struct {
	s   *Store
	ctx context.Context

	t      *Tx
	done   bool
	broken error // a savepoint could not be rolled back: nothing more runs
	scope  scopeSetting
	depth  int  // calls in progress (a call made inside another nests)
	n      int  // savepoints taken, for their names
	reads  bool // BeginReads: no savepoints, a failed call ends the transaction

	alt map[*sqlx.Stmt]*sqlx.Stmt // set: the calls read from the standby (standby_route.go)
}

// scopeSetting is the RLS setting a transaction carries: tiendo.commune_id
// or tiendo.province, or neither (key "").
type scopeSetting struct{ key, value string }

// BeginRequest returns ctx carrying a request's transaction, and end, which
// commits it (commit true) or rolls it back; end is safe to call more than
// once, and a call to the store after it runs in a transaction of its own.
func (s *Store) BeginRequest(ctx context.Context) (context.Context, func(commit bool) error) {
	rt := &requestTx{s: s, ctx: ctx}
	return context.WithValue(ctx, requestTxKey{}, rt), rt.end
}

// BeginReads is BeginRequest for a request that reads (GET, HEAD): its
// calls take no savepoint, a round trip each, because there is nothing to
// keep when one fails. A failed call rolls the transaction back and the next
// call begins another, as the first call of any transaction does. What such
// a request writes on the way (a session's last-seen time) is a cache of
// something that will be written again.
func (s *Store) BeginReads(ctx context.Context) (context.Context, func(commit bool) error) {
	rt := &requestTx{s: s, ctx: ctx, reads: true}
	return context.WithValue(ctx, requestTxKey{}, rt), rt.end
}

// requestTxOf is the open request transaction ctx carries, if any.
func requestTxOf(ctx context.Context) (*requestTx, bool) {
	rt, ok := ctx.Value(requestTxKey{}).(*requestTx)
	return rt, ok
}

// run runs fn in the request's transaction under the scope want (nil: the
// scope the transaction has, for the identity tables, which have no
// row-level security). It reports joined false when the transaction has
// ended, so that the caller runs fn on its own.
func (rt *requestTx) run(want *scopeSetting, fn func(*Tx) error) (joined bool, err error) {
	switch {
	case rt.done:
		return false, nil
	case rt.broken != nil:
		return true, rt.broken
	}
	if rt.t == nil {
		if err := rt.begin(); err != nil {
			return true, err
		}
	}
	if want == nil {
		want = &rt.scope
	}
	if rt.n == 0 || (rt.reads && rt.depth == 0) {
		return true, rt.first(*want, fn)
	}
	return true, rt.call(*want, fn)
}

// begin opens the request's transaction, on the standby once the request
// was sent there.
func (rt *requestTx) begin() error {
	var (
		sqlTx *sqlx.Tx
		err   error
	)
	if rt.alt != nil {
		sqlTx, err = rt.s.standby.begin(rt.ctx)
	} else {
		sqlTx, err = rt.s.db.BeginTxx(rt.ctx, nil)
	}
	if err == nil {
		rt.t = &Tx{Tx: sqlTx, Ctx: rt.ctx, alt: rt.alt}
	}
	return err
}

// first runs the transaction's first call without a savepoint: when it
// fails there is nothing before it to keep, so the whole transaction goes
// and the next call begins a new one.
func (rt *requestTx) first(want scopeSetting, fn func(*Tx) error) error {
	rt.n++
	err := rt.exec(scopeSQL(rt.scope, want))
	if err == nil {
		rt.scope = want
		rt.depth++
		err = fn(rt.t)
		rt.depth--
	}
	if err != nil {
		_ = rt.t.Rollback()
		rt.t, rt.n, rt.scope = nil, 0, scopeSetting{}
	}
	return err
}

// call takes a savepoint (setting the scope in the same round trip when it
// changes), runs fn, and rolls back to the savepoint when fn fails. PostgreSQL
// rolls a set_config back with its savepoint, so the scope is known again.
func (rt *requestTx) call(want scopeSetting, fn func(*Tx) error) error {
	before := rt.scope
	rt.n++
	name := "req_" + strconv.Itoa(rt.n)
	if err := rt.exec("SAVEPOINT "+name, scopeSQL(before, want)); err != nil {
		return err
	}
	rt.scope = want
	rt.depth++
	err := fn(rt.t)
	rt.depth--
	if err != nil {
		if rbErr := rt.exec("ROLLBACK TO SAVEPOINT " + name); rbErr != nil {
			rt.broken = rbErr
			return errors.Join(err, rbErr)
		}
		rt.scope = before
		return err
	}
	if rt.depth > 0 && before != want { // a nested call hands its caller's scope back
		if err := rt.exec(scopeSQL(want, before)); err != nil {
			return err
		}
		rt.scope = before
	}
	return nil
}

// exec sends the statements that are not empty in one round trip (the
// simple query protocol takes several); none, nothing is sent.
func (rt *requestTx) exec(statements ...string) error {
	q := strings.Join(slices.DeleteFunc(statements, func(s string) bool { return s == "" }), "; ")
	if q == "" {
		return nil
	}
	_, err := rt.t.ExecContext(rt.ctx, q)
	return err
}

// scopeSQL is the statement that moves the RLS settings from have to want:
// empty when they agree.
func scopeSQL(have, want scopeSetting) string {
	if have == want {
		return ""
	}
	var b strings.Builder
	b.WriteString("SELECT ")
	for i, k := range []string{"tiendo.commune_id", "tiendo.province"} {
		v := ""
		if k == want.key {
			v = want.value
		}
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("set_config(" + pq.QuoteLiteral(k) + ", " + pq.QuoteLiteral(v) + ", true)")
	}
	return b.String()
}

// end commits or rolls back the transaction, once.
func (rt *requestTx) end(commit bool) error {
	if rt.done {
		return nil
	}
	rt.done = true
	if rt.t == nil {
		return nil
	}
	if !commit || rt.broken != nil {
		err := rt.t.Rollback()
		if errors.Is(err, sql.ErrTxDone) { // the request's context ended it already
			err = nil
		}
		return errors.Join(rt.broken, err)
	}
	return MapPGError(rt.t.Commit())
}

// Tx is one transaction with the prepared statements bound to it.
type Tx struct {
	*sqlx.Tx
	Ctx context.Context
	alt map[*sqlx.Stmt]*sqlx.Stmt // on the standby: its copies of the statements
}

// Bind binds a prepared statement to this transaction (its standby copy
// when the transaction reads from the standby).
func (t *Tx) Bind(s *sqlx.Stmt) *sqlx.Stmt {
	if c, ok := t.alt[s]; ok {
		s = c
	}
	return t.StmtxContext(t.Ctx, s)
}

func isRetryable(err error) bool {
	var pqErr *pq.Error
	return errors.As(err, &pqErr) && (pqErr.Code == "40001" || pqErr.Code == "40P01")
}

// NotFound turns "no rows" into ErrNotFound.
func NotFound(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	return err
}

// ConflictIfNoRows turns "no row" from a guarded INSERT or UPDATE (one that
// writes only when the state allows) into a 409 about field.
func ConflictIfNoRows(err error, field, msg string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return &ConflictError{Field: field, Message: msg}
	}
	return err
}
