package handlers

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/tiendo/tiendo/handlers/httpx"
	"github.com/tiendo/tiendo/handlers/pages"
)

// TestPagePanicIsAnHTMLErrorPage: a page that panics answers the HTML 500
// Page — no JSON, no panic text, no stack — and the log has both; the API
// keeps answering a panic with problem+json.
func TestPagePanicIsAnHTMLErrorPage(t *testing.T) {
	var logs bytes.Buffer
	opts := httpx.Options{Log: slog.New(slog.NewTextHandler(&logs, nil))}
	r := newEngine(nil, opts)
	h := &pages.Handler{Base: &httpx.Base{Log: opts.Log, Opts: opts}}
	boom := func(*gin.Context) error { panic("boom: secret internals") }
	h.PageGroup(r).GET("/thu-loi", h.Page(boom))
	r.GET("/api/v1/thu-loi", httpx.Wrap(boom))

	rec := httptest.NewRecorder()
	req := httptest.NewRequest("GET", "/thu-loi", nil)
	req.Header.Set("Accept", "text/html")
	r.ServeHTTP(rec, req)
	body := rec.Body.String()
	if rec.Code != http.StatusInternalServerError || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") {
		t.Fatalf("page panic: %d %q", rec.Code, rec.Header().Get("Content-Type"))
	}
	if !strings.Contains(body, `<html lang="vi">`) || !strings.Contains(body, "Lỗi hệ thống") ||
		strings.Contains(body, "secret internals") || strings.Contains(body, "goroutine") {
		t.Fatalf("page panic body: %.1500s", body)
	}
	if !strings.Contains(logs.String(), "boom: secret internals") || !strings.Contains(logs.String(), "goroutine") {
		t.Fatalf("the panic and its stack are not logged: %s", logs.String())
	}

	rec = httptest.NewRecorder()
	r.ServeHTTP(rec, httptest.NewRequest("GET", "/api/v1/thu-loi", nil))
	if rec.Code != http.StatusInternalServerError || rec.Header().Get("Content-Type") != httpx.ProblemType ||
		strings.Contains(rec.Body.String(), "secret internals") {
		t.Fatalf("API panic: %d %q %s", rec.Code, rec.Header().Get("Content-Type"), rec.Body)
	}
}
