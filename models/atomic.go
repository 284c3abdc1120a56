package models

import (
	"context"

	"github.com/jmoiron/sqlx"
)

// outerTxKey carries the transaction of Atomically in a context.
type outerTxKey struct{}

// Atomically runs fn in one transaction that every Store call made with
// fn's context joins, each in a savepoint of its own: either everything fn
// wrote commits, or nothing does. It is for work that must not be left half
// done by a crash (the demo load); a request keeps its own transactions.
func (s *Store) Atomically(ctx context.Context, fn func(ctx context.Context) error) (err error) {
	sqlTx, err := s.db.BeginTxx(ctx, nil)
	if err != nil {
		return mapPGError(err)
	}
	defer func() {
		if err != nil {
			_ = sqlTx.Rollback()
		}
	}()
	if err = fn(context.WithValue(ctx, outerTxKey{}, &tx{Tx: sqlTx, ctx: ctx})); err != nil {
		return err
	}
	return mapPGError(sqlTx.Commit())
}

// outerTx is the transaction of Atomically that ctx carries, if any.
func outerTx(ctx context.Context) (*tx, bool) {
	t, ok := ctx.Value(outerTxKey{}).(*tx)
	return t, ok
}

// bound is stmt bound to the transaction ctx carries, or stmt itself: for
// the statements that run outside any scope of their own (identity tables).
func bound(ctx context.Context, stmt *sqlx.Stmt) *sqlx.Stmt {
	if t, ok := outerTx(ctx); ok {
		return t.StmtxContext(ctx, stmt)
	}
	return stmt
}

// inSavepoint runs fn inside outer as its own savepoint, with the scope key
// = value and every other scope cleared, so that one call never sees the
// tenant of the call before it; the scope is cleared again afterwards.
func (s *Store) inSavepoint(ctx context.Context, outer *tx, key, value string, fn func(*tx) error) error {
	t := &tx{Tx: outer.Tx, ctx: ctx}
	return t.savepoint(func() error {
		if err := t.scopeOnly(key, value); err != nil {
			return err
		}
		if err := fn(t); err != nil {
			return err
		}
		return t.scopeOnly("", "")
	})
}

// scopeOnly sets key = value and clears the other scope settings.
func (t *tx) scopeOnly(key, value string) error {
	for _, k := range []string{"tiendo.commune_id", "tiendo.province"} {
		v := ""
		if k == key {
			v = value
		}
		if err := t.setScope(k, v); err != nil {
			return err
		}
	}
	return nil
}
