package handlers_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/accounts"
)

// TestProvincePages: a province account lands on "Tổng hợp toàn tỉnh" with
// both communes, sorts it, sets the period's deadline and opens a commune
// read-only (no task links); the chairman sees the deadline and sends the
// report from the reports page, which the province's drill-down then lists;
// another province's account gets 404 for the commune.
func TestProvincePages(t *testing.T) {
	t.Parallel()
	e := newPageEnv(t)
	for _, p := range []accounts.NewProvinceUser{
		{Province: "An Giang", Username: "tinh_ag", FullName: "Sở Nội vụ An Giang", Password: testfix.Password},
		{Province: "Kiên Giang", Username: "tinh_kg", FullName: "Sở Nội vụ Kiên Giang", Password: testfix.Password},
	} {
		if _, err := e.Store.CreateProvinceUser(context.Background(), p); err != nil {
			t.Fatal(err)
		}
	}
	if loc := e.get("tinh_ag", "/").Header().Get("Location"); loc != "/tinh" {
		t.Fatalf("a province account's home: %q", loc)
	}
	// Its password page opens; a commune's pages are closed to it, as the API's routes.
	wantStatus(t, e.get("tinh_ag", "/doi-mat-khau"), http.StatusOK)
	for _, path := range []string{"/thong-bao", "/viec-cua-toi", "/tong-quan", "/bao-cao-dinh-ky", "/tai-khoan"} {
		wantStatus(t, e.get("tinh_ag", path), http.StatusForbidden)
	}
	page := e.get("tinh_ag", "/tinh")
	wantStatus(t, page, http.StatusOK)
	wantBody(t, page, "Tổng hợp toàn tỉnh", `id="commune-`+itoa(e.A.Info.ID)+`"`, `id="commune-`+itoa(e.B.Info.ID)+`"`,
		"Mỹ Hòa Hưng", "Vọng Đông", `id="province-total"`, `id="ontime-chart"`, `id="download-xlsx"`, "Chưa lập",
		"9 tháng đầu năm 2024")
	if strings.Contains(page.Body.String(), "Việc của tôi") {
		t.Error("the province's menu offers a commune's pages")
	}
	// Sorted by overdue, most first: commune A has the overdue task.
	sorted := e.get("tinh_ag", "/tinh?period=2024-M9&sap-xep=qua-han&chieu=giam").Body.String()
	if a, b := strings.Index(sorted, `id="commune-`+itoa(e.A.Info.ID)+`"`), strings.Index(sorted, `id="commune-`+itoa(e.B.Info.ID)+`"`); a < 0 || b < 0 || a > b {
		t.Errorf("sorted by overdue: A at %d, B at %d", a, b)
	}
	// A deadline typed wrong is named; a right one is kept.
	bad := e.post("tinh_ag", "/tinh/han-nop", url.Values{"period": {"2024-M9"}, "due_on": {"31/02/2024"}})
	wantStatus(t, bad, http.StatusUnprocessableEntity)
	wantBody(t, bad, "Ngày không hợp lệ")
	wantStatus(t, e.post("tinh_ag", "/tinh/han-nop", url.Values{"period": {"2024-M9"}, "due_on": {"02/10/2024"}}), http.StatusSeeOther)
	wantBody(t, e.get("tinh_ag", "/tinh?period=2024-M9"), "trước hết ngày 02/10/2024")

	// The chairman sees the deadline and sends the report.
	chair := e.user(models.RoleChairman)
	reports := e.get(chair, "/bao-cao-dinh-ky?year=2024&ky=M9")
	wantBody(t, reports, `id="report-due"`, "02/10/2024", `id="send-form"`, "Gửi báo cáo", "chưa được gửi")
	sent := e.post(chair, "/bao-cao-dinh-ky/gui", url.Values{"period": {"2024-M9"}})
	wantStatus(t, sent, http.StatusSeeOther)
	wantBody(t, e.get(chair, "/bao-cao-dinh-ky?year=2024&ky=M9"), `id="sent-version-1"`, "Gửi bản đính chính")
	if team := e.get(e.user(models.RoleTeamMember), "/bao-cao-dinh-ky?year=2024&ky=M9"); strings.Contains(team.Body.String(), `id="send-form"`) {
		t.Error("a team member is offered to send the report")
	}

	// The province: sent, and the drill-down lists version 1, read-only.
	wantBody(t, e.get("tinh_ag", "/tinh?period=2024-M9"), "Đã gửi", `id="notices"`)
	drill := e.get("tinh_ag", "/tinh/xa/"+itoa(e.A.Info.ID)+"?period=2024-M9")
	wantStatus(t, drill, http.StatusOK)
	wantBody(t, drill, `id="version-1"`, `id="file-docx-1"`, `id="kpi-total"`, "Báo cáo quý III")
	for _, secret := range []string{"/nhiem-vu/", "/tep/", "@"} {
		if strings.Contains(drill.Body.String(), secret) {
			t.Errorf("the drill-down shows %q", secret)
		}
	}
	// Both pages pass the checks every page passes (labels, alt texts, no outside assets…), in both languages.
	for _, path := range []string{"/tinh?period=2024-M9", "/tinh/xa/" + itoa(e.A.Info.ID) + "?period=2024-M9",
		"/tinh?lang=en", "/tinh/xa/" + itoa(e.A.Info.ID) + "?lang=en"} {
		for _, p := range pageProblems(e.get("tinh_ag", path).Body.Bytes()) {
			t.Errorf("%s: %s", path, p)
		}
	}
	wantStatus(t, e.get("tinh_kg", "/tinh/xa/"+itoa(e.A.Info.ID)), http.StatusNotFound)
	wantStatus(t, e.get(chair, "/tinh"), http.StatusForbidden)
	wantStatus(t, e.get(chair, "/tinh/xa/"+itoa(e.A.Info.ID)), http.StatusForbidden)
	wantStatus(t, e.post(chair, "/tinh/han-nop", url.Values{"period": {"2024-M9"}, "due_on": {"02/10/2024"}}), http.StatusForbidden)
	wantStatus(t, e.post(e.user(models.RoleTeamMember), "/bao-cao-dinh-ky/gui", url.Values{"period": {"2024-M9"}}), http.StatusForbidden)
	// Seen: the notices leave the page.
	wantStatus(t, e.post("tinh_ag", "/tinh/thong-bao/da-xem", nil), http.StatusSeeOther)
	if strings.Contains(e.get("tinh_ag", "/tinh").Body.String(), `id="notices"`) {
		t.Error("notices still shown after «Đánh dấu đã xem»")
	}
}
