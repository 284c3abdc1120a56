package plans

import (
	"context"
	"slices"

	"github.com/tiendo/tiendo/models"
)

// PlanToManage is plan id for a change: 404 outside the commune, then 403
// for a role that may not manage plans.
func (s *Store) PlanToManage(ctx context.Context, a *models.Actor, id int64) (*Plan, error) {
	p, err := s.GetPlan(ctx, a, id)
	if err != nil {
		return nil, err
	}
	return p, a.MayManagePlans()
}

// TaskToEdit is task id and its plan for an edit: 404, then 403 unless the
// actor may edit the task.
func (s *Store) TaskToEdit(ctx context.Context, a *models.Actor, id int64) (*Plan, *Task, error) {
	t, err := s.GetTask(ctx, a, id)
	if err != nil {
		return nil, nil, err
	}
	if !t.CanEdit(a) {
		return nil, nil, models.ErrForbidden
	}
	p, err := s.GetPlan(ctx, a, t.PlanID)
	return p, t, err
}

// isAssigned reports whether the actor is one of the task's named people.
func (t *Task) isAssigned(a *models.Actor) bool {
	return a.IsPerson() && slices.Contains(t.AssigneeIDs, a.UserID)
}

// involves reports whether one of units leads or supports the task.
func (t *Task) involves(units []int64) bool {
	return slices.Contains(units, t.LeadUnitID) ||
		slices.ContainsFunc(t.SupportingUnitIDs, func(u int64) bool { return slices.Contains(units, u) })
}

// CanReportProgress reports whether the actor may add to the task's progress
// history: admin and chairman always; officers and team members when their
// unit (or the unit it belongs to, as a hamlet team to its hamlet) leads or
// supports the task; anyone the task names as assignee, since being named is
// being made responsible.
func (t *Task) CanReportProgress(a *models.Actor) bool {
	if !a.IsPerson() {
		return false
	}
	if a.HasRole(models.RoleAdmin, models.RoleChairman) || t.isAssigned(a) {
		return true
	}
	return t.involves(a.ReportingUnitIDs())
}

// CanEdit reports whether the actor may change the task's content (title,
// description, dates, target, weight): admin and chairman; an officer on
// their own task, one their unit leads or they are assigned to. Changing who
// does the work or whether it is cancelled needs CanAssign or CanCancel too.
func (t *Task) CanEdit(a *models.Actor) bool {
	if a.IsManager() {
		return true
	}
	if !a.HasRole(models.RoleOfficer) {
		return false
	}
	return slices.Contains(a.UnitsAs(models.RoleOfficer), t.LeadUnitID) || t.isAssigned(a)
}

// CanAssign reports whether the actor may change the lead unit, the
// supporting units or the assignees: that is giving work out, the chairman's
// power (and the admin's).
func (t *Task) CanAssign(a *models.Actor) bool { return a.IsManager() }

// CanCancel reports whether the actor may cancel the task or reopen a
// cancelled one.
func (t *Task) CanCancel(a *models.Actor) bool { return a.IsManager() }

// CanDelete reports whether the actor may delete the task.
func (t *Task) CanDelete(a *models.Actor) bool { return a.IsManager() }

// CanEvaluate reports whether the actor may accept or return the task's
// result: admin and chairman on any task; a steering member on tasks of a
// plan steered by a committee they sit on.
func (t *Task) CanEvaluate(a *models.Actor) bool {
	if !a.IsPerson() {
		return false
	}
	if a.HasRole(models.RoleAdmin, models.RoleChairman) {
		return true
	}
	s := t.PlanSteeringUnitID
	return s != nil && slices.Contains(a.UnitsAs(models.RoleSteeringMember), *s)
}

// CanDecideExtension reports whether the actor may approve or refuse a
// request for a later deadline: whoever manages the plan (chairman, admin),
// as a person, since the decision is signed.
func (t *Task) CanDecideExtension(a *models.Actor) bool { return a.IsPerson() && a.CanManagePlans() }

// CanComment reports whether the actor may comment on the task; every role
// may, so the rule is the actor's.
func (t *Task) CanComment(a *models.Actor) bool { return a.CanComment() }

// authorizeChange checks every power a task patch needs: editing at all, and
// assigning or cancelling when the new state changes those.
func (t *Task) authorizeChange(a *models.Actor, in *TaskInput) error {
	if !t.CanEdit(a) {
		return models.ErrForbidden
	}
	assigns := in.LeadUnitID != t.LeadUnitID || !sameIDs(in.SupportingUnitIDs, t.SupportingUnitIDs) ||
		!sameIDs(in.AssigneeIDs, t.AssigneeIDs)
	if assigns && !t.CanAssign(a) {
		return models.ErrForbidden
	}
	if in.cancelled != (t.CancelledAt != nil) && !t.CanCancel(a) {
		return models.ErrForbidden
	}
	return nil
}

// sameIDs compares two id lists as sets, so a client that resends the
// current list in another order is not asking to reassign.
func sameIDs(a, b []int64) bool {
	norm := func(ids []int64) []int64 {
		out := slices.Clone(ids)
		slices.Sort(out)
		return slices.Compact(out)
	}
	return slices.Equal(norm(a), norm(b))
}
