package statistics

import (
	"embed"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/plans"
)

// Queries are the package's named statements, prepared at boot.
//
//go:embed queries/*.sql
var Queries embed.FS

// Store is the statistics domain's methods over the stores below it.
type Store struct {
	*plans.Store
	provinceQ provinceQueries
	indQ      indicatorQueries
	dosQ      dossierQueries
	repQ      reportQueries
	qualQ     qualityQueries
	snapQ     snapshotQueries
	sentQ     sentQueries
}

// New prepares the domain's statements over below.
func New(below *plans.Store) (*Store, error) {
	s := &Store{Store: below}
	if err := models.Prepare(below.Core(), Queries, s.statements()...); err != nil {
		below.Close()
		return nil, err
	}
	return s, nil
}

// statements lists the domain's statement structs.
func (s *Store) statements() []any {
	return []any{&s.provinceQ, &s.indQ, &s.dosQ, &s.repQ, &s.qualQ, &s.snapQ, &s.sentQ}
}

// Close releases the domain's statements and those below.
func (s *Store) Close() {
	models.CloseStatements(s.statements()...)
	s.Store.Close()
}
