// Package demo loads the demo communes through the same model code the API uses.
package demo

import (
	"context"
	"errors"

	"github.com/jmoiron/sqlx"

	"github.com/tiendo/tiendo/models"
)

// Options configure a demo load.
type Options struct {
	Password       string                // demo accounts' password; generated when empty
	PasswordParams models.PasswordParams // zero: production defaults
}

// Login is one demo account to print.
type Login struct {
	Username    string
	Description string
}

// Result says what was loaded and how to sign in.
type Result struct {
	Password string
	Logins   []Login
	Summary  string
}

// Load writes the demo communes.
func Load(ctx context.Context, db *sqlx.DB, o Options) (*Result, error) {
	return nil, errors.New("demo: not implemented yet")
}

// LoadIfEmpty loads the demo only into a database without communes and
// returns nil when it loaded nothing.
func LoadIfEmpty(ctx context.Context, db *sqlx.DB, o Options) (*Result, error) {
	return nil, errors.New("demo: not implemented yet")
}
