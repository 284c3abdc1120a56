package config

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/tiendo/tiendo/internal/pglocal"
)

// dbName is the database tiendo creates in its private cluster.
const dbName = "tiendo"

// Database is an open pool and, when tiendo started one, its private cluster.
type Database struct {
	DB      *sqlx.DB
	cluster *pglocal.Cluster
}

// OpenDatabase connects to DATABASE_URL, or else starts (or reuses) the
// private cluster in DataDir/postgres and makes sure its database exists.
func OpenDatabase(ctx context.Context, c Config, log io.Writer) (*Database, error) {
	if c.DatabaseURL != "" {
		db, err := connect(ctx, c.DatabaseURL)
		return &Database{DB: db}, err
	}
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
	d := &Database{cluster: cl}
	if err := ensureDatabase(ctx, cl.DSN("postgres")); err != nil {
		d.Close()
		return nil, err
	}
	if d.DB, err = connect(ctx, cl.DSN(dbName)); err != nil {
		d.Close()
		return nil, err
	}
	return d, nil
}

// Close closes the pool and stops the cluster if this process started it.
func (d *Database) Close() error {
	var errs []error
	if d.DB != nil {
		errs = append(errs, d.DB.Close())
	}
	if d.cluster != nil {
		errs = append(errs, d.cluster.Stop())
	}
	return errors.Join(errs...)
}

// Private reports whether the database is tiendo's own cluster.
func (d *Database) Private() bool { return d.cluster != nil }

func connect(ctx context.Context, dsn string) (*sqlx.DB, error) {
	db, err := sqlx.Open("postgres", dsn)
	if err != nil {
		return nil, fmt.Errorf("database: %w", err)
	}
	db.SetMaxOpenConns(20)
	db.SetMaxIdleConns(20)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("database: %w", err)
	}
	return db, nil
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
