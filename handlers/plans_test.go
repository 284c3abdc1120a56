package handlers_test

import (
	"net/http"
	"slices"
	"testing"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/plans"
)

func TestCreatePlanAndTaskFlow(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	chair := user(e.A, models.RoleChairman)
	r := e.do(chair, "POST", "/api/v1/plans", map[string]any{"doc_number": "06/KH-UBND",
		"issued_on": "2024-01-31", "kind": "admin_reform", "title": "Cải cách hành chính năm 2024"})
	if r.Code != http.StatusCreated {
		t.Fatalf("create plan: %d %s", r.Code, r.Body)
	}
	var plan plans.Plan
	r.decode(&plan)
	r = e.do(chair, "POST", "/api/v1/plans/"+itoa(plan.ID)+"/tasks", map[string]any{"title": "Rà soát TTHC",
		"lead_unit_id": e.A.Hamlet1.ID, "start_on": "2024-02-01", "due_on": "2024-11-30"})
	if r.Code != http.StatusCreated {
		t.Fatalf("create task: %d %s", r.Code, r.Body)
	}
	var task plans.Task
	r.decode(&task)
	r = e.do(user(e.A, models.RoleTeamMember), "POST", "/api/v1/tasks/"+itoa(task.ID)+"/progress",
		map[string]any{"percent": 100, "note": "Đã xong"})
	if r.Code != http.StatusCreated {
		t.Fatalf("progress: %d %s", r.Code, r.Body)
	}
	var res plans.ProgressResult
	r.decode(&res)
	if res.Task.Status != "done_on_time" {
		t.Fatalf("status after 100%%: %s", res.Task.Status)
	}
	// The other commune cannot see it.
	r = e.do(user(e.B, models.RoleChairman), "GET", "/api/v1/tasks/"+itoa(task.ID), nil)
	if r.Code != http.StatusNotFound || r.problem().Code != "not_found" {
		t.Fatalf("other commune: %d %s", r.Code, r.Body)
	}
}

func TestCreatePlanNormalisesNumber(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	r := e.do(e.chairA(), "POST", "/api/v1/plans", planIn(0, map[string]any{"doc_number": " 6/kh-UBND ",
		"title": "  Cải cách hành chính năm 2024 "})).expect(http.StatusCreated)
	var p plans.Plan
	r.decode(&p)
	if p.DocNumber != "06/KH-UBND" || p.DocNo != 6 || p.DocType != "KH" || p.DocSymbol != "KH-UBND" {
		t.Errorf("number: %q %d %q %q", p.DocNumber, p.DocNo, p.DocType, p.DocSymbol)
	}
	if p.Title != "Cải cách hành chính năm 2024" || p.Year != 2024 || p.Status != "active" || p.Version != 1 {
		t.Errorf("plan: %+v", p)
	}
	if p.TaskCounts["total"] != 0 || p.CompletionRate != nil || len(p.Warnings) != 0 || len(p.References) != 0 {
		t.Errorf("decorations: %+v", p)
	}
	if got := r.Header().Get("Location"); got != "/api/v1/plans/"+itoa(p.ID) {
		t.Errorf("Location %q", got)
	}
	if got := r.Header().Get("ETag"); got != `"1"` {
		t.Errorf("ETag %q", got)
	}
	// References are normalised too and come back in order.
	p = e.mkPlan(e.chairA(), planIn(7, map[string]any{"references": []map[string]any{
		{"doc_number": "766/qđ-TTg", "issued_on": "2022-06-23", "issuer": "Thủ tướng Chính phủ"},
		{"doc_number": "Số: 356/KH-UBND"},
	}}))
	if len(p.References) != 2 || p.References[0].DocNumber != "766/QĐ-TTg" || p.References[0].IssuedOn.Year != 2022 ||
		p.References[1].DocNumber != "356/KH-UBND" || !p.References[1].IssuedOn.IsZero() {
		t.Errorf("references: %+v", p.References)
	}
}

