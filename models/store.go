package models

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/tiendo/tiendo/models/calendar"
)

// Store is the core under every domain package's store: the database, the
// clock, the request transaction and tenant scope, the audit log and the
// idempotency claims. Domain packages embed it (see models/domain).
type Store struct {
	db       *sqlx.DB
	auditQ   auditQueries
	idemQ    idempotencyQueries // idempotency.go
	clock    Clock
	Password PasswordParams
	opts     Options
}

// Options configure a Store; zero values take the production defaults.
type Options struct {
	Clock Clock
	// Calendar is the base every commune's calendar overrides are layered
	// on; nil means calendar.Official(). Tests pin it to stay independent of
	// newly published arrangements.
	Calendar []calendar.Override
	// CalendarTTL is how long a replica trusts a commune calendar's version
	// without reading it again (models/deadlines/calendars.go); zero means 30 seconds.
	CalendarTTL time.Duration
	Password    PasswordParams
	// AllowPrivateWebhooks accepts webhook URLs on loopback and private
	// addresses (TIENDO_WEBHOOK_ALLOW_PRIVATE: tests and intranets).
	AllowPrivateWebhooks bool
}

// NewStore prepares every query against db; a query PostgreSQL rejects fails here.
func NewStore(db *sqlx.DB, o Options) (*Store, error) {
	s := &Store{db: db, clock: o.Clock, opts: o, Password: o.Password}
	if s.clock == nil {
		s.clock = SystemClock{}
	}
	if s.Password == (PasswordParams{}) {
		s.Password = DefaultPasswordParams
	}
	if err := Prepare(s, Queries, s.prepared()...); err != nil {
		return nil, err
	}
	return s, nil
}

// prepared lists every statement struct of the store; a feature with its own
// struct of queries adds it here.
func (s *Store) prepared() []any {
	return []any{&s.auditQ, &s.idemQ}
}

// Close releases the prepared statements (not the pool, which the caller owns).
func (s *Store) Close() {
	for _, q := range s.prepared() {
		closeQueries(q)
	}
}

// Core is the core store under a domain package's store (Prepare's argument).
func (s *Store) Core() *Store { return s }

// Options are the options the store was opened with.
func (s *Store) Options() Options { return s.opts }

// Clock is the store's clock, for callers that stamp times themselves.
func (s *Store) Clock() Clock { return s.clock }

// Ping checks that the database answers. Whether the schema is current is
// the wiring's question (config.Database.Ready), not the domain's.
func (s *Store) Ping(ctx context.Context) error { return s.db.PingContext(ctx) }

// Tx is one transaction with the prepared statements bound to it.
type Tx struct {
	*sqlx.Tx
	Ctx context.Context
}

// Bind binds a prepared statement to this transaction.
func (t *Tx) Bind(s *sqlx.Stmt) *sqlx.Stmt { return t.StmtxContext(t.Ctx, s) }

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

// Audit appends one row to the audit log in the caller's transaction, so the
// record exists exactly when the change does.
func (s *Store) Audit(t *Tx, a *Actor, action, entity string, id int64, before, after any) error {
	if err := s.fenceClaim(t); err != nil {
		return err
	}
	return s.InsertAudit(t, a, action, entity, id, before, after)
}

// InsertAudit appends the row without the claim's fence: for records of
// attempts (sign-in) that are not the request's change.
func (s *Store) InsertAudit(t *Tx, a *Actor, action, entity string, id any, before, after any) error {
	b, err := jsonOrNil(before)
	if err != nil {
		return err
	}
	af, err := jsonOrNil(after)
	if err != nil {
		return err
	}
	_, err = t.Bind(s.auditQ.Insert).Exec(NullID(a.CommuneID), NullID(a.UserID), s.clock.Now(),
		a.IPOrNil(), action, entity, id, b, af)
	return err
}

func jsonOrNil(v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("audit: %w", err)
	}
	return string(b), nil
}

// NullID is id for SQL, NULL when zero.
func NullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}
