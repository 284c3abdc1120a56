package handlers_test

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/jobs"
	"github.com/tiendo/tiendo/jobs/notify"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/accounts"
	"github.com/tiendo/tiendo/models/deadlines"
	"github.com/tiendo/tiendo/models/plans"
	"github.com/tiendo/tiendo/models/statistics"
)

// notify runs the reminder planner and the inbox dispatcher once at the
// fixtures' clock (Monday 30/9/2024 09:00), as the scheduler would.
func (e *env) notifyNow(t *testing.T) {
	t.Helper()
	store := e.JobsStore(t)
	for _, j := range []jobs.Job{jobs.Reminders{Store: store}, jobs.Dispatch{Store: store, Owner: "test",
		Channels: map[string]notify.Channel{"inbox": notify.Inbox{Store: store, Owner: "test"}}}} {
		if _, err := j.Run(context.Background(), e.Clock.Now()); err != nil {
			t.Fatal(err)
		}
	}
}

// inbox is user's notifications, newest first.
func (e *env) inbox(user string) deadlines.Inbox {
	e.t.Helper()
	var in deadlines.Inbox
	e.do(user, "GET", "/api/v1/notifications", nil).expect(http.StatusOK).decode(&in)
	return in
}

// notice finds user's notification of kind about task.
func (e *env) notice(user, kind string, task int64) (deadlines.Notification, bool) {
	for _, n := range e.inbox(user).Items {
		if n.Kind == kind && n.TaskID != nil && *n.TaskID == task {
			return n, true
		}
	}
	return deadlines.Notification{}, false
}

// hamletWithTeam makes a hamlet and, under it, a digital team with one
// member (a new account), as the demo's "Ấp Trung Phú 1" and its team.
func (e *env) hamletWithTeam(t *testing.T, name string, member string) (hamlet, team accounts.Unit) {
	t.Helper()
	ctx, sys := context.Background(), e.A.System
	h, err := e.Store.CreateUnit(ctx, sys, accounts.NewUnit{Kind: "hamlet", Name: "Ấp " + name})
	if err != nil {
		t.Fatal(err)
	}
	tm, err := e.Store.CreateUnit(ctx, sys, accounts.NewUnit{Kind: "team", ParentID: &h.ID,
		Name: "Tổ công nghệ số cộng đồng ấp " + name})
	if err != nil {
		t.Fatal(err)
	}
	if member != "" {
		if _, err := e.Store.CreateUser(ctx, sys, accounts.NewUser{Username: member, FullName: "Thành viên tổ " + name,
			Password: testfix.Password, Memberships: []models.Membership{{UnitID: tm.ID, Role: models.RoleTeamMember}}}); err != nil {
			t.Fatal(err)
		}
	}
	return *h, *tm
}

