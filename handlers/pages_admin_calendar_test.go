package handlers_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/jobs"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/deadlines"
)

// The working-day calendar and reminder settings pages, the task page's
// delivery log and audit trail, and the calendar in a real browser.

// calendarDaysOff is what GET /api/v1/calendar?year= says are the days off.
func (e *pageEnv) calendarDaysOff(t *testing.T, year string) map[string]string {
	t.Helper()
	rec := e.api(e.team, "GET", "/api/v1/calendar?year="+year, nil)
	wantStatus(t, rec, http.StatusOK)
	var y deadlines.CalendarYear
	if err := json.Unmarshal(rec.Body.Bytes(), &y); err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, d := range append(y.DaysOff, y.MakeupDays...) {
		out[d.Date.String()] = d.Kind
	}
	return out
}

func TestCalendarPageAddsAndDeletesOverrides(t *testing.T) {
	t.Parallel()
	e := newPageEnv(t)
	admin := e.user(models.RoleAdmin)
	page := e.get(admin, "/quan-tri/lich?year=2024")
	wantStatus(t, page, http.StatusOK)
	wantBody(t, page, "Lịch làm việc 2024", `id="day-2024-09-02"`, "02/09/2024", `id="working-days"`, `action="/quan-tri/lich"`)
	if _, ok := e.calendarDaysOff(t, "2024")["2024-12-30"]; ok {
		t.Fatal("30/12/2024 is a day off before any override")
	}
	rec := e.post(admin, "/quan-tri/lich", url.Values{"date": {"30/12/2024"}, "kind": {"holiday"},
		"name": {"Nghỉ cuối năm theo quyết định của UBND tỉnh"}})
	wantStatus(t, rec, http.StatusSeeOther)
	if loc := rec.Header().Get("Location"); loc != "/quan-tri/lich?year=2024&flash=created#day-2024-12-30" {
		t.Fatalf("location %q", loc)
	}
	if kind := e.calendarDaysOff(t, "2024")["2024-12-30"]; kind != "holiday" {
		t.Fatalf("the API's calendar has 30/12/2024 as %q, want holiday", kind)
	}
	wantBody(t, e.get(admin, "/quan-tri/lich?year=2024"), `id="override-2024-12-30"`,
		"Nghỉ cuối năm theo quyết định của UBND tỉnh", "Thứ Hai", `action="/quan-tri/lich/2024-12-30/xoa"`)
	// A make-up day on a weekday, and a date already adjusted, are refused
	// beside the date with what was typed kept.
	bad := e.post(admin, "/quan-tri/lich", url.Values{"date": {"31/12/2024"}, "kind": {"makeup"}, "name": {"Làm bù"}})
	wantStatus(t, bad, http.StatusUnprocessableEntity)
	wantBody(t, bad, `id="f-date-error"`, "thứ Bảy hoặc Chủ nhật", `value="31/12/2024"`, `<option value="makeup" selected>`)
	again := e.post(admin, "/quan-tri/lich", url.Values{"date": {"30/12/2024"}, "kind": {"compensatory"}})
	wantBody(t, again, `id="f-date-error"`, "Ngày này đã có điều chỉnh lịch")
	empty := e.post(admin, "/quan-tri/lich", url.Values{"name": {"Không ngày"}})
	wantBody(t, empty, `id="f-date-error"`, `id="f-kind-error"`, `value="Không ngày"`)
	// Deleting it gives the day back to the rules.
	wantStatus(t, e.post(admin, "/quan-tri/lich/2024-12-30/xoa", nil), http.StatusSeeOther)
	if _, ok := e.calendarDaysOff(t, "2024")["2024-12-30"]; ok {
		t.Fatal("30/12/2024 is still a day off after the delete")
	}
	wantStatus(t, e.post(admin, "/quan-tri/lich/2024-12-30/xoa", nil), http.StatusNotFound)
	wantStatus(t, e.get(admin, "/quan-tri/lich?year=abc"), http.StatusBadRequest)
	wantBody(t, e.get(admin, "/quan-tri/lich?year=2024&lang=en"), "Working calendar 2024", "Monday", "Public holiday")
}

