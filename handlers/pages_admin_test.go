package handlers_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/models"
)

// The administration pages: accounts and units. Calendar, reminder settings
// and the task page's delivery log are in pages_admin_calendar_test.go.

// signInWith signs in with a password through the sign-in page and returns
// the session cookie, or "" when refused.
func (e *pageEnv) signInWith(user, password string) string {
	rec := e.serve("", formRequest("/dang-nhap", url.Values{"username": {user}, "password": {password}}))
	for _, c := range rec.Result().Cookies() {
		if c.Name == "tiendo_session" && c.Value != "" {
			return c.Value
		}
	}
	return ""
}

var tempPassword = regexp.MustCompile(`<code class="temp-password">([a-z0-9]+)</code>`)

// issued reads the temporary password a page shows once.
func issued(t *testing.T, rec *httptest.ResponseRecorder) string {
	t.Helper()
	m := tempPassword.FindStringSubmatch(rec.Body.String())
	if m == nil {
		t.Fatalf("no temporary password on the page: %.2000s", rec.Body)
	}
	return m[1]
}

func (e *pageEnv) userCount() int {
	users, err := e.Store.ListUsers(context.Background(), e.chairA)
	if err != nil {
		e.t.Fatal(err)
	}
	return len(users)
}

func TestAdminCreatesUserWhoSignsIn(t *testing.T) {
	t.Parallel()
	e := newPageEnv(t)
	admin := e.user(models.RoleAdmin)
	wantBody(t, e.get(admin, "/quan-tri/nguoi-dung"), `action="/quan-tri/nguoi-dung"`, e.A.Users[models.RoleOfficer].FullName,
		"Văn phòng UBND xã (Công chức)", `href="/quan-tri/nguoi-dung"`)
	rec := e.post(admin, "/quan-tri/nguoi-dung", url.Values{"username": {"nguyenvanan"}, "full_name": {"Nguyễn Văn An"},
		"email": {"an@vongdong.vn"}, "unit_id": {itoa(e.A.Hamlet2.ID)}, "role": {"team_member"}})
	wantStatus(t, rec, http.StatusCreated)
	pw := issued(t, rec)
	wantBody(t, rec, "Nguyễn Văn An", "Tổ công nghệ số ấp 2 (Thành viên tổ)")
	if rec.Header().Get("Cache-Control") != "no-store" {
		t.Fatal("a page with a password may be cached")
	}
	// The new account signs in with it and must replace it first.
	cookie := e.signInWith("nguyenvanan", pw)
	if cookie == "" {
		t.Fatal("the new account cannot sign in with its temporary password")
	}
	e.cookies["nguyenvanan"] = cookie
	home := e.get("nguyenvanan", "/viec-cua-toi")
	wantStatus(t, home, http.StatusSeeOther)
	if home.Header().Get("Location") != "/doi-mat-khau" {
		t.Fatalf("first page %q, want the password change", home.Header().Get("Location"))
	}
	// The model audited the creation.
	audit := e.api(admin, "GET", "/api/v1/audit?entity=user", nil)
	wantStatus(t, audit, http.StatusOK)
	wantBody(t, audit, `"action":"create"`, "nguyenvanan")
}

func TestAdminUserFormErrorsKeepValues(t *testing.T) {
	t.Parallel()
	e := newPageEnv(t)
	admin, before := e.user(models.RoleAdmin), e.userCount()
	rec := e.post(admin, "/quan-tri/nguoi-dung", url.Values{"username": {"Trần B"}, "full_name": {"Trần Thị Bích"},
		"email": {"khong-phai-email"}, "unit_id": {""}, "role": {"team_member"}})
	wantStatus(t, rec, http.StatusUnprocessableEntity)
	wantBody(t, rec, `id="f-username-error"`, "Tên đăng nhập gồm 3–64 ký tự", `id="f-email-error"`,
		"Địa chỉ email không hợp lệ", `id="f-unit-id-error"`, "Cần chọn đơn vị", `value="Trần Thị Bích"`,
		`value="Trần B"`, `value="khong-phai-email"`, `<option value="team_member" selected>`, `href="#f-username"`)
	if strings.Contains(rec.Body.String(), "temp-password") {
		t.Fatal("a refused account shows a password")
	}
	// A username already taken is said beside the username.
	taken := e.post(admin, "/quan-tri/nguoi-dung", url.Values{"username": {e.team}, "full_name": {"Người trùng tên"},
		"unit_id": {itoa(e.A.Office.ID)}, "role": {"officer"}})
	wantStatus(t, taken, http.StatusUnprocessableEntity)
	wantBody(t, taken, `id="f-username-error"`, "Tên đăng nhập đã được dùng", `value="Người trùng tên"`)
	if n := e.userCount(); n != before {
		t.Fatalf("%d accounts after refused forms, want %d", n, before)
	}
}

