package handlers_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/plans"
	"github.com/tiendo/tiendo/models/statistics"
)

// The statistics pages: figures recorded through the API show on the pages,
// the forms keep what was typed and show the error beside its field, and
// each page answers every role as its API does.

// api sends a JSON request to the API with user's session cookie, as a page's
// script or a download link would, and checks it against api/openapi.json.
func (e *pageEnv) api(user, method, path string, body any) *httptest.ResponseRecorder {
	e.t.Helper()
	raw, err := json.Marshal(body)
	if err != nil {
		e.t.Fatal(err)
	}
	newReq := func() *http.Request {
		req := httptest.NewRequest(method, path, nil)
		if body != nil {
			req = httptest.NewRequest(method, path, bytes.NewReader(raw))
			req.Header.Set("Content-Type", "application/json")
		}
		req.AddCookie(&http.Cookie{Name: "tiendo_session", Value: e.session(user)})
		return req
	}
	rec := httptest.NewRecorder()
	e.h.ServeHTTP(rec, newReq())
	checkContract(e.t, newReq(), rec, true)
	return rec
}

// recordFigures records, through the API as the chairman of commune A, a
// 9-month satisfaction rate and the 9-month dossier counts.
func (e *pageEnv) recordFigures(t *testing.T) {
	t.Helper()
	chair := e.user(models.RoleChairman)
	wantStatus(t, e.api(chair, "PUT", "/api/v1/indicators/satisfaction/values/2024-M9",
		map[string]any{"rate": 87.5, "as_of": "2024-09-30", "source": "Cổng DVC"}), http.StatusOK)
	wantStatus(t, e.api(chair, "PUT", "/api/v1/dossiers/2024-M9", map[string]any{
		"received": 1234, "resolved": 1200, "resolved_on_time": 1190, "channels": []map[string]any{
			{"key": "online_full", "received": 634, "resolved": 620}, {"key": "in_person", "received": 600, "resolved": 580}}}),
		http.StatusOK)
}

// valueCount is how many values of code the API lists for 2024.
func (e *pageEnv) valueCount(t *testing.T, code string) int {
	t.Helper()
	rec := e.api(e.user(models.RoleChairman), "GET", "/api/v1/indicators/"+code+"/values?year=2024", nil)
	wantStatus(t, rec, http.StatusOK)
	var out struct{ Items []statistics.IndicatorValue }
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	return len(out.Items)
}

func TestIndicatorsPageShowsValuesAndRecordsOne(t *testing.T) {
	t.Parallel()
	e := newPageEnv(t)
	e.recordFigures(t)
	chair := e.user(models.RoleChairman)
	page := e.get(chair, "/chi-tieu?year=2024")
	wantStatus(t, page, http.StatusOK)
	// 87,5 % against a threshold of 90 % earns 87,5 × 18 ÷ 90 = 17,5 of 18 points.
	wantBody(t, page, `id="ind-satisfaction"`, "Mức độ hài lòng của người dân, doanh nghiệp", "87,5%", "17,5/18",
		"9 tháng đầu năm 2024", `id="indicator-form"`, `<option value="2024-M9" selected>`)

	// A rate that is not a number, and one out of range: each error beside
	// its field, what was typed kept, nothing recorded.
	bad := e.post(chair, "/chi-tieu", url.Values{"indicator": {"satisfaction"}, "period": {"2024-Q3"},
		"rate": {"chín mươi"}, "source": {"Sổ theo dõi"}})
	wantStatus(t, bad, http.StatusUnprocessableEntity)
	wantBody(t, bad, `id="f-rate-error"`, "Cần nhập một số, ví dụ 1.250 hoặc 12,5", `value="chín mươi"`,
		`value="Sổ theo dõi"`, `<option value="2024-Q3" selected>`, `<option value="satisfaction" selected>`)
	tooHigh := e.post(chair, "/chi-tieu", url.Values{"indicator": {"satisfaction"}, "period": {"2024-Q3"},
		"rate": {"1500"}, "numerator": {"5"}})
	wantStatus(t, tooHigh, http.StatusUnprocessableEntity)
	wantBody(t, tooHigh, "Tỷ lệ phải từ 0 đến 1.000", `id="f-denominator-error"`, "Cần nhập cả tử số và mẫu số", `value="1500"`)
	if n := e.valueCount(t, "satisfaction"); n != 1 {
		t.Fatalf("%d values after refused posts, want 1", n)
	}

	// A valid value, typed the Vietnamese way, shows on the page.
	ok := e.post(chair, "/chi-tieu", url.Values{"indicator": {"satisfaction"}, "period": {"2024-Q3"}, "rate": {"92,5"}})
	wantStatus(t, ok, http.StatusSeeOther)
	if loc := ok.Header().Get("Location"); loc != "/chi-tieu?year=2024&flash=saved#ind-satisfaction" {
		t.Fatalf("location %q", loc)
	}
	wantBody(t, e.get(chair, "/chi-tieu?year=2024&flash=saved"), "Đã lưu.", "92,5%", "Quý III năm 2024")
	if n := e.valueCount(t, "satisfaction"); n != 2 {
		t.Fatalf("%d values, want 2", n)
	}
}

// TestIndicatorsPageJudgesInEnglish: the English page words the assessment
// in English (threshold, points, the commune's target), not the documents'
// Vietnamese sentence.
func TestIndicatorsPageJudgesInEnglish(t *testing.T) {
	t.Parallel()
	e := newPageEnv(t)
	e.recordFigures(t)
	page := e.get(e.user(models.RoleChairman), "/chi-tieu?year=2024&lang=en")
	wantStatus(t, page, http.StatusOK)
	wantBody(t, page, "Not met the Decision 766 threshold (≥ 90%): 17.5/18 points", "No data: 0/")
	if strings.Contains(page.Body.String(), "ngưỡng Quyết định 766") || strings.Contains(page.Body.String(), "điểm<") {
		t.Error("the English page judges in Vietnamese")
	}
}

