package plans

import (
	"errors"
	"testing"
	"time"

	"github.com/tiendo/tiendo/models"
)

// Units and people of the pure permission tests.
const (
	unitOffice, unitHamlet1, unitHamlet2, unitCommittee, unitOtherCommittee int64 = 1, 2, 3, 4, 5
	userOfficer, userTeam, userSteering                                     int64 = 11, 12, 13
)

func permActor(userID int64, ms ...models.Membership) *models.Actor {
	return &models.Actor{UserID: userID, CommuneID: 1, Memberships: ms}
}

func permRole(unit int64, role models.Role) models.Membership {
	return models.Membership{UnitID: unit, Role: role}
}

var (
	permAdmin    = permActor(21, permRole(unitOffice, models.RoleAdmin))
	permChairman = permActor(22, permRole(unitOffice, models.RoleChairman))
	permSteering = permActor(userSteering, permRole(unitOffice, models.RoleSteeringMember), permRole(unitCommittee, models.RoleSteeringMember))
	permOfficer  = permActor(userOfficer, permRole(unitOffice, models.RoleOfficer))
	permTeam     = permActor(userTeam, permRole(unitHamlet1, models.RoleTeamMember))
	// A steering member of Hamlet2 holds no progress rights there.
	permSteeringHamlet2 = permActor(14, permRole(unitHamlet2, models.RoleSteeringMember))
	permNoRole          = permActor(15)
	permSystem          = models.SystemActor(&models.CommuneInfo{ID: 1})
)

func permTask(lead int64, supporting []int64, assignees []int64, steeredBy *int64) *Task {
	return &Task{LeadUnitID: lead, SupportingUnitIDs: supporting, AssigneeIDs: assignees, PlanSteeringUnitID: steeredBy}
}

func permID(n int64) *int64 { return &n }

func TestActorPermissions(t *testing.T) {
	t.Parallel()
	type row struct {
		name                                      string
		a                                         *models.Actor
		plans, units, users, audit, comment, admn bool
	}
	for _, r := range []row{
		{"admin", permAdmin, true, true, true, true, true, true},
		{"chairman", permChairman, true, false, false, true, true, false},
		{"steering member", permSteering, false, false, false, false, true, false},
		{"officer", permOfficer, false, false, false, false, true, false},
		{"team member", permTeam, false, false, false, false, true, false},
		{"no role", permNoRole, false, false, false, false, false, false},
		{"system", permSystem, true, true, true, true, false, true},
	} {
		got := []bool{r.a.CanManagePlans(), r.a.CanManageUnits(), r.a.CanManageUsers(), r.a.CanReadAudit(),
			r.a.CanComment(), r.a.IsAdmin()}
		exp := []bool{r.plans, r.units, r.users, r.audit, r.comment, r.admn}
		for i, name := range []string{"plans", "units", "users", "audit", "comment", "admin"} {
			if got[i] != exp[i] {
				t.Errorf("%s: %s = %v, want %v", r.name, name, got[i], exp[i])
			}
		}
	}
}

func TestTaskPermissions(t *testing.T) {
	t.Parallel()
	ledByHamlet1 := permTask(unitHamlet1, nil, nil, permID(unitCommittee))
	supportedByHamlet1 := permTask(unitHamlet2, []int64{unitHamlet1}, nil, nil)
	ledByHamlet2 := permTask(unitHamlet2, nil, nil, permID(unitOtherCommittee))
	ledByOffice := permTask(unitOffice, nil, nil, nil)
	assignedOfficer := permTask(unitHamlet2, nil, []int64{userOfficer}, nil)
	assignedTeam := permTask(unitHamlet2, nil, []int64{userTeam}, nil)
	type row struct {
		name                   string
		a                      *models.Actor
		t                      *Task
		progress, edit, assign bool
		evaluate               bool
	}
	for _, r := range []row{
		{"admin, any task", permAdmin, ledByHamlet2, true, true, true, true},
		{"chairman, any task", permChairman, ledByHamlet2, true, true, true, true},
		{"team, own unit leads", permTeam, ledByHamlet1, true, false, false, false},
		{"team, own unit supports", permTeam, supportedByHamlet1, true, false, false, false},
		{"team, other unit", permTeam, ledByHamlet2, false, false, false, false},
		{"team, assigned", permTeam, assignedTeam, true, false, false, false},
		{"officer, own unit leads", permOfficer, ledByOffice, true, true, false, false},
		{"officer, assigned", permOfficer, assignedOfficer, true, true, false, false},
		{"officer, other unit", permOfficer, ledByHamlet2, false, false, false, false},
		{"steering, steered by its committee", permSteering, ledByHamlet1, false, false, false, true},
		{"steering, another committee's plan", permSteering, ledByHamlet2, false, false, false, false},
		{"steering, unsteered plan", permSteering, ledByOffice, false, false, false, false},
		{"steering role gives no unit rights", permSteeringHamlet2, ledByHamlet2, false, false, false, false},
		{"no role", permNoRole, ledByOffice, false, false, false, false},
		{"system manages but authors nothing", permSystem, ledByOffice, false, true, true, false},
	} {
		got := []bool{r.t.CanReportProgress(r.a), r.t.CanEdit(r.a), r.t.CanAssign(r.a) && r.t.CanCancel(r.a),
			r.t.CanEvaluate(r.a)}
		exp := []bool{r.progress, r.edit, r.assign, r.evaluate}
		for i, name := range []string{"progress", "edit", "assign/cancel", "evaluate"} {
			if got[i] != exp[i] {
				t.Errorf("%s: %s = %v, want %v", r.name, name, got[i], exp[i])
			}
		}
		if r.t.CanDelete(r.a) != r.a.CanManagePlans() || r.t.CanComment(r.a) != r.a.CanComment() {
			t.Errorf("%s: delete and comment follow the actor's rules", r.name)
		}
	}
}

