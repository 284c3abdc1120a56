package handlers_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/tiendo/tiendo/handlers"
	"github.com/tiendo/tiendo/handlers/api"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/calendar"
	"github.com/tiendo/tiendo/models/plans"
)

func TestHealthAndOpenAPI(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	var h struct{ Status string }
	e.do("", "GET", "/healthz", nil).expect(http.StatusOK).decode(&h)
	if h.Status != "ok" {
		t.Errorf("healthz %q", h.Status)
	}
	e.do("", "GET", "/readyz", nil).expect(http.StatusOK).decode(&h)
	if h.Status != "ready" {
		t.Errorf("readyz %q", h.Status)
	}
	r := e.do("", "GET", "/api/v1/openapi.json", nil).expect(http.StatusOK)
	var doc struct {
		OpenAPI string `json:"openapi"`
	}
	r.decode(&doc)
	if doc.OpenAPI != "3.1.0" || !strings.HasPrefix(r.Header().Get("Content-Type"), "application/json") ||
		!bytes.Equal(r.Body.Bytes(), api.OpenAPI()) {
		t.Errorf("openapi.json: %q, content type %q", doc.OpenAPI, r.Header().Get("Content-Type"))
	}
	spec(t) // parses, builds and passes the OpenAPI schema check
}

// docOperations lists the document's operations as "METHOD /path".
func docOperations(t *testing.T) map[string]json.RawMessage {
	var doc struct {
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(api.OpenAPI(), &doc); err != nil {
		t.Fatal(err)
	}
	ops := map[string]json.RawMessage{}
	for path, item := range doc.Paths {
		for method, op := range item {
			switch method {
			case "get", "post", "put", "patch", "delete", "head", "options":
				ops[strings.ToUpper(method)+" "+path] = op
			}
		}
	}
	return ops
}

var ginParam = regexp.MustCompile(`:(\w+)`)

// TestEveryRouteIsDocumented: the router and the document list the same API
// operations.
func TestEveryRouteIsDocumented(t *testing.T) {
	t.Parallel()
	ops := docOperations(t)
	routed := map[string]bool{}
	for _, r := range handlers.RouteList() {
		op := ginParam.ReplaceAllString(r, "{$1}")
		routed[op] = true
		_, path, _ := strings.Cut(op, " ")
		// HTML pages and static files are not the JSON API.
		if !strings.HasPrefix(path, "/api/") && path != "/healthz" && path != "/readyz" {
			continue
		}
		if _, ok := ops[op]; !ok {
			t.Errorf("route %s is not in openapi.json", op)
		}
	}
	for op := range ops {
		if !routed[op] {
			t.Errorf("openapi.json has %s, which the router does not", op)
		}
	}
}

// TestEveryDocumentedOperationAnswers sends each documented operation
// through the real handler: an operation that needs a session answers 401
// without one (the router's NoRoute would answer 404, NoMethod 405), and a
// public one answers something other than 404/405.
func TestEveryDocumentedOperationAnswers(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for op, raw := range docOperations(t) {
		method, path, _ := strings.Cut(op, " ")
		path = regexp.MustCompile(`\{\w+\}`).ReplaceAllString(path, "1")
		var o struct {
			Security *[]map[string][]string `json:"security"`
		}
		if err := json.Unmarshal(raw, &o); err != nil {
			t.Fatal(err)
		}
		var body any
		if method != "GET" && method != "DELETE" {
			body = "{}"
		}
		r := e.do("", method, path, body)
		if o.Security == nil || len(*o.Security) > 0 { // the global requirement applies
			if r.Code != http.StatusUnauthorized || r.problem().Code != "unauthenticated" {
				t.Errorf("%s without a session: %d %s", op, r.Code, r.Body)
			}
		} else if op == "GET /lich/{feed}" {
			continue // the path is the feed's secret: any other is 404 by design (TestCalendarFeed)
		} else if r.Code == http.StatusNotFound || r.Code == http.StatusMethodNotAllowed {
			t.Errorf("public %s: %d %s", op, r.Code, r.Body)
		}
	}
	e.do(e.chairA(), "PUT", "/api/v1/plans", "{}").expectProblem(http.StatusMethodNotAllowed, "method_not_allowed")
	e.do(e.chairA(), "GET", "/api/v1/nothing-here", nil).expectProblem(http.StatusNotFound, "not_found")
}

// validPlan is a plan as the API sends it, built from the Go type so that a
// field added to models.Plan but not to the document fails here too.
func validPlan() map[string]any {
	now := time.Date(2024, 9, 30, 9, 0, 0, 0, models.VietnamTime)
	rate := 50.0
	p := plans.Plan{ID: 1, DocNumber: "06/KH-UBND", DocNo: 6, DocType: "KH", DocSymbol: "KH-UBND",
		IssuedOn: calendar.NewDate(2024, 1, 31), Year: 2024, Kind: "admin_reform", Title: "Cải cách hành chính",
		Status: "active", Version: 1, CreatedAt: now, UpdatedAt: now, TaskCounts: plans.NewStatusCounts(),
		CompletionRate: &rate, References: []plans.Reference{{DocNumber: "766/QĐ-TTg"}},
		Warnings: []models.Warning{{Code: "duplicate_number", Message: "trùng số", Related: []int64{2}}}}
	var m map[string]any
	b, _ := json.Marshal(p)
	_ = json.Unmarshal(b, &m)
	return m
}

func validTask() map[string]any {
	now := time.Date(2024, 9, 30, 9, 0, 0, 0, models.VietnamTime)
	task := plans.Task{ID: 1, PlanID: 1, Title: "Rà soát", LeadUnitID: 1, SupportingUnitIDs: []int64{2},
		AssigneeIDs: []int64{}, SubtaskIDs: []int64{}, StartOn: calendar.NewDate(2024, 9, 1), DueOn: calendar.NewDate(2024, 10, 1),
		Weight: 1, Percent: 100, Status: "done_on_time", CompletedAt: &now, Version: 3, CreatedAt: now, UpdatedAt: now}
	var m map[string]any
	b, _ := json.Marshal(task)
	_ = json.Unmarshal(b, &m)
	return m
}

// TestContractCatchesDrift feeds the validator deliberately wrong exchanges.
func TestContractCatchesDrift(t *testing.T) {
	t.Parallel()
	v := spec(t)
	respond := func(method, path string, status int, body any, headers ...string) (bool, string) {
		req := httptest.NewRequest(method, path, nil)
		req.Header.Set("Authorization", "Bearer x")
		b, _ := json.Marshal(body)
		res := &http.Response{StatusCode: status, Header: http.Header{}, Body: io.NopCloser(bytes.NewReader(b))}
		res.Header.Set("Content-Type", "application/json")
		for i := 0; i+1 < len(headers); i += 2 {
			res.Header.Set(headers[i], headers[i+1])
		}
		ok, errs := v.ValidateHttpResponse(req, res)
		return ok, messages(errs)
	}
	etag := []string{"ETag", `"1"`}
	drop := func(m map[string]any, k string) map[string]any { delete(m, k); return m }
	set := func(m map[string]any, k string, v any) map[string]any { m[k] = v; return m }
	cases := []struct {
		name          string
		method, path  string
		status        int
		body          any
		headers       []string
		wantConformed bool
	}{
		{"valid plan", "GET", "/api/v1/plans/1", 200, validPlan(), etag, true},
		{"valid task", "GET", "/api/v1/tasks/1", 200, validTask(), etag, true},
		{"plan without title", "GET", "/api/v1/plans/1", 200, drop(validPlan(), "title"), etag, false},
		{"plan with a secret field", "GET", "/api/v1/plans/1", 200, set(validPlan(), "created_by_hash", "x"), etag, false},
		{"plan with a bogus status", "GET", "/api/v1/plans/1", 200, set(validPlan(), "status", "bogus"), etag, false},
		{"plan with a string id", "GET", "/api/v1/plans/1", 200, set(validPlan(), "id", "1"), etag, false},
		{"plan with a bad date", "GET", "/api/v1/plans/1", 200, set(validPlan(), "issued_on", "31/01/2024"), etag, false},
		{"plan without ETag", "GET", "/api/v1/plans/1", 200, validPlan(), nil, false},
		{"task with a bogus status", "GET", "/api/v1/tasks/1", 200, set(validTask(), "status", "bogus"), etag, false},
		{"task at 101 %", "GET", "/api/v1/tasks/1", 200, set(validTask(), "percent", 101), etag, false},
		{"task with null ids", "GET", "/api/v1/tasks/1", 200, set(validTask(), "assignee_ids", nil), etag, false},
		{"undocumented status", "GET", "/api/v1/plans/1", 418, validPlan(), etag, false},
		{"page without next", "GET", "/api/v1/plans", 200, map[string]any{"items": []any{}}, nil, false},
		{"problem as plain JSON", "GET", "/api/v1/plans/1", 404, map[string]any{"type": "about:blank",
			"title": "Không tìm thấy", "status": 404, "code": "not_found"}, nil, false},
	}
	for _, c := range cases {
		ok, msgs := respond(c.method, c.path, c.status, c.body, c.headers...)
		if ok != c.wantConformed {
			t.Errorf("%s: validator says conformant=%v, want %v\n%s", c.name, ok, c.wantConformed, msgs)
		}
	}
	// Requests the handlers would refuse do not conform either.
	for target, conforms := range map[string]bool{
		"/api/v1/tasks?status=due_soon,overdue&due_from=2024-10-01&limit=200": true,
		"/api/v1/tasks?status=bogus":                                          false,
		"/api/v1/tasks?due_from=31/12/2024":                                   false,
		"/api/v1/tasks?limit=0":                                               false,
		"/api/v1/plans?kind=festival":                                         false,
		"/api/v1/plans/abc":                                                   false,
	} {
		req := httptest.NewRequest("GET", target, nil)
		req.Header.Set("Authorization", "Bearer x")
		if ok, errs := v.ValidateHttpRequestSync(req); ok != conforms {
			t.Errorf("GET %s: conformant=%v, want %v\n%s", target, ok, conforms, messages(errs))
		}
	}
	if ok, _ := v.ValidateHttpRequestSync(httptest.NewRequest("GET", "/api/v1/plans", nil)); ok {
		t.Errorf("GET /api/v1/plans without credentials passed")
	}
	for _, body := range []string{
		`{"doc_number":"06/KH-UBND","issued_on":"2024-01-31","kind":"admin_reform","title":"a","colour":1}`,
		`{"doc_number":"06/KH-UBND","issued_on":"2024-01-31","kind":"admin_reform"}`,
		`{"doc_number":"06/KH-UBND","issued_on":"2024-01-31","kind":"festival","title":"a"}`,
	} {
		req := httptest.NewRequest("POST", "/api/v1/plans", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer x")
		if ok, _ := v.ValidateHttpRequestSync(req); ok {
			t.Errorf("request %s passed", body)
		}
	}
}
