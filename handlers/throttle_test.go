package handlers_test

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/tiendo/tiendo/handlers"
	"github.com/tiendo/tiendo/handlers/httpx"
	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/accounts"
)

// loginFrom signs in over a connection from ip, with extra headers in pairs.
func (e *env) loginFrom(ip, username, password string, headers ...string) response {
	e.t.Helper()
	body, _ := json.Marshal(map[string]string{"username": username, "password": password})
	newReq := func() *http.Request {
		req := httptest.NewRequest("POST", "/api/v1/auth/login", strings.NewReader(string(body)))
		req.Header.Set("Content-Type", "application/json")
		for i := 0; i+1 < len(headers); i += 2 {
			req.Header.Set(headers[i], headers[i+1])
		}
		req.RemoteAddr = ip + ":40000"
		return req
	}
	rec := httptest.NewRecorder()
	e.handler.ServeHTTP(rec, newReq())
	checkContract(e.t, newReq(), rec, true)
	return response{ResponseRecorder: rec, t: e.t}
}

// wantThrottled fails unless r is a 429 asking to wait exactly retryAfter.
func wantThrottled(t *testing.T, r response, retryAfter time.Duration) {
	t.Helper()
	wantProblem(t, r, http.StatusTooManyRequests, "throttled")
	if got, want := r.Header().Get("Retry-After"), fmt.Sprint(int(retryAfter.Seconds())); got != want {
		t.Fatalf("Retry-After %q, want %q", got, want)
	}
}

// TestThrottleAccount: five wrong passwords lock the account at the address
// they came from; the account holder elsewhere still signs in.
func TestThrottleAccount(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	name := user(e.A, models.RoleOfficer)
	for i := range accounts.MaxPairFailures {
		// One failure a minute: the wait is measured from the oldest.
		e.Clock.Set(testfix.Now.Add(time.Duration(i) * time.Minute))
		wantProblem(t, e.loginFrom("203.0.113.1", name, "sai-mat-khau-99"), http.StatusUnauthorized, "unauthenticated")
	}
	e.Clock.Set(testfix.Now.Add(5 * time.Minute))
	// The right password from the guessing address is refused all the same.
	wantThrottled(t, e.loginFrom("203.0.113.1", name, testfix.Password), 10*time.Minute)
	// Other accounts at that address are not affected.
	if r := e.loginFrom("203.0.113.1", user(e.A, models.RoleChairman), testfix.Password); r.Code != http.StatusOK {
		t.Fatalf("another account: %d %s", r.Code, r.Body)
	}
	e.Clock.Set(testfix.Now.Add(window - time.Second))
	wantThrottled(t, e.loginFrom("203.0.113.1", name, testfix.Password), time.Second)
	// The account holder at another address is not locked out.
	if r := e.loginFrom("203.0.113.2", name, testfix.Password); r.Code != http.StatusOK {
		t.Fatalf("the holder at another address: %d %s", r.Code, r.Body)
	}
	actions, docs := auditRows(t, e, e.A)
	want := strings.Repeat("login_failed user,", 7) // five wrong passwords, two refusals
	if got := strings.Join(filter(actions, "login_failed user"), ",") + ","; got != want {
		t.Errorf("failed sign-ins audited: %v", actions)
	}
	if !strings.Contains(docs, `"reason": "throttled"`) || strings.Contains(docs, testfix.Password) {
		t.Errorf("audit documents: %s", docs)
	}
}

// TestThrottleDistributedGuessing: guesses spread over many addresses, each
// under its own limit, meet the account's ceiling, which holds for everyone.
func TestThrottleDistributedGuessing(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	name := user(e.A, models.RoleOfficer)
	perAddress := accounts.MaxPairFailures - 1
	for i := range accounts.MaxAccountFailures {
		ip := fmt.Sprintf("203.0.113.%d", 10+i/perAddress)
		wantProblem(t, e.loginFrom(ip, name, "sai-mat-khau-99"), http.StatusUnauthorized, "unauthenticated")
	}
	wantThrottled(t, e.loginFrom("198.51.100.1", name, testfix.Password), window)
	if r := e.loginFrom("198.51.100.1", user(e.A, models.RoleChairman), testfix.Password); r.Code != http.StatusOK {
		t.Fatalf("another account: %d %s", r.Code, r.Body)
	}
	e.Clock.Advance(window)
	if r := e.loginFrom("198.51.100.1", name, testfix.Password); r.Code != http.StatusOK {
		t.Fatalf("after the window: %d %s", r.Code, r.Body)
	}
}

// window is the 15 minutes the issue asks for, spelled out here so that the
// tests fail if models.ThrottleWindow drifts from it.
const window = 15 * time.Minute

// TestThrottleUnknownAccount: a name that does not exist is throttled
// exactly like one that does, so the answers reveal nothing.
func TestThrottleUnknownAccount(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for range accounts.MaxPairFailures {
		wantProblem(t, e.loginFrom("203.0.113.1", "khong_ton_tai", "sai-mat-khau-99"), http.StatusUnauthorized, "unauthenticated")
	}
	wantThrottled(t, e.loginFrom("203.0.113.1", "KHONG_TON_TAI", "sai-mat-khau-99"), window)
}

