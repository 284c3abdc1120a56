package models

import (
	"context"
	"math"

	"github.com/jmoiron/sqlx"
)

// PlanKind is one entry of the managed list of plan kinds.
type PlanKind struct {
	Code   string `json:"code" db:"code"`
	NameVI string `json:"name_vi" db:"name_vi"`
	NameEN string `json:"name_en" db:"name_en"`
}

// GroupCounts are the task counts of one group of an overview: a plan kind
// or a lead unit.
type GroupCounts struct {
	Key    string       `json:"key"`
	Name   string       `json:"name"`
	NameEN string       `json:"name_en"`
	Counts StatusCounts `json:"counts"`
}

// Overview is the chairman's picture of one plan year: the tasks of that
// year's plans counted by status, in total, by plan kind and by lead unit.
type Overview struct {
	Year   int           `json:"year"`
	Totals StatusCounts  `json:"totals"`
	ByKind []GroupCounts `json:"by_kind"`
	ByUnit []GroupCounts `json:"by_unit"`
	// Extended is how many of the tasks had their deadline extended; their
	// status counts against the approved deadline.
	Extended int `json:"extended"`
}

// overviewQueries are the statements of queries/overview.sql.
type overviewQueries struct {
	Kinds  *sqlx.Stmt `query:"list-plan-kinds"`
	ByKind *sqlx.Stmt `query:"overview-by-kind"`
	ByUnit *sqlx.Stmt `query:"overview-by-unit"`
}

type groupRow struct {
	Key    string `db:"key"`
	Name   string `db:"name"`
	NameEN string `db:"name_en"`
	Status string `db:"status"`
	N      int    `db:"n"`
	// Extended counts the tasks whose deadline an extension moved (the
	// by-unit rows leave it 0).
	Extended int `db:"extended"`
}

// ListPlanKinds lists the plan kinds, built-in first.
func (s *Store) ListPlanKinds(ctx context.Context) ([]PlanKind, error) {
	out := []PlanKind{}
	return out, s.overQ.Kinds.SelectContext(ctx, &out)
}

// Overview counts the tasks of the year's plans. Every member of the commune
// may read it, as they may read the tasks it counts.
func (s *Store) Overview(ctx context.Context, a *Actor, year int) (*Overview, error) {
	w := s.windowFor(a.Commune)
	var kinds, units []groupRow
	err := s.inCommune(ctx, a.CommuneID, func(t *tx) error {
		if err := t.stmt(s.overQ.ByKind).Select(&kinds, a.CommuneID, year, w.Today, w.Soon, w.TZ); err != nil {
			return err
		}
		return t.stmt(s.overQ.ByUnit).Select(&units, a.CommuneID, year, w.Today, w.Soon, w.TZ)
	})
	if err != nil {
		return nil, err
	}
	o := &Overview{Year: year, Totals: NewStatusCounts(), ByKind: groupCounts(kinds), ByUnit: groupCounts(units)}
	for _, r := range kinds {
		o.Totals.add(r.Status, r.N)
		o.Extended += r.Extended
	}
	return o, nil
}

// groupCounts folds rows ordered by group into one GroupCounts per group.
func groupCounts(rows []groupRow) []GroupCounts {
	out := []GroupCounts{}
	for _, r := range rows {
		if n := len(out); n == 0 || out[n-1].Key != r.Key {
			out = append(out, GroupCounts{Key: r.Key, Name: r.Name, NameEN: r.NameEN, Counts: NewStatusCounts()})
		}
		out[len(out)-1].Counts.add(r.Status, r.N)
	}
	return out
}

// Done is the number of completed tasks, on time or late.
func (c StatusCounts) Done() int { return c["done_on_time"] + c["done_late"] }

// OnTimeRate is the share of tasks whose deadline has come — completed, or
// overdue — that were completed by their deadline, in percent to one
// decimal; nil when no deadline has come yet. Overdue tasks count against
// the rate: leaving work undone is not on time.
func (c StatusCounts) OnTimeRate() *float64 {
	due := c.Done() + c["overdue"]
	if due == 0 {
		return nil
	}
	r := math.Round(float64(c["done_on_time"])*1000/float64(due)) / 10
	return &r
}
