package handlers_test

import (
	"bytes"
	"context"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/tiendo/tiendo/handlers"
	"github.com/tiendo/tiendo/handlers/httpx"
	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/calendar"
	"github.com/tiendo/tiendo/models/plans"
)

// pageEnv is a fixture world behind the real router, driven like a browser
// without one: form posts and a session cookie per person.
type pageEnv struct {
	*testfix.World
	t       *testing.T
	h       http.Handler
	cookies map[string]string // username → session cookie value
	// plan and tasks of commune A: mine is led by hamlet 1 (the team
	// member's unit), office's by the office and already overdue; other is
	// commune B's plan.
	plan, other    *plans.Plan
	mine, office   *plans.Task
	otherTask      *plans.Task
	chairA, chairB *models.Actor
	team           string
}

func newPageEnv(t *testing.T) *pageEnv { return newPageEnvOn(t, testfix.New(t)) }

// newPageEnvOn is newPageEnv over the world w.
func newPageEnvOn(t *testing.T, w *testfix.World) *pageEnv {
	t.Helper()
	e := &pageEnv{World: w, t: t, cookies: map[string]string{},
		h: handlers.New(w.Store, httpx.Options{Log: slog.New(slog.NewTextHandler(testLog{t}, nil))})}
	e.chairA, e.chairB = w.Actor(t, w.A, models.RoleChairman), w.Actor(t, w.B, models.RoleChairman)
	e.team = w.A.Users[models.RoleTeamMember].Username
	e.plan = e.newPlan(e.chairA, "06/KH-UBND", "Chuyển đổi số năm 2024")
	e.mine = e.newTask(e.chairA, e.plan.ID, "Hướng dẫn người dân cài VNeID", w.A.Hamlet1.ID, "2024-10-15")
	e.office = e.newTask(e.chairA, e.plan.ID, "Báo cáo quý III", w.A.Office.ID, "2024-09-20")
	e.other = e.newPlan(e.chairB, "07/KH-UBND", "Kế hoạch của xã khác")
	e.otherTask = e.newTask(e.chairB, e.other.ID, "Nhiệm vụ của xã khác", w.B.Hamlet1.ID, "2024-10-15")
	return e
}

// testLog sends the server's log to the test's, shown when a test fails.
type testLog struct{ t testing.TB }

