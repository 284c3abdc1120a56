// Package domain stacks the domain packages into the one Store that the
// handlers, the jobs and the commands use: each package's Store embeds the
// one below it (accounts over the core, the deadline engine over accounts,
// plans and tasks over that, statistics over plans, imports on top), so a
// method is found by its name and defined in the package named for its
// domain.
package domain

import (
	"github.com/jmoiron/sqlx"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/accounts"
	"github.com/tiendo/tiendo/models/deadlines"
	"github.com/tiendo/tiendo/models/imports"
	"github.com/tiendo/tiendo/models/plans"
	"github.com/tiendo/tiendo/models/statistics"
)

// QueryText is the SQL of the named statement, wherever it lives.
func QueryText(name string) (string, error) {
	return models.QueryText(name, models.Queries, accounts.Queries, deadlines.Queries, plans.Queries, statistics.Queries, imports.Queries)
}

// Store is every domain's methods over one database.
type Store struct {
	*imports.Store
}

// Open prepares every domain's statements against db; a query PostgreSQL
// rejects fails here.
func Open(db *sqlx.DB, o models.Options) (*Store, error) {
	core, err := models.NewStore(db, o)
	if err != nil {
		return nil, err
	}
	people, err := accounts.New(core)
	if err != nil {
		return nil, err
	}
	engine, err := deadlines.New(people)
	if err != nil {
		return nil, err
	}
	tasks, err := plans.New(engine)
	if err != nil {
		return nil, err
	}
	stats, err := statistics.New(tasks)
	if err != nil {
		return nil, err
	}
	top, err := imports.New(stats)
	if err != nil {
		return nil, err
	}
	return &Store{Store: top}, nil
}
