package handlers_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/plans"
	"github.com/tiendo/tiendo/models/statistics"
)

// narrativeBody has a text of its own in each of the five sections.
var narrativeBody = map[string]any{
	"results":     "Kết quả nổi bật: 100% hồ sơ được số hóa tại bộ phận một cửa.",
	"limitations": "Hạn chế: tỷ lệ thanh toán trực tuyến còn thấp ở ấp Vọng Đông 2.",
	"causes":      "Nguyên nhân: người dân lớn tuổi chưa quen dịch vụ công trực tuyến.",
	"directions":  "Quý IV: mỗi tổ công nghệ số cộng đồng hướng dẫn 20 hộ mỗi tháng.",
	"proposals":   "Đề nghị tỉnh hỗ trợ 02 máy quét cho bộ phận một cửa.",
}

func TestReportNarrativeIsVersionedAndAudited(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	chair := e.chairA()
	var n statistics.Narrative
	r := e.do(user(e.A, models.RoleTeamMember), "GET", "/api/v1/reports/2024-M9/narrative", nil).expect(http.StatusOK)
	if r.decode(&n); n.Version != 0 || n.Results != "" || r.Header().Get("ETag") != "" {
		t.Fatalf("before writing: %+v, ETag %q", n, r.Header().Get("ETag"))
	}
	e.do(user(e.A, models.RoleTeamMember), "PUT", "/api/v1/reports/2024-M9/narrative", narrativeBody).
		expectProblem(http.StatusForbidden, "forbidden")
	r = e.do(chair, "PUT", "/api/v1/reports/2024-M9/narrative", narrativeBody).expect(http.StatusOK)
	if r.decode(&n); n.Version != 1 || n.Causes != narrativeBody["causes"] || r.Header().Get("ETag") != `"1"` {
		t.Fatalf("first write: %+v, ETag %q", n, r.Header().Get("ETag"))
	}
	// The same days by another name are the same narrative; a stale
	// If-Match is refused and changes nothing.
	e.do(chair, "PUT", "/api/v1/reports/2024-01-01..2024-09-30/narrative", map[string]any{"results": "x"},
		"If-Match", `"7"`).expectProblem(http.StatusPreconditionFailed, "stale")
	e.do(chair, "PUT", "/api/v1/reports/2024-M9/narrative", map[string]any{"results": strings.Repeat("a", 20001)},
		"If-Match", `"1"`).invalid("results")
	e.do(chair, "PUT", "/api/v1/reports/2024-M9/narrative", map[string]any{"results": "Đã sửa"}, "If-Match", `"1"`).
		expect(http.StatusOK).decode(&n)
	if n.Version != 2 || n.Results != "Đã sửa" || n.Proposals != "" {
		t.Fatalf("second write replaces all five: %+v", n)
	}
	e.do(chair, "GET", "/api/v1/reports/2024-M13/narrative", nil).invalid("period")
	var audit struct{ Items []map[string]any }
	e.do(chair, "GET", "/api/v1/audit?entity=report_narrative", nil).expect(http.StatusOK).decode(&audit)
	if len(audit.Items) != 2 {
		t.Errorf("audit rows: %+v", audit.Items)
	}
	// Commune B has none of it.
	e.do(user(e.B, models.RoleChairman), "GET", "/api/v1/reports/2024-M9/narrative", nil).expect(http.StatusOK).decode(&n)
	if n.Version != 0 {
		t.Errorf("commune B sees %+v", n)
	}
}

// reportFormats read each human format's text.
var reportFormats = map[string]func(testing.TB, []byte) string{
	"xlsx": xlsxText, "csv": csvText, "docx": docxText, "html": htmlText,
}

