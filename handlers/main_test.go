package handlers_test

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/tiendo/tiendo/handlers"
	"github.com/tiendo/tiendo/handlers/httpx"
	"github.com/tiendo/tiendo/internal/testdb"
	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/models"
)

func TestMain(m *testing.M) { testdb.Main(m) }

// env is a world of two communes behind the real router. Every exchange that
// goes through do is checked against the OpenAPI document (openapi_check_test.go).
type env struct {
	*testfix.World
	t       testing.TB
	handler http.Handler
	tokens  map[string]string // username → bearer token
	// lenient skips request validation of accepted requests, for fuzzing,
	// where encoding/json accepts inputs (null for a string, "TITLE" for
	// "title") that the document does not describe.
	lenient bool
}

func newEnv(t *testing.T) *env { return newEnvTB(t) }

// newEnvTB is newEnv for a testing.F (fuzz targets build one world and share it).
func newEnvTB(t testing.TB) *env {
	t.Helper()
	w := testfix.New(t)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	return &env{World: w, t: t, handler: handlers.New(w.Store, httpx.Options{Log: log}), tokens: map[string]string{}}
}

// with is e reporting to t, for subtests; it shares the world and tokens, so
// such subtests must not run in parallel.
func (e *env) with(t testing.TB) *env {
	c := *e
	c.t = t
	return &c
}

// response is a recorded answer with helpers to read it.
type response struct {
	*httptest.ResponseRecorder
	t testing.TB
}

// decode reads the JSON body into v.
func (r response) decode(v any) {
	r.t.Helper()
	if err := json.Unmarshal(r.Body.Bytes(), v); err != nil {
		r.t.Fatalf("decode %q: %v", r.Body.String(), err)
	}
}

// problem reads the body as a problem document.
func (r response) problem() httpx.Problem {
	r.t.Helper()
	if ct := r.Header().Get("Content-Type"); ct != "application/problem+json" {
		r.t.Fatalf("content type %q, body %s", ct, r.Body.String())
	}
	var p httpx.Problem
	r.decode(&p)
	return p
}

// do sends a request as user (empty: anonymous) with a JSON body (a string
// or []byte is sent as is; nil sends none) and extra headers in pairs. The
// request (when accepted) and the response are checked against the OpenAPI
// document.
func (e *env) do(user, method, path string, body any, headers ...string) response {
	e.t.Helper()
	var raw []byte
	switch b := body.(type) {
	case nil:
	case string:
		raw = []byte(b)
	case []byte:
		raw = b
	default:
		buf, err := json.Marshal(b)
		if err != nil {
			e.t.Fatal(err)
		}
		raw = buf
	}
	newReq := func() *http.Request {
		var rd io.Reader
		if body != nil {
			rd = bytes.NewReader(raw)
		}
		req := httptest.NewRequest(method, path, rd)
		if rd != nil {
			req.Header.Set("Content-Type", "application/json")
		}
		if user != "" {
			req.Header.Set("Authorization", "Bearer "+e.token(user))
		}
		for i := 0; i+1 < len(headers); i += 2 {
			req.Header.Set(headers[i], headers[i+1])
		}
		return req
	}
	rec := httptest.NewRecorder()
	e.handler.ServeHTTP(rec, newReq())
	checkContract(e.t, newReq(), rec, !e.lenient)
	return response{ResponseRecorder: rec, t: e.t}
}

// token signs user in once through the API and remembers the token.
func (e *env) token(user string) string {
	if tok, ok := e.tokens[user]; ok {
		return tok
	}
	req := httptest.NewRequest("POST", "/api/v1/auth/login",
		bytes.NewBufferString(`{"username":"`+user+`","password":"`+testfix.Password+`"}`))
	rec := httptest.NewRecorder()
	e.handler.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		e.t.Fatalf("login %s: %d %s", user, rec.Code, rec.Body.String())
	}
	var out struct{ Token string }
	_ = json.Unmarshal(rec.Body.Bytes(), &out)
	e.tokens[user] = out.Token
	return out.Token
}

// user is the username of the fixture account with role in commune c.
func user(c *testfix.Commune, role models.Role) string { return c.Users[role].Username }
