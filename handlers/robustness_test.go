package handlers_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/plans"
)

// TestNoServerErrors: odd inputs are the client's problem (4xx) or accepted
// (2xx), never a 5xx.
func TestNoServerErrors(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	admin := user(e.A, models.RoleAdmin)
	p := e.mkPlan(admin, planIn(1, nil))
	task := e.mkTask(admin, p.ID, taskIn(e.A.Hamlet1.ID, nil))
	// Some odd inputs are accepted the way encoding/json accepts them (null
	// for a bool), which the document does not promise; responses are still checked.
	e.lenient = true
	plansPath, tasks := "/api/v1/plans", "/api/v1/plans/"+itoa(p.ID)+"/tasks"
	progress := "/api/v1/tasks/" + itoa(task.ID) + "/progress"
	sqlish := "'; DROP TABLE plans; --"
	cases := []struct {
		method, path string
		body         any
	}{
		{"POST", plansPath, `{"doc_number": 1e400, "issued_on": "2024-01-01", "kind": "other", "title": "x"}`},
		{"POST", plansPath, planIn(2, map[string]any{"year": 9223372036854775807})},
		{"POST", plansPath, `{"doc_number":"02/KH-UBND","issued_on":"2024-01-01","kind":"other","title":"x","year":99999999999999999999}`},
		{"POST", plansPath, planIn(3, map[string]any{"doc_number": "99999999/KH-UBND"})},
		{"POST", plansPath, planIn(4, map[string]any{"doc_number": "9999999/KH-UBND"})},
		{"POST", plansPath, `{"doc_number": null, "issued_on": null, "kind": null, "title": null}`},
		{"POST", plansPath, `null`},
		{"POST", plansPath, `[{"doc_number": "05/KH-UBND"}]`},
		{"POST", plansPath, `"a string"`},
		{"POST", plansPath, strings.Repeat("[", 20000) + strings.Repeat("]", 20000)},
		{"POST", plansPath, planIn(6, map[string]any{"title": "Kế hoạch 🚀 \u202e ﷽ 𝕏", "summary": strings.Repeat("ữ", 9000)})},
		{"POST", plansPath, planIn(7, map[string]any{"title": "nul \u0000 byte"})},
		{"POST", plansPath, "{\"doc_number\":\"08/KH-UBND\",\"issued_on\":\"2024-01-01\",\"kind\":\"other\",\"title\":\"\xff\xfe\"}"},
		{"POST", plansPath, planIn(9, map[string]any{"title": sqlish, "kind": sqlish})},
		{"POST", plansPath, planIn(10, map[string]any{"issued_on": "0000-01-01"})},
		{"POST", plansPath, planIn(11, map[string]any{"issued_on": "9999-12-31"})},
		{"POST", plansPath, planIn(12, map[string]any{"references": []any{nil, 5, []int{1}}})},
		{"POST", plansPath, planIn(13, map[string]any{"references": []map[string]any{{"doc_number": sqlish}}})},
		{"GET", plansPath + "?q=" + strings.Repeat("%27%20OR%201=1%20--%20", 50), nil},
		{"GET", plansPath + "?q=%00&kind=%00&status=draft", nil},
		{"GET", plansPath + "?year=99999999999999999999", nil},
		{"GET", plansPath + "?cursor=" + strings.Repeat("A", 5000), nil},
		{"GET", plansPath + "?cursor=WyJ4IiwieCIsIngiXQ", nil},           // ["x","x","x"]
		{"GET", plansPath + "?cursor=WzIwMjQsIjIwMjQtMDItMzAiLDFd", nil}, // [2024,"2024-02-30",1]
		{"GET", "/api/v1/tasks?cursor=WyIyMDI0LTEwLTAxIiwxZTQwMF0", nil}, // ["2024-10-01",1e400]
		{"GET", "/api/v1/tasks?due_from=0000-01-01&due_to=9999-12-31", nil},
		{"GET", "/api/v1/tasks?plan_id=9223372036854775807&unit_id=9223372036854775807", nil},
		{"POST", tasks, taskIn(9223372036854775807, nil)},
		{"POST", tasks, taskIn(e.A.Hamlet1.ID, map[string]any{"supporting_unit_ids": []int64{9223372036854775807}})},
		{"POST", tasks, taskIn(e.A.Hamlet1.ID, map[string]any{"target_value": 1e308, "weight": 1e-300})},
		{"POST", tasks, taskIn(e.A.Hamlet1.ID, map[string]any{"due_on": "9999-12-31", "title": sqlish})},
		{"POST", tasks, taskIn(e.A.Hamlet1.ID, map[string]any{"assignee_ids": make([]int64, 101)})},
		{"POST", tasks, taskIn(e.A.Hamlet1.ID, map[string]any{"assignee_ids": map[string]int{"a": 1}})},
		{"POST", progress, `{"percent": 9223372036854775808}`},
		{"POST", progress, `{"percent": 50, "actual_value": 1e400}`},
		{"POST", progress, `{"percent": 50, "actual_value": 1e308, "note": "` + sqlish + `"}`},
		{"POST", progress, `{"percent": [50]}`},
		{"PATCH", "/api/v1/tasks/" + itoa(task.ID), `{"weight": null, "target_value": null, "cancelled": null}`},
		{"PATCH", "/api/v1/plans/" + itoa(p.ID), `{"references": null, "year": 0}`},
		{"GET", "/api/v1/plans/99999999999999999999999", nil},
		{"POST", "/api/v1/units", map[string]any{"kind": "team", "name": "nul\u0000", "parent_id": -1}},
		{"POST", "/api/v1/auth/login", map[string]any{"username": sqlish, "password": strings.Repeat("p", 100000)}},
	}
	for _, c := range cases {
		if r := e.do(admin, c.method, c.path, c.body); r.Code >= 500 {
			t.Errorf("%s %s %.200v: %d %s", c.method, c.path, c.body, r.Code, r.Body)
		}
	}
	var page models.Page[plans.Plan]
	e.do(admin, "GET", plansPath+"?limit=200", nil).expect(http.StatusOK).decode(&page)
	if len(page.Items) < 1 {
		t.Errorf("plans table gone? %d plans", len(page.Items))
	}
}

