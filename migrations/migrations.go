// Package migrations holds the numbered SQL files that build the schema and
// applies them with goose, embedded in the binary.
package migrations

import (
	"context"
	"database/sql"
	"embed"
	"fmt"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
)

//go:embed *.sql
var files embed.FS

// Provider is goose's view of the embedded migrations on db, for tests that
// step through versions (a migration's data move is tested from the version
// before it).
func Provider(db *sql.DB) (*goose.Provider, error) { return provider(db) }

func provider(db *sql.DB) (*goose.Provider, error) {
	// The session locker makes concurrent starts (several replicas, parallel
	// tests) wait for each other instead of applying the same file twice.
	locker, err := lock.NewPostgresSessionLocker()
	if err != nil {
		return nil, err
	}
	return goose.NewProvider(goose.DialectPostgres, db, files, goose.WithSessionLocker(locker))
}

// Up applies every migration not yet applied.
func Up(ctx context.Context, db *sql.DB) error {
	p, err := provider(db)
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	return nil
}

// Pending reports whether some migration embedded in this binary is not applied yet.
func Pending(ctx context.Context, db *sql.DB) (bool, error) {
	p, err := provider(db)
	if err != nil {
		return false, err
	}
	return p.HasPending(ctx)
}
