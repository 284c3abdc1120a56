package handlers_test

import (
	"net/http"
	"net/url"
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/plans"
)

// TestTextIsCleanOrRefused: invalid UTF-8 and control characters are 400s
// naming the field (never stored as "�"), a title of blanks and zero-width
// characters is empty, and line breaks and tabs stay allowed.
func TestTextIsCleanOrRefused(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	chair := e.chairA()
	for _, c := range []struct {
		body  any
		code  string
		field string
	}{
		{"{\"doc_number\":\"08/KH-UBND\",\"issued_on\":\"2024-01-01\",\"kind\":\"other\",\"title\":\"\xff\xfe\"}",
			"validation", "title"},
		{planIn(7, map[string]any{"title": "nul \u0000 byte"}), "validation", "title"},
		{planIn(7, map[string]any{"summary": "escape \u001b[31m"}), "validation", "summary"},
		{planIn(7, map[string]any{"title": "C1 \u0085"}), "validation", "title"},
		{planIn(7, map[string]any{"references": []map[string]any{{"doc_number": "766/QĐ-TTg", "title": "\u0007"}}}),
			"validation", "references[0].title"},
		{planIn(7, map[string]any{"title": " \u200b\u00a0\ufeff\u2060 "}), "validation", "title"},
	} {
		wantProblem(t, e.do(chair, "POST", "/api/v1/plans", c.body), http.StatusBadRequest, c.code, c.field)
	}
	e.do(chair, "POST", "/api/v1/plans", planIn(9, map[string]any{"summary": "Dòng 1\n\tDòng 2\r\n"})).
		expect(http.StatusCreated)
	var page models.Page[plans.Plan]
	e.do(chair, "GET", "/api/v1/plans?year=2024", nil).expect(http.StatusOK).decode(&page)
	if len(page.Items) != 1 {
		t.Fatalf("%d plans stored, want only the clean one", len(page.Items))
	}
}

// TestQueryParametersAreNamed: a query that does not decode or holds control
// characters is a 400 naming the parameter, not an unfiltered answer.
func TestQueryParametersAreNamed(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	chair := e.chairA()
	for path, field := range map[string]string{
		"/api/v1/plans?q=%zz":              "q",
		"/api/v1/plans?q=%00":              "q",
		"/api/v1/plans?year=2024&kind=%1b": "kind",
		"/api/v1/tasks?q=ab%ff":            "q",
	} {
		wantProblem(t, e.do(chair, "GET", path, nil), http.StatusBadRequest, "validation", field)
	}
}

// TestDecomposedTextIsOneText: a title typed with decomposed marks (NFD) is
// stored composed (NFC), so it finds and equals the one typed composed.
func TestDecomposedTextIsOneText(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	chair := e.chairA()
	nfd := norm.NFD.String("Kế hoạch tuyên truyền chuyển đổi số")
	var created plans.Plan
	e.do(chair, "POST", "/api/v1/plans", planIn(3, map[string]any{"title": nfd})).expect(http.StatusCreated).decode(&created)
	if created.Title != norm.NFC.String(nfd) {
		t.Fatalf("stored %q, want the NFC form", created.Title)
	}
	for _, q := range []string{"Kế hoạch tuyên truyền", norm.NFD.String("Kế hoạch tuyên"), "ke hoach tuyen truyen"} {
		var page models.Page[plans.Plan]
		e.do(chair, "GET", "/api/v1/plans?year=2024&q="+url.QueryEscape(q), nil).expect(http.StatusOK).decode(&page)
		if len(page.Items) != 1 || page.Items[0].ID != created.ID {
			t.Errorf("search %q found %d plans", q, len(page.Items))
		}
	}
}
