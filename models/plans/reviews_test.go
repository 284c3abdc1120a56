package plans_test

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/accounts"
	"github.com/tiendo/tiendo/models/plans"
)

// reviewWorld is a plan steered by a committee with one task led by Hamlet1.
type reviewWorld struct {
	*testfix.World
	ctx         context.Context
	chair, team *models.Actor
	plan        *plans.Plan
	task        *plans.Task
}

func newReviewWorld(t *testing.T) *reviewWorld {
	t.Helper()
	w := testfix.New(t)
	r := &reviewWorld{World: w, ctx: context.Background(), chair: w.Actor(t, w.A, models.RoleChairman),
		team: w.Actor(t, w.A, models.RoleTeamMember)}
	committee, err := w.Store.CreateUnit(r.ctx, w.A.System, accounts.NewUnit{Kind: "steering_committee", Name: "Ban chỉ đạo CCHC"})
	if err != nil {
		t.Fatal(err)
	}
	r.plan, err = w.Store.CreatePlan(r.ctx, r.chair, plans.PlanInput{DocNumber: "06/KH-UBND", IssuedOn: testfix.Date("2024-01-31"),
		Kind: "admin_reform", Title: "Cải cách hành chính năm 2024", SteeringUnitID: &committee.ID})
	if err != nil || *r.plan.SteeringUnitID != committee.ID {
		t.Fatalf("plan with committee: %v %+v", err, r.plan)
	}
	r.task, err = w.Store.CreateTask(r.ctx, r.chair, r.plan.ID, plans.TaskInput{Title: "Niêm yết TTHC",
		LeadUnitID: w.A.Hamlet1.ID, DueOn: testfix.Date("2024-12-31")})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// report has the team member report percent, a minute after the last event.
func (r *reviewWorld) report(t *testing.T, percent int) *plans.Task {
	t.Helper()
	r.Clock.Advance(time.Minute)
	res, err := r.Store.ReportProgress(r.ctx, r.team, r.task.ID, plans.ProgressInput{Percent: &percent})
	if err != nil {
		t.Fatal(err)
	}
	return res.Task
}

func (r *reviewWorld) evaluate(decision, reason string) (*plans.EvaluationResult, error) {
	r.Clock.Advance(time.Minute)
	return r.Store.EvaluateTask(r.ctx, r.chair, r.task.ID, plans.EvaluationInput{Decision: decision, Reason: reason})
}

// auditCount counts the task's audit rows with action, read inside commune A
// as the server's role reads them.
func (r *reviewWorld) auditCount(t *testing.T, action string) int {
	t.Helper()
	tx := r.DB.MustBeginTx(r.ctx, nil)
	defer tx.Rollback()
	tx.MustExec(`SELECT set_config('tiendo.commune_id', $1, true)`, strconv.FormatInt(r.A.Info.ID, 10))
	var n int
	err := tx.Get(&n, `SELECT count(*) FROM audit_log WHERE entity = 'task' AND entity_id = $1 AND action = $2`,
		r.task.ID, action)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func wantField(t *testing.T, err error, field string) {
	t.Helper()
	var v *models.ValidationError
	if !errors.As(err, &v) || len(v.Fields) != 1 || v.Fields[0].Field != field {
		t.Fatalf("want a validation error on %s, got %v", field, err)
	}
}

func wantConflict(t *testing.T, err error) {
	t.Helper()
	var c *models.ConflictError
	if !errors.As(err, &c) {
		t.Fatalf("want a conflict, got %v", err)
	}
}

func TestEvaluationReturnsAndAccepts(t *testing.T) {
	t.Parallel()
	r := newReviewWorld(t)
	r.report(t, 50)
	_, err := r.evaluate("accept", "")
	wantConflict(t, err) // not reported done yet
	r.report(t, 100)
	_, err = r.evaluate("approve", "")
	wantField(t, err, "decision")
	_, err = r.evaluate("return", "  ")
	wantField(t, err, "note") // issue 11: the return's text is the note (reason stays an alias)
	officer := r.Actor(t, r.A, models.RoleOfficer)
	if _, err := r.Store.EvaluateTask(r.ctx, officer, r.task.ID, plans.EvaluationInput{Decision: "accept"}); !errors.Is(err, models.ErrForbidden) {
		t.Fatalf("officer evaluating: %v", err)
	}

	res, err := r.evaluate("return", "Thiếu biên bản niêm yết")
	if err != nil || res.Task.CompletedAt != nil || res.Task.Percent != 100 || res.Task.Status != "in_progress" {
		t.Fatalf("return should reopen the task and keep its percent: %v %+v", err, res)
	}
	if done := r.report(t, 100); done.CompletedAt == nil || done.Status != "done_on_time" {
		t.Fatalf("the next 100 %% report completes it again: %+v", done)
	}
	res, err = r.evaluate("accept", "")
	if err != nil || res.Task.AcceptedAt == nil || *res.Task.AcceptedBy != r.chair.UserID || res.Review.Kind != "accept" {
		t.Fatalf("accept: %v %+v", err, res)
	}
	_, err = r.evaluate("accept", "")
	wantConflict(t, err) // accepted once is enough
	if again := r.report(t, 100); again.AcceptedAt == nil {
		t.Fatalf("a repeated 100 %% report keeps the acceptance: %+v", again)
	}
	if corrected := r.report(t, 80); corrected.AcceptedAt != nil || corrected.CompletedAt != nil {
		t.Fatalf("a report below 100 %% withdraws the acceptance: %+v", corrected)
	}
}

func TestTaskHistoryMergesReportsCommentsAndEvaluations(t *testing.T) {
	t.Parallel()
	r := newReviewWorld(t)
	r.report(t, 100)
	if _, err := r.evaluate("return", "Thiếu số liệu"); err != nil {
		t.Fatal(err)
	}
	r.Clock.Advance(time.Minute)
	if _, err := r.Store.AddComment(r.ctx, r.team, r.task.ID, plans.CommentInput{Body: "Đã bổ sung số liệu"}); err != nil {
		t.Fatal(err)
	}
	_, err := r.Store.AddComment(r.ctx, r.team, r.task.ID, plans.CommentInput{Body: " "})
	wantField(t, err, "body")
	r.report(t, 100)
	if _, err := r.evaluate("accept", ""); err != nil {
		t.Fatal(err)
	}

	h, err := r.Store.TaskHistory(r.ctx, r.team, r.task.ID)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, e := range h {
		kinds = append(kinds, e.Kind)
	}
	if want := []string{"progress", "return", "comment", "progress", "accept"}; !slices.Equal(kinds, want) {
		t.Fatalf("history %v, want %v", kinds, want)
	}
	if h[1].Text != "Thiếu số liệu" || h[0].Percent == nil || *h[0].Percent != 100 || h[1].Percent != nil {
		t.Fatalf("entries carry their own fields: %+v", h[:2])
	}
	comments, err := r.Store.ListComments(r.ctx, r.team, r.task.ID)
	if err != nil || len(comments) != 1 || comments[0].AuthorID != r.team.UserID {
		t.Fatalf("comments: %v %+v", err, comments)
	}
	for _, action := range []string{"return", "comment", "accept"} {
		if n := r.auditCount(t, action); n != 1 {
			t.Errorf("audit rows %q of the task: %d, want 1", action, n)
		}
	}
	// Another commune sees no such task.
	other := r.Actor(t, r.B, models.RoleChairman)
	if _, err := r.Store.TaskHistory(r.ctx, other, r.task.ID); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("other commune: %v", err)
	}
}

func TestPlanSteeringUnitMustBeACommittee(t *testing.T) {
	t.Parallel()
	r := newReviewWorld(t)
	office := r.A.Office.ID
	_, err := r.Store.UpdatePlan(r.ctx, r.chair, r.plan.ID, 0, plans.PlanPatch{SteeringUnitID: models.Some(&office)})
	wantField(t, err, "steering_unit_id")
	bCommittee, err := r.Store.CreateUnit(r.ctx, r.B.System, accounts.NewUnit{Kind: "steering_committee", Name: "Ban chỉ đạo"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = r.Store.UpdatePlan(r.ctx, r.chair, r.plan.ID, 0, plans.PlanPatch{SteeringUnitID: models.Some(&bCommittee.ID)})
	wantField(t, err, "steering_unit_id") // another commune's committee
	p, err := r.Store.UpdatePlan(r.ctx, r.chair, r.plan.ID, 0, plans.PlanPatch{SteeringUnitID: models.Some[*int64](nil)})
	if err != nil || p.SteeringUnitID != nil {
		t.Fatalf("null clears the committee: %v %+v", err, p)
	}
}
