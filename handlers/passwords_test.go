package handlers_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/models"
)

func TestChangeOwnPassword(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	name := user(e.A, models.RoleTeamMember)
	current, other := e.signIn(name, testfix.Password), e.signIn(name, testfix.Password)
	var tok struct{ Token string }
	e.as(current, "POST", "/api/v1/me/tokens", map[string]string{"name": "Đồng bộ"}).expect(http.StatusCreated).decode(&tok)
	change := func(cur, next string) response {
		return e.as(current, "POST", "/api/v1/me/password", map[string]string{"current_password": cur, "new_password": next})
	}
	wantProblem(t, change("sai-mat-khau-99", "mat-khau-moi-123"), http.StatusBadRequest, "validation", "current_password")
	wantProblem(t, change(testfix.Password, "ngan"), http.StatusBadRequest, "validation", "new_password")
	wantProblem(t, change(testfix.Password, strings.ToUpper(name)), http.StatusBadRequest, "validation", "new_password")
	wantProblem(t, change(testfix.Password, testfix.Password), http.StatusBadRequest, "validation", "new_password")
	wantProblem(t, change("", ""), http.StatusBadRequest, "validation", "current_password", "new_password")

	r := change(testfix.Password, "mat-khau-moi-123")
	if r.Code != http.StatusOK {
		t.Fatalf("change: %d %s", r.Code, r.Body)
	}
	var out struct{ Token string }
	r.decode(&out)
	if out.Token == "" || out.Token == current || !strings.Contains(r.Header().Get("Set-Cookie"), "tiendo_session="+out.Token) {
		t.Fatalf("want a new session as token and cookie, got %q and %q", out.Token, r.Header().Get("Set-Cookie"))
	}
	for _, old := range []string{current, other, tok.Token} { // the API token goes with the password too
		wantProblem(t, e.as(old, "GET", "/api/v1/me", nil), http.StatusUnauthorized, "unauthenticated")
	}
	if r := e.as(out.Token, "GET", "/api/v1/me", nil); r.Code != http.StatusOK {
		t.Fatalf("new session: %d %s", r.Code, r.Body)
	}
	login := map[string]string{"username": name, "password": testfix.Password}
	wantProblem(t, e.do("", "POST", "/api/v1/auth/login", login), http.StatusUnauthorized, "unauthenticated")
	e.signIn(name, "mat-khau-moi-123")
	actions, docs := auditRows(t, e, e.A)
	if !slices.Contains(actions, "change_password user") || !slices.Contains(actions, "change_password_failed user") {
		t.Errorf("audit: %v", actions)
	}
	wantNoSecrets(t, docs, testfix.Password, "mat-khau-moi-123", out.Token)
}

func TestAdminResetsPassword(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	admin := user(e.A, models.RoleAdmin)
	officer := e.A.Users[models.RoleOfficer]
	session := e.signIn(officer.Username, testfix.Password)
	var tok struct{ Token string }
	e.as(session, "POST", "/api/v1/me/tokens", map[string]string{"name": "Đồng bộ"}).decode(&tok)
	path := "/api/v1/users/" + itoa(officer.ID) + "/password"

	wantProblem(t, e.do(user(e.A, models.RoleChairman), "POST", path, map[string]string{"password": "mat-khau-tam-123"}),
		http.StatusForbidden, "forbidden")
	wantProblem(t, e.do(admin, "POST", "/api/v1/users/"+itoa(e.B.Users[models.RoleOfficer].ID)+"/password",
		map[string]string{"password": "mat-khau-tam-123"}), http.StatusNotFound, "not_found")
	wantProblem(t, e.do(admin, "POST", path, map[string]string{"password": "ngan"}), http.StatusBadRequest, "validation", "password")
	wantProblem(t, e.do(admin, "POST", path, map[string]string{"password": officer.Username}),
		http.StatusBadRequest, "validation", "password")
	if r := e.do(admin, "POST", path, map[string]string{"password": "mat-khau-tam-123"}); r.Code != http.StatusNoContent {
		t.Fatalf("reset: %d %s", r.Code, r.Body)
	}
	wantProblem(t, e.as(session, "GET", "/api/v1/me", nil), http.StatusUnauthorized, "unauthenticated")
	wantProblem(t, e.as(tok.Token, "GET", "/api/v1/me", nil), http.StatusUnauthorized, "unauthenticated")
	login := map[string]string{"username": officer.Username, "password": testfix.Password}
	wantProblem(t, e.do("", "POST", "/api/v1/auth/login", login), http.StatusUnauthorized, "unauthenticated")
	actions, docs := auditRows(t, e, e.A)
	if !slices.Contains(actions, "reset_password user") {
		t.Errorf("audit: %v", actions)
	}
	wantNoSecrets(t, docs, "mat-khau-tam-123")
}

// TestPasswordChangeRequired: after a reset the account may only read who it
// is, change its password and sign out, whatever credential it holds.
func TestPasswordChangeRequired(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	officer := e.A.Users[models.RoleOfficer]
	r := e.do(user(e.A, models.RoleAdmin), "POST", "/api/v1/users/"+itoa(officer.ID)+"/password",
		map[string]string{"password": "mat-khau-tam-123"})
	if r.Code != http.StatusNoContent {
		t.Fatalf("reset: %d %s", r.Code, r.Body)
	}
	session := e.signIn(officer.Username, "mat-khau-tam-123")
	var me struct {
		MustChangePassword bool `json:"must_change_password"`
	}
	if r := e.as(session, "GET", "/api/v1/me", nil); r.Code != http.StatusOK {
		t.Fatalf("/me: %d %s", r.Code, r.Body)
	} else if r.decode(&me); !me.MustChangePassword {
		t.Fatal("/me does not say the password must change")
	}
	wantProblem(t, e.as(session, "GET", "/api/v1/me/tokens", nil), http.StatusForbidden, "password_change_required")
	wantProblem(t, e.as(session, "POST", "/api/v1/me/tokens", map[string]string{"name": "x"}),
		http.StatusForbidden, "password_change_required")
	cookie := e.do("", "GET", "/api/v1/me/tokens", nil, "Cookie", "tiendo_session="+session)
	wantProblem(t, cookie, http.StatusForbidden, "password_change_required")

	r = e.as(session, "POST", "/api/v1/me/password",
		map[string]string{"current_password": "mat-khau-tam-123", "new_password": "mat-khau-rieng-456"})
	if r.Code != http.StatusOK {
		t.Fatalf("change: %d %s", r.Code, r.Body)
	}
	var out struct{ Token string }
	r.decode(&out)
	if r := e.as(out.Token, "GET", "/api/v1/me/tokens", nil); r.Code != http.StatusOK {
		t.Fatalf("after the change: %d %s", r.Code, r.Body)
	}
}

// TestLogoutWhilePasswordChangeRequired: signing out stays open.
func TestLogoutWhilePasswordChangeRequired(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	officer := e.A.Users[models.RoleOfficer]
	e.do(user(e.A, models.RoleAdmin), "POST", "/api/v1/users/"+itoa(officer.ID)+"/password",
		map[string]string{"password": "mat-khau-tam-123"})
	session := e.signIn(officer.Username, "mat-khau-tam-123")
	if r := e.as(session, "POST", "/api/v1/auth/logout", nil); r.Code != http.StatusNoContent {
		t.Fatalf("logout: %d %s", r.Code, r.Body)
	}
	wantProblem(t, e.as(session, "GET", "/api/v1/me", nil), http.StatusUnauthorized, "unauthenticated")
}
