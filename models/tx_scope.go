package models

import (
	"context"
	"strconv"
)

// The scopes a store call runs in: one commune, a province's read-only
// view, or every commune (jobs); inside a request they join its transaction.

// InCommune runs fn in a transaction that carries the commune in the
// tiendo.commune_id setting, which row-level security policies read. A
// serialization failure is retried a few times; other errors are mapped to
// the domain errors the HTTP layer understands.
func (s *Store) InCommune(ctx context.Context, communeID int64, fn func(*Tx) error) error {
	scope := ""
	if communeID != 0 {
		scope = strconv.FormatInt(communeID, 10)
	}
	return s.inScope(ctx, "tiendo.commune_id", scope, fn)
}

// EnterCommune is InCommune for a first call whose own statement sets the
// commune scope, as scopeSQL would: set_config('tiendo.commune_id', ID,
// true) and set_config('tiendo.province', ”, true). When it opens the
// request's transaction the scope costs no round trip of its own (the
// session cache's check does this, on every signed-in request). Anywhere
// else it is InCommune, the scope set twice.
func (s *Store) EnterCommune(ctx context.Context, communeID int64, fn func(*Tx) error) error {
	want := scopeSetting{"tiendo.commune_id", strconv.FormatInt(communeID, 10)}
	rt, ok := requestTxOf(ctx)
	if !ok || rt.done || rt.broken != nil || rt.t != nil {
		return s.InCommune(ctx, communeID, fn)
	}
	sqlTx, err := s.db.BeginTxx(rt.ctx, nil)
	if err != nil {
		return MapPGError(err)
	}
	rt.t, rt.n = &Tx{Tx: sqlTx, Ctx: rt.ctx}, 1
	if err := fn(rt.t); err != nil {
		_ = rt.t.Rollback()
		rt.t, rt.n = nil, 0
		return MapPGError(err)
	}
	rt.scope = want
	return nil
}

// AcrossCommunes runs fn in a transaction with no tenant scope, for the
// jobs' and the operator's work over every commune (the outbox, the
// planner, snapshots, provisioning): row-level security then lets through
// only what its policies allow without a commune.
func (s *Store) AcrossCommunes(ctx context.Context, fn func(*Tx) error) error {
	return s.inScope(ctx, "", "", fn)
}

// InProvince runs fn in a transaction that may read (never write) the plans
// and tasks of every commune of province, through the province_read policies.
func (s *Store) InProvince(ctx context.Context, province string, fn func(*Tx) error) error {
	return s.inScope(ctx, "tiendo.province", province, fn)
}

// inScope runs fn in a transaction with the RLS setting key = value (none
// when value is empty), retrying serialization failures.
func (s *Store) inScope(ctx context.Context, key, value string, fn func(*Tx) error) error {
	var err error
	for attempt := 0; attempt < 4; attempt++ {
		err = s.tryTx(ctx, key, value, fn)
		if !isRetryable(err) {
			break
		}
	}
	return MapPGError(err)
}

func (s *Store) tryTx(ctx context.Context, key, value string, fn func(*Tx) error) (err error) {
	if rt, ok := requestTxOf(ctx); ok {
		if joined, err := rt.run(&scopeSetting{key, value}, fn); joined {
			return err
		}
	}
	sqlTx, err := s.db.BeginTxx(ctx, nil)
	if err != nil {
		return err
	}
	t := &Tx{Tx: sqlTx, Ctx: ctx}
	defer func() {
		if err != nil {
			_ = sqlTx.Rollback()
		}
	}()
	if value != "" {
		if err = t.SetScope(key, value); err != nil {
			return err
		}
	}
	if err = fn(t); err != nil {
		return err
	}
	return sqlTx.Commit()
}

// SetScope names the transaction's tenant (key tiendo.commune_id) or
// province for the row-level security policies, until the transaction ends.
func (t *Tx) SetScope(key, value string) error {
	_, err := t.ExecContext(t.Ctx, `SELECT set_config($1, $2, true)`, key, value)
	return err
}
