package models

import (
	"context"
	"io/fs"
	"time"

	"github.com/jmoiron/sqlx"

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
	standby  *Standby // nil: every request reads on the primary
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
	// Standby, when set, is where GET requests read once their session is
	// checked (DATABASE_REPLICA_URL, standby.go).
	Standby *Standby
	// AllowPrivateWebhooks accepts webhook URLs on loopback and private
	// addresses (TIENDO_WEBHOOK_ALLOW_PRIVATE: tests and intranets).
	AllowPrivateWebhooks bool
}

// NewStore prepares every query against db; a query PostgreSQL rejects fails here.
func NewStore(db *sqlx.DB, o Options) (*Store, error) {
	s := &Store{db: db, clock: o.Clock, opts: o, Password: o.Password, standby: o.Standby}
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

// Prepare prepares a domain package's statement structs from its own
// queries/*.sql against the store's database; on failure none stay open.
func Prepare(s *Store, files fs.FS, structs ...any) error {
	texts, err := loadQueries(files)
	if err != nil {
		return err
	}
	for _, q := range structs {
		if err := prepareQueries(s.db, texts, q, s.standby); err != nil {
			CloseStatements(structs...)
			return err
		}
	}
	return nil
}

// CloseStatements releases the prepared statements of the structs.
func CloseStatements(structs ...any) {
	for _, q := range structs {
		closeQueries(q)
	}
}
