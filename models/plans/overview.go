package plans

import (
	"context"

	"github.com/tiendo/tiendo/models"
)

// PlanKind is one entry of the managed list of plan kinds.
type PlanKind struct {
	Code   string `json:"code" db:"code"`
	NameVI string `json:"name_vi" db:"name_vi"`
	NameEN string `json:"name_en" db:"name_en"`
}

// ListPlanKinds lists the plan kinds, built-in first.
func (s *Store) ListPlanKinds(ctx context.Context) ([]PlanKind, error) {
	out := []PlanKind{}
	return out, s.Identity(ctx, func(on models.Binder) error {
		return on(s.overQ.Kinds).SelectContext(ctx, &out)
	})
}

// Done is the number of completed tasks, on time or late.
func (c StatusCounts) Done() int { return c["done_on_time"] + c["done_late"] }

// OnTimeRate is the on-time rate of these tasks as Tally defines it.
func (c StatusCounts) OnTimeRate() *float64 { return TallyOf(c).OnTimeRate }
