package handlers_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"testing"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/statistics"
)

// TestNarrativePageSavesAndPrints: the chairman writes the report's text
// on the reports page, sees it in the preview and the files; a stale form
// says so and keeps what was typed; a hamlet team cannot write it.
func TestNarrativePageSavesAndPrints(t *testing.T) {
	t.Parallel()
	e := newPageEnv(t)
	chair := e.user(models.RoleChairman)
	page := e.get(chair, "/bao-cao-dinh-ky?year=2024&ky=M9")
	wantStatus(t, page, http.StatusOK)
	wantBody(t, page, `id="narrative-form"`, `name="version" value="0"`, `id="download-csv-semicolon"`,
		"Excel tiếng Việt", `id="f-phu-luc"`)
	form := url.Values{"period": {"2024-M9"}, "version": {"0"}, "results": {"Hoàn thành sớm kế hoạch số hóa."},
		"limitations": {"Còn chậm ở ấp 3."}, "causes": {"Thiếu máy quét."}, "directions": {"Tập huấn quý IV."},
		"proposals": {"Đề nghị cấp máy quét."}}
	saved := e.post(chair, "/bao-cao-dinh-ky/loi-van", form)
	wantStatus(t, saved, http.StatusSeeOther)
	page = e.get(chair, "/bao-cao-dinh-ky?year=2024&ky=M9")
	wantBody(t, page, "Hoàn thành sớm kế hoạch số hóa.", "II. TỒN TẠI, HẠN CHẾ", "Còn chậm ở ấp 3.",
		"V. KIẾN NGHỊ, ĐỀ XUẤT", "Đề nghị cấp máy quét.", `name="version" value="1"`)
	csv := e.api(chair, "GET", "/api/v1/reports?period=2024-M9&format=csv", nil)
	if !contains(csv.Body.String(), "Thiếu máy quét.") {
		t.Errorf("the CSV lacks the narrative")
	}
	// The same form again is stale: 422, the typed text kept, nothing saved.
	form.Set("causes", "Sửa sau")
	stale := e.post(chair, "/bao-cao-dinh-ky/loi-van", form)
	wantStatus(t, stale, http.StatusUnprocessableEntity)
	wantBody(t, stale, "Sửa sau", `id="report-preview"`)
	var n statistics.Narrative
	rec := e.api(chair, "GET", "/api/v1/reports/2024-M9/narrative", nil)
	if err := json.Unmarshal(rec.Body.Bytes(), &n); err != nil {
		t.Fatal(err)
	}
	if n.Causes != "Thiếu máy quét." || n.Version != 1 {
		t.Errorf("after a stale post: %+v", n)
	}
	team := e.post(e.team, "/bao-cao-dinh-ky/loi-van", form)
	wantStatus(t, team, http.StatusForbidden)
	if page := e.get(e.team, "/bao-cao-dinh-ky?year=2024&ky=M9"); contains(page.Body.String(), `id="narrative-form"`) {
		t.Errorf("a hamlet team is offered the narrative form")
	}
	// The appendix is a choice: the links carry it.
	page = e.get(chair, "/bao-cao-dinh-ky?year=2024&ky=M9&phu_luc=1")
	wantBody(t, page, `quality=1`, "PHỤ LỤC: KIỂM TRA CHẤT LƯỢNG SỐ LIỆU")
}
