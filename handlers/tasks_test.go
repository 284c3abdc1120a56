package handlers_test

import (
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/plans"
)

func TestTaskLifecycle(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	chair := e.chairA()
	p := e.mkPlan(chair, planIn(1, nil))
	r := e.do(chair, "POST", "/api/v1/plans/"+itoa(p.ID)+"/tasks", map[string]any{"title": " Số hóa hồ sơ ",
		"lead_unit_id": e.A.Office.ID, "supporting_unit_ids": []int64{e.A.Hamlet2.ID, e.A.Hamlet1.ID, e.A.Hamlet2.ID},
		"assignee_ids": []int64{e.A.Users[models.RoleOfficer].ID}, "due_on": "2024-12-31", "target_value": 120,
		"target_unit": "hồ sơ"}).expect(http.StatusCreated)
	var task plans.Task
	r.decode(&task)
	path := "/api/v1/tasks/" + itoa(task.ID)
	if r.Header().Get("Location") != path || r.Header().Get("ETag") != `"1"` {
		t.Errorf("Location %q ETag %q", r.Header().Get("Location"), r.Header().Get("ETag"))
	}
	if task.Title != "Số hóa hồ sơ" || task.PlanID != p.ID || task.StartOn.String() != "2024-09-30" ||
		!slices.Equal(task.SupportingUnitIDs, []int64{e.A.Hamlet1.ID, e.A.Hamlet2.ID}) || task.Weight != 1 ||
		task.TargetValue == nil || *task.TargetValue != 120 || task.Status != "not_started" || task.Version != 1 {
		t.Errorf("created: %+v", task)
	}
	r = e.do(chair, "GET", path, nil).expect(http.StatusOK)
	if r.Header().Get("ETag") != `"1"` {
		t.Errorf("GET ETag %q", r.Header().Get("ETag"))
	}
	r = e.do(chair, "PATCH", path, map[string]any{"title": "Số hóa hồ sơ TTHC", "target_value": nil}, "If-Match", `"1"`)
	r.expect(http.StatusOK).decode(&task)
	if task.Title != "Số hóa hồ sơ TTHC" || task.TargetValue != nil || task.Version != 2 || r.Header().Get("ETag") != `"2"` {
		t.Errorf("patched: %+v", task)
	}
	// A report cadence: set with its default grace, kept by a patch that
	// does not name it, cleared by null.
	e.do(chair, "PATCH", path, map[string]any{"report_every": "month"}).expect(http.StatusOK).decode(&task)
	if task.ReportEvery == nil || *task.ReportEvery != "month" || task.ReportGraceDays != 3 {
		t.Errorf("monthly reports: %+v", task)
	}
	e.do(chair, "PATCH", path, map[string]any{"report_grace_days": 5}).expect(http.StatusOK).decode(&task)
	if task.ReportEvery == nil || task.ReportGraceDays != 5 {
		t.Errorf("grace changed: %+v", task)
	}
	e.do(chair, "PATCH", path, map[string]any{"report_every": nil}).expect(http.StatusOK).decode(&task)
	if task.ReportEvery != nil || task.Version != 5 {
		t.Errorf("no more periodic reports: %+v", task)
	}
	e.do(chair, "PATCH", path, map[string]any{"title": "x"}, "If-Match", `"1"`).expectProblem(http.StatusPreconditionFailed, "stale")
	e.do(chair, "DELETE", path, nil, "If-Match", `"1"`).expectProblem(http.StatusPreconditionFailed, "stale")

	e.do(chair, "PATCH", path, map[string]any{"cancelled": true}).expect(http.StatusOK).decode(&task)
	if task.Status != "cancelled" || task.CancelledAt == nil {
		t.Fatalf("cancelled: %+v", task)
	}
	p2 := e.do(chair, "POST", path+"/progress", map[string]any{"percent": 50}).expectProblem(http.StatusConflict, "conflict")
	if len(p2.Errors) != 1 || p2.Errors[0].Field != "task" {
		t.Errorf("progress on a cancelled task: %+v", p2)
	}
	var history models.Page[plans.Progress]
	e.do(chair, "GET", path+"/progress", nil).expect(http.StatusOK).decode(&history)
	if len(history.Items) != 0 {
		t.Errorf("refused progress was recorded: %+v", history.Items)
	}
	e.do(chair, "PATCH", path, map[string]any{"cancelled": false}).expect(http.StatusOK).decode(&task)
	if task.Status != "not_started" || task.CancelledAt != nil {
		t.Errorf("restored: %+v", task)
	}
	e.do(chair, "DELETE", path, nil, "If-Match", `"`+itoa(int64(task.Version))+`"`).expect(http.StatusNoContent)
	e.do(chair, "GET", path, nil).expectProblem(http.StatusNotFound, "not_found")
	e.do(chair, "GET", path+"/progress", nil).expectProblem(http.StatusNotFound, "not_found")
	e.do(chair, "DELETE", path, nil).expectProblem(http.StatusNotFound, "not_found")
	if n := e.taskCount(); n != 0 {
		t.Errorf("%d tasks listed after delete", n)
	}
}

