package handlers_test

import (
	"net/http"
	"reflect"
	"strings"
	"testing"

	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/models"
)

func credentials(username, password string) map[string]string {
	return map[string]string{"username": username, "password": password}
}

func TestLogin(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	name := user(e.A, models.RoleOfficer)
	r := e.do("", "POST", "/api/v1/auth/login", credentials(name, testfix.Password)).expect(http.StatusOK)
	var out struct {
		Token string `json:"token"`
		User  struct {
			Username string `json:"username"`
		} `json:"user"`
	}
	r.decode(&out)
	if out.Token == "" || out.User.Username != name {
		t.Fatalf("login answer: %s", r.Body)
	}
	var session *http.Cookie
	for _, c := range r.Result().Cookies() {
		if c.Name == "tiendo_session" {
			session = c
		}
	}
	if session == nil || session.Value != out.Token || !session.HttpOnly || session.SameSite != http.SameSiteLaxMode {
		t.Fatalf("session cookie %+v from %q", session, r.Header().Values("Set-Cookie"))
	}
	// The token works as a bearer token and as the cookie.
	e.do("", "GET", "/api/v1/me", nil, "Authorization", "Bearer "+out.Token).expect(http.StatusOK)
	e.do("", "GET", "/api/v1/me", nil, "Cookie", "tiendo_session="+out.Token).expect(http.StatusOK)
}

func TestLoginRejections(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	name := user(e.A, models.RoleOfficer)
	wrong := e.do("", "POST", "/api/v1/auth/login", credentials(name, "sai-mat-khau"))
	wrong.expectProblem(http.StatusUnauthorized, "unauthenticated")
	unknown := e.do("", "POST", "/api/v1/auth/login", credentials("khong_ton_tai", "sai-mat-khau"))
	unknown.expectProblem(http.StatusUnauthorized, "unauthenticated")
	// Alike but for the request's own id (instance).
	wp, up := wrong.problem(), unknown.problem()
	wp.Instance, up.Instance = "", ""
	if !reflect.DeepEqual(wp, up) {
		t.Errorf("unknown user and wrong password differ:\n%s\n%s", wrong.Body, unknown.Body)
	}
	if c := wrong.Result().Cookies(); len(c) != 0 {
		t.Errorf("failed login set cookies: %v", c)
	}
	cases := []struct {
		name, body, field string
	}{
		{"no username", `{"password":"x"}`, "username"},
		{"no password", `{"username":"` + name + `"}`, "password"},
		{"empty username", `{"username":"","password":"x"}`, "username"},
		{"malformed", `{"username":`, "body"},
		{"unknown field", `{"username":"a","password":"b","remember":true}`, "remember"},
		{"wrong type", `{"username":1,"password":"b"}`, "username"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e.with(t).do("", "POST", "/api/v1/auth/login", c.body).invalid(c.field)
		})
	}
}

func TestLogoutRevokesToken(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	name := user(e.A, models.RoleOfficer)
	tok := e.token(name)
	r := e.do(name, "POST", "/api/v1/auth/logout", nil).expect(http.StatusNoContent)
	if c := r.Result().Cookies(); len(c) != 1 || c[0].Name != "tiendo_session" || c[0].MaxAge >= 0 {
		t.Errorf("logout cookie: %q", r.Header().Values("Set-Cookie"))
	}
	if r.Body.Len() != 0 {
		t.Errorf("204 with a body: %q", r.Body)
	}
	e.do(name, "GET", "/api/v1/me", nil).expectProblem(http.StatusUnauthorized, "unauthenticated")
	e.do("", "GET", "/api/v1/me", nil, "Cookie", "tiendo_session="+tok).expect(http.StatusUnauthorized)
	// Without a session, logout still answers 204 and clears the cookie.
	e.do("", "POST", "/api/v1/auth/logout", nil).expect(http.StatusNoContent)
}

func TestMe(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	var me struct {
		Username string `json:"username"`
		Commune  models.CommuneInfo
		Members  []models.Membership `json:"memberships"`
	}
	e.do(user(e.A, models.RoleTeamMember), "GET", "/api/v1/me", nil).expect(http.StatusOK).decode(&me)
	if me.Username != user(e.A, models.RoleTeamMember) || me.Commune.ID != e.A.Info.ID || me.Commune.Name != "Vọng Đông" {
		t.Errorf("me: %+v", me)
	}
	if len(me.Members) != 1 || me.Members[0].UnitID != e.A.Hamlet1.ID || me.Members[0].Role != models.RoleTeamMember ||
		me.Members[0].UnitName != e.A.Hamlet1.Name {
		t.Errorf("memberships: %+v", me.Members)
	}
}

func TestUnauthenticated(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for _, h := range [][]string{
		nil,
		{"Authorization", "Bearer garbage"},
		{"Authorization", "Bearer " + strings.Repeat("x", 500)},
		{"Authorization", "Basic dXNlcjpwYXNz"},
		{"Cookie", "tiendo_session=garbage"},
	} {
		r := e.do("", "GET", "/api/v1/me", nil, h...)
		r.expectProblem(http.StatusUnauthorized, "unauthenticated")
		if got := r.Header().Get("WWW-Authenticate"); !strings.HasPrefix(got, "Bearer") {
			t.Errorf("%v: WWW-Authenticate %q", h, got)
		}
	}
	// Writes are refused before their body is read.
	e.do("", "POST", "/api/v1/plans", planIn(1, nil)).expect(http.StatusUnauthorized)
	if n := e.planCount(); n != 0 {
		t.Errorf("anonymous create left %d plans", n)
	}
}