func (l testLog) Write(p []byte) (int, error) {
	l.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

func day(s string) calendar.Date {
	d, err := calendar.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func (e *pageEnv) newPlan(a *models.Actor, number, title string) *plans.Plan {
	e.t.Helper()
	p, err := e.Store.CreatePlan(context.Background(), a, plans.PlanInput{DocNumber: number,
		IssuedOn: day("2024-01-31"), Kind: "digital_transformation", Title: title})
	if err != nil {
		e.t.Fatal(err)
	}
	return p
}

func (e *pageEnv) newTask(a *models.Actor, planID int64, title string, lead int64, due string) *plans.Task {
	e.t.Helper()
	t, err := e.Store.CreateTask(context.Background(), a, planID, plans.TaskInput{Title: title,
		LeadUnitID: lead, StartOn: day("2024-09-01"), DueOn: day(due)})
	if err != nil {
		e.t.Fatal(err)
	}
	return t
}

// serve sends req as user ("" for nobody) and records the answer.
func (e *pageEnv) serve(user string, req *http.Request) *httptest.ResponseRecorder {
	e.t.Helper()
	req.Header.Set("Accept", "text/html")
	if user != "" {
		req.AddCookie(&http.Cookie{Name: "tiendo_session", Value: e.session(user)})
	}
	rec := httptest.NewRecorder()
	e.h.ServeHTTP(rec, req)
	return rec
}

func (e *pageEnv) get(user, path string) *httptest.ResponseRecorder {
	return e.serve(user, httptest.NewRequest("GET", path, nil))
}

func (e *pageEnv) post(user, path string, form url.Values) *httptest.ResponseRecorder {
	req := httptest.NewRequest("POST", path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return e.serve(user, req)
}

// postFiles sends a multipart form with files under the name "files".
func (e *pageEnv) postFiles(user, path string, fields map[string]string, files map[string][]byte) *httptest.ResponseRecorder {
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, v := range fields {
		_ = mw.WriteField(k, v)
	}
	for name, content := range files {
		fw, _ := mw.CreateFormFile("files", name)
		_, _ = fw.Write(content)
	}
	_ = mw.Close()
	req := httptest.NewRequest("POST", path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return e.serve(user, req)
}

// session signs user in through the sign-in page once and keeps the cookie.
func (e *pageEnv) session(user string) string {
	if c, ok := e.cookies[user]; ok {
		return c
	}
	rec := e.serve("", formRequest("/dang-nhap", url.Values{"username": {user}, "password": {testfix.Password}}))
	if rec.Code != http.StatusSeeOther {
		e.t.Fatalf("sign in %s: %d %s", user, rec.Code, rec.Body)
	}
	for _, c := range rec.Result().Cookies() {
		if c.Name == "tiendo_session" {
			e.cookies[user] = c.Value
			return c.Value
		}
	}
	e.t.Fatalf("sign in %s: no session cookie", user)
	return ""
}

func formRequest(path string, form url.Values) *http.Request {
	req := httptest.NewRequest("POST", path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return req
}

func (e *pageEnv) user(role models.Role) string { return e.A.Users[role].Username }

// wantStatus fails unless rec has the status; it shows the start of the body.
func wantStatus(t *testing.T, rec *httptest.ResponseRecorder, status int) {
	t.Helper()
	if rec.Code != status {
		t.Fatalf("status %d, want %d; location %q; body %.600s", rec.Code, status, rec.Header().Get("Location"), rec.Body)
	}
}

// wantBody fails unless the body contains every fragment.
func wantBody(t *testing.T, rec *httptest.ResponseRecorder, fragments ...string) {
	t.Helper()
	for _, f := range fragments {
		if !strings.Contains(rec.Body.String(), f) {
			t.Errorf("body lacks %q:\n%.3000s", f, rec.Body)
		}
	}
}

func TestPagesSendStrangersToSignIn(t *testing.T) {
	t.Parallel()
	e := newPageEnv(t)
	rec := e.get("", "/viec-cua-toi?x=1")
	wantStatus(t, rec, http.StatusSeeOther)
	if loc := rec.Header().Get("Location"); loc != "/dang-nhap?next=%2Fviec-cua-toi%3Fx%3D1" {
		t.Fatalf("location %q", loc)
	}
	wantStatus(t, e.get("", "/"), http.StatusSeeOther)
	page := e.get("", "/dang-nhap")
	wantStatus(t, page, http.StatusOK)
	wantBody(t, page, `<html lang="vi">`, `for="f-username"`, `autocomplete="current-password"`)
}

func TestSignInKeepsUsernameAndShowsError(t *testing.T) {
	t.Parallel()
	e := newPageEnv(t)
	rec := e.serve("", formRequest("/dang-nhap", url.Values{"username": {e.team}, "password": {"sai-mat-khau-123"}}))
	wantStatus(t, rec, http.StatusUnprocessableEntity)
	wantBody(t, rec, `value="`+e.team+`"`, "Tên đăng nhập hoặc mật khẩu không đúng", `role="alert"`)
	if strings.Contains(rec.Body.String(), "sai-mat-khau-123") {
		t.Fatal("the password was echoed back")
	}
	empty := e.serve("", formRequest("/dang-nhap", url.Values{}))
	wantBody(t, empty, `id="f-username-error"`, "Cần nhập tên đăng nhập", `aria-invalid="true"`)
	// A safe return path is honoured, another site is not.
	ok := e.serve("", formRequest("/dang-nhap", url.Values{"username": {e.team}, "password": {testfix.Password},
		"next": {"/ke-hoach?year=2024"}}))
	if loc := ok.Header().Get("Location"); loc != "/ke-hoach?year=2024" {
		t.Fatalf("next: location %q", loc)
	}
	evil := e.serve("", formRequest("/dang-nhap", url.Values{"username": {e.team}, "password": {testfix.Password},
		"next": {"//evil.example/"}}))
	if loc := evil.Header().Get("Location"); loc != "/" {
		t.Fatalf("open redirect: location %q", loc)
	}
}

func TestHomeDependsOnRole(t *testing.T) {
	t.Parallel()
	e := newPageEnv(t)
	for role, want := range map[models.Role]string{models.RoleChairman: "/tong-quan",
		models.RoleSteeringMember: "/tong-quan", models.RoleTeamMember: "/viec-cua-toi", models.RoleOfficer: "/viec-cua-toi"} {
		if loc := e.get(e.user(role), "/").Header().Get("Location"); loc != want {
			t.Errorf("%s: home %q, want %q", role, loc, want)
		}
	}
}

func TestSignOutEndsTheSession(t *testing.T) {
	t.Parallel()
	e := newPageEnv(t)
	wantStatus(t, e.get(e.team, "/viec-cua-toi"), http.StatusOK)
	rec := e.post(e.team, "/dang-xuat", nil)
	wantStatus(t, rec, http.StatusSeeOther)
	wantStatus(t, e.get(e.team, "/viec-cua-toi"), http.StatusSeeOther) // the old cookie no longer works
}

func TestMyTasksPutsOverdueFirstAndOffersReport(t *testing.T) {
	t.Parallel()
	e := newPageEnv(t)
	// The team member's hamlet leads "mine"; the office task is not theirs.
	rec := e.get(e.team, "/viec-cua-toi")
	wantStatus(t, rec, http.StatusOK)
	wantBody(t, rec, "Hướng dẫn người dân cài VNeID", `href="/nhiem-vu/`+itoa(e.mine.ID)+`/bao-cao"`,
		"Chưa bắt đầu", "06/KH-UBND", "còn 15 ngày")
	if strings.Contains(rec.Body.String(), "Báo cáo quý III") {
		t.Fatal("another unit's task is listed as mine")
	}
	// The officer (office) sees the overdue office task, with its badge, first.
	off := e.get(e.user(models.RoleOfficer), "/viec-cua-toi").Body.String()
	if !strings.Contains(off, `class="badge s-overdue">Quá hạn`) || !strings.Contains(off, "quá hạn 10 ngày") {
		t.Fatalf("officer's list:\n%.2000s", off)
	}
}

func TestEnglishIsAvailable(t *testing.T) {
	t.Parallel()
	e := newPageEnv(t)
	rec := e.get(e.team, "/viec-cua-toi?lang=en")
	wantBody(t, rec, `<html lang="en">`, "My tasks", "Report progress", "Not started", `hreflang="vi"`)
	if !strings.Contains(rec.Header().Get("Set-Cookie"), "tiendo_lang=en") {
		t.Fatal("the language is not remembered")
	}
	req := httptest.NewRequest("GET", "/ke-hoach", nil)
	req.AddCookie(&http.Cookie{Name: "tiendo_lang", Value: "en"})
	wantBody(t, e.serve(e.team, req), "Plans", "Digital transformation")
}

func TestUnknownPathIsAnHTMLPageForBrowsers(t *testing.T) {
	t.Parallel()
	e := newPageEnv(t)
	rec := e.get(e.team, "/khong-co-trang-nay")
	wantStatus(t, rec, http.StatusNotFound)
	wantBody(t, rec, "Không tìm thấy", `href="/viec-cua-toi"`)
	api := httptest.NewRecorder()
	e.h.ServeHTTP(api, httptest.NewRequest("GET", "/khong-co-trang-nay", nil))
	if ct := api.Header().Get("Content-Type"); ct != "application/problem+json" {
		t.Fatalf("API client got %q", ct)
	}
}

func TestStaticAssetsAreEmbeddedAndVersioned(t *testing.T) {
	t.Parallel()
	e := newPageEnv(t)
	page := e.get("", "/dang-nhap").Body.String()
	i := strings.Index(page, "/static/app.css?v=")
	if i < 0 {
		t.Fatal("no versioned stylesheet link")
	}
	href := page[i : i+strings.IndexByte(page[i:], '"')]
	css := e.get("", href)
	wantStatus(t, css, http.StatusOK)
	if !strings.Contains(css.Header().Get("Cache-Control"), "immutable") || !strings.HasPrefix(css.Header().Get("Content-Type"), "text/css") {
		t.Fatalf("headers %v", css.Header())
	}
	wantStatus(t, e.get("", "/static/khong-co.css"), http.StatusNotFound)
	wantStatus(t, e.get("", "/static/"), http.StatusNotFound)
}

func TestPlanSearchIgnoresDiacritics(t *testing.T) {
	t.Parallel()
	e := newPageEnv(t)
	rec := e.get(e.team, "/ke-hoach?q=chuyen+doi+so&year=2024")
	wantStatus(t, rec, http.StatusOK)
	wantBody(t, rec, "Chuyển đổi số năm 2024", `value="chuyen doi so"`, `<option value="2024" selected>`)
	if strings.Contains(rec.Body.String(), "Kế hoạch của xã khác") {
		t.Fatal("another commune's plan is listed")
	}
	none := e.get(e.team, "/ke-hoach?q=thi+dua")
	wantBody(t, none, "Không tìm thấy kế hoạch nào phù hợp.")
	bad := e.get(e.team, "/ke-hoach?year=abc")
	wantStatus(t, bad, http.StatusOK)
	wantBody(t, bad, "Cần nhập một số nguyên")
}
