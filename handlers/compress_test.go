package handlers_test

import (
	"compress/gzip"
	"io"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestTextIsCompressedFilesAreNot: a page over a weak connection arrives
// gzipped and reads the same; an XLSX report (a zip already) and an error
// go out as they are.
func TestTextIsCompressedFilesAreNot(t *testing.T) {
	t.Parallel()
	e := newPageEnv(t)
	get := func(path string) *httptest.ResponseRecorder {
		req := httptest.NewRequest("GET", path, nil)
		req.Header.Set("Accept-Encoding", "gzip, deflate, br")
		return e.serve(e.chairA.Username, req)
	}
	rec := get("/ke-hoach/" + itoa(e.plan.ID))
	if rec.Code != 200 || rec.Header().Get("Content-Encoding") != "gzip" {
		t.Fatalf("plan page: %d, encoding %q", rec.Code, rec.Header().Get("Content-Encoding"))
	}
	zr, err := gzip.NewReader(rec.Body)
	if err != nil {
		t.Fatal(err)
	}
	page, err := io.ReadAll(zr)
	if err != nil || !strings.Contains(string(page), e.plan.Title) {
		t.Fatalf("the gzipped page does not read back (%v): %.200s", err, page)
	}

	rec = get("/api/v1/reports?period=2024-M9&format=xlsx")
	if rec.Code != 200 || rec.Header().Get("Content-Encoding") != "" || !strings.HasPrefix(rec.Body.String(), "PK") {
		t.Fatalf("xlsx report: %d, encoding %q", rec.Code, rec.Header().Get("Content-Encoding"))
	}
	rec = get("/ke-hoach/999999999")
	if rec.Code != 404 || rec.Header().Get("Content-Encoding") != "" || !strings.Contains(rec.Body.String(), "<html") {
		t.Fatalf("missing plan: %d, encoding %q", rec.Code, rec.Header().Get("Content-Encoding"))
	}
}