// TestThrottleSuccessResetsAccount: failures before a successful sign-in no
// longer count against the account.
func TestThrottleSuccessResetsAccount(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	name := user(e.A, models.RoleOfficer)
	for range accounts.MaxPairFailures - 1 {
		e.loginFrom("203.0.113.1", name, "sai-mat-khau-99")
	}
	e.Clock.Advance(time.Second)
	if r := e.loginFrom("203.0.113.1", name, testfix.Password); r.Code != http.StatusOK {
		t.Fatalf("fifth attempt, right password: %d %s", r.Code, r.Body)
	}
	e.Clock.Advance(time.Second)
	wantProblem(t, e.loginFrom("203.0.113.1", name, "sai-mat-khau-99"), http.StatusUnauthorized, "unauthenticated")
	if r := e.loginFrom("203.0.113.1", name, testfix.Password); r.Code != http.StatusOK {
		t.Fatalf("one failure after a success: %d %s", r.Code, r.Body)
	}
}

// spread is how many names an address's failures are spread over so that no
// name reaches its own limit at that address first.
const spread = accounts.MaxIPFailures/(accounts.MaxPairFailures-1) + 1

func TestThrottleAddress(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	// The address's failures spread over names, under the limit of each at
	// one address: no account reaches its own limit, the address reaches its.
	for i := range accounts.MaxIPFailures {
		name := fmt.Sprintf("nguoi_%d", i%spread)
		wantProblem(t, e.loginFrom("198.51.100.7", name, "sai-mat-khau-99"), http.StatusUnauthorized, "unauthenticated")
	}
	wantThrottled(t, e.loginFrom("198.51.100.7", user(e.A, models.RoleOfficer), testfix.Password), window)
	// A success from elsewhere does not unlock the address.
	if r := e.loginFrom("198.51.100.8", user(e.A, models.RoleOfficer), testfix.Password); r.Code != http.StatusOK {
		t.Fatalf("another address: %d %s", r.Code, r.Body)
	}
	wantThrottled(t, e.loginFrom("198.51.100.7", user(e.A, models.RoleChairman), testfix.Password), window)
	e.Clock.Advance(window)
	if r := e.loginFrom("198.51.100.7", user(e.A, models.RoleOfficer), testfix.Password); r.Code != http.StatusOK {
		t.Fatalf("after the window: %d %s", r.Code, r.Body)
	}
}

// TestThrottleAddressIsTheConnections: X-Forwarded-For is believed only from
// a configured proxy, or any client could pick a fresh address per guess.
func TestThrottleAddressIsTheConnections(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for i := range accounts.MaxIPFailures {
		e.loginFrom("198.51.100.7", fmt.Sprintf("nguoi_%d", i%spread), "sai-mat-khau-99",
			"X-Forwarded-For", fmt.Sprintf("10.0.0.%d", i))
	}
	wantThrottled(t, e.loginFrom("198.51.100.7", user(e.A, models.RoleOfficer), testfix.Password,
		"X-Forwarded-For", "10.0.1.1"), window)

	proxied := *e
	proxied.handler = handlers.New(e.Store, httpx.Options{Log: slog.New(slog.DiscardHandler),
		TrustedProxies: []string{"198.51.100.7"}})
	for i := range accounts.MaxIPFailures {
		proxied.loginFrom("198.51.100.7", fmt.Sprintf("khac_%d", i%spread), "sai-mat-khau-99",
			"X-Forwarded-For", "10.0.2.1")
	}
	wantThrottled(t, proxied.loginFrom("198.51.100.7", user(e.A, models.RoleChairman), testfix.Password,
		"X-Forwarded-For", "10.0.2.1"), window)
	if r := proxied.loginFrom("198.51.100.7", user(e.A, models.RoleChairman), testfix.Password,
		"X-Forwarded-For", "10.0.2.2"); r.Code != http.StatusOK {
		t.Fatalf("another client behind the trusted proxy: %d %s", r.Code, r.Body)
	}
}

// TestThrottlePasswordChange: guessing the current password through a
// stolen session counts against the account at the session's address like
// failed sign-ins; the holder elsewhere still signs in.
func TestThrottlePasswordChange(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	name := user(e.A, models.RoleOfficer)
	session := e.signIn(name, testfix.Password)
	guess := map[string]string{"current_password": "doan-mo-12345", "new_password": "mat-khau-moi-123"}
	for range accounts.MaxPairFailures {
		wantProblem(t, e.as(session, "POST", "/api/v1/me/password", guess), http.StatusBadRequest, "validation", "current_password")
	}
	guess["current_password"] = testfix.Password
	wantThrottled(t, e.as(session, "POST", "/api/v1/me/password", guess), window)
	wantThrottled(t, e.loginFrom(sessionAddress, name, testfix.Password), window)
	if r := e.loginFrom("203.0.113.9", name, testfix.Password); r.Code != http.StatusOK {
		t.Fatalf("the holder at another address: %d %s", r.Code, r.Body)
	}
}

// sessionAddress is where httptest's requests come from (e.as uses them).
const sessionAddress = "192.0.2.1"

func filter(xs []string, keep string) []string {
	var out []string
	for _, x := range xs {
		if x == keep {
			out = append(out, x)
		}
	}
	return out
}
