package handlers_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/accounts"
)

func unitNames(e *env, who string) []string {
	var page models.Page[accounts.Unit]
	e.do(who, "GET", "/api/v1/units", nil).expect(http.StatusOK).decode(&page)
	var out []string
	for _, u := range page.Items {
		out = append(out, u.Name)
	}
	return out
}

func TestUnits(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	admin := user(e.A, models.RoleAdmin)
	for _, u := range []map[string]any{
		{"kind": "hamlet", "name": "Ấp Phú Hòa"},
		{"kind": "team", "name": "Đoàn thanh niên"},
		{"kind": "office", "name": "Dân quân"},
	} {
		e.do(admin, "POST", "/api/v1/units", u).expect(http.StatusCreated)
	}
	var committee accounts.Unit
	e.do(admin, "POST", "/api/v1/units", map[string]any{"kind": "steering_committee", "name": "  Ban chỉ đạo CĐS ",
		"parent_id": e.A.Office.ID}).expect(http.StatusCreated).decode(&committee)
	if committee.ID == 0 || committee.Name != "Ban chỉ đạo CĐS" || committee.Kind != "steering_committee" ||
		committee.ParentID == nil || *committee.ParentID != e.A.Office.ID {
		t.Errorf("created: %+v", committee)
	}
	// Vietnamese order: Ấ with A, D before Đ, all before T and V.
	want := []string{"Ấp Phú Hòa", "Ban chỉ đạo CĐS", "Dân quân", "Đoàn thanh niên", "Tổ công nghệ số ấp 1",
		"Tổ công nghệ số ấp 2", "Văn phòng UBND xã"}
	if got := unitNames(e, user(e.A, models.RoleTeamMember)); !slices.Equal(got, want) {
		t.Errorf("units %q, want %q", got, want)
	}
	if got := unitNames(e, user(e.B, models.RoleTeamMember)); len(got) != 3 {
		t.Errorf("commune B sees %q", got)
	}
	p := e.do(admin, "POST", "/api/v1/units", map[string]any{"kind": "team", "name": " Dân quân"}).
		expectProblem(http.StatusConflict, "conflict")
	if len(p.Errors) != 1 || p.Errors[0].Field != "name" {
		t.Errorf("duplicate name: %+v", p)
	}
	// The same name in another commune is no conflict.
	e.do(user(e.B, models.RoleAdmin), "POST", "/api/v1/units", map[string]any{"kind": "team", "name": "Dân quân"}).
		expect(http.StatusCreated)
	for _, c := range []struct {
		body  any
		field string
	}{
		{map[string]any{"kind": "village", "name": "Ấp Mới"}, "kind"},
		{map[string]any{"name": "Ấp Mới"}, "kind"},
		{map[string]any{"kind": "hamlet"}, "name"},
		{map[string]any{"kind": "hamlet", "name": "  "}, "name"},
		{map[string]any{"kind": "hamlet", "name": strings.Repeat("ấ", 201)}, "name"},
		{map[string]any{"kind": "hamlet", "name": "Ấp Mới", "code": "AM"}, "code"},
		{map[string]any{"kind": "hamlet", "name": "Ấp Mới", "parent_id": e.B.Office.ID}, "parent_id"},
		{map[string]any{"kind": "hamlet", "name": "Ấp Mới", "parent_id": "1"}, "parent_id"},
		{`{"kind": "hamlet", "name": "Ấp Mới"`, "body"},
	} {
		e.do(admin, "POST", "/api/v1/units", c.body).invalid(c.field)
	}
	if got := unitNames(e, admin); len(got) != len(want) {
		t.Errorf("refused creates changed the units: %q", got)
	}
}

func TestUsersList(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	// An officer reads the whole directory; a team member's narrower one is
	// TestTeamMemberSeesOwnUnitsAndLeadership's.
	r := e.do(user(e.A, models.RoleOfficer), "GET", "/api/v1/users", nil).expect(http.StatusOK)
	body := strings.ToLower(r.Body.String())
	for _, secret := range []string{"password", "hash", "$argon2", "token"} {
		if strings.Contains(body, secret) {
			t.Errorf("users list contains %q: %s", secret, r.Body)
		}
	}
	var page models.Page[accounts.User]
	r.decode(&page)
	var names []string
	for _, u := range page.Items {
		names = append(names, u.Username)
		if len(u.Memberships) != 1 || u.Memberships[0].UnitName == "" {
			t.Errorf("%s memberships %+v", u.Username, u.Memberships)
		}
	}
	want := []string{"admin_a", "chairman_a", "officer_a", "steering_member_a", "team_member_a"}
	if !slices.Equal(names, want) || page.Next != nil {
		t.Errorf("users %q, want %q (by full name)", names, want)
	}
}
