package models

import "slices"

// Permissions. Tenant scope is settled before any of these runs: a row of
// another commune is never loaded, so it answers 404 (ErrNotFound). These
// methods decide the next question — may this actor do this to a row it can
// see — and a "no" is ErrForbidden (403). They are pure functions of the
// actor's memberships and the row, so they are tested without a database and
// the store calls them after loading the row, never the handlers.
//
// A role counts only in the unit where it is held: a steering member of the
// office is not an officer of the office, so progress rights that follow a
// unit follow the officer and team-member memberships only.

// IsAdmin reports whether the actor administers the commune (users, units,
// memberships, calendar, settings). The operator's SystemActor does too.
func (a *Actor) IsAdmin() bool { return a.system || a.HasRole(RoleAdmin) }

// isManager is admin or chairman: the people who issue plans and assign,
// cancel and reopen tasks.
func (a *Actor) isManager() bool { return a.system || a.HasRole(RoleAdmin, RoleChairman) }

// isPerson reports whether the actor is a signed-in user, who can author
// history rows; the SystemActor is nobody.
func (a *Actor) isPerson() bool { return a.UserID != 0 }

// CanManagePlans reports whether the actor may create, edit and delete plans
// and create and delete their tasks.
func (a *Actor) CanManagePlans() bool { return a.isManager() }

// CanWriteNarrative reports whether a may write a period report's text:
// those who sign it (the chairmen) and the admin.
func (a *Actor) CanWriteNarrative() bool { return a.isManager() }

// CanManageUnits reports whether the actor may create and change units.
func (a *Actor) CanManageUnits() bool { return a.IsAdmin() }

// CanManageUsers reports whether the actor may create accounts and change
// memberships.
func (a *Actor) CanManageUsers() bool { return a.IsAdmin() }

// CanReadAudit reports whether the actor may read the commune's audit log:
// those who answer for the record, admin and chairman.
func (a *Actor) CanReadAudit() bool { return a.isManager() }

// CanReadDirectory reports whether the actor sees every account of the
// commune: the commune's staff (admin, chairmen, steering members,
// officers). A hamlet team member sees only the people of their own units
// and the commune's leadership (list-users in queries/org.sql): the
// directory's names, e-mails and phones are not theirs to browse.
func (a *Actor) CanReadDirectory() bool {
	return a.system || a.HasRole(RoleAdmin, RoleChairman, RoleSteeringMember, RoleOfficer)
}

// CanComment reports whether the actor may comment on tasks: any person with
// a role in the commune.
func (a *Actor) CanComment() bool { return a.isPerson() && len(a.Memberships) > 0 }

// unitsAs lists the units in which the actor holds one of roles.
func (a *Actor) unitsAs(roles ...Role) []int64 {
	var ids []int64
	for _, m := range a.Memberships {
		if slices.Contains(roles, m.Role) && !slices.Contains(ids, m.UnitID) {
			ids = append(ids, m.UnitID)
		}
	}
	return ids
}

// ReportingUnitIDs lists the units whose tasks the actor reports on as an
// officer or team member: the units where they hold one of those roles, and
// those units' parents (a hamlet team reports for its hamlet).
func (a *Actor) ReportingUnitIDs() []int64 {
	ids := a.unitsAs(RoleOfficer, RoleTeamMember)
	for _, m := range a.Memberships {
		if m.ParentUnitID != 0 && (m.Role == RoleOfficer || m.Role == RoleTeamMember) &&
			!slices.Contains(ids, m.ParentUnitID) {
			ids = append(ids, m.ParentUnitID)
		}
	}
	return ids
}

// workUnitIDs are the units whose tasks are the actor's work: every unit
// they belong to, and the units they report for.
func (a *Actor) workUnitIDs() []int64 {
	ids := a.UnitIDs()
	for _, u := range a.ReportingUnitIDs() {
		if !slices.Contains(ids, u) {
			ids = append(ids, u)
		}
	}
	return ids
}

// isAssigned reports whether the actor is one of the task's named people.
func (t *Task) isAssigned(a *Actor) bool {
	return a.isPerson() && slices.Contains(t.AssigneeIDs, a.UserID)
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
func (t *Task) CanReportProgress(a *Actor) bool {
	if !a.isPerson() {
		return false
	}
	if a.HasRole(RoleAdmin, RoleChairman) || t.isAssigned(a) {
		return true
	}
	return t.involves(a.ReportingUnitIDs())
}

// CanEdit reports whether the actor may change the task's content (title,
// description, dates, target, weight): admin and chairman; an officer on
// their own task, one their unit leads or they are assigned to. Changing who
// does the work or whether it is cancelled needs CanAssign or CanCancel too.
func (t *Task) CanEdit(a *Actor) bool {
	if a.isManager() {
		return true
	}
	if !a.HasRole(RoleOfficer) {
		return false
	}
	return slices.Contains(a.unitsAs(RoleOfficer), t.LeadUnitID) || t.isAssigned(a)
}

// CanAssign reports whether the actor may change the lead unit, the
// supporting units or the assignees: that is giving work out, the chairman's
// power (and the admin's).
func (t *Task) CanAssign(a *Actor) bool { return a.isManager() }

// CanCancel reports whether the actor may cancel the task or reopen a
// cancelled one.
func (t *Task) CanCancel(a *Actor) bool { return a.isManager() }

// CanDelete reports whether the actor may delete the task.
func (t *Task) CanDelete(a *Actor) bool { return a.isManager() }

// CanEvaluate reports whether the actor may accept or return the task's
// result: admin and chairman on any task; a steering member on tasks of a
// plan steered by a committee they sit on.
func (t *Task) CanEvaluate(a *Actor) bool {
	if !a.isPerson() {
		return false
	}
	if a.HasRole(RoleAdmin, RoleChairman) {
		return true
	}
	s := t.PlanSteeringUnitID
	return s != nil && slices.Contains(a.unitsAs(RoleSteeringMember), *s)
}

// CanDecideExtension reports whether the actor may approve or refuse a
// request for a later deadline: whoever manages the plan (chairman, admin),
// as a person, since the decision is signed.
func (t *Task) CanDecideExtension(a *Actor) bool { return a.isPerson() && a.CanManagePlans() }

// CanComment reports whether the actor may comment on the task; every role
// may, so the rule is the actor's.
func (t *Task) CanComment(a *Actor) bool { return a.CanComment() }

// authorizeChange checks every power a task patch needs: editing at all, and
// assigning or cancelling when the new state changes those.
func (t *Task) authorizeChange(a *Actor, in *TaskInput) error {
	if !t.CanEdit(a) {
		return ErrForbidden
	}
	assigns := in.LeadUnitID != t.LeadUnitID || !sameIDs(in.SupportingUnitIDs, t.SupportingUnitIDs) ||
		!sameIDs(in.AssigneeIDs, t.AssigneeIDs)
	if assigns && !t.CanAssign(a) {
		return ErrForbidden
	}
	if in.cancelled != (t.CancelledAt != nil) && !t.CanCancel(a) {
		return ErrForbidden
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
