package handlers_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/plans"
)

// at is 09:00 on a day of 2024 in Vietnam.
func at(month time.Month, day int) time.Time {
	return time.Date(2024, month, day, 9, 0, 0, 0, models.VietnamTime)
}

func TestProgressAndStatus(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	chair, team := e.chairA(), user(e.A, models.RoleTeamMember)
	plan := e.mkPlan(chair, planIn(1, nil))
	task := e.mkTask(chair, plan.ID, taskIn(e.A.Hamlet1.ID, map[string]any{"due_on": "2024-10-10", "target_value": 100}))
	path := "/api/v1/tasks/" + itoa(task.ID)
	report := func(percent int, extra map[string]any) plans.ProgressResult {
		t.Helper()
		var res plans.ProgressResult
		r := e.do(team, "POST", path+"/progress", merge(map[string]any{"percent": percent}, extra)).expect(http.StatusCreated)
		r.decode(&res)
		if res.Task == nil || r.Header().Get("ETag") != `"`+itoa(int64(res.Task.Version))+`"` {
			t.Fatalf("progress answer %s, ETag %q", r.Body, r.Header().Get("ETag"))
		}
		return res
	}
	status := func(when time.Time, want string) {
		t.Helper()
		e.Clock.Set(when)
		var got plans.Task
		e.do(chair, "GET", path, nil).expect(http.StatusOK).decode(&got)
		if got.Status != want {
			t.Errorf("%s: status %s, want %s", when.Format("02/01"), got.Status, want)
		}
	}
	status(at(9, 30), "not_started")
	res := report(30, map[string]any{"actual_value": 30, "note": " Đã rà soát 30 hồ sơ "})
	me := e.A.Users[models.RoleTeamMember]
	if res.Progress.Percent != 30 || res.Progress.AuthorID != me.ID || res.Progress.AuthorName != me.FullName ||
		res.Progress.Note != "Đã rà soát 30 hồ sơ" || res.Progress.ActualValue == nil || *res.Progress.ActualValue != 30 {
		t.Errorf("progress: %+v", res.Progress)
	}
	if res.Task.Percent != 30 || res.Task.Status != "in_progress" || res.Task.CompletedAt != nil ||
		res.Task.LastProgressAt == nil || !res.Task.LastProgressAt.Equal(at(9, 30)) || res.Task.Version != 2 {
		t.Errorf("task after 30%%: %+v", res.Task)
	}
	status(at(10, 4), "in_progress")
	status(at(10, 8), "due_soon") // 10 October is within 3 working days
	status(at(10, 11), "overdue")
	res = report(100, nil)
	if res.Task.Status != "done_late" || res.Task.CompletedAt == nil || !res.Task.CompletedAt.Equal(at(10, 11)) ||
		res.Task.ActualValue == nil || *res.Task.ActualValue != 30 {
		t.Fatalf("task after 100%%: %+v", res.Task)
	}
	e.Clock.Set(at(10, 12))
	if res = report(100, nil); !res.Task.CompletedAt.Equal(at(10, 11)) {
		t.Errorf("a second 100%% moved the completion to %v", res.Task.CompletedAt)
	}
	res = report(80, map[string]any{"note": "Sửa lại: còn thiếu hồ sơ"})
	if res.Task.Percent != 80 || res.Task.CompletedAt != nil || res.Task.Status != "overdue" {
		t.Errorf("after a correction to 80%%: %+v", res.Task)
	}
	var history models.Page[plans.Progress]
	e.do(chair, "GET", path+"/progress", nil).expect(http.StatusOK).decode(&history)
	var percents []int
	for _, p := range history.Items {
		percents = append(percents, p.Percent)
		if p.AuthorName != me.FullName || p.TaskID != task.ID {
			t.Errorf("history entry %+v", p)
		}
	}
	if !slices.Equal(percents, []int{30, 100, 100, 80}) || history.Next != nil {
		t.Errorf("history %v next %v", percents, history.Next)
	}
	// A task finished before its deadline is done on time.
	other := e.mkTask(chair, plan.ID, taskIn(e.A.Hamlet1.ID, nil))
	var done plans.ProgressResult
	e.do(chair, "POST", "/api/v1/tasks/"+itoa(other.ID)+"/progress", map[string]any{"percent": 100}).
		expect(http.StatusCreated).decode(&done)
	if done.Task.Status != "done_on_time" || done.Progress.AuthorName != e.A.Users[models.RoleChairman].FullName {
		t.Errorf("finished early: %+v", done)
	}
	var p plans.Plan
	e.do(chair, "GET", "/api/v1/plans/"+itoa(plan.ID), nil).expect(http.StatusOK).decode(&p)
	if p.TaskCounts["total"] != 2 || p.TaskCounts["overdue"] != 1 || p.TaskCounts["done_on_time"] != 1 ||
		p.CompletionRate == nil || *p.CompletionRate != 50 {
		t.Errorf("plan counts %v rate %v", p.TaskCounts, p.CompletionRate)
	}
}

func TestProgressRejections(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	chair, team := e.chairA(), user(e.A, models.RoleTeamMember)
	task := e.mkTask(chair, e.mkPlan(chair, planIn(1, nil)).ID, taskIn(e.A.Hamlet1.ID, nil))
	path := "/api/v1/tasks/" + itoa(task.ID)
	cases := []struct {
		body  any
		field string
	}{
		{`{"percent": 50`, "body"},
		{`{"percent": 50} 1`, "body"},
		{map[string]any{"note": "quên tỷ lệ"}, "percent"},
		{map[string]any{"percent": nil}, "percent"},
		{map[string]any{"percent": -1}, "percent"},
		{map[string]any{"percent": 101}, "percent"},
		{map[string]any{"percent": "50"}, "percent"},
		{map[string]any{"percent": 50.5}, "percent"},
		{map[string]any{"percent": 50, "status": "done"}, "status"},
		{map[string]any{"percent": 50, "actual_value": -3}, "actual_value"},
		{map[string]any{"percent": 50, "note": strings.Repeat("x", 5001)}, "note"},
		{map[string]any{"percent": 50, "note": "a\u0000b"}, "note"},
	}
	for _, c := range cases {
		e.do(team, "POST", path+"/progress", c.body).invalid(c.field)
	}
	var history models.Page[plans.Progress]
	e.do(team, "GET", path+"/progress", nil).expect(http.StatusOK).decode(&history)
	var got plans.Task
	e.do(team, "GET", path, nil).expect(http.StatusOK).decode(&got)
	if len(history.Items) != 0 || got.Version != 1 || got.Percent != 0 {
		t.Errorf("refused reports left %d entries, task %+v", len(history.Items), got)
	}
}
