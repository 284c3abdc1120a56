package handlers_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/tiendo/tiendo/models"
)

// TestForwardFromTaskPage: the hamlet team forwards part of its task from
// the task page; the form offers the parent's deadline and refuses a later
// one; the parent's page lists the sub-task with its status and a mini
// timeline and drops its own report button; the sub-task's page and "Việc
// của tôi" name the parent.
func TestForwardFromTaskPage(t *testing.T) {
	t.Parallel()
	e := newPageEnv(t)
	path := "/nhiem-vu/" + itoa(e.mine.ID)
	wantBody(t, e.get(e.team, path), `id="forward-link"`, "Giao tiếp cho đơn vị/người khác", `id="report-link"`)
	fp := e.get(e.team, path+"/giao-tiep")
	wantBody(t, fp, `name="due_on" type="text" value="15/10/2024"`, `id="forward-hint"`,
		`action="`+path+`/giao-tiep"`)
	late := e.post(e.team, path+"/giao-tiep", url.Values{"title": {"Hỗ trợ tổ 3 cài VNeID"}, "due_on": {"2024-10-31"},
		"lead_unit_id": {itoa(e.A.Hamlet2.ID)}})
	wantStatus(t, late, http.StatusUnprocessableEntity)
	wantBody(t, late, `id="f-due-on-error"`, "sau thời hạn của nhiệm vụ cấp trên")
	rec := e.post(e.team, path+"/giao-tiep", url.Values{"title": {"Hỗ trợ tổ 3 cài VNeID"}, "due_on": {"2024-10-10"},
		"lead_unit_id": {itoa(e.A.Hamlet2.ID)}, "supporting_unit_ids": {itoa(e.A.Hamlet1.ID)},
		"target_value": {"40"}, "target_unit": {"người"}})
	wantStatus(t, rec, http.StatusSeeOther)
	parent, err := e.Store.GetTask(context.Background(), e.chairA, e.mine.ID)
	if err != nil || len(parent.SubtaskIDs) != 1 {
		t.Fatalf("parent %+v, %v", parent, err)
	}
	sub := parent.SubtaskIDs[0]
	page := e.get(e.team, path)
	wantBody(t, page, `id="subtask-list"`, `id="subtask-`+itoa(sub)+`"`, `id="subtask-timeline"`, "Hỗ trợ tổ 3 cài VNeID")
	if strings.Contains(page.Body.String(), `id="report-link"`) {
		t.Errorf("a parent with sub-tasks offers its own progress report")
	}
	wantBody(t, e.get(e.team, "/nhiem-vu/"+itoa(sub)), `id="parent-task"`, "Hướng dẫn người dân cài VNeID")
	// The plan lists its own tasks, the parent with its count of sub-tasks.
	plan := e.get(e.team, "/ke-hoach/"+itoa(e.plan.ID))
	wantBody(t, plan, "(1 nhiệm vụ con)")
	if strings.Contains(plan.Body.String(), `id="task-`+itoa(sub)+`"`) {
		t.Errorf("the plan's table lists the sub-task beside its parent")
	}
	// The forwarding team supports the sub-task, so it is in its list, under
	// its parent's name.
	wantBody(t, e.get(e.team, "/viec-cua-toi"), `class="small muted parent-context"`)
	// The form of a task nobody may forward on is a 403 page, another
	// commune's a 404.
	wantStatus(t, e.get(e.user(models.RoleOfficer), path+"/giao-tiep"), http.StatusForbidden)
	wantStatus(t, e.get(e.team, "/nhiem-vu/"+itoa(e.otherTask.ID)+"/giao-tiep"), http.StatusNotFound)
}
