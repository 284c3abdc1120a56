package handlers_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/accounts"
	"github.com/tiendo/tiendo/models/plans"
	"github.com/tiendo/tiendo/models/statistics"
)

// TestProvinceViewerSeesRollupsOnly: a province account reads task counts
// across the communes of its province and nothing of any commune's rows.
func TestProvinceViewerSeesRollupsOnly(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	for _, p := range []accounts.NewProvinceUser{
		{Province: "An Giang", Username: "tinh_ag", FullName: "Sở Nội vụ An Giang", Password: testfix.Password},
		{Province: "Kiên Giang", Username: "tinh_kg", FullName: "Sở Nội vụ Kiên Giang", Password: testfix.Password},
	} {
		if _, err := e.Store.CreateProvinceUser(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	// Commune A: one task done on time, one overdue; commune B: one in progress.
	planA := createPlanFor(t, e, e.A, "01/KH-UBND")
	done := createTaskFor(t, e, e.A, planA, "2024-10-15")
	createTaskFor(t, e, e.A, planA, "2024-09-25")
	e.do(user(e.A, models.RoleChairman), "POST", "/api/v1/tasks/"+itoa(done)+"/progress", map[string]any{"percent": 100})
	planB := createPlanFor(t, e, e.B, "01/KH-UBND")
	inProgress := createTaskFor(t, e, e.B, planB, "2024-12-31")
	e.do(user(e.B, models.RoleChairman), "POST", "/api/v1/tasks/"+itoa(inProgress)+"/progress", map[string]any{"percent": 30})

	r := e.do("tinh_ag", "GET", "/api/v1/province/rollup?year=2024", nil)
	if r.Code != http.StatusOK {
		t.Fatalf("rollup: %d %s", r.Code, r.Body)
	}
	var roll statistics.ProvinceRollup
	r.decode(&roll)
	if len(roll.Communes) != 2 || roll.Communes[0].Name != "Mỹ Hòa Hưng" || roll.Communes[1].Name != "Vọng Đông" {
		t.Fatalf("communes in Vietnamese order: %+v", roll.Communes)
	}
	a, b := roll.Communes[1].TaskCounts, roll.Communes[0].TaskCounts
	if a["total"] != 2 || a["done_on_time"] != 1 || a["overdue"] != 1 || b["total"] != 1 || b["in_progress"] != 1 {
		t.Fatalf("counts: A %v, B %v", a, b)
	}
	if roll.Total.TaskCounts["total"] != 3 || roll.Total.CompletionRate == nil || *roll.Total.CompletionRate != 33.3 {
		t.Fatalf("total: %+v rate %v", roll.Total.TaskCounts, roll.Total.CompletionRate)
	}

	// Another province sees none of it; commune routes are closed to province accounts.
	r = e.do("tinh_kg", "GET", "/api/v1/province/rollup", nil)
	r.decode(&roll)
	if r.Code != http.StatusOK || len(roll.Communes) != 0 {
		t.Fatalf("other province: %d %+v", r.Code, roll.Communes)
	}
	for _, path := range []string{"/api/v1/plans", "/api/v1/tasks/" + itoa(done), "/api/v1/units"} {
		if r := e.do("tinh_ag", "GET", path, nil); r.Code != http.StatusForbidden {
			t.Errorf("province account GET %s: %d", path, r.Code)
		}
	}
	var me struct {
		Commune  *models.CommuneInfo
		Province string
	}
	e.do("tinh_ag", "GET", "/api/v1/me", nil).decode(&me)
	if me.Commune != nil || me.Province != "An Giang" {
		t.Fatalf("me: %+v", me)
	}
	// A commune's chairman is not a province account.
	if r := e.do(user(e.A, models.RoleChairman), "GET", "/api/v1/province/rollup", nil); r.Code != http.StatusForbidden {
		t.Fatalf("chairman: %d", r.Code)
	}
}

func createPlanFor(t *testing.T, e *env, c *testfix.Commune, number string) int64 {
	t.Helper()
	r := e.do(user(c, models.RoleChairman), "POST", "/api/v1/plans", map[string]any{"doc_number": number,
		"issued_on": "2024-01-05", "kind": "admin_reform", "title": "Cải cách hành chính năm 2024"})
	if r.Code != http.StatusCreated {
		t.Fatalf("plan: %d %s", r.Code, r.Body)
	}
	var p plans.Plan
	r.decode(&p)
	return p.ID
}

func createTaskFor(t *testing.T, e *env, c *testfix.Commune, plan int64, due string) int64 {
	t.Helper()
	r := e.do(user(c, models.RoleChairman), "POST", "/api/v1/plans/"+itoa(plan)+"/tasks", map[string]any{
		"title": "Nhiệm vụ hạn " + due, "lead_unit_id": c.Office.ID, "start_on": "2024-01-10", "due_on": due})
	if r.Code != http.StatusCreated {
		t.Fatalf("task: %d %s", r.Code, r.Body)
	}
	var task plans.Task
	r.decode(&task)
	return task.ID
}
