package accounts

import (
	"embed"

	"github.com/tiendo/tiendo/models"
)

// Queries are the package's named statements, prepared at boot.
//
//go:embed queries/*.sql
var Queries embed.FS

// Store is the accounts domain's methods over the stores below it.
type Store struct {
	*models.Store
	orgQ   orgQueries
	accQ   accountQueries
	loginQ loginQueries
	// sessions is the session cache (session_cache.go).
	sessions sessionCache
}

// New prepares the domain's statements over below.
func New(below *models.Store) (*Store, error) {
	s := &Store{Store: below}
	if err := models.Prepare(below.Core(), Queries, s.statements()...); err != nil {
		below.Close()
		return nil, err
	}
	return s, nil
}

// statements lists the domain's statement structs.
func (s *Store) statements() []any { return []any{&s.orgQ, &s.accQ, &s.loginQ} }

// Close releases the domain's statements and those below.
func (s *Store) Close() {
	models.CloseStatements(s.statements()...)
	s.Store.Close()
}
