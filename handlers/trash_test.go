package handlers_test

import (
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/plans"
)

// trashOf reads commune A's recycle bin as user.
func (e *env) trashOf(user string) []plans.TrashedPlan {
	e.t.Helper()
	var bin struct {
		Items     []plans.TrashedPlan `json:"items"`
		TrashDays int                 `json:"trash_days"`
	}
	e.do(user, "GET", "/api/v1/trash", nil).expect(http.StatusOK).decode(&bin)
	if bin.TrashDays != plans.TrashDays {
		e.t.Errorf("trash_days %d, want %d", bin.TrashDays, plans.TrashDays)
	}
	return bin.Items
}

// auditActions lists the actions of a plan's audit rows, oldest first.
func (e *env) auditActions(planID int64) []string {
	e.t.Helper()
	var page models.Page[models.AuditEntry]
	e.do(e.chairA(), "GET", "/api/v1/audit?entity=plan&id="+itoa(planID), nil).expect(http.StatusOK).decode(&page)
	var out []string
	for _, a := range page.Items {
		out = append([]string{a.Action}, out...)
	}
	return out
}

// TestTrashRoundTrip deletes a plan with tasks, finds it in the bin with the
// tasks that went with it, who deleted it and when it will be purged, and
// restores it: the plan and those tasks are back, a task deleted on its own
// before stays deleted, and both acts are in the audit log.
func TestTrashRoundTrip(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	chair := e.chairA()
	p := e.mkPlan(chair, planIn(6, nil))
	var tasks []plans.Task
	for range 3 {
		tasks = append(tasks, e.mkTask(chair, p.ID, taskIn(e.A.Office.ID, nil)))
	}
	e.do(chair, "DELETE", "/api/v1/tasks/"+itoa(tasks[0].ID), nil).expect(http.StatusNoContent)
	e.Clock.Advance(time.Minute)
	deletedAt := e.Clock.Now()
	e.do(chair, "DELETE", "/api/v1/plans/"+itoa(p.ID), nil).expect(http.StatusNoContent)

	e.do(chair, "GET", "/api/v1/plans/"+itoa(p.ID), nil).expect(http.StatusNotFound)
	if n := e.taskCount(); n != 0 {
		t.Fatalf("%d tasks listed after the plan was deleted, want 0", n)
	}
	bin := e.trashOf(chair)
	if len(bin) != 1 {
		t.Fatalf("bin holds %d plans, want 1: %+v", len(bin), bin)
	}
	got := bin[0]
	chairUser := e.A.Users[models.RoleChairman]
	if got.ID != p.ID || got.TaskCount != 2 || got.DeletedBy == nil || *got.DeletedBy != chairUser.ID ||
		got.DeletedByName != chairUser.FullName || !got.DeletedAt.Equal(deletedAt) ||
		!got.PurgeAfter.Equal(deletedAt.AddDate(0, 0, 30)) || got.DocNumber != "06/KH-UBND" {
		t.Fatalf("bin entry %+v, want plan %d with 2 tasks deleted by %d at %s, purged after 30 days",
			got, p.ID, chairUser.ID, deletedAt)
	}

	var back plans.Plan
	e.do(chair, "POST", "/api/v1/plans/"+itoa(p.ID)+"/restore", nil).expect(http.StatusOK).decode(&back)
	if back.ID != p.ID || back.TaskCounts["total"] != 2 {
		t.Fatalf("restored plan %+v, want plan %d with 2 tasks", back, p.ID)
	}
	ids := taskIDs(e.listTasks(chair, "/api/v1/plans/"+itoa(p.ID)+"/tasks?limit=200"))
	slices.Sort(ids)
	if !slices.Equal(ids, []int64{tasks[1].ID, tasks[2].ID}) {
		t.Errorf("tasks after restore %v, want %v (the one deleted on its own stays deleted)", ids, []int64{tasks[1].ID, tasks[2].ID})
	}
	if bin := e.trashOf(chair); len(bin) != 0 {
		t.Errorf("bin after restore holds %+v, want nothing", bin)
	}
	e.do(chair, "POST", "/api/v1/plans/"+itoa(p.ID)+"/restore", nil).expect(http.StatusNotFound)
	if acts := e.auditActions(p.ID); !slices.Equal(acts, []string{"create", "delete", "restore"}) {
		t.Errorf("plan audit %v, want create, delete, restore", acts)
	}
	for _, a := range []string{"delete", "restore", "purge"} {
		if _, ok := models.AuditActionNames[a]; !ok {
			t.Errorf("audit action %q has no label", a)
		}
	}
}