// TestNarrativeAndNamesInEveryFormat: the five sections round-trip into
// every format, and no format prints a code of the catalogue (plan kinds,
// indicators, period codes, statuses, commune kinds) where a name belongs.
func TestNarrativeAndNamesInEveryFormat(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.recordSeed()
	e.do(e.chairA(), "PUT", "/api/v1/reports/2024-M9/narrative", narrativeBody).expect(http.StatusOK)
	kinds, err := e.Store.ListPlanKinds(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	codes := []string{"2024-M9", "2024-Y", "nine_months", "xa", "dac_khu", "phuong"}
	codes = append(codes, plans.TaskStatuses...)
	for _, k := range kinds {
		codes = append(codes, k.Code)
	}
	cat, err := e.Store.Indicators(context.Background(), e.Actor(t, e.A, models.RoleChairman), 2024)
	if err != nil {
		t.Fatal(err)
	}
	for _, ind := range cat.All() {
		codes = append(codes, ind.Code)
	}
	if len(codes) < 20 {
		t.Fatalf("too few codes to look for: %v", codes)
	}
	for format, text := range reportFormats {
		for _, sep := range []string{"", "&sep=semicolon"} {
			if sep != "" && format != "csv" {
				continue
			}
			r := e.do(e.chairA(), "GET", "/api/v1/reports?period=2024-M9&quality=1&format="+format+sep, nil).
				expect(http.StatusOK)
			var body string
			if sep != "" {
				body = csvTextSep(t, r.Body.Bytes(), ';')
			} else {
				body = text(t, r.Body.Bytes())
			}
			for field, want := range narrativeBody {
				if !contains(body, want.(string)) {
					t.Errorf("%s%s: %s %q missing", format, sep, field, want)
				}
			}
			for _, code := range codes {
				if regexp.MustCompile(`(^|[^\pL\pN_])` + regexp.QuoteMeta(code) + `($|[^\pL\pN_])`).MatchString(body) {
					t.Errorf("%s%s prints the code %q", format, sep, code)
				}
			}
			for _, name := range []string{"Cải cách hành chính", "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính",
				"9 tháng đầu năm 2024", "UBND xã Vọng Đông", "Tồn tại, hạn chế", "Kiến nghị, đề xuất"} {
				if !contains(strings.ToLower(body), strings.ToLower(name)) {
					t.Errorf("%s%s: %q missing", format, sep, name)
				}
			}
		}
	}
	// Without quality=1 the findings stay out of the report.
	r := e.do(e.chairA(), "GET", "/api/v1/reports?period=2024-M9&format=csv", nil).expect(http.StatusOK)
	if body := csvText(t, r.Body.Bytes()); contains(body, "75 + 20 + 18 = 113") || contains(body, "PHỤ LỤC") {
		t.Errorf("the data-quality appendix is in a report that did not ask for it")
	}
	r = e.do(e.chairA(), "GET", "/api/v1/reports?period=2024-M9&format=csv&sep=semicolon", nil).expect(http.StatusOK)
	if !contains(r.Body.String(), "STT;Số, ký hiệu;Ngày ban hành") {
		t.Errorf("sep=semicolon does not separate with ';'")
	}
	e.do(e.chairA(), "GET", "/api/v1/reports?period=2024-M9&format=csv&sep=tab", nil).invalid("sep")
}

// TestDOCXAndXLSXPrintSetup: the DOCX has a header part with a PAGE field
// (from page 2: titlePg) and the signer's name; the XLSX has print titles
// and A4 fit-to-width page setup.
func TestDOCXAndXLSXPrintSetup(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.recordSeed()
	signer := e.A.Users[models.RoleChairman].FullName
	r := e.do(e.chairA(), "GET", "/api/v1/reports?period=2024-M9&format=docx", nil).expect(http.StatusOK)
	parts := zipParts(t, r.Body.Bytes())
	if !contains(parts["word/header1.xml"], `w:instr=" PAGE "`) || !contains(parts["word/document.xml"], "<w:titlePg/>") ||
		!contains(parts["word/document.xml"], `w:type="default" r:id="rId2"`) {
		t.Errorf("no page number in the header from page 2:\n%s", parts["word/header1.xml"])
	}
	doc := docxText(t, r.Body.Bytes())
	if signer == "" || !regexp.MustCompile(`CHỦ TỊCH(\s*\n){4,}\s*`+regexp.QuoteMeta(signer)).MatchString(doc) {
		t.Errorf("the signer %q is not under CHỦ TỊCH with room to sign", signer)
	}
	if !regexp.MustCompile(`ỦY BAN NHÂN DÂN\s*\n\s*XÃ VỌNG ĐÔNG\s*\n`).MatchString(doc) {
		t.Errorf("the issuing body is not on its two lines")
	}
	r = e.do(e.chairA(), "GET", "/api/v1/reports?period=2024-M9&format=xlsx", nil).expect(http.StatusOK)
	parts = zipParts(t, r.Body.Bytes())
	if !contains(parts["xl/workbook.xml"], `name="_xlnm.Print_Titles"`) {
		t.Errorf("no print titles: %s", parts["xl/workbook.xml"])
	}
	sheet := parts["xl/worksheets/sheet1.xml"]
	for _, want := range []string{`fitToPage="true"`, `paperSize="9"`, `fitToWidth="1"`, `fitToHeight="0"`, "&amp;P"} {
		if !contains(sheet, want) {
			t.Errorf("report sheet lacks %s", want)
		}
	}
	if !contains(xlsxText(t, r.Body.Bytes()), "Nơi nhận:") || !contains(xlsxText(t, r.Body.Bytes()), signer) {
		t.Errorf("the workbook lacks Nơi nhận or the signer")
	}
}

func zipParts(t *testing.T, b []byte) map[string]string {
	t.Helper()
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, f := range z.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(rc)
		rc.Close()
		out[f.Name] = string(data)
	}
	return out
}

// csvTextSep is csvText for another separator.
func csvTextSep(t testing.TB, b []byte, sep rune) string {
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff"))))
	r.Comma, r.FieldsPerRecord = sep, -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	for _, rec := range recs {
		out.WriteString(strings.Join(rec, "\t") + "\n")
	}
	return out.String()
}