func TestIndicatorsPageIsReadOnlyForHamletTeams(t *testing.T) {
	t.Parallel()
	e := newPageEnv(t)
	e.recordFigures(t)
	page := e.get(e.team, "/chi-tieu")
	wantStatus(t, page, http.StatusOK) // as GET /api/v1/indicators
	wantBody(t, page, "87,5%")
	if strings.Contains(page.Body.String(), `id="indicator-form"`) {
		t.Fatal("a hamlet team member is offered the form")
	}
	api := e.api(e.team, "PUT", "/api/v1/indicators/satisfaction/values/2024-Q3", map[string]any{"rate": 90})
	post := e.post(e.team, "/chi-tieu", url.Values{"indicator": {"satisfaction"}, "period": {"2024-Q3"}, "rate": {"90"}})
	if api.Code != http.StatusForbidden || post.Code != api.Code {
		t.Fatalf("team member records a value: page %d, API %d, want 403", post.Code, api.Code)
	}
	if n := e.valueCount(t, "satisfaction"); n != 1 {
		t.Fatalf("%d values, want 1", n)
	}
}

func TestPeriodicReportPagePreviewsAndDownloads(t *testing.T) {
	t.Parallel()
	e := newPageEnv(t)
	e.recordFigures(t)
	chair := e.user(models.RoleChairman)
	page := e.get(chair, "/bao-cao-dinh-ky?year=2024&ky=M9")
	wantStatus(t, page, http.StatusOK)
	wantBody(t, page, `id="report-preview"`, "9 tháng đầu năm 2024", "Mức độ hài lòng", "87,5", "1.234",
		"06/KH-UBND", `<option value="M9" selected>`,
		`href="/api/v1/reports?format=xlsx&amp;period=2024-M9"`, `href="/api/v1/reports?format=docx&amp;period=2024-M9"`,
		`href="/api/v1/reports?format=csv&amp;period=2024-M9"`, `href="/api/v1/reports?format=html&amp;period=2024-M9"`)

	// The download link works with the page's session cookie and names the file.
	for _, format := range []string{"xlsx", "docx", "csv"} {
		rec := e.api(chair, "GET", "/api/v1/reports?format="+format+"&period=2024-M9", nil)
		wantStatus(t, rec, http.StatusOK)
		cd := rec.Header().Get("Content-Disposition")
		if !strings.HasPrefix(cd, `attachment; filename="bao-cao-`) || !strings.HasSuffix(cd, `-2024-M9.`+format+`"`) {
			t.Errorf("%s: Content-Disposition %q", format, cd)
		}
		if rec.Body.Len() == 0 {
			t.Errorf("%s: empty file", format)
		}
	}
	bad := e.get(chair, "/bao-cao-dinh-ky?year=2024&ky=M13")
	wantStatus(t, bad, http.StatusOK)
	wantBody(t, bad, `id="f-ky-error"`, "Kỳ báo cáo không hợp lệ")
	// A hamlet team member reads reports through the API, so here too.
	api := e.api(e.team, "GET", "/api/v1/reports?period=2024-M9", nil)
	team := e.get(e.team, "/bao-cao-dinh-ky?year=2024&ky=M9")
	if team.Code != api.Code || team.Code != http.StatusOK {
		t.Fatalf("team member: page %d, API %d, want 200", team.Code, api.Code)
	}
}

func TestDataQualityPageLinksToRecords(t *testing.T) {
	t.Parallel()
	e := newPageEnv(t)
	chair := e.user(models.RoleChairman)
	late, err := e.Store.CreatePlan(context.Background(), e.chairA, plans.PlanInput{DocNumber: "01/KH-UBND",
		IssuedOn: day("2023-12-28"), Year: 2024, Kind: "propaganda", Title: "Tuyên truyền năm 2024"})
	if err != nil {
		t.Fatal(err)
	}
	wantStatus(t, e.api(chair, "PUT", "/api/v1/indicators/on_time/values/2024-M9",
		map[string]any{"numerator": 120, "denominator": 100}), http.StatusOK)
	page := e.get(chair, "/chat-luong-du-lieu?year=2024")
	wantStatus(t, page, http.StatusOK)
	wantBody(t, page, "Tử số 120 lớn hơn mẫu số 100", `href="/chi-tieu?year=2024"`,
		"ngoài năm kế hoạch", `href="/ke-hoach/`+itoa(late.ID)+`"`, `class="badge sev-error"`)
	api := e.api(e.team, "GET", "/api/v1/quality?year=2024", nil)
	team := e.get(e.team, "/chat-luong-du-lieu?year=2024")
	if team.Code != api.Code || team.Code != http.StatusOK {
		t.Fatalf("team member: page %d, API %d, want 200", team.Code, api.Code)
	}
	wantBody(t, team, "Tử số 120 lớn hơn mẫu số 100")
}

func TestStatsPagesAreInTheNavigation(t *testing.T) {
	t.Parallel()
	e := newPageEnv(t)
	for _, role := range []models.Role{models.RoleChairman, models.RoleTeamMember} {
		page := e.get(e.user(role), "/chi-tieu")
		wantBody(t, page, `href="/bao-cao-dinh-ky"`, `href="/ho-so"`, `href="/chat-luong-du-lieu"`,
			`<a href="/chi-tieu" aria-current="page">`)
	}
	wantBody(t, e.get(e.team, "/bao-cao-dinh-ky?lang=en"), "Periodic report", "First 9 months", "Download")
}