func TestSettingsFormRoundTrips(t *testing.T) {
	t.Parallel()
	e := newPageEnv(t)
	admin := e.user(models.RoleAdmin)
	page := e.get(admin, "/quan-tri/nhac-viec")
	wantStatus(t, page, http.StatusOK)
	wantBody(t, page, `name="due_soon_days" type="text" value="3, 1"`, `name="digest_at" type="text" value="07:30"`,
		`name="due_today" value="1" checked`, `name="version" value="0"`)
	form := url.Values{"due_soon_days": {"5; 2"}, "overdue_first_after": {"2"}, "overdue_every": {"4"},
		"escalate_after": {"7"}, "stale_after_days": {"10"}, "digest_enabled": {"1"}, "digest_at": {"08:15"},
		"webhook_enabled": {"1"}, "webhook_url": {"https://zalo-gateway.example.vn/hook"},
		"webhook_secret": {"mot-khoa-bi-mat-du-dai-2024"}, "version": {"0"}}
	wantStatus(t, e.post(admin, "/quan-tri/nhac-viec", form), http.StatusSeeOther)
	var s deadlines.Settings
	rec := e.api(e.team, "GET", "/api/v1/settings", nil)
	if err := json.Unmarshal(rec.Body.Bytes(), &s); err != nil {
		t.Fatal(err)
	}
	if len(s.DueSoonDays) != 2 || s.DueSoonDays[0] != 5 || s.DueToday || s.OverdueEvery != 4 || s.EscalateAfter != 7 ||
		s.DigestAt != "08:15" || s.EmailEnabled || !s.WebhookEnabled || !s.WebhookSecretSet || s.Version != 1 {
		t.Fatalf("settings after the form: %+v", s)
	}
	again := e.get(admin, "/quan-tri/nhac-viec")
	wantBody(t, again, `value="5, 2"`, `value="08:15"`, `name="version" value="1"`, "Đã có khóa bí mật")
	if strings.Contains(again.Body.String(), "mot-khoa-bi-mat") {
		t.Fatal("the page shows the webhook secret")
	}
	// Bad values come back beside their fields, typed as they were; nothing is saved.
	bad := e.post(admin, "/quan-tri/nhac-viec", url.Values{"due_soon_days": {"3, x"}, "overdue_first_after": {"1"},
		"overdue_every": {"0"}, "escalate_after": {"5"}, "stale_after_days": {"14"}, "digest_at": {"8h"},
		"webhook_secret": {"ngan"}, "version": {"1"}})
	wantStatus(t, bad, http.StatusUnprocessableEntity)
	wantBody(t, bad, `id="f-due-soon-days-error"`, `value="3, x"`)
	bad = e.post(admin, "/quan-tri/nhac-viec", url.Values{"due_soon_days": {"3"}, "overdue_first_after": {"1"},
		"overdue_every": {"0"}, "escalate_after": {"5"}, "stale_after_days": {"14"}, "digest_at": {"8h"},
		"webhook_secret": {"ngan"}, "version": {"1"}})
	wantStatus(t, bad, http.StatusUnprocessableEntity)
	wantBody(t, bad, `id="f-overdue-every-error"`, `id="f-digest-at-error"`, "Giờ gửi phải có dạng HH:MM",
		`id="f-webhook-secret-error"`, `value="8h"`, `name="overdue_every" type="number" value="0"`)
	if strings.Contains(bad.Body.String(), `value="ngan"`) {
		t.Fatal("a typed secret was sent back")
	}
	// A form drawn before another admin's save is refused, not applied.
	form.Set("version", "1")
	wantStatus(t, e.post(admin, "/quan-tri/nhac-viec", form), http.StatusSeeOther)
	stale := e.post(admin, "/quan-tri/nhac-viec", form)
	wantStatus(t, stale, http.StatusUnprocessableEntity)
	wantBody(t, stale, `role="alert"`)
	if cur, _ := e.Store.GetSettings(context.Background(), e.chairA); cur.Version != 2 {
		t.Fatalf("refused forms changed the settings: version %d", cur.Version)
	}
}

