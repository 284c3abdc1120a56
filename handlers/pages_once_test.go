package handlers_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/plans"
)

var onceToken = regexp.MustCompile(`name="_once" value="([0-9a-f]{32})"`)

// formToken reads the one-time token of the page's first post form.
func formToken(t *testing.T, body string) string {
	t.Helper()
	m := onceToken.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no one-time token on the page: %.1500s", body)
	}
	return m[1]
}

func (e *pageEnv) reportCount(t *testing.T, taskID int64) int {
	t.Helper()
	ps, err := e.Store.ListProgress(context.Background(), e.chairA, taskID)
	if err != nil {
		t.Fatal(err)
	}
	return len(ps)
}

// Sending a form twice — back button, double tap, retry — records once and
// then says when, with a link to what was recorded.
func TestFormPostedTwiceRecordsOnce(t *testing.T) {
	t.Parallel()
	e := newPageEnv(t)
	path := "/nhiem-vu/" + itoa(e.mine.ID) + "/bao-cao"
	tok := formToken(t, e.get(e.team, path).Body.String())
	fields := map[string]string{"percent": "40", "note": "Đã hướng dẫn 20 hộ", "_once": tok}
	wantStatus(t, e.postFiles(e.team, path, fields, map[string][]byte{"anh.png": testPNG(t)}), http.StatusSeeOther)
	again := e.postFiles(e.team, path, fields, map[string][]byte{"anh.png": testPNG(t)})
	wantStatus(t, again, http.StatusOK)
	wantBody(t, again, "Báo cáo này đã được ghi nhận lúc 09:00 30/09/2024", `href="/nhiem-vu/`+itoa(e.mine.ID)+`"`)
	// Even with other content: the form was sent once.
	fields["note"] = "Sửa lại"
	wantBody(t, e.postFiles(e.team, path, fields, nil), "Báo cáo này đã được ghi nhận")
	if n := e.reportCount(t, e.mine.ID); n != 1 {
		t.Fatalf("%d reports, want 1", n)
	}
	// A fresh form is a new report.
	fields["_once"] = formToken(t, e.get(e.team, path).Body.String())
	wantStatus(t, e.postFiles(e.team, path, fields, nil), http.StatusSeeOther)
	if n := e.reportCount(t, e.mine.ID); n != 2 {
		t.Fatalf("%d reports, want 2", n)
	}

	// A refused form keeps its token usable for the corrected post.
	chair := e.user(models.RoleChairman)
	task := e.get(chair, "/nhiem-vu/"+itoa(e.mine.ID))
	tok = formToken(t, task.Body.String())
	comment := "/nhiem-vu/" + itoa(e.mine.ID) + "/y-kien"
	wantStatus(t, e.post(chair, comment, url.Values{"body": {""}, "_once": {tok}}), http.StatusUnprocessableEntity)
	wantStatus(t, e.post(chair, comment, url.Values{"body": {"Đề nghị bổ sung ảnh"}, "_once": {tok}}), http.StatusSeeOther)
	wantBody(t, e.post(chair, comment, url.Values{"body": {"Đề nghị bổ sung ảnh"}, "_once": {tok}}),
		"Ý kiến này đã được ghi nhận lúc")

	// A plan form sent twice makes one plan.
	tok = formToken(t, e.get(chair, "/ke-hoach/moi").Body.String())
	plan := url.Values{"doc_number": {"09/KH-UBND"}, "issued_on": {"02/02/2024"}, "kind": {"digital_transformation"},
		"title": {"Kế hoạch gửi hai lần"}, "status": {"active"}, "_once": {tok}}
	wantStatus(t, e.post(chair, "/ke-hoach", plan), http.StatusSeeOther)
	wantBody(t, e.post(chair, "/ke-hoach", plan), "Kế hoạch này đã được ghi nhận lúc")
	found, err := e.Store.ListPlans(context.Background(), e.chairA, plans.PlanFilter{Query: "gửi hai lần"})
	if err != nil || len(found.Items) != 1 {
		t.Fatalf("plans sent twice: %+v %v", found.Items, err)
	}
}

// A form posted after the session expired leads to the sign-in page, which
// says the typed content is kept and returns to the form afterwards.
func TestExpiredSessionFormGoesBackToTheForm(t *testing.T) {
	t.Parallel()
	e := newPageEnv(t)
	path := "/nhiem-vu/" + itoa(e.mine.ID) + "/bao-cao"
	tok := formToken(t, e.get(e.team, path).Body.String())
	e.Clock.Set(e.Clock.Now().Add(15 * 24 * time.Hour))
	req := formRequest(path, url.Values{"percent": {"40"}, "_once": {tok}})
	req.Header.Set("Referer", "http://example.com"+path)
	rec := e.serve(e.team, req)
	wantStatus(t, rec, http.StatusSeeOther)
	loc := rec.Header().Get("Location")
	if loc != "/dang-nhap?het-han=1&next="+url.QueryEscape(path) {
		t.Fatalf("location %q", loc)
	}
	wantBody(t, e.get("", loc), "Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại — nội dung bạn vừa nhập vẫn được giữ",
		`name="next" value="`+path+`"`)
	if n := e.reportCount(t, e.mine.ID); n != 0 {
		t.Fatalf("%d reports, want 0", n)
	}
	// A form from another site is never the way back.
	req = formRequest(path, url.Values{"percent": {"40"}})
	req.Header.Set("Referer", "https://evil.example/x")
	if loc := e.serve(e.team, req).Header().Get("Location"); strings.Contains(loc, "next=") {
		t.Fatalf("location %q follows a foreign referer", loc)
	}
}

// A report lower than the last asks to confirm; a form with several
// mistakes names them all at once.
func TestReportFormLowerAsksAndAllErrorsAtOnce(t *testing.T) {
	t.Parallel()
	e := newPageEnv(t)
	path := "/nhiem-vu/" + itoa(e.mine.ID) + "/bao-cao"
	wantStatus(t, e.postFiles(e.team, path, map[string]string{"percent": "60"}, nil), http.StatusSeeOther)
	low := e.postFiles(e.team, path, map[string]string{"percent": "40", "note": "Sửa lại số liệu"}, nil)
	wantStatus(t, low, http.StatusUnprocessableEntity)
	wantBody(t, low, "thấp hơn lần báo cáo trước (60%)", `name="confirm_lower"`, "Sửa lại số liệu")
	if n := e.reportCount(t, e.mine.ID); n != 1 {
		t.Fatalf("%d reports before confirming, want 1", n)
	}
	wantStatus(t, e.postFiles(e.team, path, map[string]string{"percent": "40", "note": "Sửa lại số liệu",
		"confirm_lower": "1"}, nil), http.StatusSeeOther)
	if n := e.reportCount(t, e.mine.ID); n != 2 {
		t.Fatalf("%d reports after confirming, want 2", n)
	}
	bad := e.postFiles(e.team, path, map[string]string{"percent": "nhiều", "actual_value": "-3",
		"note": strings.Repeat("x", 5001)}, nil)
	wantStatus(t, bad, http.StatusUnprocessableEntity)
	wantBody(t, bad, `id="f-percent-error"`, `id="f-actual-value-error"`, `id="f-note-error"`)
}
