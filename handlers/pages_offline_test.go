package handlers_test

import (
	"encoding/json"
	"fmt"
	"image/png"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestInstallableAppFiles: every page links the manifest; the manifest has
// what Chromium asks of an installable app (a Vietnamese name, a short name,
// PNG icons of 192 and 512 px that are really that size, a start URL on "Việc
// của tôi", standalone display); the service worker is served at the root
// with the versioned shell filled in, a strong ETag and 304 on revalidation.
func TestInstallableAppFiles(t *testing.T) {
	t.Parallel()
	e := newPageEnv(t)
	for _, page := range []string{"/dang-nhap", "/viec-cua-toi"} {
		rec := e.get(e.team, page)
		if rec.Code == http.StatusOK && !strings.Contains(rec.Body.String(), `<link rel="manifest" href="/manifest.webmanifest">`) {
			t.Errorf("%s does not link the manifest", page)
		}
	}
	rec := e.get("", "/manifest.webmanifest")
	wantStatus(t, rec, http.StatusOK)
	if ct := rec.Header().Get("Content-Type"); ct != "application/manifest+json" {
		t.Fatalf("manifest type %q", ct)
	}
	var m struct {
		Name      string `json:"name"`
		ShortName string `json:"short_name"`
		StartURL  string `json:"start_url"`
		Display   string `json:"display"`
		Scope     string `json:"scope"`
		Icons     []struct{ Src, Sizes, Type, Purpose string }
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &m); err != nil {
		t.Fatal(err)
	}
	if m.Name != "tiendo – Việc của tôi" || m.ShortName == "" || m.StartURL != "/viec-cua-toi" ||
		m.Display != "standalone" || m.Scope != "/" {
		t.Fatalf("manifest %+v", m)
	}
	sizes := map[string]bool{}
	for _, icon := range m.Icons {
		img := e.get("", icon.Src)
		wantStatus(t, img, http.StatusOK)
		cfg, err := png.DecodeConfig(img.Body)
		if err != nil || icon.Type != "image/png" || fmt.Sprintf("%dx%d", cfg.Width, cfg.Height) != icon.Sizes {
			t.Fatalf("icon %+v: %v %+v", icon, err, cfg)
		}
		if !strings.Contains(icon.Src, "?v=") || !strings.Contains(img.Header().Get("Cache-Control"), "immutable") {
			t.Errorf("icon %s is not versioned", icon.Src)
		}
		sizes[icon.Sizes] = true
	}
	if !sizes["192x192"] || !sizes["512x512"] {
		t.Fatalf("icons %v", sizes)
	}

	sw := e.get("", "/sw.js")
	wantStatus(t, sw, http.StatusOK)
	js := sw.Body.String()
	if !strings.HasPrefix(sw.Header().Get("Content-Type"), "text/javascript") || strings.Contains(js, "__SHELL__") ||
		strings.Contains(js, "__VERSION__") || !strings.Contains(js, "/static/app.css?v=") {
		t.Fatalf("worker %s:\n%.300s", sw.Header().Get("Content-Type"), js)
	}
	if strings.Contains(js, "http://") || strings.Contains(js, "https://") {
		t.Error("the worker names a resource outside the site")
	}
	req := httptest.NewRequest("GET", "/sw.js", nil)
	req.Header.Set("If-None-Match", sw.Header().Get("ETag"))
	wantStatus(t, e.serve("", req), http.StatusNotModified)
	if sw.Header().Get("Content-Security-Policy") == "" {
		t.Error("the worker is served without the site's CSP")
	}
}