// TestHamletTaskReachesItsTeam: the chairman gives a task to the hamlet
// rather than to its team. The team's member finds it in "my work", may
// report on it and is reminded of it; a task given to a hamlet without any
// team is saved with a no_recipient warning and listed by the quality check.
func TestHamletTaskReachesItsTeam(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	chair := e.chairA()
	hamlet, _ := e.hamletWithTeam(t, "Trung Phú 1", "toap1")
	lonely, _ := e.hamletWithTeam(t, "Trung Phú 9", "")
	plan := e.mkPlan(chair, planIn(1, nil))
	task := e.mkTask(chair, plan.ID, taskIn(hamlet.ID, map[string]any{"title": "Hỗ trợ người dân cài VNeID"}))
	if len(task.Warnings) != 0 {
		t.Fatalf("a hamlet with a team warns: %+v", task.Warnings)
	}
	mine := e.listTasks("toap1", "/api/v1/tasks?mine=true")
	if !slices.Contains(taskIDs(mine), task.ID) {
		t.Fatalf("toap1's work lacks the hamlet's task: %v", taskIDs(mine))
	}
	if other := e.listTasks(user(e.A, models.RoleTeamMember), "/api/v1/tasks?mine=true"); slices.Contains(taskIDs(other), task.ID) {
		t.Fatal("another hamlet's team sees the task as its work")
	}
	e.do("toap1", "POST", "/api/v1/tasks/"+itoa(task.ID)+"/progress", map[string]any{"percent": 20}).expect(http.StatusCreated)
	e.notifyNow(t)
	if _, ok := e.notice("toap1", models.KindAssigned, task.ID); !ok {
		t.Fatalf("toap1 was not told of the task: %+v", e.inbox("toap1").Items)
	}

	// Nobody answers for a task of the hamlet without a team.
	var orphan plans.Task
	e.do(chair, "POST", "/api/v1/plans/"+itoa(plan.ID)+"/tasks", taskIn(lonely.ID, nil)).
		expect(http.StatusCreated).decode(&orphan)
	if len(orphan.Warnings) != 1 || orphan.Warnings[0].Code != "no_recipient" || orphan.Warnings[0].Message == "" {
		t.Fatalf("warnings: %+v", orphan.Warnings)
	}
	var q statistics.QualityReport
	e.do(chair, "GET", "/api/v1/quality?year=2024", nil).expect(http.StatusOK).decode(&q)
	if !hasFinding(q, "no_recipient", orphan.ID) || hasFinding(q, "no_recipient", task.ID) {
		t.Fatalf("findings: %+v", q.Findings)
	}
	// Naming an assignee answers the warning, on edit too.
	var fixed plans.Task
	e.do(chair, "PATCH", "/api/v1/tasks/"+itoa(orphan.ID), map[string]any{
		"assignee_ids": []int64{e.A.Users[models.RoleOfficer].ID}}).expect(http.StatusOK).decode(&fixed)
	if len(fixed.Warnings) != 0 {
		t.Fatalf("after naming an assignee: %+v", fixed.Warnings)
	}
	var back plans.Task
	e.do(chair, "PATCH", "/api/v1/tasks/"+itoa(orphan.ID), map[string]any{"assignee_ids": []int64{}}).
		expect(http.StatusOK).decode(&back)
	if len(back.Warnings) != 1 || back.Warnings[0].Code != "no_recipient" {
		t.Fatalf("removing the assignee again: %+v", back.Warnings)
	}
}

func hasFinding(q statistics.QualityReport, code string, task int64) bool {
	return slices.ContainsFunc(q.Findings, func(f statistics.Finding) bool {
		return f.Code == code && slices.ContainsFunc(f.Records, func(r statistics.RecordRef) bool {
			return r.Kind == "task" && r.ID == task && strings.Contains(f.Message, "chủ trì")
		})
	})
}