func TestAdminResetsDisablesAndReassigns(t *testing.T) {
	t.Parallel()
	e := newPageEnv(t)
	admin, officer := e.user(models.RoleAdmin), e.A.Users[models.RoleOfficer]
	page := "/quan-tri/nguoi-dung/" + itoa(officer.ID)
	wantBody(t, e.get(admin, page), officer.FullName, `<option value="officer" selected>`, `action="`+page+`/khoa"`)
	// Reset: a new temporary password, shown once; the old one stops working.
	rec := e.post(admin, page+"/mat-khau", nil)
	wantStatus(t, rec, http.StatusOK)
	pw := issued(t, rec)
	if e.signInWith(officer.Username, testfix.Password) != "" || e.signInWith(officer.Username, pw) == "" {
		t.Fatal("the reset did not replace the password")
	}
	// Roles: a half-filled line is refused beside the roles, with the lines kept.
	half := e.post(admin, page+"/vai-tro", url.Values{"unit_id": {itoa(e.A.Office.ID), itoa(e.A.Hamlet2.ID)},
		"role": {"officer", ""}})
	wantStatus(t, half, http.StatusUnprocessableEntity)
	wantBody(t, half, `id="f-memberships-error"`, "Dòng 2 cần chọn cả đơn vị và vai trò")
	ok := e.post(admin, page+"/vai-tro", url.Values{"unit_id": {itoa(e.A.Office.ID), itoa(e.A.Hamlet2.ID), ""},
		"role": {"officer", "team_member", ""}})
	wantStatus(t, ok, http.StatusSeeOther)
	wantBody(t, e.get(admin, page), `<option value="team_member" selected>`, `<option value="officer" selected>`)
	list := e.get(admin, "/quan-tri/nguoi-dung")
	wantBody(t, list, "Văn phòng UBND xã (Công chức)", "Tổ công nghệ số ấp 2 (Thành viên tổ)")
	// The admin cannot close their own account; closing another's ends it.
	self := "/quan-tri/nguoi-dung/" + itoa(e.A.Users[models.RoleAdmin].ID)
	wantBody(t, e.post(admin, self+"/khoa", nil), "Không thể tự khóa tài khoản của mình")
	wantStatus(t, e.post(admin, page+"/khoa", nil), http.StatusSeeOther)
	if e.signInWith(officer.Username, pw) != "" {
		t.Fatal("a disabled account signs in")
	}
	wantStatus(t, e.get(admin, page), http.StatusNotFound)
}

