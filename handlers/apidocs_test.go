package handlers_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/tiendo/tiendo/handlers/api"
	"github.com/tiendo/tiendo/internal/testfix"
)

// operationIDs lists "op-<operationId>" for every operation of the document.
func operationIDs(t *testing.T) []string {
	t.Helper()
	var doc struct {
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(api.OpenAPI(), &doc); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, item := range doc.Paths {
		for method, raw := range item {
			var op struct {
				OperationID string `json:"operationId"`
			}
			if method != "parameters" && json.Unmarshal(raw, &op) == nil {
				ids = append(ids, "op-"+op.OperationID)
			}
		}
	}
	return ids
}

// TestAPIDocsPage: the reference page shows every operation and schema of
// openapi.json, reaches nothing outside the server, speaks English on
// request, and every page's footer links to it.
func TestAPIDocsPage(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	r := e.do("", "GET", "/api/v1/docs", nil).expect(http.StatusOK)
	if ct := r.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
		t.Fatalf("content type %q", ct)
	}
	page := r.Body.String()
	for _, id := range append(operationIDs(t), "schema-Problem", "schema-Plan", "schema-Task") {
		if !strings.Contains(page, `id="`+id+`"`) {
			t.Errorf("the page has no section %s", id)
		}
	}
	for _, want := range []string{`<code>/api/v1/plans/{id}</code>`, `<a href="#schema-PlanPatch">PlanPatch</a>`,
		"Tài liệu API", "bearerAuth"} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	if outside := regexp.MustCompile(`(src|href)="(https?:)?//`).FindString(page); outside != "" {
		t.Errorf("the page loads from outside the server: %s", outside)
	}
	en := e.do("", "GET", "/api/v1/docs?lang=en", nil).expect(http.StatusOK).Body.String()
	if !strings.Contains(en, "<h1>API reference") {
		t.Error("the English page is not in English")
	}
	rec := httptest.NewRecorder()
	e.handler.ServeHTTP(rec, httptest.NewRequest("GET", "/dang-nhap", nil))
	if !strings.Contains(rec.Body.String(), `href="/api/v1/docs"`) {
		t.Errorf("the sign-in page's footer does not link the API reference: %s", rec.Body)
	}
}

// TestBrowserAPIDocs opens the reference in Chromium (a closed network, as
// in a commune office): it renders every operation, follows a schema link
// and fits a phone's width.
func TestBrowserAPIDocs(t *testing.T) {
	e := newPageEnv(t)
	srv := httptest.NewServer(e.h)
	t.Cleanup(srv.Close)
	b := newBrowser(t, srv.URL)
	phone := b.open(t, "phone", phoneW, phoneH)
	phone.visit("/", "#f-username")
	phone.submit("footer link", "#api-docs-link", "#api-docs")
	phone.check(phone.text("h1") != "" && strings.HasPrefix(phone.text("h1"), "Tài liệu API"), "heading %q", phone.text("h1"))
	ops := value(phone, "count operations", chromedp.Evaluate[int](`document.querySelectorAll(".api-op").length`))
	phone.check(ops == len(operationIDs(t)), "%d operations shown, want %d", ops, len(operationIDs(t)))
	phone.do("follow a schema link", chromedp.Click(chromedp.CSS(`#op-getPlan a[href="#schema-Plan"]`)))
	hash := value(phone, "read the address", chromedp.Evaluate[string](`location.hash`))
	phone.check(hash == "#schema-Plan", "the schema link led to %q", hash)
	phone.fitsWidth("the API reference")
	phone.look("api docs")
	_ = testfix.Password
}
