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

// IsManager is admin or chairman: the people who issue plans and assign,
// cancel and reopen tasks.
func (a *Actor) IsManager() bool { return a.system || a.HasRole(RoleAdmin, RoleChairman) }

// IsPerson reports whether the actor is a signed-in user, who can author
// history rows; the SystemActor is nobody.
func (a *Actor) IsPerson() bool { return a.UserID != 0 }

// CanManagePlans reports whether the actor may create, edit and delete plans
// and create and delete their tasks.
func (a *Actor) CanManagePlans() bool { return a.IsManager() }

// CanWriteNarrative reports whether a may write a period report's text:
// those who sign it (the chairmen) and the admin.
func (a *Actor) CanWriteNarrative() bool { return a.IsManager() }

// CanSendReport reports whether a may send a period report to the province
// (freeze it as a version): those who sign it, as for its text.
func (a *Actor) CanSendReport() bool { return a.IsManager() }

// CanManageUnits reports whether the actor may create and change units.
func (a *Actor) CanManageUnits() bool { return a.IsAdmin() }

// CanManageUsers reports whether the actor may create accounts and change
// memberships.
func (a *Actor) CanManageUsers() bool { return a.IsAdmin() }

// CanReadAudit reports whether the actor may read the commune's audit log:
// those who answer for the record, admin and chairman.
func (a *Actor) CanReadAudit() bool { return a.IsManager() }

// CanManageWebhooks: the admins and chairmen register the commune's event
// endpoints, which carry its plans and tasks to outside systems.
func (a *Actor) CanManageWebhooks() bool { return a.IsManager() }

// CanReadDirectory reports whether the actor sees every account of the
// commune: the commune's staff (admin, chairmen, steering members,
// officers). A hamlet team member sees only the people of their own units
// and the commune's leadership (list-users in models/accounts/queries/org.sql): the
// directory's names, e-mails and phones are not theirs to browse.
func (a *Actor) CanReadDirectory() bool {
	return a.system || a.HasRole(RoleAdmin, RoleChairman, RoleSteeringMember, RoleOfficer)
}

// CanComment reports whether the actor may comment on tasks: any person with
// a role in the commune.
func (a *Actor) CanComment() bool { return a.IsPerson() && len(a.Memberships) > 0 }

// UnitsAs lists the units in which the actor holds one of roles.
func (a *Actor) UnitsAs(roles ...Role) []int64 {
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
	ids := a.UnitsAs(RoleOfficer, RoleTeamMember)
	for _, m := range a.Memberships {
		if m.ParentUnitID != 0 && (m.Role == RoleOfficer || m.Role == RoleTeamMember) &&
			!slices.Contains(ids, m.ParentUnitID) {
			ids = append(ids, m.ParentUnitID)
		}
	}
	return ids
}

// WorkUnitIDs are the units whose tasks are the actor's work: every unit
// they belong to, and the units they report for.
func (a *Actor) WorkUnitIDs() []int64 {
	ids := a.UnitIDs()
	for _, u := range a.ReportingUnitIDs() {
		if !slices.Contains(ids, u) {
			ids = append(ids, u)
		}
	}
	return ids
}

// CanReadStats reports whether the actor may read reports, indicators,
// dossier statistics and data-quality findings: every member of the commune
// (and the operator).
func (a *Actor) CanReadStats() bool { return a.system || len(a.Memberships) > 0 }

// CanRecordStats reports whether the actor may record indicator values,
// targets and dossier statistics and import data: admin, chairman and
// officers (the one-stop desk officers enter the dossier counts).
func (a *Actor) CanRecordStats() bool {
	return a.system || a.HasRole(RoleAdmin, RoleChairman, RoleOfficer)
}

// SeesAllDeliveries: those who answer for the commune's work, admin and
// chairman, read every delivery; everyone else reads their own.
func (a *Actor) SeesAllDeliveries() bool { return a.IsManager() }

// DeliveryScope is the recipient filter for the actor: nil for all.
func (a *Actor) DeliveryScope() any {
	if a.SeesAllDeliveries() {
		return nil
	}
	return a.UserID
}

// MayFollowCommune says whether the actor may have the commune's calendar
// feed (its overdue and due-soon tasks, whoever leads them): the chairman's.
func (a *Actor) MayFollowCommune() bool { return a.HasRole(RoleChairman) }