// TestAdminPagesAnswerAsTheAPI: a non-admin's write through a page gets the
// status the API gives the same write, as an HTML page, and changes nothing.
func TestAdminPagesAnswerAsTheAPI(t *testing.T) {
	t.Parallel()
	e := newPageEnv(t)
	chair, team := e.user(models.RoleChairman), e.team
	officerPage := "/quan-tri/nguoi-dung/" + itoa(e.A.Users[models.RoleOfficer].ID)
	cases := []struct {
		user, path string
		form       url.Values
		apiMethod  string
		apiPath    string
		apiBody    any
	}{
		{chair, "/quan-tri/nguoi-dung", url.Values{"username": {"moi123"}, "full_name": {"Mới"},
			"unit_id": {itoa(e.A.Office.ID)}, "role": {"officer"}}, "POST", "/api/v1/users",
			map[string]any{"username": "moi123", "full_name": "Mới", "password": "mat-khau-moi-2024"}},
		{team, officerPage + "/mat-khau", nil, "POST", "/api/v1/users/" + itoa(e.A.Users[models.RoleOfficer].ID) + "/password",
			map[string]any{"password": "mat-khau-moi-2024"}},
		{chair, officerPage + "/khoa", nil, "DELETE", "/api/v1/users/" + itoa(e.A.Users[models.RoleOfficer].ID), nil},
		{team, "/quan-tri/don-vi", url.Values{"name": {"Ấp 3"}, "kind": {"hamlet"}}, "POST", "/api/v1/units",
			map[string]any{"name": "Ấp 3", "kind": "hamlet"}},
		{chair, "/quan-tri/lich", url.Values{"date": {"30/12/2024"}, "kind": {"holiday"}}, "POST", "/api/v1/settings/calendar",
			map[string]any{"date": "2024-12-30", "action": "add", "kind": "holiday"}},
		{chair, "/quan-tri/nhac-viec", url.Values{"due_soon_days": {"3"}}, "PUT", "/api/v1/settings", defaultSettingsBody},
	}
	for _, c := range cases {
		want := e.api(c.user, c.apiMethod, c.apiPath, c.apiBody).Code
		rec := e.post(c.user, c.path, c.form)
		if rec.Code != want || want != http.StatusForbidden {
			t.Errorf("POST %s as %s: %d; the API says %d, want 403 from both", c.path, c.user, rec.Code, want)
		}
		if !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") {
			t.Errorf("POST %s as %s: %q, want an HTML page", c.path, c.user, rec.Header().Get("Content-Type"))
		}
	}
	// Another commune's account is not found, whatever the role.
	other := "/quan-tri/nguoi-dung/" + itoa(e.B.Users[models.RoleOfficer].ID)
	wantStatus(t, e.get(e.user(models.RoleAdmin), other), http.StatusNotFound)
	wantStatus(t, e.post(e.user(models.RoleAdmin), other+"/khoa", nil), http.StatusNotFound)
}

// TestAdminPagesAreReadOnlyForMembers: reading is open to members, as the
// API's GETs are, without the forms or the navigation links.
func TestAdminPagesAreReadOnlyForMembers(t *testing.T) {
	t.Parallel()
	e := newPageEnv(t)
	team := e.team
	for _, path := range []string{"/quan-tri/nguoi-dung", "/quan-tri/don-vi", "/quan-tri/lich", "/quan-tri/nhac-viec"} {
		rec := e.get(team, path)
		wantStatus(t, rec, http.StatusOK)
		if strings.Contains(rec.Body.String(), `method="post" action="/quan-tri/`) {
			t.Errorf("%s offers a team member an admin form", path)
		}
		for _, link := range []string{"nguoi-dung", "don-vi", "lich", "nhac-viec"} {
			if strings.Contains(rec.Body.String(), `href="/quan-tri/`+link+`"`) {
				t.Errorf("%s: the navigation offers a team member /quan-tri/%s", path, link)
			}
		}
	}
}

func TestAdminCreatesUnit(t *testing.T) {
	t.Parallel()
	e := newPageEnv(t)
	admin := e.user(models.RoleAdmin)
	wantBody(t, e.get(admin, "/quan-tri/don-vi"), "Tổ công nghệ số ấp 1", "Văn phòng UBND xã", `name="kind"`)
	bad := e.post(admin, "/quan-tri/don-vi", url.Values{"name": {"Tổ công nghệ số ấp 1"}, "kind": {"team"}})
	wantStatus(t, bad, http.StatusUnprocessableEntity)
	wantBody(t, bad, `id="f-name-error"`, "Tên đơn vị đã có trong xã", `value="Tổ công nghệ số ấp 1"`)
	noKind := e.post(admin, "/quan-tri/don-vi", url.Values{"name": {"Ấp Vọng Đông 3"}})
	wantBody(t, noKind, `id="f-kind-error"`, `value="Ấp Vọng Đông 3"`)
	rec := e.post(admin, "/quan-tri/don-vi", url.Values{"name": {"Ấp Vọng Đông 3"}, "kind": {"hamlet"},
		"parent_id": {itoa(e.A.Office.ID)}})
	wantStatus(t, rec, http.StatusSeeOther)
	wantBody(t, e.get(admin, "/quan-tri/don-vi"), "Ấp Vọng Đông 3", "thuộc Văn phòng UBND xã")
	wantBody(t, e.api(admin, "GET", "/api/v1/units", nil), "Ấp Vọng Đông 3")
}
