package handlers_test

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"testing"

	"github.com/tiendo/tiendo/models"
)

func TestAccountPageSetsOwnContact(t *testing.T) {
	t.Parallel()
	e := newPageEnv(t)
	page := e.get(e.team, "/tai-khoan")
	wantStatus(t, page, http.StatusOK)
	wantBody(t, page, "Tài khoản của tôi", `name="reminder_channels" value="email" checked`, `name="version" value="1"`)
	// Every error at once, what was typed kept, nothing saved.
	bad := e.post(e.team, "/tai-khoan", url.Values{"email": {"to1@"}, "phone": {"12345"}, "version": {"1"}})
	wantStatus(t, bad, http.StatusUnprocessableEntity)
	wantBody(t, bad, `id="f-email-error"`, `id="f-phone-error"`, `value="to1@"`)
	// Saved: e-mail and phone, and reminders by the inbox only (the e-mail box left unticked).
	ok := e.post(e.team, "/tai-khoan", url.Values{"email": {"to1@vongdong.gov.vn"}, "phone": {"0912 345 678"}, "version": {"1"}})
	wantStatus(t, ok, http.StatusSeeOther)
	me := e.Actor(t, e.A, models.RoleTeamMember)
	u, err := e.Store.Profile(context.Background(), me)
	if err != nil || u.Email != "to1@vongdong.gov.vn" || u.Phone != "0912 345 678" ||
		!slices.Equal([]string(u.ReminderChannels), []string{"inbox"}) || u.Version != 2 {
		t.Fatalf("saved: %+v %v", u, err)
	}
	// A form from before that change is stale.
	stale := e.post(e.team, "/tai-khoan", url.Values{"email": {"khac@vongdong.gov.vn"}, "version": {"1"}})
	wantStatus(t, stale, http.StatusUnprocessableEntity)
	wantBody(t, stale, "error-summary")
}

func TestAdminEditsContactPage(t *testing.T) {
	t.Parallel()
	e := newPageEnv(t)
	admin := e.user(models.RoleAdmin)
	officer := e.A.Users[models.RoleOfficer]
	path := "/quan-tri/nguoi-dung/" + itoa(officer.ID)
	wantBody(t, e.get(admin, path), `action="`+path+`/lien-he"`, `name="title"`, `name="version" value="1"`)
	dup := e.post(admin, path+"/lien-he", url.Values{"full_name": {officer.FullName}, "email": {"x@"}, "version": {"1"}})
	wantStatus(t, dup, http.StatusUnprocessableEntity)
	wantBody(t, dup, `id="f-email-error"`)
	rec := e.post(admin, path+"/lien-he", url.Values{"full_name": {"Trần Thị Bích"}, "email": {"bich@vongdong.gov.vn"},
		"phone": {"0296 3850 123"}, "title": {"Công chức Văn phòng – Thống kê"}, "version": {"1"}})
	wantStatus(t, rec, http.StatusSeeOther)
	wantBody(t, e.get(admin, path), "Trần Thị Bích", `value="bich@vongdong.gov.vn"`, `value="0296 3850 123"`)
	// Another account may not take the same address.
	team := e.A.Users[models.RoleTeamMember]
	taken := e.post(admin, "/quan-tri/nguoi-dung/"+itoa(team.ID)+"/lien-he", url.Values{"full_name": {team.FullName},
		"email": {"bich@vongdong.gov.vn"}, "version": {"1"}})
	wantStatus(t, taken, http.StatusUnprocessableEntity)
	wantBody(t, taken, "Email này đã được dùng cho một tài khoản khác của xã")
}
