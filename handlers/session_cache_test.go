package handlers_test

import (
	"crypto/sha256"
	"net/http"
	"testing"

	"github.com/jmoiron/sqlx"

	"github.com/tiendo/tiendo/models"
)

// TestSessionCacheNeverOutlivesAChange: a session answered from the cache
// (accounts/session_cache.go) is checked on every request, so a change made
// outside this server — by another replica, a command, or by hand in psql,
// here a second connection — shows on the very next request: a revoked
// session, a disabled account, a role taken away, a unit or commune renamed.
func TestSessionCacheNeverOutlivesAChange(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	other := sqlx.MustConnect("postgres", e.DSN)
	defer other.Close()
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := other.Exec(q, args...); err != nil {
			t.Fatal(err)
		}
	}
	me := func(name string) (out struct {
		Commune models.CommuneInfo  `json:"commune"`
		Members []models.Membership `json:"memberships"`
	}) {
		t.Helper()
		e.do(name, "GET", "/api/v1/me", nil).expect(http.StatusOK).decode(&out)
		return out
	}

	officer := user(e.A, models.RoleOfficer)
	me(officer) // read whole, then cached
	me(officer) // from the cache
	hash := sha256.Sum256([]byte(e.token(officer)))
	exec(`UPDATE sessions SET revoked_at = now() WHERE token_hash = $1`, hash[:])
	e.do(officer, "GET", "/api/v1/me", nil).expectProblem(http.StatusUnauthorized, "unauthenticated")

	team := user(e.A, models.RoleTeamMember)
	before := me(team)
	me(team)
	exec(`UPDATE units SET name = 'Tổ công nghệ số thôn Mới' WHERE id = $1`, before.Members[0].UnitID)
	if got := me(team).Members[0].UnitName; got != "Tổ công nghệ số thôn Mới" {
		t.Errorf("unit renamed elsewhere, cached name still %q", got)
	}
	exec(`UPDATE communes SET name = 'Vọng Đông Mới' WHERE id = $1`, e.A.Info.ID)
	if got := me(team).Commune.Name; got != "Vọng Đông Mới" {
		t.Errorf("commune renamed elsewhere, cached name still %q", got)
	}
	exec(`UPDATE memberships SET role = 'steering_member' WHERE user_id = (SELECT id FROM users WHERE username = $1)`, team)
	if got := me(team).Members[0].Role; got != models.RoleSteeringMember {
		t.Errorf("role changed elsewhere, cached role still %q", got)
	}
	exec(`DELETE FROM memberships WHERE user_id = (SELECT id FROM users WHERE username = $1)`, team)
	if got := me(team).Members; len(got) != 0 {
		t.Errorf("memberships taken away elsewhere, cache still gives %+v", got)
	}
	exec(`UPDATE users SET disabled_at = now() WHERE username = $1`, team)
	e.do(team, "GET", "/api/v1/me", nil).expectProblem(http.StatusUnauthorized, "unauthenticated")

	// The other commune's chairman, cached too, still sees only their own.
	chairB := user(e.B, models.RoleChairman)
	me(chairB)
	if got := me(chairB).Commune.ID; got != e.B.Info.ID {
		t.Errorf("B's chairman answered as commune %d", got)
	}
}
