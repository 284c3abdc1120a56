package config

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/tiendo/tiendo/internal/pglocal"
	"github.com/tiendo/tiendo/migrations"
)

// dbName is the database tiendo creates in its private cluster.
const dbName = "tiendo"

// The roles pooled connections switch to; neither owns the tables nor
// bypasses row-level security (see migrations 00002 and 00005).
const (
	AppRole  = "tiendo_app"  // request handling: one commune per transaction
	JobsRole = "tiendo_jobs" // scheduled jobs: every commune, by an explicit policy
)

// Database is the server's pools and, when tiendo started one, its private cluster.
type Database struct {
	DB      *sqlx.DB         // connections run as AppRole
	Jobs    *sqlx.DB         // connections run as JobsRole
	Replica *sqlx.DB         // DATABASE_REPLICA_URL as AppRole, nil without one
	stop    func() error     // stops the private cluster if this process started it
	cluster *pglocal.Cluster // the private cluster, nil with DATABASE_URL
}

// Supervise restarts the private cluster whenever its postmaster dies,
// until ctx ends (pglocal.Cluster.Supervise); with DATABASE_URL the server
// is someone else's to restart, and requests answer 503 until it is back.
func (d *Database) Supervise(ctx context.Context, log *slog.Logger) {
	if d.cluster != nil {
		go d.cluster.Supervise(ctx, log, superviseEvery)
	}
}

// superviseEvery is how often the private cluster's postmaster is checked.
const superviseEvery = 2 * time.Second

// OpenDatabase connects to DATABASE_URL, or else starts (or reuses) the
// private cluster in DataDir/postgres; it applies the migrations as the
// connecting (owner) role, then opens the pool as AppRole.
func OpenDatabase(ctx context.Context, c Config, log io.Writer) (*Database, error) {
	dsn, cl, stop, err := ownerDSN(ctx, c, log)
	if err != nil {
		return nil, err
	}
	d := &Database{stop: stop, cluster: cl}
	if d.DB, err = ConnectAs(ctx, dsn, AppRole, 20); err != nil {
		d.Close()
		return nil, err
	}
	if d.Jobs, err = ConnectAs(ctx, dsn, JobsRole, 4); err != nil {
		d.Close()
		return nil, err
	}
	if c.ReplicaURL != "" {
		if d.Replica, err = OpenStandby(c.ReplicaURL, 20); err != nil {
			d.Close()
			return nil, err
		}
	}
	return d, nil
}

func startCluster(ctx context.Context, c Config, log io.Writer) (*pglocal.Cluster, error) {
	if _, err := pglocal.BinDir(); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(c.DataDir, 0o755); err != nil {
		return nil, fmt.Errorf("TIENDO_DATA_DIR: %w", err)
	}
	cl, err := pglocal.Start(ctx, pglocal.Options{DataDir: filepath.Join(c.DataDir, "postgres"), Log: log})
	if err != nil {
		return nil, err
	}
	if err := ensureDatabase(ctx, cl.DSN("postgres")); err != nil {
		_ = cl.Stop()
		return nil, err
	}
	return cl, nil
}

// Ready checks that the database answers and every migration is applied:
// the server's readiness (/readyz).
func (d *Database) Ready(ctx context.Context) error {
	if err := d.DB.PingContext(ctx); err != nil {
		return err
	}
	pending, err := migrations.Pending(ctx, d.DB.DB)
	if err != nil {
		return err
	}
	if pending {
		return errors.New("migrations pending")
	}
	return nil
}

// Migrate applies the embedded migrations over dsn as its (owner) role.
func Migrate(ctx context.Context, dsn string) error {
	db, err := sql.Open("postgres", dsn)
	if err != nil {
		return fmt.Errorf("database: %w", err)
	}
	defer db.Close()
	return migrations.Up(ctx, db)
}

// Close closes the pool and stops the cluster if this process started it.
func (d *Database) Close() error {
	var errs []error
	for _, db := range []*sqlx.DB{d.DB, d.Jobs, d.Replica} {
		if db != nil {
			errs = append(errs, db.Close())
		}
	}
	if d.stop != nil {
		errs = append(errs, d.stop())
	}
	return errors.Join(errs...)
}

// ConnectApp opens a request-handling pool over dsn (connections run as AppRole).
func ConnectApp(ctx context.Context, dsn string) (*sqlx.DB, error) {
	return ConnectAs(ctx, dsn, AppRole, 20)
}

// ConnectAs opens a pool of at most size connections over dsn, each switched
// to role before use.
func ConnectAs(ctx context.Context, dsn, role string, size int) (*sqlx.DB, error) {
	db, err := openPool(dsn, role, size)
	if err != nil {
		return nil, fmt.Errorf("database: %w", err)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("database: %w", err)
	}
	return db, nil
}

