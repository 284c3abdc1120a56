package handlers_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/accounts"
)

// createdToken is the answer to POST /me/tokens.
type createdToken struct {
	accounts.APIToken
	Token string `json:"token"`
}

func (e *env) newAPIToken(session string, body map[string]any) createdToken {
	e.t.Helper()
	r := e.as(session, "POST", "/api/v1/me/tokens", body)
	if r.Code != http.StatusCreated {
		e.t.Fatalf("create token: %d %s", r.Code, r.Body)
	}
	var out createdToken
	r.decode(&out)
	return out
}

func TestAPITokenLifecycle(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	chair := user(e.A, models.RoleChairman)
	session := e.signIn(chair, testfix.Password)
	tok := e.newAPIToken(session, map[string]any{"name": " Đồng bộ Zalo "})
	if !strings.HasPrefix(tok.Token, "tdo_") || tok.Name != "Đồng bộ Zalo" || tok.ExpiresOn != nil {
		t.Fatalf("created: %+v", tok)
	}
	// The token acts as its owner, with the owner's roles.
	var me struct{ Username string }
	e.as(tok.Token, "GET", "/api/v1/me", nil).decode(&me)
	if me.Username != chair {
		t.Fatalf("token acts as %q", me.Username)
	}
	plan := map[string]any{"doc_number": "09/KH-UBND", "issued_on": "2024-03-01", "kind": "other", "title": "Từ tích hợp"}
	if r := e.as(tok.Token, "POST", "/api/v1/plans", plan); r.Code != http.StatusCreated {
		t.Fatalf("chairman's token creating a plan: %d %s", r.Code, r.Body)
	}
	r := e.as(session, "GET", "/api/v1/me/tokens", nil)
	if strings.Contains(r.Body.String(), tok.Token) || strings.Contains(r.Body.String(), `"token"`) {
		t.Fatalf("the list shows the token: %s", r.Body)
	}
	var list struct{ Items []accounts.APIToken }
	r.decode(&list)
	if len(list.Items) != 1 || list.Items[0].ID != tok.ID || list.Items[0].LastUsedAt == nil {
		t.Fatalf("list after use: %s", r.Body)
	}
	if r := e.as(session, "DELETE", "/api/v1/me/tokens/"+itoa(tok.ID), nil); r.Code != http.StatusNoContent {
		t.Fatalf("revoke: %d %s", r.Code, r.Body)
	}
	wantProblem(t, e.as(tok.Token, "GET", "/api/v1/me", nil), http.StatusUnauthorized, "unauthenticated")
	wantProblem(t, e.as(session, "DELETE", "/api/v1/me/tokens/"+itoa(tok.ID), nil), http.StatusNotFound, "not_found")
	e.as(session, "GET", "/api/v1/me/tokens", nil).decode(&list)
	if len(list.Items) != 0 {
		t.Fatalf("revoked token still listed: %+v", list.Items)
	}
	actions, docs := auditRows(t, e, e.A)
	if !slices.Contains(actions, "create api_token") || !slices.Contains(actions, "revoke api_token") {
		t.Errorf("audit: %v", actions)
	}
	wantNoSecrets(t, docs, tok.Token)
}

func TestAPITokenExpiry(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	session := e.signIn(user(e.A, models.RoleOfficer), testfix.Password)
	wantProblem(t, e.as(session, "POST", "/api/v1/me/tokens", map[string]any{"name": "Cũ", "expires_on": "2024-09-29"}),
		http.StatusBadRequest, "validation", "expires_on")
	wantProblem(t, e.as(session, "POST", "/api/v1/me/tokens", map[string]any{"name": "  "}),
		http.StatusBadRequest, "validation", "name")
	// testfix.Now is 30 September 2024, 09:00 in Vietnam: a token for today
	// works until midnight there.
	tok := e.newAPIToken(session, map[string]any{"name": "Hôm nay", "expires_on": "2024-09-30"})
	e.Clock.Set(time.Date(2024, 9, 30, 23, 59, 59, 0, models.VietnamTime))
	if r := e.as(tok.Token, "GET", "/api/v1/me", nil); r.Code != http.StatusOK {
		t.Fatalf("last second of its last day: %d %s", r.Code, r.Body)
	}
	e.Clock.Set(time.Date(2024, 10, 1, 0, 0, 0, 0, models.VietnamTime))
	wantProblem(t, e.as(tok.Token, "GET", "/api/v1/me", nil), http.StatusUnauthorized, "unauthenticated")
}

// TestAPITokenLimits: a token cannot mint credentials nor change the
// password, travels only in the Authorization header, belongs to its owner
// alone, and dies with its account.
func TestAPITokenLimits(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	officer := e.A.Users[models.RoleOfficer]
	session := e.signIn(officer.Username, testfix.Password)
	tok := e.newAPIToken(session, map[string]any{"name": "Báo cáo"})
	wantProblem(t, e.as(tok.Token, "POST", "/api/v1/me/tokens", map[string]any{"name": "Con"}), http.StatusForbidden, "forbidden")
	wantProblem(t, e.as(tok.Token, "POST", "/api/v1/me/password",
		map[string]string{"current_password": testfix.Password, "new_password": "mat-khau-moi-123"}),
		http.StatusForbidden, "forbidden")
	wantProblem(t, e.do("", "GET", "/api/v1/me", nil, "Cookie", "tiendo_session="+tok.Token),
		http.StatusUnauthorized, "unauthenticated")
	wantProblem(t, e.do(user(e.A, models.RoleChairman), "DELETE", "/api/v1/me/tokens/"+itoa(tok.ID), nil),
		http.StatusNotFound, "not_found")
	wantProblem(t, e.as("tdo_"+strings.Repeat("A", 43), "GET", "/api/v1/me", nil), http.StatusUnauthorized, "unauthenticated")
	if r := e.as(tok.Token, "GET", "/api/v1/me", nil); r.Code != http.StatusOK {
		t.Fatalf("token before its account is disabled: %d %s", r.Code, r.Body)
	}
	if r := e.do(user(e.A, models.RoleAdmin), "DELETE", "/api/v1/users/"+itoa(officer.ID), nil); r.Code != http.StatusNoContent {
		t.Fatalf("disable: %d %s", r.Code, r.Body)
	}
	wantProblem(t, e.as(tok.Token, "GET", "/api/v1/me", nil), http.StatusUnauthorized, "unauthenticated")
}

// TestAPITokenSurvivesRoleChange: role changes end sessions, not tokens, and
// the token acts with the new roles at once.
func TestAPITokenSurvivesRoleChange(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	officer := e.A.Users[models.RoleOfficer]
	tok := e.newAPIToken(e.signIn(officer.Username, testfix.Password), map[string]any{"name": "Báo cáo"})
	r := e.do(user(e.A, models.RoleAdmin), "PUT", "/api/v1/users/"+itoa(officer.ID)+"/memberships",
		[]map[string]any{{"unit_id": e.A.Office.ID, "role": "chairman"}})
	if r.Code != http.StatusOK {
		t.Fatalf("set memberships: %d %s", r.Code, r.Body)
	}
	plan := map[string]any{"doc_number": "10/KH-UBND", "issued_on": "2024-03-01", "kind": "other", "title": "Sau khi đổi vai trò"}
	if r := e.as(tok.Token, "POST", "/api/v1/plans", plan); r.Code != http.StatusCreated {
		t.Fatalf("token with the new chairman role: %d %s", r.Code, r.Body)
	}
}