// TestReturnWithNewDeadline: the chairman returns a task reported done with
// a note and a later deadline. The task reopens with the "returned" mark
// until the next report; the new deadline is an approved extension; the
// team hears of it in its inbox after the next dispatch.
func TestReturnWithNewDeadline(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	chair, team := e.chairA(), user(e.A, models.RoleTeamMember)
	plan := e.mkPlan(chair, planIn(1, nil))
	task := e.mkTask(chair, plan.ID, taskIn(e.A.Hamlet1.ID, map[string]any{"due_on": "2024-09-27"}))
	path := "/api/v1/tasks/" + itoa(task.ID)
	e.do(team, "POST", path+"/progress", map[string]any{"percent": 100}).expect(http.StatusCreated)

	// Refused returns change nothing.
	e.do(chair, "POST", path+"/evaluation", map[string]any{"decision": "return"}).invalid("note")
	e.do(chair, "POST", path+"/evaluation", map[string]any{"decision": "return", "note": "Thiếu ảnh",
		"due_on": "2024-09-27"}).invalid("due_on")
	e.do(chair, "POST", path+"/evaluation", map[string]any{"decision": "accept", "due_on": "2024-10-31"}).invalid("due_on")
	var still plans.Task
	e.do(chair, "GET", path, nil).expect(http.StatusOK).decode(&still)
	if still.CompletedAt == nil || still.DueOn.String() != "2024-09-27" || len(*still.Extensions) != 0 {
		t.Fatalf("a refused return changed the task: %+v", still)
	}

	var res plans.EvaluationResult
	e.do(chair, "POST", path+"/evaluation", map[string]any{"decision": "return", "note": "Bổ sung ảnh buổi tập huấn",
		"due_on": "2024-10-15"}).expect(http.StatusCreated).decode(&res)
	got := res.Task
	if got.CompletedAt != nil || got.Status != "in_progress" || got.DueOn.String() != "2024-10-15" ||
		got.OriginalDueOn == nil || got.OriginalDueOn.String() != "2024-09-27" ||
		got.ReturnedAt == nil || got.ReturnNote != "Bổ sung ảnh buổi tập huấn" {
		t.Fatalf("returned task: %+v", got)
	}
	var read plans.Task
	e.do(team, "GET", path, nil).expect(http.StatusOK).decode(&read)
	if xs := *read.Extensions; len(xs) != 1 || xs[0].Status != models.ExtensionApproved ||
		xs[0].DecidedBy == nil || *xs[0].DecidedBy != e.A.Users[models.RoleChairman].ID ||
		xs[0].PreviousDueOn.String() != "2024-09-27" || xs[0].DueOn.String() != "2024-10-15" {
		t.Fatalf("extensions: %+v", xs)
	}
	mine := e.listTasks(team, "/api/v1/tasks?mine=true")
	if i := slices.Index(taskIDs(mine), task.ID); i < 0 || mine.Items[i].ReturnNote == "" {
		t.Fatalf("my work lacks the returned mark: %+v", mine.Items)
	}

	e.notifyNow(t)
	n, ok := e.notice(team, models.KindReturned, task.ID)
	if !ok || !strings.Contains(n.Body, "Bổ sung ảnh buổi tập huấn") || !strings.Contains(n.Body, "15/10/2024") {
		t.Fatalf("the team's inbox: %+v", e.inbox(team).Items)
	}
	if n.TaskPercent == nil || *n.TaskPercent != 100 || n.TaskStatus == nil || *n.TaskStatus != "in_progress" {
		t.Fatalf("the notice shows the task as it is now: %+v", n)
	}
	if _, ok := e.notice(chair, models.KindExtensionDecided, task.ID); ok {
		t.Fatal("a deadline set with a return is announced twice")
	}
	e.notifyNow(t) // exactly once: the outbox's key drops the repeat
	if c := countKind(e.inbox(team), models.KindReturned); c != 1 {
		t.Fatalf("%d returned notices after a second run", c)
	}

	// The next report lifts the mark.
	e.do(team, "POST", path+"/progress", map[string]any{"percent": 100}).expect(http.StatusCreated)
	e.do(team, "GET", path, nil).expect(http.StatusOK).decode(&read)
	if read.ReturnedAt != nil || read.ReturnNote != "" {
		t.Fatalf("the mark outlived the next report: %+v", read)
	}
}

func countKind(in deadlines.Inbox, kind string) int {
	n := 0
	for _, x := range in.Items {
		if x.Kind == kind {
			n++
		}
	}
	return n
}

