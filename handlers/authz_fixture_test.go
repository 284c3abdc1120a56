package handlers_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/accounts"
	"github.com/tiendo/tiendo/models/calendar"
	"github.com/tiendo/tiendo/models/plans"
)

// scope is where the row a request names sits relative to the caller.
type scope int

const (
	ownUnit      scope = iota // the caller's own work (see shapeFor)
	otherUnit                 // another unit's work in the caller's commune
	otherCommune              // the caller's own kind of row, but in commune B
)

func (s scope) String() string { return [...]string{"own", "other_unit", "other_commune"}[s] }

// shape is a kind of task the table needs: who leads it and under which plan.
type shape int

const (
	hamlet1Task shape = iota // led by Hamlet1's team, in the steered plan
	officeTask               // led by the office with the officer assigned, in the steered plan
	hamlet2Task              // led by Hamlet2's team, in the plan without a committee
)

// shapeFor is the task that is "own" or "other" work for a caller: a team
// member's own work is Hamlet1's; everyone else's is the office's (the
// officer is assigned to it, and its plan is steered by the committee the
// steering member sits on). Other work is always Hamlet2's, in a plan no
// committee steers.
func shapeFor(role models.Role, s scope) shape {
	switch {
	case s == otherUnit:
		return hamlet2Task
	case role == models.RoleTeamMember:
		return hamlet1Task
	}
	return officeTask
}

// authzCommune is one commune's standing fixtures.
type authzCommune struct {
	*testfix.Commune
	chair     *models.Actor
	committee accounts.Unit
	steered   *plans.Plan // steering_unit_id = committee
	unsteered *plans.Plan
	tasks     map[shape]*plans.Task
}

// authzWorld is the authorization table's world: in each commune a steering
// committee the steering member sits on, a plan it steers and one it does
// not, and one standing task of each shape. Cases that consume their row
// (delete, evaluate) get a fresh one of the same shape.
type authzWorld struct {
	*env
	a, b *authzCommune
	seq  int
}

func newAuthzWorld(t *testing.T) *authzWorld { return newAuthzWorldOn(t, newEnv(t)) }

// newAuthzWorldOn builds the authorization table's world over e.
func newAuthzWorldOn(t *testing.T, e *env) *authzWorld {
	f := &authzWorld{env: e}
	f.a, f.b = f.setUp(e.A), f.setUp(e.B)
	return f
}

func (f *authzWorld) setUp(c *testfix.Commune) *authzCommune {
	t, ctx := f.t, context.Background()
	committee, err := f.Store.CreateUnit(ctx, c.System, accounts.NewUnit{Kind: "steering_committee", Name: "Ban chỉ đạo CĐS"})
	if err != nil {
		t.Fatal(err)
	}
	// The steering member keeps the office membership and sits on the committee.
	_, err = f.Store.SetMemberships(ctx, c.System, c.Users[models.RoleSteeringMember].ID, []accounts.MembershipInput{
		{UnitID: c.Office.ID, Role: models.RoleSteeringMember}, {UnitID: committee.ID, Role: models.RoleSteeringMember}})
	if err != nil {
		t.Fatal(err)
	}
	ac := &authzCommune{Commune: c, chair: f.World.Actor(t, c, models.RoleChairman), committee: *committee}
	ac.steered = f.newPlan(ac, &committee.ID)
	ac.unsteered = f.newPlan(ac, nil)
	ac.tasks = map[shape]*plans.Task{}
	for _, sh := range []shape{hamlet1Task, officeTask, hamlet2Task} {
		ac.tasks[sh] = f.newTask(ac, sh, false)
	}
	return ac
}

// next is a number no other case of this world has used, for unique names.
func (f *authzWorld) next() int {
	f.seq++
	return f.seq
}

func (f *authzWorld) newPlan(ac *authzCommune, steering *int64) *plans.Plan {
	p, err := f.Store.CreatePlan(context.Background(), ac.chair, plans.PlanInput{
		DocNumber: fmt.Sprintf("%d/KH-UBND", f.next()), IssuedOn: calendar.NewDate(2024, time.February, 1),
		Kind: "other", Title: "Kế hoạch thử quyền", SteeringUnitID: steering})
	if err != nil {
		f.t.Fatal(err)
	}
	return p
}

// newTask makes a task of shape sh; done reports it 100 % complete, ready
// to be evaluated.
func (f *authzWorld) newTask(ac *authzCommune, sh shape, done bool) *plans.Task {
	ctx := context.Background()
	in := plans.TaskInput{Title: "Nhiệm vụ thử quyền", DueOn: calendar.NewDate(2024, time.December, 31)}
	plan := ac.steered
	switch sh {
	case hamlet1Task:
		in.LeadUnitID = ac.Hamlet1.ID
	case officeTask:
		in.LeadUnitID, in.AssigneeIDs = ac.Office.ID, []int64{ac.Users[models.RoleOfficer].ID}
	case hamlet2Task:
		in.LeadUnitID, plan = ac.Hamlet2.ID, ac.unsteered
	}
	task, err := f.Store.CreateTask(ctx, ac.chair, plan.ID, in)
	if err != nil {
		f.t.Fatal(err)
	}
	if done {
		hundred := 100
		if _, err := f.Store.ReportProgress(ctx, ac.chair, task.ID, plans.ProgressInput{Percent: &hundred}); err != nil {
			f.t.Fatal(err)
		}
	}
	return task
}