func TestTaskPageShowsDeliveriesAndAudit(t *testing.T) {
	t.Parallel()
	e := newPageEnv(t)
	officer, task := e.officerTaskDueToday(t)
	// The planner queues the reminders, as the scheduler runs it; the
	// dispatcher delivers the inbox ones.
	e.runJob(t, jobs.Reminders{Store: e.JobsStore(t)})
	path := "/nhiem-vu/" + itoa(task.ID)
	queued := e.get(e.user(models.RoleChairman), path)
	wantBody(t, queued, `id="deliveries"`, "Nhắc việc đã gửi", officer.FullName, "Hộp thông báo", "Chờ gửi",
		"Đến hạn hôm nay")
	e.runJob(t, e.inboxDispatch(t))
	chair := e.get(e.user(models.RoleChairman), path)
	wantBody(t, chair, "Đã gửi", `id="audit"`, "Nhật ký thay đổi", "Tạo mới")
	// The page lists what GET /api/v1/deliveries?task_id= lists for the reader.
	var page models.Page[deadlines.Delivery]
	rec := e.api(e.user(models.RoleChairman), "GET", "/api/v1/deliveries?task_id="+itoa(task.ID), nil)
	if err := json.Unmarshal(rec.Body.Bytes(), &page); err != nil || len(page.Items) == 0 {
		t.Fatalf("API deliveries: %v %s", err, rec.Body)
	}
	for _, dl := range page.Items {
		wantBody(t, chair, `id="delivery-`+itoa(dl.ID)+`"`)
	}
	// The recipient sees their own reminders but not the audit trail; a team
	// member with no reminder about it sees neither.
	own := e.get(officer.Username, path)
	wantBody(t, own, `id="deliveries"`, officer.FullName)
	if strings.Contains(own.Body.String(), `id="audit"`) {
		t.Error("the officer sees the audit trail, which the API refuses them")
	}
	team := e.get(e.team, path)
	wantStatus(t, team, http.StatusOK)
	if strings.Contains(team.Body.String(), `id="deliveries"`) || strings.Contains(team.Body.String(), `id="audit"`) {
		t.Error("a team member sees others' reminders or the audit trail")
	}
}

// TestBrowserAdminCalendar: the admin opens the calendar from the
// navigation (Quản trị hệ thống, then Lịch làm việc), adds a day off with the form and sees it listed, counted as a
// day off of the year.
func TestBrowserAdminCalendar(t *testing.T) {
	e := newPageEnv(t)
	srv := httptest.NewServer(e.h)
	t.Cleanup(srv.Close)
	b := newBrowser(t, srv.URL)
	tab := b.open(t, "admin", desktopW, desktopH)
	tab.signIn(e.user(models.RoleAdmin), testfix.Password, "nav.nav a[href='/quan-tri/nguoi-dung']")
	tab.do("open the administration, then its calendar",
		chromedp.Click(chromedp.CSS("nav.nav a[href='/quan-tri/nguoi-dung']")),
		chromedp.WaitVisible(chromedp.CSS("nav.subnav a[href='/quan-tri/lich']")),
		chromedp.Click(chromedp.CSS("nav.subnav a[href='/quan-tri/lich']")), chromedp.WaitVisible(chromedp.CSS("#working-days")))
	tab.check(strings.Contains(tab.text("h1"), "2024"), "the calendar does not open on this year: %q", tab.text("h1"))
	before := tab.text("#working-days")
	tab.do("fill the form",
		chromedp.SendKeys(chromedp.CSS("#f-date"), "30/12/2024"),
		chromedp.SetValue(chromedp.CSS("#f-kind"), "holiday"),
		chromedp.SendKeys(chromedp.CSS("#f-name"), "Nghỉ cuối năm theo UBND tỉnh"))
	tab.look("calendar-form")
	tab.do("add the day", chromedp.Click(chromedp.CSS("#add-override")),
		chromedp.WaitVisible(chromedp.CSS("#override-2024-12-30")))
	tab.look("calendar-after-add")
	tab.check(strings.Contains(tab.text(".flash"), "Đã tạo mới"), "no confirmation after adding")
	tab.check(strings.Contains(tab.text("#override-2024-12-30"), "Nghỉ cuối năm theo UBND tỉnh"), "the override is not listed")
	tab.check(strings.Contains(tab.text("#days-off #day-2024-12-30"), "Thứ Hai"), "30/12/2024 is not listed as a day off")
	tab.check(tab.text("#working-days") != before, "the year's working days did not change (%s)", before)
	tab.fitsWidth("the calendar page")
}
