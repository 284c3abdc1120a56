package handlers_test

import (
	"crypto/tls"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/accounts"
)

func TestSessionIdleExpiry(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	tok := e.signIn(user(e.A, models.RoleOfficer), testfix.Password)
	e.Clock.Set(testfix.Now.Add(accounts.SessionIdle - time.Minute))
	if r := e.as(tok, "GET", "/api/v1/me", nil); r.Code != http.StatusOK {
		t.Fatalf("just inside the idle limit: %d %s", r.Code, r.Body)
	}
	// That use restarted the idle clock; a full idle period afterwards ends
	// the session, still well inside its absolute lifetime.
	e.Clock.Advance(accounts.SessionIdle + time.Second)
	wantProblem(t, e.as(tok, "GET", "/api/v1/me", nil), http.StatusUnauthorized, "unauthenticated")
}

func TestSessionAbsoluteExpiry(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	tok := e.signIn(user(e.A, models.RoleOfficer), testfix.Password)
	// Used every ten days, the session never idles out, yet it still ends
	// SessionAbsolute after sign-in.
	for at := 10 * 24 * time.Hour; at < accounts.SessionAbsolute; at += 10 * 24 * time.Hour {
		e.Clock.Set(testfix.Now.Add(at))
		if r := e.as(tok, "GET", "/api/v1/me", nil); r.Code != http.StatusOK {
			t.Fatalf("day %v: %d %s", at/(24*time.Hour), r.Code, r.Body)
		}
	}
	e.Clock.Set(testfix.Now.Add(accounts.SessionAbsolute - time.Second))
	if r := e.as(tok, "GET", "/api/v1/me", nil); r.Code != http.StatusOK {
		t.Fatalf("a second before the absolute limit: %d %s", r.Code, r.Body)
	}
	e.Clock.Set(testfix.Now.Add(accounts.SessionAbsolute))
	wantProblem(t, e.as(tok, "GET", "/api/v1/me", nil), http.StatusUnauthorized, "unauthenticated")
}

func TestSessionCookie(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	body := `{"username":"` + user(e.A, models.RoleOfficer) + `","password":"` + testfix.Password + `"}`
	r := e.do("", "POST", "/api/v1/auth/login", body)
	c := cookieOf(t, r.ResponseRecorder)
	if !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Secure || c.Path != "/" ||
		c.MaxAge != int(accounts.SessionAbsolute.Seconds()) {
		t.Fatalf("cookie over plain HTTP: %+v", c)
	}
	req := httptest.NewRequest("POST", "/api/v1/auth/login", strings.NewReader(body))
	req.TLS = &tls.ConnectionState{}
	rec := httptest.NewRecorder()
	e.handler.ServeHTTP(rec, req)
	if c := cookieOf(t, rec); !c.Secure {
		t.Fatalf("cookie over TLS is not Secure: %+v", c)
	}
	if rec.Header().Get("Strict-Transport-Security") == "" {
		t.Error("no HSTS over TLS")
	}
	// A second sign-in is a new session, never the old one again.
	if e.signIn(user(e.A, models.RoleOfficer), testfix.Password) == c.Value {
		t.Error("sign-in reused a session id")
	}
}

func cookieOf(t *testing.T, rec *httptest.ResponseRecorder) *http.Cookie {
	t.Helper()
	for _, c := range rec.Result().Cookies() {
		if c.Name == "tiendo_session" {
			return c
		}
	}
	t.Fatalf("no session cookie: %d %v %s", rec.Code, rec.Header(), rec.Body)
	return nil
}

// TestCrossSiteCookieWrites: a cookie-authenticated write is refused when
// the browser says it comes from another site, and passes from the same one.
func TestCrossSiteCookieWrites(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	cookie := "tiendo_session=" + e.signIn(user(e.A, models.RoleOfficer), testfix.Password)
	body := map[string]string{"name": "Tích hợp"}
	refused := [][]string{
		{"Cookie", cookie, "Sec-Fetch-Site", "cross-site"},
		{"Cookie", cookie, "Sec-Fetch-Site", "same-site"},
		{"Cookie", cookie, "Origin", "https://evil.example"},
	}
	for _, h := range refused {
		r := e.do("", "POST", "/api/v1/me/tokens", body, h...)
		wantProblem(t, r, http.StatusForbidden, "cross_origin")
		wantSecurityHeaders(t, r.ResponseRecorder)
	}
	allowed := [][]string{
		{"Cookie", cookie, "Sec-Fetch-Site", "same-origin"},
		{"Cookie", cookie, "Origin", "http://example.com"}, // httptest's Host
		{"Cookie", cookie}, // not a browser
	}
	for _, h := range allowed {
		if r := e.do("", "POST", "/api/v1/me/tokens", body, h...); r.Code != http.StatusCreated {
			t.Errorf("%v: %d %s", h, r.Code, r.Body)
		}
	}
	// Reading across sites is not a write: it passes (and SameSite keeps the cookie home anyway).
	if r := e.do("", "GET", "/api/v1/me", nil, "Cookie", cookie, "Sec-Fetch-Site", "cross-site"); r.Code != http.StatusOK {
		t.Errorf("cross-site GET: %d %s", r.Code, r.Body)
	}
}

func TestSecurityHeadersOnEveryResponse(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for _, r := range []response{
		e.do("", "GET", "/healthz", nil),
		e.do("", "GET", "/api/v1/me", nil),
		e.do("", "GET", "/api/v1/no-such-thing", nil),
		e.do(user(e.A, models.RoleOfficer), "GET", "/api/v1/me", nil),
		e.do("", "POST", "/api/v1/auth/login", "{"),
	} {
		wantSecurityHeaders(t, r.ResponseRecorder)
		if r.Header().Get("Strict-Transport-Security") != "" {
			t.Errorf("HSTS over plain HTTP on a %d", r.Code)
		}
	}
}

func wantSecurityHeaders(t *testing.T, rec *httptest.ResponseRecorder) {
	t.Helper()
	for name, want := range map[string]string{
		"X-Content-Type-Options":  "nosniff",
		"X-Frame-Options":         "DENY",
		"Referrer-Policy":         "same-origin",
		"Content-Security-Policy": "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'",
	} {
		if got := rec.Header().Get(name); got != want {
			t.Errorf("%d response: %s = %q, want %q", rec.Code, name, got, want)
		}
	}
}
