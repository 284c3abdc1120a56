package handlers_test

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/accounts"
)

// signIn logs user in through the API with password and returns a fresh
// session token (unlike token, which caches one per user).
func (e *env) signIn(username, password string) string {
	e.t.Helper()
	r := e.do("", "POST", "/api/v1/auth/login", map[string]string{"username": username, "password": password})
	if r.Code != http.StatusOK {
		e.t.Fatalf("login %s: %d %s", username, r.Code, r.Body)
	}
	var out struct{ Token string }
	r.decode(&out)
	return out.Token
}

// as sends a request with an explicit bearer token.
func (e *env) as(token, method, path string, body any) response {
	e.t.Helper()
	return e.do("", method, path, body, "Authorization", "Bearer "+token)
}

// wantProblem fails unless r is a problem with status and code, and, when
// fields are given, names exactly those fields.
func wantProblem(t *testing.T, r response, status int, code string, fields ...string) {
	t.Helper()
	if r.Code != status {
		t.Fatalf("status %d, want %d: %s", r.Code, status, r.Body)
	}
	p := r.problem()
	if p.Code != code {
		t.Fatalf("code %q, want %q: %s", p.Code, code, r.Body)
	}
	var got []string
	for _, f := range p.Errors {
		got = append(got, f.Field)
	}
	if len(fields) > 0 && !slices.Equal(got, fields) {
		t.Fatalf("fields %v, want %v: %s", got, fields, r.Body)
	}
}