// TestExtensionRequestAndDecision: the team asks for more time on an
// overdue task; the chairman hears of it and approves; the task is then on
// time against the new deadline (list, report) while original_due_on keeps
// the first one, and the team hears the answer. Every bad request changes
// nothing.
func TestExtensionRequestAndDecision(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	chair, team := e.chairA(), user(e.A, models.RoleTeamMember)
	plan := e.mkPlan(chair, planIn(1, nil))
	task := e.mkTask(chair, plan.ID, taskIn(e.A.Hamlet1.ID, map[string]any{"due_on": "2024-09-20"}))
	path := "/api/v1/tasks/" + itoa(task.ID)
	if task.Status != "overdue" {
		t.Fatalf("status %s", task.Status)
	}
	body := map[string]any{"due_on": "2024-10-31", "reason": "Trùng mùa thu hoạch lúa Thu Đông"}
	// Bad input: not later, missing reason, someone who may not report, an unknown task.
	e.do(team, "POST", path+"/extensions", merge(body, map[string]any{"due_on": "2024-09-20"})).invalid("due_on")
	e.do(team, "POST", path+"/extensions", merge(body, map[string]any{"reason": " "})).invalid("reason")
	e.do(user(e.A, models.RoleOfficer), "POST", path+"/extensions", body).expectProblem(http.StatusForbidden, "forbidden")
	e.do(team, "POST", "/api/v1/tasks/999999/extensions", body).expect(http.StatusNotFound)
	e.do(user(e.B, models.RoleChairman), "POST", path+"/extensions", body).expect(http.StatusNotFound)

	var x plans.Extension
	r := e.do(team, "POST", path+"/extensions", body).expect(http.StatusCreated)
	r.decode(&x)
	if x.Status != models.ExtensionPending || x.PreviousDueOn.String() != "2024-09-20" || x.DecidedAt != nil {
		t.Fatalf("request: %s", r.Body)
	}
	e.do(team, "POST", path+"/extensions", body).expectProblem(http.StatusConflict, "conflict")

	decide := "/api/v1/extensions/" + itoa(x.ID) + "/decision"
	e.do(team, "POST", decide, map[string]any{"approve": true}).expectProblem(http.StatusForbidden, "forbidden")
	e.do(chair, "POST", decide, map[string]any{"note": "?"}).invalid("approve")
	e.do(user(e.B, models.RoleChairman), "POST", decide, map[string]any{"approve": true}).expect(http.StatusNotFound)
	e.do(chair, "POST", "/api/v1/extensions/999999/decision", map[string]any{"approve": true}).expect(http.StatusNotFound)
	e.notifyNow(t)
	if n, ok := e.notice(chair, models.KindExtensionRequested, task.ID); !ok || !strings.Contains(n.Body, "31/10/2024") {
		t.Fatalf("the chairman's inbox: %+v", e.inbox(chair).Items)
	}

	var done plans.Extension
	e.do(chair, "POST", decide, map[string]any{"approve": true, "note": "Đồng ý"}).expect(http.StatusOK).decode(&done)
	if done.Status != models.ExtensionApproved || done.DecidedAt == nil || done.DecisionNote != "Đồng ý" {
		t.Fatalf("decision: %+v", done)
	}
	e.do(chair, "POST", decide, map[string]any{"approve": false}).expectProblem(http.StatusConflict, "conflict")

	var now plans.Task
	e.do(team, "GET", path, nil).expect(http.StatusOK).decode(&now)
	if now.DueOn.String() != "2024-10-31" || now.OriginalDueOn == nil || now.OriginalDueOn.String() != "2024-09-20" ||
		now.Status != "not_started" || len(*now.Extensions) != 1 {
		t.Fatalf("the task after approval: %+v", now)
	}
	var rep statistics.Report
	e.do(chair, "GET", "/api/v1/reports?period=2024-Q3", nil).expect(http.StatusOK).decode(&rep)
	if rep.Tasks.Total.Extended != 1 || rep.Tasks.Total.Overdue != 0 {
		t.Fatalf("report totals: %+v", rep.Tasks.Total)
	}
	e.notifyNow(t)
	if n, ok := e.notice(team, models.KindExtensionDecided, task.ID); !ok || !strings.Contains(n.Body, "đồng ý") {
		t.Fatalf("the requester's inbox: %+v", e.inbox(team).Items)
	}

	// A second request must be after the approved deadline; a finished task needs none.
	e.do(team, "POST", path+"/extensions", merge(body, map[string]any{"due_on": "2024-10-31"})).invalid("due_on")
	e.do(team, "POST", path+"/progress", map[string]any{"percent": 100}).expect(http.StatusCreated)
	e.do(team, "POST", path+"/extensions", merge(body, map[string]any{"due_on": "2024-11-30"})).invalid("due_on")
	cancelled := e.mkTask(chair, plan.ID, taskIn(e.A.Hamlet1.ID, nil))
	e.do(chair, "PATCH", "/api/v1/tasks/"+itoa(cancelled.ID), map[string]any{"cancelled": true}).expect(http.StatusOK)
	e.do(team, "POST", "/api/v1/tasks/"+itoa(cancelled.ID)+"/extensions", merge(body, map[string]any{"due_on": "2025-01-31"})).
		invalid("due_on")

	// "Mark all read" empties the unread count.
	var marked struct{ Marked int }
	e.do(team, "POST", "/api/v1/notifications/read-all", nil).expect(http.StatusOK).decode(&marked)
	if marked.Marked == 0 || e.inbox(team).Unread != 0 {
		t.Fatalf("marked %d, unread %d", marked.Marked, e.inbox(team).Unread)
	}
}