func TestListPlansFilters(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	chair := e.chairA()
	e.mkPlan(chair, planIn(1, map[string]any{"title": "Cải cách hành chính năm 2024"}))
	e.mkPlan(chair, planIn(2, map[string]any{"issued_on": "2024-03-01", "kind": "digital_transformation",
		"status": "draft", "title": "Kế hoạch chuyển đổi số năm 2024"}))
	e.mkPlan(chair, planIn(3, map[string]any{"issued_on": "2023-05-05", "kind": "propaganda",
		"status": "completed", "title": "Tuyên truyền cải cách hành chính 2023"}))
	e.mkPlan(chair, planIn(4, map[string]any{"issued_on": "2024-06-01", "kind": "emulation", "title": "Phong trào thi đua"}))
	e.mkPlan(user(e.B, models.RoleChairman), planIn(1, map[string]any{"title": "Cải cách hành chính xã Mỹ Hòa Hưng"}))
	cases := []struct {
		query string
		want  []string
	}{
		{"", []string{"Phong trào thi đua", "Kế hoạch chuyển đổi số năm 2024", "Cải cách hành chính năm 2024",
			"Tuyên truyền cải cách hành chính 2023"}},
		{"year=2024", []string{"Phong trào thi đua", "Kế hoạch chuyển đổi số năm 2024", "Cải cách hành chính năm 2024"}},
		{"year=2023", []string{"Tuyên truyền cải cách hành chính 2023"}},
		{"year=2022", []string{}},
		{"kind=digital_transformation", []string{"Kế hoạch chuyển đổi số năm 2024"}},
		{"kind=emulation&year=2023", []string{}},
		{"status=draft", []string{"Kế hoạch chuyển đổi số năm 2024"}},
		{"status=completed", []string{"Tuyên truyền cải cách hành chính 2023"}},
		{"q=cai+cach+hanh+chinh", []string{"Cải cách hành chính năm 2024", "Tuyên truyền cải cách hành chính 2023"}},
		{"q=chuyen%20doi%20so", []string{"Kế hoạch chuyển đổi số năm 2024"}},
		{"q=CHUYỂN+ĐỔI", []string{"Kế hoạch chuyển đổi số năm 2024"}},
		{"q=cai+cach&year=2024", []string{"Cải cách hành chính năm 2024"}},
		{"q=02/KH-UBND", []string{"Kế hoạch chuyển đổi số năm 2024"}},
		{"q=thi+%25", []string{}},
		{"q=khong+co", []string{}},
	}
	for _, c := range cases {
		t.Run(c.query, func(t *testing.T) {
			page := e.with(t).listPlans(chair, c.query)
			if got := planTitles(page); !slices.Equal(got, c.want) || page.Next != nil {
				t.Errorf("got %q (next %v), want %q", got, page.Next, c.want)
			}
		})
	}
	for _, q := range []string{"year=abc", "year=20x4"} {
		e.do(chair, "GET", "/api/v1/plans?"+q, nil).invalid("year")
	}
	e.do(chair, "GET", "/api/v1/plans?status=bogus", nil).invalid("status")
}

func TestListPlansPagination(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	chair := e.chairA()
	// Two plans share an issue date, so the order must fall back to the id.
	for i, day := range []string{"2024-01-10", "2024-02-10", "2024-02-10", "2023-12-01", "2024-07-01"} {
		e.mkPlan(chair, planIn(i+1, map[string]any{"issued_on": day, "year": 2024}))
	}
	all := e.listPlans(chair, "limit=200")
	if len(all.Items) != 5 || all.Next != nil {
		t.Fatalf("all: %q next %v", planTitles(all), all.Next)
	}
	var seen []int64
	cursor, pages := "", 0
	for {
		q := "limit=2"
		if cursor != "" {
			q += "&cursor=" + cursor
		}
		page := e.listPlans(chair, q)
		pages++
		for _, p := range page.Items {
			seen = append(seen, p.ID)
		}
		if page.Next == nil {
			break
		}
		if len(page.Items) != 2 || pages > 5 {
			t.Fatalf("page %d: %q with next %q", pages, planTitles(page), *page.Next)
		}
		cursor = *page.Next
	}
	var want []int64
	for _, p := range all.Items {
		want = append(want, p.ID)
	}
	if pages != 3 || !slices.Equal(seen, want) {
		t.Errorf("paged %v in %d pages, want %v", seen, pages, want)
	}
	for i := 1; i < len(all.Items); i++ {
		a, b := all.Items[i-1], all.Items[i]
		if a.IssuedOn.Before(b.IssuedOn) || (a.IssuedOn == b.IssuedOn && a.ID < b.ID) {
			t.Errorf("order: %v before %v", a.IssuedOn, b.IssuedOn)
		}
	}
	for _, c := range []string{"!!!", "e30", "WzFd", "W10"} {
		e.do(chair, "GET", "/api/v1/plans?cursor="+c, nil).invalid("cursor")
	}
	for _, l := range []string{"0", "201", "-1", "abc"} {
		e.do(chair, "GET", "/api/v1/plans?limit="+l, nil).invalid("limit")
	}
	if got := len(e.listPlans(chair, "limit=200").Items); got != 5 {
		t.Errorf("limit=200: %d plans", got)
	}
}
