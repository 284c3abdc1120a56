package plans

import (
	"embed"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/deadlines"
)

// Queries are the package's named statements, prepared at boot.
//
//go:embed queries/*.sql
var Queries embed.FS

// Store is the plans domain's methods over the stores below it.
type Store struct {
	*deadlines.Store
	q        planQueries
	reviewQ  reviewQueries
	attachQ  attachmentQueries
	overQ    overviewQueries
	cloneQ   cloneQueries
	seriesQ  seriesQueries
	planNumQ planNumberQueries
	extQ     extensionQueries
	trashQ   trashQueries
	subQ     subtaskQueries
}

// New prepares the domain's statements over below.
func New(below *deadlines.Store) (*Store, error) {
	s := &Store{Store: below}
	if err := models.Prepare(below.Core(), Queries, s.statements()...); err != nil {
		below.Close()
		return nil, err
	}
	return s, nil
}

// statements lists the domain's statement structs.
func (s *Store) statements() []any {
	return []any{&s.q, &s.reviewQ, &s.attachQ, &s.overQ, &s.cloneQ, &s.seriesQ, &s.planNumQ, &s.extQ, &s.trashQ, &s.subQ}
}

// Close releases the domain's statements and those below.
func (s *Store) Close() {
	models.CloseStatements(s.statements()...)
	s.Store.Close()
}