// OpenStandby opens a pool of at most size connections to a hot standby,
// as AppRole, without connecting yet: a standby that is down at start only
// means reads go to the primary until it is up (models.Standby watches it).
func OpenStandby(dsn string, size int) (*sqlx.DB, error) {
	db, err := openPool(dsn, AppRole, size)
	if err != nil {
		return nil, fmt.Errorf("DATABASE_REPLICA_URL: %w", err)
	}
	return db, nil
}

// openPool opens, without connecting, a pool of at most size connections
// over dsn switched to role.
func openPool(dsn, role string, size int) (*sqlx.DB, error) {
	base, err := pq.NewConnector(dsn)
	if err != nil {
		return nil, err
	}
	db := sqlx.NewDb(sql.OpenDB(roleConnector{Connector: base, role: role}), "postgres")
	db.SetMaxOpenConns(size)
	db.SetMaxIdleConns(size)
	return db, nil
}

// roleConnector switches each new connection to role before the pool hands
// it out, so no request can run as the owner by accident.
type roleConnector struct {
	driver.Connector
	role string
}

func (c roleConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	// No JIT compilation on either pool: tiendo's statements are short, and
	// where their estimates pass jit_above_cost (the planner's chunks, the
	// sweep, a province's roll-up under a generic plan) LLVM spent longer
	// compiling than the statement ran — 8.2 of a planning chunk's 17.2 s
	// (issue 15, national preset).
	q := "SET ROLE " + pq.QuoteIdentifier(c.role) + "; SET jit = off"
	if c.role == JobsRole {
		// Everything the jobs write is derived from state and safe to redo
		// (DESIGN.md, Jobs): a crash that loses the last few hundred
		// milliseconds of their commits loses whole transactions only — a
		// status the next sweep sets again, reminders the next planner run
		// queues again, an outbox claim or outcome whose delivery is then
		// retried (the inbox row and its "sent" mark are one transaction,
		// email and webhooks are at-least-once by design). Not waiting for
		// each commit's WAL flush is what lets the dispatcher record
		// thousands of outcomes a second (issue 7).
		q += "; SET synchronous_commit = off"
	}
	if c.role == AppRole {
		// Plan a request's statements once per connection. Their optional
		// filters ($2 IS NULL OR t.plan_id = $2) make PostgreSQL judge the
		// generic plan dearer than a custom one and plan every execution
		// again: "my tasks" spent 0.7 ms planning and 0.6 ms executing
		// (issue 15). A request's statements are scoped to one commune, a
		// few thousand rows at most, where the generic plan costs no more;
		// the jobs, which scan across communes, keep the default.
		q += "; SET plan_cache_mode = force_generic_plan"
	}
	_, err = conn.(driver.ExecerContext).ExecContext(ctx, q, nil)
	if err != nil {
		conn.Close()
		return nil, fmt.Errorf("database: switching to role %s: %w", c.role, err)
	}
	return conn, nil
}

// ensureDatabase creates the tiendo database on first start; a concurrent
// creator's duplicate_database error is success.
func ensureDatabase(ctx context.Context, adminDSN string) error {
	db, err := sql.Open("postgres", adminDSN)
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.ExecContext(ctx, "CREATE DATABASE "+dbName+" ENCODING 'UTF8' TEMPLATE template0")
	var pqErr *pq.Error
	if errors.As(err, &pqErr) && pqErr.Code == "42P04" {
		return nil
	}
	return err
}

// OwnerDSN is the owner's connection string of the database serve would use:
// DATABASE_URL, or the private cluster in DataDir (started, or reused when
// already running). The migrations are applied; stop stops the cluster if
// this call started it. Operator tools (tiendo-bench) connect with it.
func OwnerDSN(ctx context.Context, c Config, log io.Writer) (dsn string, stop func() error, err error) {
	dsn, _, stop, err = ownerDSN(ctx, c, log)
	return dsn, stop, err
}

// ownerDSN is OwnerDSN with the private cluster (nil with DATABASE_URL).
func ownerDSN(ctx context.Context, c Config, log io.Writer) (string, *pglocal.Cluster, func() error, error) {
	dsn, stop := c.DatabaseURL, func() error { return nil }
	var cl *pglocal.Cluster
	if dsn == "" {
		var err error
		if cl, err = startCluster(ctx, c, log); err != nil {
			return "", nil, nil, err
		}
		dsn, stop = cl.DSN(dbName), cl.Stop
	}
	if err := Migrate(ctx, dsn); err != nil {
		_ = stop()
		return "", nil, nil, err
	}
	return dsn, cl, stop, nil
}
