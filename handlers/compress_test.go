package handlers_test

import (
	"compress/gzip"
	"io"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestTextIsCompressedFilesAreNot: a page over a weak connection arrives
// gzipped and reads the same, an error page too; an XLSX report (a zip
// already) and a short problem document (under 1 KB) go out as they are.
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
	if page := gunzip(t, rec); !strings.Contains(page, e.plan.Title) {
		t.Fatalf("the gzipped page does not read back: %.200s", page)
	}

	rec = get("/api/v1/reports?period=2024-M9&format=xlsx")
	if rec.Code != 200 || rec.Header().Get("Content-Encoding") != "" || !strings.HasPrefix(rec.Body.String(), "PK") {
		t.Fatalf("xlsx report: %d, encoding %q", rec.Code, rec.Header().Get("Content-Encoding"))
	}
	rec = get("/ke-hoach/999999999")
	if rec.Code != 404 || rec.Header().Get("Content-Encoding") != "gzip" || !strings.Contains(gunzip(t, rec), "<html") {
		t.Fatalf("missing plan: %d, encoding %q", rec.Code, rec.Header().Get("Content-Encoding"))
	}
	rec = get("/api/v1/plans/999999999")
	if rec.Code != 404 || rec.Header().Get("Content-Encoding") != "" || !strings.Contains(rec.Body.String(), `"status":404`) {
		t.Fatalf("missing plan, API: %d, encoding %q: %s", rec.Code, rec.Header().Get("Content-Encoding"), rec.Body)
	}
}

// gunzip reads a gzipped answer back.
func gunzip(t *testing.T, rec *httptest.ResponseRecorder) string {
	t.Helper()
	zr, err := gzip.NewReader(rec.Body)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
