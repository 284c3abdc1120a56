package reports_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"

	"github.com/tiendo/tiendo/models/calendar"
	"github.com/tiendo/tiendo/models/statistics"
	"github.com/tiendo/tiendo/models/statistics/reports"
)

// hostile is a report whose user-entered text carries markup and control
// characters, and whose sections are empty.
func hostile() *statistics.Report {
	p, _ := statistics.ParsePeriod("2024-Q3")
	return &statistics.Report{
		Commune: statistics.ReportCommune{Name: "Mỹ Hòa Hưng", Kind: "xa", Province: "An Giang"},
		Period:  p, CutoffOn: calendar.NewDate(2024, 8, 15), AsOf: calendar.NewDate(2024, 9, 30),
		Plans: []statistics.ReportPlan{{DocNumber: "01/KH-UBND", IssuedOn: calendar.NewDate(2024, 7, 1),
			Title: "<b>Kế hoạch</b> & \"trích\" \x01\x0b yếu </w:t>", KindName: "Khác"}},
	}
}

func TestRenderEveryFormat(t *testing.T) {
	for _, format := range reports.Formats {
		f, err := reports.Render(hostile(), format)
		if err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		if f.FileName != "bao-cao-my-hoa-hung-2024-Q3."+format || !strings.HasPrefix(f.ContentType, strings.Split(reports.ContentType(format), ";")[0]) {
			t.Errorf("%s: %s %s", format, f.FileName, f.ContentType)
		}
		if len(f.Content) == 0 {
			t.Errorf("%s: empty", format)
		}
	}
}

// TestDOCXIsWellFormed: markup in a title stays text, control characters
// that XML cannot carry are dropped, every part parses.
func TestDOCXIsWellFormed(t *testing.T) {
	f, err := reports.Render(hostile(), "docx")
	if err != nil {
		t.Fatal(err)
	}
	z, err := zip.NewReader(bytes.NewReader(f.Content), int64(len(f.Content)))
	if err != nil {
		t.Fatal(err)
	}
	for _, part := range z.File {
		rc, _ := part.Open()
		data, _ := io.ReadAll(rc)
		rc.Close()
		d := xml.NewDecoder(bytes.NewReader(data))
		for {
			if _, err := d.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Fatalf("%s: %v", part.Name, err)
			}
		}
		if part.Name == "word/document.xml" && !strings.Contains(string(data), "&lt;b&gt;Kế hoạch&lt;/b&gt; &amp;") {
			t.Errorf("title not escaped as text")
		}
	}
}

func TestHTMLEscapesAndAllowsItsStyle(t *testing.T) {
	f, err := reports.Render(hostile(), "html")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(f.Content), "<b>Kế hoạch</b>") {
		t.Error("markup in a title reached the page")
	}
	if !strings.Contains(reports.HTMLContentSecurityPolicy, "style-src 'sha256-") {
		t.Error(reports.HTMLContentSecurityPolicy)
	}
}
