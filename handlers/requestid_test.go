package handlers_test

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/tiendo/tiendo/handlers"
	"github.com/tiendo/tiendo/handlers/httpx"
	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/models"
)

// syncBuffer is a log destination the router's goroutine and the test share.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestRequestIDOnEveryAnswer: a success, a problem and the cross-origin
// refusal (answered outside gin) all carry X-Request-Id; the problem repeats
// it as instance and the request's log line names it.
func TestRequestIDOnEveryAnswer(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	var logs syncBuffer
	e.handler = handlers.New(e.Store, httpx.Options{Log: slog.New(slog.NewTextHandler(&logs, nil))})

	ok := e.do("", "GET", "/healthz", nil).expect(http.StatusOK)
	first := ok.Header().Get(httpx.RequestIDHeader)
	if len(first) != 16 {
		t.Fatalf("generated id %q, want 16 characters", first)
	}
	missing := e.do(e.chairA(), "GET", "/api/v1/plans/987654", nil)
	p := missing.expectProblem(http.StatusNotFound, "not_found")
	id := missing.Header().Get(httpx.RequestIDHeader)
	if id == "" || id == first || p.Instance != id {
		t.Fatalf("404: header %q (first %q), instance %q", id, first, p.Instance)
	}
	if !strings.Contains(logs.String(), "request_id="+id+" method=GET path=/api/v1/plans/987654 status=404") {
		t.Fatalf("no log line names %s:\n%s", id, logs.String())
	}

	cookie := "tiendo_session=" + e.signIn(user(e.A, models.RoleOfficer), testfix.Password)
	refused := e.do("", "POST", "/api/v1/me/tokens", map[string]string{"name": "x"}, "Cookie", cookie, "Sec-Fetch-Site", "cross-site")
	p = refused.expectProblem(http.StatusForbidden, "cross_origin")
	if id := refused.Header().Get(httpx.RequestIDHeader); id == "" || p.Instance != id {
		t.Fatalf("cross-origin refusal: header %q, instance %q", id, p.Instance)
	}
}

// TestRequestIDFromTrustedProxyOnly: a proxy's id is kept only when the
// connection comes from a configured proxy and the id is well formed; any
// other client's is replaced, or it could name a request it did not make.
func TestRequestIDFromTrustedProxyOnly(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.handler = handlers.New(e.Store, httpx.Options{Log: slog.New(slog.DiscardHandler),
		TrustedProxies: []string{"198.51.100.0/24"}})
	cases := []struct {
		from, sent string
		kept       bool
	}{
		{"198.51.100.7", "lb-7f3a:0042", true},
		{"198.51.100.7", "có dấu", false},
		{"198.51.100.7", strings.Repeat("a", 65), false},
		{"203.0.113.5", "lb-7f3a:0042", false},
		{"[::ffff:198.51.100.9]", "ipv4-mapped", true},
	}
	for _, c := range cases {
		newReq := func() *http.Request {
			req := httptest.NewRequest("GET", "/healthz", nil)
			req.RemoteAddr = c.from + ":40000"
			req.Header.Set(httpx.RequestIDHeader, c.sent)
			return req
		}
		rec := httptest.NewRecorder()
		e.handler.ServeHTTP(rec, newReq())
		checkContract(t, newReq(), rec, true)
		got := rec.Header().Get(httpx.RequestIDHeader)
		if (got == c.sent) != c.kept || got == "" {
			t.Errorf("from %s sending %q: answered %q, kept want %v", c.from, c.sent, got, c.kept)
		}
	}
}

// FuzzParseRequestID: whatever a proxy sends, the id kept is either nothing
// or the whole input, and only of characters safe in a log line.
func FuzzParseRequestID(f *testing.F) {
	for _, s := range []string{"", "abc", "lb-7f3a:0042", "a b", "x\ny", strings.Repeat("z", 65), "ấp"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := httpx.ParseRequestID(s)
		if got != "" && got != s {
			t.Fatalf("%q became %q", s, got)
		}
		if strings.ContainsFunc(got, func(r rune) bool { return r < '-' || r > 'z' || r == ' ' }) || len(got) > 64 {
			t.Fatalf("unsafe id kept: %q", got)
		}
	})
}
