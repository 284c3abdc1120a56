package handlers_test

import (
	"context"
	"net/http"
	"slices"
	"testing"

	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/accounts"
)

// TestTeamMemberSeesOwnUnitsAndLeadership is the user directory's table:
// each account of the commune against who may see it. A hamlet team member
// sees the people of their own team, the chairmen (vice-chairmen hold the
// same role), the steering members and everyone sitting in a steering
// committee, and no one else — not the admin, not the office's officers,
// not another hamlet's team; GET /users/{id} of those is a 404, as another
// commune's account is. Every other role sees the whole directory.
func TestTeamMemberSeesOwnUnitsAndLeadership(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx, a := context.Background(), e.A
	committee, err := e.Store.CreateUnit(ctx, a.System, accounts.NewUnit{Kind: "steering_committee", Name: "Ban chỉ đạo CĐS"})
	if err != nil {
		t.Fatal(err)
	}
	mk := func(name string, unit int64, role models.Role) int64 {
		u, err := e.Store.CreateUser(ctx, a.System, accounts.NewUser{Username: name, FullName: name, Password: testfix.Password,
			Memberships: []models.Membership{{UnitID: unit, Role: role}}})
		if err != nil {
			t.Fatal(err)
		}
		return u.ID
	}
	vice := mk("pho_chu_tich", a.Office.ID, models.RoleChairman)
	teammate := mk("to_ap1_ban", a.Hamlet1.ID, models.RoleTeamMember)
	inCommittee := mk("uy_vien_bcd", committee.ID, models.RoleOfficer)
	otherTeam := mk("to_ap2", a.Hamlet2.ID, models.RoleTeamMember)
	team := user(a, models.RoleTeamMember)
	visible := map[int64]bool{
		a.Users[models.RoleTeamMember].ID: true, teammate: true, // own unit (and oneself)
		a.Users[models.RoleChairman].ID: true, vice: true, a.Users[models.RoleSteeringMember].ID: true, inCommittee: true,
		a.Users[models.RoleAdmin].ID: false, a.Users[models.RoleOfficer].ID: false, otherTeam: false,
	}
	var list struct{ Items []accounts.User }
	e.do(team, "GET", "/api/v1/users", nil).expect(http.StatusOK).decode(&list)
	var seen []int64
	for _, u := range list.Items {
		seen = append(seen, u.ID)
	}
	for id, want := range visible {
		if slices.Contains(seen, id) != want {
			t.Errorf("team member's list: account %d listed %v, want %v", id, !want, want)
		}
		status := map[bool]int{true: http.StatusOK, false: http.StatusNotFound}[want]
		e.do(team, "GET", "/api/v1/users/"+itoa(id), nil).expect(status)
	}
	if len(seen) != 6 {
		t.Errorf("team member sees %d accounts, want 6: %v", len(seen), seen)
	}
	e.do(team, "GET", "/api/v1/users/"+itoa(e.B.Users[models.RoleChairman].ID), nil).expect(http.StatusNotFound)
	for _, role := range []models.Role{models.RoleAdmin, models.RoleChairman, models.RoleSteeringMember, models.RoleOfficer} {
		e.do(user(a, role), "GET", "/api/v1/users", nil).expect(http.StatusOK).decode(&list)
		if len(list.Items) != len(visible) {
			t.Errorf("%s sees %d accounts, want all %d", role, len(list.Items), len(visible))
		}
		e.do(user(a, role), "GET", "/api/v1/users/"+itoa(otherTeam), nil).expect(http.StatusOK)
	}
}

// TestTeamMemberSeesNamesAndRolesOnly: inside a team member's view a
// colleague shows name, title and roles; sign-in name, e-mail and phone are
// the staff's to know. The reader's own record stays whole, and staff read
// everything.
func TestTeamMemberSeesNamesAndRolesOnly(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	a := e.A
	chair := a.Users[models.RoleChairman]
	e.do(user(a, models.RoleAdmin), "PATCH", "/api/v1/users/"+itoa(chair.ID),
		`{"email":"chutich@vongdong.gov.vn","phone":"0912 345 678","title":"Chủ tịch UBND xã"}`).expect(http.StatusOK)
	team := user(a, models.RoleTeamMember)
	var u accounts.User
	e.do(team, "GET", "/api/v1/users/"+itoa(chair.ID), nil).expect(http.StatusOK).decode(&u)
	if u.FullName == "" || u.Title != "Chủ tịch UBND xã" || len(u.Memberships) == 0 {
		t.Errorf("the chairman's name, title and roles must show: %+v", u)
	}
	if u.Username != "" || u.Email != "" || u.Phone != "" || len(u.ReminderChannels) != 0 {
		t.Errorf("a team member sees the chairman's %q %q %q %v", u.Username, u.Email, u.Phone, u.ReminderChannels)
	}
	e.do(team, "GET", "/api/v1/users/"+itoa(a.Users[models.RoleTeamMember].ID), nil).expect(http.StatusOK).decode(&u)
	if u.Username == "" {
		t.Error("a team member's own record lost its sign-in name")
	}
	e.do(user(a, models.RoleOfficer), "GET", "/api/v1/users/"+itoa(chair.ID), nil).expect(http.StatusOK).decode(&u)
	if u.Email != "chutich@vongdong.gov.vn" || u.Phone != "0912 345 678" || u.Username == "" {
		t.Errorf("an officer reads the whole record: %+v", u)
	}
}
