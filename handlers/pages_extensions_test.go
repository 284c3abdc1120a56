package handlers_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/tiendo/tiendo/jobs"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/accounts"
	"github.com/tiendo/tiendo/models/deadlines"
	"github.com/tiendo/tiendo/models/plans"
)

// TestExtensionAndReturnPages drives the task page's forms: a return with a
// new deadline shows the mark and both deadlines; the team asks for more
// time (a bad date is shown beside its field); the chairman approves; the
// inbox reads as a list and is marked read at once.
func TestExtensionAndReturnPages(t *testing.T) {
	t.Parallel()
	e := newPageEnv(t)
	ctx, chair := context.Background(), e.user(models.RoleChairman)
	path := "/nhiem-vu/" + itoa(e.mine.ID)
	hundred := 100
	if _, err := e.Store.ReportProgress(ctx, e.Actor(t, e.A, models.RoleTeamMember), e.mine.ID,
		plans.ProgressInput{Percent: &hundred}); err != nil {
		t.Fatal(err)
	}
	bad := e.post(chair, path+"/danh-gia", url.Values{"decision": {"return"}, "reason": {"Thiếu ảnh"}, "new_due_on": {"01/10/2024"}})
	wantStatus(t, bad, http.StatusUnprocessableEntity)
	wantBody(t, bad, `id="f-new-due-on-error"`)
	wantStatus(t, e.post(chair, path+"/danh-gia", url.Values{"decision": {"return"},
		"reason": {"Bổ sung ảnh buổi hướng dẫn"}, "new_due_on": {"31/10/2024"}}), http.StatusSeeOther)
	page := e.get(e.team, path)
	wantBody(t, page, `id="returned-mark"`, "Bổ sung ảnh buổi hướng dẫn", `id="original-due"`, "15/10/2024",
		"31/10/2024", `id="extension-form"`)
	wantBody(t, e.get(e.team, "/viec-cua-toi"), `id="returned-`+itoa(e.mine.ID)+`"`, "Bị trả lại")

	wrong := e.post(e.team, path+"/gia-han", url.Values{"ext_due_on": {"20/10/2024"}, "ext_reason": {"Mùa nước nổi"}})
	wantStatus(t, wrong, http.StatusUnprocessableEntity)
	wantBody(t, wrong, `id="f-ext-due-on-error"`, "Mùa nước nổi")
	wantStatus(t, e.post(e.team, path+"/gia-han", url.Values{"ext_due_on": {"15/11/2024"}, "ext_reason": {"Mùa nước nổi"}}),
		http.StatusSeeOther)
	task, _ := e.Store.GetTask(ctx, e.chairA, e.mine.ID)
	x := (*task.Extensions)[len(*task.Extensions)-1]
	wantBody(t, e.get(chair, path), `id="pending-extension"`, `id="approve-extension"`)
	wantStatus(t, e.post(e.team, path+"/gia-han/"+itoa(x.ID), url.Values{"approve": {"true"}}), http.StatusForbidden)
	wantStatus(t, e.post(chair, path+"/gia-han/"+itoa(x.ID), url.Values{"approve": {"true"}, "decision_note": {"Đồng ý gia hạn"}}),
		http.StatusSeeOther)
	task, _ = e.Store.GetTask(ctx, e.chairA, e.mine.ID)
	if task.DueOn.String() != "2024-11-15" || task.FirstDueOn().String() != "2024-10-15" {
		t.Fatalf("after approval: due %s, first %s", task.DueOn, task.FirstDueOn())
	}
	wantBody(t, e.get(chair, path), `id="extensions"`, "Đồng ý gia hạn", "15/11/2024")

	e.runJob(t, jobs.Reminders{Store: e.JobsStore(t)})
	e.runJob(t, e.inboxDispatch(t))
	inbox := e.get(e.team, "/thong-bao")
	wantBody(t, inbox, "Nhiệm vụ bị trả lại", "Kết quả đề xuất gia hạn", `id="read-all"`, "Hiện nay")
	wantStatus(t, e.post(e.team, "/thong-bao/da-doc-tat-ca", nil), http.StatusSeeOther)
	if in, _ := e.Store.ListNotifications(ctx, e.Actor(t, e.A, models.RoleTeamMember), deadlines.NotificationFilter{}); in.Unread != 0 {
		t.Fatalf("%d unread after marking all read", in.Unread)
	}
}

// TestTaskFormConfirmsNobodyToReport: a task given to a unit nobody reports
// for is not saved until the chairman confirms it.
func TestTaskFormConfirmsNobodyToReport(t *testing.T) {
	t.Parallel()
	e := newPageEnv(t)
	chair := e.user(models.RoleChairman)
	hamlet, err := e.Store.CreateUnit(context.Background(), e.A.System, accounts.NewUnit{Kind: "hamlet", Name: "Ấp Trung Phú 9"})
	if err != nil {
		t.Fatal(err)
	}
	fields := url.Values{"title": {"Tuyên truyền tại ấp"}, "lead_unit_id": {itoa(hamlet.ID)}, "due_on": {"31/10/2024"}}
	before := len(e.planTasks(t))
	ask := e.post(chair, "/ke-hoach/"+itoa(e.plan.ID)+"/nhiem-vu", fields)
	wantStatus(t, ask, http.StatusUnprocessableEntity)
	wantBody(t, ask, `id="no-recipient"`, `id="f-confirm-no-recipient"`, "Tuyên truyền tại ấp")
	if n := len(e.planTasks(t)); n != before {
		t.Fatalf("saved before confirming: %d tasks", n)
	}
	fields.Set("confirm_no_recipient", "1")
	wantStatus(t, e.post(chair, "/ke-hoach/"+itoa(e.plan.ID)+"/nhiem-vu", fields), http.StatusSeeOther)
	if n := len(e.planTasks(t)); n != before+1 {
		t.Fatalf("not saved after confirming: %d tasks", n)
	}
}

func (e *pageEnv) planTasks(t *testing.T) []plans.Task {
	page, err := e.Store.ListTasks(context.Background(), e.chairA, plans.TaskFilter{PlanID: e.plan.ID, Limit: 200})
	if err != nil {
		t.Fatal(err)
	}
	return page.Items
}