func TestListTasksFilters(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	chair, team := e.chairA(), user(e.A, models.RoleTeamMember)
	p1 := e.mkPlan(chair, planIn(1, nil))
	p2 := e.mkPlan(chair, planIn(2, nil))
	t1 := e.mkTask(chair, p1.ID, taskIn(e.A.Hamlet1.ID, map[string]any{"due_on": "2024-10-15",
		"assignee_ids": []int64{e.A.Users[models.RoleTeamMember].ID}}))
	t2 := e.mkTask(chair, p1.ID, taskIn(e.A.Office.ID, map[string]any{"title": "Số hóa hồ sơ", "due_on": "2024-10-02",
		"supporting_unit_ids": []int64{e.A.Hamlet2.ID}}))
	t3 := e.mkTask(chair, p2.ID, taskIn(e.A.Hamlet2.ID, map[string]any{"title": "Tuyên truyền chuyển đổi số"}))
	t4 := e.mkTask(chair, p1.ID, taskIn(e.A.Office.ID, map[string]any{"title": "Báo cáo quý III", "due_on": "2024-09-25"}))
	chairB := user(e.B, models.RoleChairman)
	tb := e.mkTask(chairB, e.mkPlan(chairB, planIn(1, nil)).ID, taskIn(e.B.Hamlet1.ID, map[string]any{"title": "Số hóa hồ sơ xã B"}))
	ids := func(ts ...plans.Task) []int64 {
		out := []int64{}
		for _, x := range ts {
			out = append(out, x.ID)
		}
		return out
	}
	p1Tasks := "/api/v1/plans/" + itoa(p1.ID) + "/tasks"
	cases := []struct {
		who, path string
		want      []int64
	}{
		{chair, "/api/v1/tasks", ids(t4, t2, t1, t3)},
		{chair, p1Tasks, ids(t4, t2, t1)},
		{chair, p1Tasks + "?plan_id=" + itoa(p2.ID), ids(t4, t2, t1)}, // the path's plan wins
		{chair, "/api/v1/tasks?plan_id=" + itoa(p2.ID), ids(t3)},
		{chair, "/api/v1/tasks?unit_id=" + itoa(e.A.Hamlet2.ID), ids(t2, t3)},
		{chair, "/api/v1/tasks?unit_id=" + itoa(e.A.Hamlet1.ID), ids(t1)},
		{team, "/api/v1/tasks?assignee=me", ids(t1)},
		{chair, "/api/v1/tasks?assignee=me", ids()},
		{chair, "/api/v1/tasks?status=overdue", ids(t4)},
		{chair, "/api/v1/tasks?status=due_soon,overdue", ids(t4, t2)},
		{chair, "/api/v1/tasks?status=not_started", ids(t1, t3)},
		{chair, p1Tasks + "?status=not_started", ids(t1)},
		{chair, "/api/v1/tasks?due_from=2024-10-01&due_to=2024-10-31", ids(t2, t1)},
		{chair, "/api/v1/tasks?due_to=2024-10-02", ids(t4, t2)},
		{chair, "/api/v1/tasks?q=so+hoa", ids(t2)},
		{chair, "/api/v1/tasks?q=chuyen+doi+so&unit_id=" + itoa(e.A.Hamlet2.ID), ids(t3)},
		{chairB, "/api/v1/tasks?q=so+hoa", ids(tb)},
		{chairB, "/api/v1/tasks?unit_id=" + itoa(e.A.Hamlet1.ID), ids()},
	}
	for _, c := range cases {
		if got := taskIDs(e.listTasks(c.who, c.path)); !slices.Equal(got, c.want) {
			t.Errorf("%s as %s: %v, want %v", c.path, c.who, got, c.want)
		}
	}
	// Time passes: t2's deadline goes by.
	e.Clock.Set(time.Date(2024, 10, 3, 9, 0, 0, 0, models.VietnamTime))
	if got := taskIDs(e.listTasks(chair, "/api/v1/tasks?status=overdue")); !slices.Equal(got, ids(t4, t2)) {
		t.Errorf("overdue on 3 October: %v", got)
	}
	e.Clock.Set(testfix.Now)
	for q, field := range map[string]string{
		"status=bogus": "status", "status=overdue,bogus": "status", "status=overdue,": "status",
		"unit_id=abc": "unit_id", "plan_id=0": "plan_id", "due_from=2024-02-30": "due_from",
		"due_to=31/12/2024": "due_to", "assignee=someone": "assignee", "limit=0": "limit", "limit=500": "limit",
		"cursor=!!!": "cursor",
	} {
		e.do(chair, "GET", "/api/v1/tasks?"+q, nil).invalid(field)
		e.do(chair, "GET", p1Tasks+"?"+q, nil).invalid(field)
	}
	e.do(chair, "GET", "/api/v1/tasks?plan_id=999999", nil).expectProblem(http.StatusNotFound, "not_found")
	e.do(chair, "GET", "/api/v1/plans/999999/tasks", nil).expectProblem(http.StatusNotFound, "not_found")
}

