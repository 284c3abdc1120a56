package models

import "context"

// The pages' gates. A form that reads nothing before it is sent asks one of
// these, so that it answers 403 where the store's write would.

// MayManagePlans is ErrForbidden unless the actor may create and change plans.
func (a *Actor) MayManagePlans() error { return allowed(a.CanManagePlans()) }

// MayRecordStats is ErrForbidden unless the actor may record statistics.
func (a *Actor) MayRecordStats() error { return allowed(a.CanRecordStats()) }

// MayReadStats is ErrForbidden unless the actor may read statistics and reports.
func (a *Actor) MayReadStats() error { return allowed(a.CanReadStats()) }

// MayManageUsers is ErrForbidden unless the actor may manage accounts.
func (a *Actor) MayManageUsers() error { return allowed(a.CanManageUsers()) }

// MayAdminister is ErrForbidden unless the actor is the commune's admin.
func (a *Actor) MayAdminister() error { return allowed(a.IsAdmin()) }

func allowed(ok bool) error {
	if !ok {
		return ErrForbidden
	}
	return nil
}

// PlanToManage is plan id for a change: 404 outside the commune, then 403
// for a role that may not manage plans.
func (s *Store) PlanToManage(ctx context.Context, a *Actor, id int64) (*Plan, error) {
	p, err := s.GetPlan(ctx, a, id)
	if err != nil {
		return nil, err
	}
	return p, a.MayManagePlans()
}

// TaskToEdit is task id and its plan for an edit: 404, then 403 unless the
// actor may edit the task.
func (s *Store) TaskToEdit(ctx context.Context, a *Actor, id int64) (*Plan, *Task, error) {
	t, err := s.GetTask(ctx, a, id)
	if err != nil {
		return nil, nil, err
	}
	if !t.CanEdit(a) {
		return nil, nil, ErrForbidden
	}
	p, err := s.GetPlan(ctx, a, t.PlanID)
	return p, t, err
}