// TestRestoreRefusesTakenNumber: while a plan lay in the bin another plan
// took its number; the restore is a 409 naming doc_number and that plan, and
// changes nothing. Once the number is free again the restore goes through.
func TestRestoreRefusesTakenNumber(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	chair := e.chairA()
	old := e.mkPlan(chair, planIn(6, nil))
	e.mkTask(chair, old.ID, taskIn(e.A.Office.ID, nil))
	e.do(chair, "DELETE", "/api/v1/plans/"+itoa(old.ID), nil).expect(http.StatusNoContent)
	taker := e.mkPlan(chair, planIn(6, map[string]any{"title": "Kế hoạch mới cùng số"}))

	res := e.do(chair, "POST", "/api/v1/plans/"+itoa(old.ID)+"/restore", nil)
	p := res.expectProblem(http.StatusConflict, "conflict")
	if len(p.Errors) != 1 || p.Errors[0].Field != "doc_number" {
		t.Errorf("409 names %+v, want doc_number", p.Errors)
	}
	if ex, _ := p.Existing.(map[string]any); ex == nil || ex["id"] != float64(taker.ID) {
		t.Errorf("409 existing %v, want plan %d", p.Existing, taker.ID)
	}
	if bin := e.trashOf(chair); len(bin) != 1 || bin[0].ID != old.ID || bin[0].TaskCount != 1 {
		t.Fatalf("bin after the refused restore %+v, want the old plan with its task", bin)
	}
	e.do(chair, "PATCH", "/api/v1/plans/"+itoa(taker.ID), map[string]any{"doc_number": "07/KH-UBND"}).expect(http.StatusOK)
	e.do(chair, "POST", "/api/v1/plans/"+itoa(old.ID)+"/restore", nil).expect(http.StatusOK)
}

// TestTrashIsForThoseWhoDeletePlans: admin and chairman see the bin and
// restore; the other roles are refused; another commune's bin is invisible.
func TestTrashIsForThoseWhoDeletePlans(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	p := e.mkPlan(e.chairA(), planIn(8, nil))
	e.do(e.chairA(), "DELETE", "/api/v1/plans/"+itoa(p.ID), nil).expect(http.StatusNoContent)
	for _, role := range []models.Role{models.RoleSteeringMember, models.RoleOfficer, models.RoleTeamMember} {
		e.do(user(e.A, role), "GET", "/api/v1/trash", nil).expectProblem(http.StatusForbidden, "forbidden")
		e.do(user(e.A, role), "POST", "/api/v1/plans/"+itoa(p.ID)+"/restore", nil).expectProblem(http.StatusForbidden, "forbidden")
	}
	if bin := e.trashOf(user(e.B, models.RoleChairman)); len(bin) != 0 {
		t.Errorf("commune B's bin shows %+v", bin)
	}
	e.do(user(e.B, models.RoleAdmin), "POST", "/api/v1/plans/"+itoa(p.ID)+"/restore", nil).expect(http.StatusNotFound)
	if bin := e.trashOf(user(e.A, models.RoleAdmin)); len(bin) != 1 {
		t.Fatalf("admin sees %d plans in the bin, want 1", len(bin))
	}
	e.do(user(e.A, models.RoleAdmin), "POST", "/api/v1/plans/"+itoa(p.ID)+"/restore", nil).expect(http.StatusOK)
}

// TestTrashPaging reads a bin longer than a page: every deleted plan comes
// once, newest deletion first (plans deleted in the same instant by id),
// and a cursor nobody made is a 400 naming it.
func TestTrashPaging(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	chair := e.chairA()
	var want []int64 // newest deletion first
	for i := range 5 {
		p := e.mkPlan(chair, planIn(20+i, nil))
		if i%2 == 0 {
			e.Clock.Advance(time.Minute) // plans 1–2 and 3–4 share their instant
		}
		e.do(chair, "DELETE", "/api/v1/plans/"+itoa(p.ID), nil).expect(http.StatusNoContent)
		want = append([]int64{p.ID}, want...)
	}
	var got []int64
	path := "/api/v1/trash?limit=2"
	for pages := 0; path != ""; pages++ {
		if pages > 3 {
			t.Fatalf("more than 3 pages of 2 for 5 plans")
		}
		var page struct {
			Items []plans.TrashedPlan `json:"items"`
			Next  *string             `json:"next"`
		}
		e.do(chair, "GET", path, nil).expect(http.StatusOK).decode(&page)
		if len(page.Items) > 2 {
			t.Fatalf("a page of limit 2 holds %d plans", len(page.Items))
		}
		for _, p := range page.Items {
			got = append(got, p.ID)
		}
		path = ""
		if page.Next != nil {
			path = "/api/v1/trash?limit=2&cursor=" + *page.Next
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("bin read page by page: %v, want %v", got, want)
	}
	e.do(chair, "GET", "/api/v1/trash?cursor=WyJ4Il0", nil).invalid("cursor")
}