// communeOf is the commune whose row a case names.
func (f *authzWorld) communeOf(s scope) *authzCommune {
	if s == otherCommune {
		return f.b
	}
	return f.a
}

// Id resolves the :id of a route for one case, making a fresh row when the
// route consumes it.
func (f *authzWorld) id(tg target, role models.Role, s scope) int64 {
	ac, sh := f.communeOf(s), shapeFor(role, s)
	plan := ac.steered
	if s == otherUnit {
		plan = ac.unsteered
	}
	switch tg {
	case planRow:
		return plan.ID
	case freshPlan:
		return f.newPlan(ac, plan.SteeringUnitID).ID
	case taskRow:
		return ac.tasks[sh].ID
	case freshTask:
		return f.newTask(ac, sh, false).ID
	case doneTask:
		return f.newTask(ac, sh, true).ID
	case freshUser:
		return f.newUser(ac, sh)
	case freshExtension:
		return f.newExtension(ac, sh)
	case trashedPlan:
		return f.trashedPlan(ac, plan.SteeringUnitID)
	case photoRow:
		return f.newPhoto(ac, sh)
	case freshEndpoint:
		return f.newEndpoint(ac)
	}
	f.t.Fatalf("target %d has no id", tg)
	return 0
}

// newUser makes an account in the unit that leads tasks of shape sh, for a
// case of user administration to act on.
func (f *authzWorld) newUser(ac *authzCommune, sh shape) int64 {
	unit := map[shape]accounts.Unit{hamlet1Task: ac.Hamlet1, officeTask: ac.Office, hamlet2Task: ac.Hamlet2}[sh]
	u, err := f.Store.CreateUser(context.Background(), ac.System, accounts.NewUser{
		Username: fmt.Sprintf("nguoi_%d", f.next()), FullName: "Người thử quyền", Password: testfix.Password,
		Memberships: []models.Membership{{UnitID: unit.ID, Role: models.RoleTeamMember}}})
	if err != nil {
		f.t.Fatal(err)
	}
	return u.ID
}

// freshToken signs user in anew, for a case that ends its own session.
func (f *authzWorld) freshToken(user string) string {
	l, err := f.Store.Login(context.Background(), user, testfix.Password, "127.0.0.1", "authz")
	if err != nil {
		f.t.Fatal(err)
	}
	return l.Token
}

// newExtension asks, as the chairman, for a later deadline on a new task of
// shape sh, for a case of deciding it.
func (f *authzWorld) newExtension(ac *authzCommune, sh shape) int64 {
	task := f.newTask(ac, sh, false)
	x, err := f.Store.RequestExtension(context.Background(), ac.chair, task.ID, plans.ExtensionInput{
		DueOn: calendar.NewDate(2025, time.January, 31), Reason: "Cần thêm thời gian"})
	if err != nil {
		f.t.Fatal(err)
	}
	return x.ID
}

// trashedPlan makes a plan with one task and deletes it as the chairman, for
// a case of restoring it from the recycle bin.
func (f *authzWorld) trashedPlan(ac *authzCommune, steering *int64) int64 {
	ctx := context.Background()
	p := f.newPlan(ac, steering)
	in := plans.TaskInput{Title: "Nhiệm vụ vào thùng rác", LeadUnitID: ac.Office.ID, DueOn: calendar.NewDate(2024, time.December, 31)}
	if _, err := f.Store.CreateTask(ctx, ac.chair, p.ID, in); err != nil {
		f.t.Fatal(err)
	}
	if _, err := f.Store.DeletePlan(ctx, ac.chair, p.ID, 0); err != nil {
		f.t.Fatal(err)
	}
	return p.ID
}

// newPhoto reports 50 %, as the chairman, on a new task of shape sh with a
// photo, for a case of reading that photo's thumbnail.
func (f *authzWorld) newPhoto(ac *authzCommune, sh shape) int64 {
	ctx, task, half := context.Background(), f.newTask(ac, sh, false), 50
	_, err := f.Store.ReportProgress(ctx, ac.chair, task.ID, plans.ProgressInput{Percent: &half,
		Files: []plans.NewAttachment{{FileName: "anh.png", Content: testPNG(f.t)}}})
	if err != nil {
		f.t.Fatal(err)
	}
	files, err := f.Store.ListAttachments(ctx, ac.chair, task.ID)
	if err != nil || len(files) != 1 {
		f.t.Fatalf("photo not stored: %v %v", files, err)
	}
	return files[0].ID
}