// TestOfficerPatchLimits: an officer edits the content of their own task but
// may not reassign, cancel or reopen it; resending the current assignment in
// another order is not a change.
func TestOfficerPatchLimits(t *testing.T) {
	t.Parallel()
	cur := permTask(unitOffice, []int64{unitHamlet1, unitHamlet2}, []int64{userOfficer}, nil)
	cur.normalize()
	for _, r := range []struct {
		name  string
		patch TaskPatch
		want  error
	}{
		{"title", TaskPatch{Title: models.Some("Việc mới")}, nil},
		{"same supporting units reordered", TaskPatch{SupportingUnitIDs: models.Some([]int64{unitHamlet2, unitHamlet1})}, nil},
		{"same lead", TaskPatch{LeadUnitID: models.Some(unitOffice)}, nil},
		{"new lead", TaskPatch{LeadUnitID: models.Some(unitHamlet1)}, models.ErrForbidden},
		{"drop a supporting unit", TaskPatch{SupportingUnitIDs: models.Some([]int64{unitHamlet1})}, models.ErrForbidden},
		{"add an assignee", TaskPatch{AssigneeIDs: models.Some([]int64{userOfficer, userTeam})}, models.ErrForbidden},
		{"cancel", TaskPatch{Cancelled: models.Some(true)}, models.ErrForbidden},
	} {
		in := r.patch.apply(cur)
		if err := cur.authorizeChange(permOfficer, &in); !errors.Is(err, r.want) {
			t.Errorf("officer %s: %v, want %v", r.name, err, r.want)
		}
		if err := cur.authorizeChange(permChairman, &in); err != nil {
			t.Errorf("chairman %s: %v", r.name, err)
		}
		if err := cur.authorizeChange(permTeam, &in); !errors.Is(err, models.ErrForbidden) {
			t.Errorf("team member %s: %v, want forbidden", r.name, err)
		}
	}
	// Reopening a cancelled task is the chairman's, like cancelling it.
	cancelled, at := *cur, time.Date(2024, 9, 1, 0, 0, 0, 0, models.VietnamTime)
	cancelled.CancelledAt = &at
	in := TaskPatch{Cancelled: models.Some(false)}.apply(&cancelled)
	if err := cancelled.authorizeChange(permOfficer, &in); !errors.Is(err, models.ErrForbidden) {
		t.Errorf("officer reopening: %v, want forbidden", err)
	}
	if err := cancelled.authorizeChange(permChairman, &in); err != nil {
		t.Errorf("chairman reopening: %v", err)
	}
}

// TestHamletTeamReportsForItsHamlet: a team member whose unit belongs to a
// hamlet reports on the hamlet's tasks (led or supported), not on another
// hamlet's; a steering member's parent unit gives nothing; deciding an
// extension is the chairman's and the admin's, as people.
func TestHamletTeamReportsForItsHamlet(t *testing.T) {
	t.Parallel()
	const hamlet, otherHamlet int64 = 31, 32
	team := permActor(40, models.Membership{UnitID: unitHamlet1, Role: models.RoleTeamMember, ParentUnitID: hamlet})
	steering := permActor(41, models.Membership{UnitID: unitCommittee, Role: models.RoleSteeringMember, ParentUnitID: hamlet})
	cases := []struct {
		name string
		a    *models.Actor
		task *Task
		want bool
	}{
		{"team on its hamlet's task", team, permTask(hamlet, nil, nil, nil), true},
		{"team supporting through its hamlet", team, permTask(unitOffice, []int64{hamlet}, nil, nil), true},
		{"team on another hamlet's task", team, permTask(otherHamlet, nil, nil, nil), false},
		{"steering member through a parent", steering, permTask(hamlet, nil, nil, nil), false},
	}
	for _, c := range cases {
		if got := c.task.CanReportProgress(c.a); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
	task := permTask(hamlet, nil, nil, nil)
	for a, want := range map[*models.Actor]bool{permChairman: true, permAdmin: true, team: false, permOfficer: false, permSystem: false} {
		if got := task.CanDecideExtension(a); got != want {
			t.Errorf("CanDecideExtension(%d): %v, want %v", a.UserID, got, want)
		}
	}
}

// TestDirectoryIsForStaff: the commune's staff read every account; a hamlet
// team member (or someone with no role) reads a scoped list.
func TestDirectoryIsForStaff(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name string
		a    *models.Actor
		want bool
	}{{"admin", permAdmin, true}, {"chairman", permChairman, true}, {"steering member", permSteering, true},
		{"officer", permOfficer, true}, {"team member", permTeam, false}, {"no role", permNoRole, false},
		{"system", permSystem, true}} {
		if got := c.a.CanReadDirectory(); got != c.want {
			t.Errorf("%s: CanReadDirectory %v, want %v", c.name, got, c.want)
		}
	}
}