func TestListTasksPagination(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	chair := e.chairA()
	p := e.mkPlan(chair, planIn(1, nil))
	// Three tasks share a deadline, so the order falls back to the id.
	for _, due := range []string{"2024-11-30", "2024-10-31", "2024-11-30", "2024-12-31", "2024-11-30"} {
		e.mkTask(chair, p.ID, taskIn(e.A.Hamlet1.ID, map[string]any{"due_on": due}))
	}
	want := taskIDs(e.listTasks(chair, "/api/v1/tasks"))
	var seen []int64
	next, pages := "", 0
	for pages = 1; pages < 10; pages++ {
		path := "/api/v1/plans/" + itoa(p.ID) + "/tasks?limit=2"
		if next != "" {
			path += "&cursor=" + next
		}
		page := e.listTasks(chair, path)
		seen = append(seen, taskIDs(page)...)
		if page.Next == nil {
			break
		}
		next = *page.Next
	}
	if len(want) != 5 || pages != 3 || !slices.Equal(seen, want) {
		t.Errorf("paged %v in %d pages, want %v", seen, pages, want)
	}
	all := e.listTasks(chair, "/api/v1/tasks").Items
	for i := 1; i < len(all); i++ {
		if c := all[i-1].DueOn.Compare(all[i].DueOn); c > 0 || (c == 0 && all[i-1].ID > all[i].ID) {
			t.Errorf("order: %+v before %+v", all[i-1], all[i])
		}
	}
}

func TestTaskOfAnotherCommune(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	task := e.mkTask(e.chairA(), e.mkPlan(e.chairA(), planIn(1, nil)).ID, taskIn(e.A.Hamlet1.ID, nil))
	other := user(e.B, models.RoleChairman)
	for _, path := range []string{"/api/v1/tasks/" + itoa(task.ID), "/api/v1/tasks/999999", "/api/v1/tasks/abc"} {
		e.do(other, "GET", path, nil).expectProblem(http.StatusNotFound, "not_found")
		e.do(other, "PATCH", path, map[string]any{"title": "Sửa trộm"}).expectProblem(http.StatusNotFound, "not_found")
		e.do(other, "DELETE", path, nil).expectProblem(http.StatusNotFound, "not_found")
		e.do(other, "GET", path+"/progress", nil).expectProblem(http.StatusNotFound, "not_found")
		e.do(other, "POST", path+"/progress", map[string]any{"percent": 10}).expectProblem(http.StatusNotFound, "not_found")
	}
	var got plans.Task
	e.do(e.chairA(), "GET", "/api/v1/tasks/"+itoa(task.ID), nil).expect(http.StatusOK).decode(&got)
	if got.Version != 1 || got.Percent != 0 || got.Title != task.Title {
		t.Errorf("another commune changed the task: %+v", got)
	}
	if got := e.listTasks(other, "/api/v1/tasks?unit_id="+itoa(e.A.Hamlet1.ID)); len(got.Items) != 0 {
		t.Errorf("commune B lists A's tasks: %v", taskIDs(got))
	}
}