// auditRows lists "action entity" of the commune's audit log in order, with
// every before/after document, read inside the commune as the server would.
func auditRows(t *testing.T, e *env, c *testfix.Commune) (actions []string, docs string) {
	t.Helper()
	tx := e.DB.MustBeginTx(context.Background(), nil)
	defer tx.Rollback()
	tx.MustExec(`SELECT set_config('tiendo.commune_id', $1, true)`, strconv.FormatInt(c.Info.ID, 10))
	var rows []struct {
		Action string `db:"action"`
		Entity string `db:"entity"`
		Docs   string `db:"docs"`
	}
	err := tx.Select(&rows, `SELECT action, entity, coalesce(before::text, '') || coalesce(after::text, '') AS docs
		FROM audit_log ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		actions = append(actions, r.Action+" "+r.Entity)
		docs += r.Docs + "\n"
	}
	return actions, docs
}

// wantNoSecrets fails when an audit document carries a password, a hash or a token.
func wantNoSecrets(t *testing.T, docs string, secrets ...string) {
	t.Helper()
	for _, s := range append(secrets, "$argon2id$", accounts.APITokenPrefix) {
		if strings.Contains(docs, s) {
			t.Errorf("audit log contains the secret %q:\n%s", s, docs)
		}
	}
}

func TestCreateUser(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	admin := user(e.A, models.RoleAdmin)
	body := map[string]any{"username": "Can.Bo_Moi", "full_name": " Nguyễn Văn Mới ", "email": "moi@example.vn",
		"password": "mat-khau-moi-123", "memberships": []map[string]any{{"unit_id": e.A.Hamlet2.ID, "role": "officer"}}}
	r := e.do(admin, "POST", "/api/v1/users", body)
	if r.Code != http.StatusCreated {
		t.Fatalf("create: %d %s", r.Code, r.Body)
	}
	var u accounts.User
	r.decode(&u)
	if u.Username != "can.bo_moi" || u.FullName != "Nguyễn Văn Mới" || len(u.Memberships) != 1 ||
		u.Memberships[0].UnitName != e.A.Hamlet2.Name || u.Memberships[0].Role != models.RoleOfficer {
		t.Fatalf("created user: %+v", u)
	}
	tok := e.signIn("can.bo_moi", "mat-khau-moi-123")
	if r := e.as(tok, "GET", "/api/v1/me", nil); r.Code != http.StatusOK {
		t.Fatalf("new user's /me: %d %s", r.Code, r.Body)
	}
	wantProblem(t, e.do(admin, "POST", "/api/v1/users", body), http.StatusConflict, "conflict")
	actions, docs := auditRows(t, e, e.A)
	if !slices.Contains(actions, "create user") {
		t.Errorf("no audit row for the new user: %v", actions)
	}
	wantNoSecrets(t, docs, "mat-khau-moi-123")
}

func TestCreateUserRejections(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	admin := user(e.A, models.RoleAdmin)
	valid := func() map[string]any {
		return map[string]any{"username": "nguoi_moi", "full_name": "Người Mới", "password": "mat-khau-moi-123"}
	}
	for _, role := range []models.Role{models.RoleChairman, models.RoleSteeringMember, models.RoleOfficer, models.RoleTeamMember} {
		wantProblem(t, e.do(user(e.A, role), "POST", "/api/v1/users", valid()), http.StatusForbidden, "forbidden")
	}
	bad := valid()
	bad["memberships"] = []map[string]any{{"unit_id": e.B.Office.ID, "role": "officer"}}
	wantProblem(t, e.do(admin, "POST", "/api/v1/users", bad), http.StatusBadRequest, "validation", "unit_id")
	bad = map[string]any{"username": "x", "full_name": " ", "email": "not an address", "password": "ngan"}
	wantProblem(t, e.do(admin, "POST", "/api/v1/users", bad), http.StatusBadRequest, "validation",
		"username", "full_name", "email", "password")
	bad = valid()
	bad["username"], bad["password"] = "nguoi_moi_12", "Nguoi_Moi_12"
	wantProblem(t, e.do(admin, "POST", "/api/v1/users", bad), http.StatusBadRequest, "validation", "password")
}

func TestSetMemberships(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	admin := user(e.A, models.RoleAdmin)
	officer := e.A.Users[models.RoleOfficer]
	session := e.signIn(officer.Username, testfix.Password)
	path := "/api/v1/users/" + itoa(officer.ID) + "/memberships"
	r := e.do(admin, "PUT", path, []map[string]any{{"unit_id": e.A.Hamlet2.ID, "role": "team_member"},
		{"unit_id": e.A.Office.ID, "role": "officer"}})
	if r.Code != http.StatusOK {
		t.Fatalf("set: %d %s", r.Code, r.Body)
	}
	var u accounts.User
	r.decode(&u)
	if len(u.Memberships) != 2 {
		t.Fatalf("memberships: %+v", u.Memberships)
	}
	wantProblem(t, e.as(session, "GET", "/api/v1/me", nil), http.StatusUnauthorized, "unauthenticated")
	var me struct{ Memberships []models.Membership }
	e.as(e.signIn(officer.Username, testfix.Password), "GET", "/api/v1/me", nil).decode(&me)
	if len(me.Memberships) != 2 {
		t.Fatalf("after re-login: %+v", me.Memberships)
	}
	if actions, _ := auditRows(t, e, e.A); !slices.Contains(actions, "set_memberships user") {
		t.Errorf("no audit row for the change: %v", actions)
	}
}

func TestSetMembershipsRejections(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	admin := user(e.A, models.RoleAdmin)
	path := "/api/v1/users/" + itoa(e.A.Users[models.RoleOfficer].ID) + "/memberships"
	one := []map[string]any{{"unit_id": e.A.Office.ID, "role": "officer"}}
	wantProblem(t, e.do(user(e.A, models.RoleChairman), "PUT", path, one), http.StatusForbidden, "forbidden")
	other := "/api/v1/users/" + itoa(e.B.Users[models.RoleOfficer].ID) + "/memberships"
	wantProblem(t, e.do(admin, "PUT", other, one), http.StatusNotFound, "not_found")
	wantProblem(t, e.do(admin, "PUT", path, []map[string]any{{"unit_id": e.B.Office.ID, "role": "officer"}}),
		http.StatusBadRequest, "validation", "unit_id")
	wantProblem(t, e.do(admin, "PUT", path, []map[string]any{{"unit_id": e.A.Office.ID, "role": "mayor"}}),
		http.StatusBadRequest, "validation", "role")
	wantProblem(t, e.do(admin, "PUT", path, append(one, one...)), http.StatusBadRequest, "validation", "memberships")
	wantProblem(t, e.do(admin, "PUT", path, "null"), http.StatusBadRequest, "validation", "body")
	self := "/api/v1/users/" + itoa(e.A.Users[models.RoleAdmin].ID) + "/memberships"
	wantProblem(t, e.do(admin, "PUT", self, one), http.StatusConflict, "conflict")
}

func TestDisableUser(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	admin := user(e.A, models.RoleAdmin)
	officer := e.A.Users[models.RoleOfficer]
	session := e.signIn(officer.Username, testfix.Password)
	e.newAPIToken(session, map[string]any{"name": "Báo cáo"})
	path := "/api/v1/users/" + itoa(officer.ID)
	wantProblem(t, e.do(user(e.A, models.RoleChairman), "DELETE", path, nil), http.StatusForbidden, "forbidden")
	wantProblem(t, e.do(admin, "DELETE", "/api/v1/users/"+itoa(e.B.Users[models.RoleOfficer].ID), nil),
		http.StatusNotFound, "not_found")
	wantProblem(t, e.do(admin, "DELETE", "/api/v1/users/"+itoa(e.A.Users[models.RoleAdmin].ID), nil),
		http.StatusConflict, "conflict")
	if r := e.do(admin, "DELETE", path, nil); r.Code != http.StatusNoContent {
		t.Fatalf("disable: %d %s", r.Code, r.Body)
	}
	wantProblem(t, e.as(session, "GET", "/api/v1/me", nil), http.StatusUnauthorized, "unauthenticated")
	login := map[string]string{"username": officer.Username, "password": testfix.Password}
	wantProblem(t, e.do("", "POST", "/api/v1/auth/login", login), http.StatusUnauthorized, "unauthenticated")
	wantProblem(t, e.do(admin, "DELETE", path, nil), http.StatusNotFound, "not_found")
	// Ended for good, not only hidden by the disabled account, should it be
	// enabled again one day.
	var live int
	err := e.DB.Get(&live, `SELECT (SELECT count(*) FROM sessions WHERE user_id = $1 AND revoked_at IS NULL)
		+ (SELECT count(*) FROM api_tokens WHERE user_id = $1 AND revoked_at IS NULL)`, officer.ID)
	if err != nil || live != 0 {
		t.Errorf("credentials still live after disabling: %d, %v", live, err)
	}
	var users struct{ Items []accounts.User }
	e.do(admin, "GET", "/api/v1/users", nil).decode(&users)
	if slices.ContainsFunc(users.Items, func(u accounts.User) bool { return u.ID == officer.ID }) {
		t.Error("a disabled account is still listed")
	}
	if actions, _ := auditRows(t, e, e.A); !slices.Contains(actions, "disable user") {
		t.Errorf("no audit row for disabling: %v", actions)
	}
}