// FuzzCreatePlanBody posts arbitrary bytes as a plan: whatever they are, the
// answer is not a 5xx and matches the document. Without -fuzz it runs the
// seeds as a test.
func FuzzCreatePlanBody(f *testing.F) {
	for _, seed := range []string{
		`{"doc_number":"06/KH-UBND","issued_on":"2024-01-31","kind":"admin_reform","title":"Cải cách hành chính"}`,
		`{"doc_number":"6/kh-UBND","issued_on":"2023-03-11","year":2024,"kind":"other","title":"x","confirm_duplicate":true}`,
		`{"doc_number":"06/KH-UBND","issued_on":"2024-02-30","kind":"admin_reform","title":"x"}`,
		`{"doc_number":"abc","references":[{"doc_number":"766/QĐ-TTg","issued_on":null}]}`,
		`{"title":"\u0000"}`,
		`{}`, `[]`, `null`, ``, `{"a":`, "\xff",
	} {
		f.Add([]byte(seed))
	}
	e := newEnvTB(f)
	e.lenient = true
	chair := e.chairA()
	f.Fuzz(func(t *testing.T, body []byte) {
		r := e.with(t).do(chair, "POST", "/api/v1/plans", body)
		if r.Code >= 500 {
			t.Fatalf("%q: %d %s", body, r.Code, r.Body)
		}
		if r.Code != http.StatusCreated && r.Code != http.StatusBadRequest && r.Code != http.StatusConflict &&
			r.Code != http.StatusRequestEntityTooLarge {
			t.Fatalf("%q: unexpected %d %s", body, r.Code, r.Body)
		}
	})
}
