package models

import (
	"context"

	"github.com/jmoiron/sqlx"
)

// Atomically runs fn in one transaction that every Store call made with
// fn's context joins (the request transaction of request_tx.go): either
// everything fn wrote commits, or nothing does. It is for work that must not
// be left half done by a crash (the demo load); the HTTP layer gets the same
// from BeginRequest.
func (s *Store) Atomically(ctx context.Context, fn func(ctx context.Context) error) error {
	ctx, end := s.BeginRequest(ctx)
	if err := fn(ctx); err != nil {
		_ = end(false)
		return err
	}
	return end(true)
}

// Binder binds a prepared statement to a transaction, or leaves it unbound.
type Binder func(*sqlx.Stmt) *sqlx.Stmt

// Identity runs fn over the identity tables (communes, users, sessions,
// tokens, sign-in attempts: no row-level security), binding each statement
// with on: to the transaction ctx carries, so that a request reads what it
// wrote (the session of a sign-in), or to none outside one (jobs, commands).
func (s *Store) Identity(ctx context.Context, fn func(on Binder) error) error {
	if rt, ok := requestTxOf(ctx); ok {
		if joined, err := rt.run(nil, func(t *Tx) error { return fn(t.Bind) }); joined {
			return err
		}
	}
	return fn(func(st *sqlx.Stmt) *sqlx.Stmt { return st })
}
