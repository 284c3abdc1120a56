package handlers_test

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"html"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/tiendo/tiendo/models"
)

func contains(s, sub string) bool { return strings.Contains(s, sub) }

// seedTexts must appear in every format of the 9-month report: the plans
// as numbered and dated, the dossier counts, the six rates against their
// required rates, the national heading (the issuing body on its two lines)
// and the seed's inconsistencies (in the data-quality appendix, which the
// test asks for with quality=1).
var seedTexts = []string{
	"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "ỦY BAN NHÂN DÂN", "XÃ VỌNG ĐÔNG",
	"Số:", "/BC-UBND", "9 tháng đầu năm 2024",
	"06/KH-UBND", "31/01/2024", "08/KH-UBND", "01/03/2024", "10/KH-UBND", "11/03/2023",
	"12/KH-UBND", "29/03/2024", "19/06/2024", "16/KH-UBND", "17/07/2024",
	"tiếp nhận 988 hồ sơ", "Kết quả giải quyết 988 hồ sơ đạt 100%", "Toàn trình 406/407 hồ sơ",
	"Một phần trực tuyến 557/557 hồ sơ (có 28 hồ sơ dịch vụ BCCI)", "Một phần trực tiếp 24/24 hồ sơ",
	"cho trẻ em dưới 6 tuổi: 52 trường hợp", "mai táng phí, tử tuất: 81 trường hợp",
	"tổng số đã tiếp nhận 108 hồ sơ", "hộ tịch: 75 hồ sơ", "chứng thực: 20 hồ sơ", "việc làm: 18 hồ sơ",
	"ngày 31/08/2024", "(tỷ lệ quy định đạt 100%): xã đạt 83,2%", "(tỷ lệ quy định đạt 50%): xã đạt 90,83%",
	"(tỷ lệ quy định đạt từ 90 - 100%): xã đạt 94,31%", "(tỷ lệ quy định đạt từ 80 - 90%): xã đạt 100%",
	"(tỷ lệ quy định đạt 50%): xã đạt 78%",
	"75 + 20 + 18 = 113, khác tổng số 108", "406 + 557 + 24 = 987, khác tổng số 988",
	"số 12/KH-UBND được dùng cho 2 kế hoạch trong năm 2024", "ngày ban hành 11/03/2023, ngoài năm kế hoạch",
}

func TestSeedReportFormats(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.recordSeed()
	reader := user(e.A, models.RoleTeamMember)
	formats := map[string]func(testing.TB, []byte) string{
		"xlsx": xlsxText, "csv": csvText, "docx": docxText, "html": htmlText,
	}
	for format, text := range formats {
		r := e.do(reader, "GET", "/api/v1/reports?period=2024-M9&quality=1&format="+format, nil).expect(http.StatusOK)
		if cd := r.Header().Get("Content-Disposition"); !contains(cd, "bao-cao-vong-dong-2024-M9."+format) {
			t.Errorf("%s: Content-Disposition %q", format, cd)
		}
		if dir := os.Getenv("TIENDO_REPORT_DIR"); dir != "" { // to look at them, e.g. in LibreOffice
			_ = os.WriteFile(filepath.Join(dir, "seed-report."+format), r.Body.Bytes(), 0o644)
		}
		body := text(t, r.Body.Bytes())
		for _, want := range seedTexts {
			if !contains(body, want) {
				t.Errorf("%s: %q missing", format, want)
			}
		}
	}
	// Accept picks the format when no format is given.
	r := e.do(reader, "GET", "/api/v1/reports?period=2024-M9", nil, "Accept", "text/csv").expect(http.StatusOK)
	if !strings.HasPrefix(r.Header().Get("Content-Type"), "text/csv") {
		t.Errorf("Accept text/csv answered %s", r.Header().Get("Content-Type"))
	}
}

// TestSeedReportXLSXNumbers reads the workbook's numeric cells: counts are
// numbers and rates fractions, for whoever computes with them.
func TestSeedReportXLSXNumbers(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.recordSeed()
	r := e.do(e.chairA(), "GET", "/api/v1/reports?period=2024-M9&format=xlsx", nil).expect(http.StatusOK)
	f, err := excelize.OpenReader(bytes.NewReader(r.Body.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Báo cáo", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]bool{}
	for _, row := range rows {
		if len(row) >= 5 && row[1] == "Tổng số" && row[2] == "988" && row[3] == "988" {
			found["dossier total row 988/988"] = true
		}
		if len(row) >= 4 && contains(row[1], "Số hóa hồ sơ") && row[3] == "0.832" {
			found["digitization 0.832"] = true
		}
	}
	for _, want := range []string{"dossier total row 988/988", "digitization 0.832"} {
		if !found[want] {
			t.Errorf("workbook lacks %s:\n%q", want, rows)
		}
	}
}

// xlsxText is every cell of the workbook as displayed, joined.
func xlsxText(t testing.TB, b []byte) string {
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out strings.Builder
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for _, row := range rows {
			out.WriteString(strings.Join(row, "\t") + "\n")
		}
	}
	return out.String()
}

// csvText parses the CSV strictly (after its byte-order mark) and joins it.
func csvText(t testing.TB, b []byte) string {
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff"))))
	r.FieldsPerRecord = -1
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

// docxText unzips the package, checks every part is well-formed XML, and
// returns the text of word/document.xml, one paragraph a line.
func docxText(t testing.TB, b []byte) string {
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var doc []byte
	for _, f := range z.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(rc)
		rc.Close()
		if err := wellFormed(data); err != nil {
			t.Fatalf("%s is not well-formed XML: %v", f.Name, err)
		}
		if f.Name == "word/document.xml" {
			doc = data
		}
	}
	if doc == nil {
		t.Fatal("no word/document.xml")
	}
	s := strings.ReplaceAll(string(doc), "</w:p>", "\n")
	return html.UnescapeString(regexp.MustCompile(`<[^>]+>`).ReplaceAllString(s, ""))
}

func wellFormed(b []byte) error {
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		if _, err := d.Token(); err == io.EOF {
			return nil
		} else if err != nil {
			return err
		}
	}
}

func htmlText(_ testing.TB, b []byte) string { return html.UnescapeString(string(b)) }
