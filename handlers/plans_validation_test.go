package handlers_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/plans"
)

// jsonOf encodes v for cases that need to append to or cut a body.
func jsonOf(t testing.TB, v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestCreatePlanRejections: each bad body is a 400 naming the field to fix,
// and stores nothing.
func TestCreatePlanRejections(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	chair := e.chairA()
	e.mkPlan(chair, planIn(1, nil))
	valid := jsonOf(t, planIn(2, nil))
	cases := []struct {
		name  string
		body  any
		field string
	}{
		{"malformed", `{"doc_number": "02/KH-UBND",`, "body"},
		{"not an object", `[1, 2]`, "body"},
		{"empty body", ``, "body"},
		{"trailing garbage", valid + ` x`, "body"},
		{"two objects", valid + valid, "body"},
		{"unknown field", planIn(2, map[string]any{"colour": "đỏ"}), "colour"},
		{"no doc_number", planIn(2, map[string]any{"doc_number": nil}), "doc_number"},
		{"no issued_on", planIn(2, map[string]any{"issued_on": nil}), "issued_on"},
		{"no kind", planIn(2, map[string]any{"kind": nil}), "kind"},
		{"no title", planIn(2, map[string]any{"title": nil}), "title"},
		{"blank title", planIn(2, map[string]any{"title": "   "}), "title"},
		{"title too long", planIn(2, map[string]any{"title": strings.Repeat("ạ", 501)}), "title"},
		{"NUL in summary", planIn(2, map[string]any{"summary": "a\u0000b"}), "summary"},
		{"30 February", planIn(2, map[string]any{"issued_on": "2024-02-30"}), "issued_on"},
		{"dd/mm/yyyy", planIn(2, map[string]any{"issued_on": "31/01/2024"}), "issued_on"},
		{"date as number", planIn(2, map[string]any{"issued_on": 20240131}), "issued_on"},
		{"number without number", planIn(2, map[string]any{"doc_number": "KH-UBND"}), "doc_number"},
		{"number without symbol", planIn(2, map[string]any{"doc_number": "06"}), "doc_number"},
		{"number not a number", planIn(2, map[string]any{"doc_number": "abc/KH-UBND"}), "doc_number"},
		{"letter, not a plan", planIn(2, map[string]any{"doc_number": "123/UBND-VP"}), "doc_number"},
		{"unknown kind", planIn(2, map[string]any{"kind": "festival"}), "kind"},
		{"unknown status", planIn(2, map[string]any{"status": "archived"}), "status"},
		{"year out of range", planIn(2, map[string]any{"year": 1800}), "year"},
		{"year as string", planIn(2, map[string]any{"year": "2024"}), "year"},
		{"title as number", planIn(2, map[string]any{"title": 5}), "title"},
		{"references not a list", planIn(2, map[string]any{"references": "766/QĐ-TTg"}), "references"},
		{"key in another case", planIn(2, map[string]any{"Summary": "x"}), "Summary"},
		{"null for a number", strings.TrimSuffix(valid, "}") + `, "year": null}`, "year"},
		{"null for a flag", strings.TrimSuffix(valid, "}") + `, "confirm_duplicate": null}`, "confirm_duplicate"},
		{"nested key in another case", planIn(2, map[string]any{"references": []map[string]any{{"Doc_Number": "766/QĐ-TTg"}}}),
			"references[0].Doc_Number"},
		{"null body", `null`, "body"},
		{"bad reference", planIn(2, map[string]any{"references": []map[string]any{{"doc_number": "x"}}}), "references[0].doc_number"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := e.with(t)
			e.do(chair, "POST", "/api/v1/plans", c.body).invalid(c.field)
			if n := e.planCount(); n != 1 {
				t.Fatalf("%d plans after a refused create", n)
			}
		})
	}
}

func TestPatchPlanRejections(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	chair := e.chairA()
	p := e.mkPlan(chair, planIn(3, nil))
	path := "/api/v1/plans/" + itoa(p.ID)
	cases := []struct {
		body  any
		field string
	}{
		{`{"title":`, "body"},
		{`{"title": "a"} {}`, "body"},
		{map[string]any{"colour": 1}, "colour"},
		{map[string]any{"issued_on": "2024-02-30"}, "issued_on"},
		{map[string]any{"issued_on": "31/01/2024"}, "issued_on"},
		{map[string]any{"doc_number": "abc/KH-UBND"}, "doc_number"},
		{map[string]any{"kind": "festival"}, "kind"},
		{map[string]any{"title": ""}, "title"},
		{map[string]any{"status": "archived"}, "status"},
		{map[string]any{"year": "2024"}, "year"},
	}
	for _, c := range cases {
		e.do(chair, "PATCH", path, c.body).invalid(c.field)
	}
	var got plans.Plan
	e.do(chair, "GET", path, nil).expect(http.StatusOK).decode(&got)
	if got.Version != 1 || got.Title != p.Title || got.Kind != p.Kind {
		t.Errorf("refused patches changed the plan: %+v", got)
	}
}

// TestBodyTooLarge: a body over 1 MiB is a 413 wherever a body is read.
func TestBodyTooLarge(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	chair := e.chairA()
	p := e.mkPlan(chair, planIn(1, nil))
	task := e.mkTask(chair, p.ID, taskIn(e.A.Hamlet1.ID, nil))
	huge := `{"title":"` + strings.Repeat("a", 1<<20) + `"}`
	for _, req := range [][2]string{
		{"POST", "/api/v1/plans"}, {"PATCH", "/api/v1/plans/" + itoa(p.ID)},
		{"POST", "/api/v1/plans/" + itoa(p.ID) + "/tasks"}, {"PATCH", "/api/v1/tasks/" + itoa(task.ID)},
		{"POST", "/api/v1/tasks/" + itoa(task.ID) + "/progress"}, {"POST", "/api/v1/units"},
		{"POST", "/api/v1/auth/login"},
	} {
		e.do(user(e.A, models.RoleAdmin), req[0], req[1], huge).expectProblem(http.StatusRequestEntityTooLarge, "too_large")
	}
	// Trailing whitespace past the limit after a valid body is still too large.
	padded := jsonOf(t, planIn(2, nil)) + strings.Repeat(" ", 1<<20)
	e.do(chair, "POST", "/api/v1/plans", padded).expectProblem(http.StatusRequestEntityTooLarge, "too_large")
	if n := e.planCount(); n != 1 {
		t.Errorf("%d plans after refused creates", n)
	}
	var got plans.Task
	e.do(chair, "GET", "/api/v1/tasks/"+itoa(task.ID), nil).expect(http.StatusOK).decode(&got)
	if got.Version != 1 || got.Percent != 0 {
		t.Errorf("refused writes changed the task: %+v", got)
	}
}
