package handlers

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/reports"
)

// The read-only report pages: the periodic report (/bao-cao-dinh-ky) and
// the data-quality findings (/chat-luong-du-lieu).

// periodicData is the Data of the periodic report page.
type periodicData struct {
	Year      int
	Years     []int
	Kind      string // the chosen period without its year: M9, Q3, Y…
	Groups    []periodGroup
	Report    *models.Report // nil when the choice was invalid
	Doc       reports.Doc    // the report laid out as every file format prints it
	Downloads []reportDownload
	HTMLURL   string // the report as the API prints it, for printing on its own
}

// reportDownload is a link to the report in one file format.
type reportDownload struct {
	Format, Label, URL, FileName string
}

// downloadFormats are the files offered, in the order officials use them:
// the Word document to sign, the spreadsheet to check, CSV for other tools.
var downloadFormats = []struct{ format, label string }{
	{"docx", "Word (DOCX)"}, {"xlsx", "Excel (XLSX)"}, {"csv", "CSV"},
}

// periodicReportPage previews the periodic report of a chosen period from
// the model the API prints (models.Report), laid out by reports.Content as
// the DOCX, XLSX and CSV files are, so the preview cannot disagree with the
// file; with links to download it. The
// links are the API's own endpoint, which accepts the session cookie, so a
// download is exactly what GET /api/v1/reports sends.
func (h *handler) periodicReportPage(c *gin.Context) error {
	a := actor(c)
	f := newForm(c.Request.URL.Query())
	year := h.statsYear(f, a)
	kind := f.Value("ky")
	if kind == "" {
		kind = "M9"
		f.values.Set("ky", kind)
	}
	d := &periodicData{Year: year, Years: recentYears(h.today(a)), Kind: kind, Groups: periodGroups(pageLang(c))}
	p, err := models.ParsePeriod(strconv.Itoa(year) + "-" + kind)
	if err != nil {
		f.add("ky", "kỳ báo cáo không hợp lệ")
	}
	if !f.Invalid() {
		r, err := h.store.BuildReport(c.Request.Context(), a, models.ReportOptions{Period: p})
		if err != nil {
			return err
		}
		d.Report, d.Doc = r, reports.Content(r)
		d.Downloads, d.HTMLURL = reportLinks(r)
	} else if !a.CanReadStats() {
		return models.ErrForbidden // as the API would say, whatever was asked
	}
	h.render(c, http.StatusOK, "periodic_report", &view{Title: "Báo cáo định kỳ", Nav: "reports", Form: f, Data: d})
	return nil
}

// reportLinks are the API URLs of r in each download format and as HTML.
func reportLinks(r *models.Report) ([]reportDownload, string) {
	link := func(format string) string {
		q := url.Values{"period": {r.Period.Code}, "format": {format}}
		return "/api/v1/reports?" + q.Encode()
	}
	out := make([]reportDownload, len(downloadFormats))
	for i, df := range downloadFormats {
		out[i] = reportDownload{Format: df.format, Label: df.label, URL: link(df.format),
			FileName: reports.FileName(r, df.format)}
	}
	return out, link("html")
}

// qualityData is the Data of the data-quality page.
type qualityData struct {
	Year     int
	Years    []int
	Findings []findingView
	Counts   map[string]int // findings per severity
}

// findingView is a finding with a link to each record it names.
type findingView struct {
	models.Finding
	Level string // the severity, named for people
	Links []recordLink
}

// recordLink is a record a finding names and the page that shows it.
type recordLink struct {
	Label, URL string
}

// severityLabels name the severities for people.
var severityLabels = map[string]string{"error": "Sai lệch", "warning": "Cần xem lại", "info": "Lưu ý"}

// qualityPage lists the year's data-quality findings — numbers used twice,
// dates outside the year, sums that do not add up… — each with links to the
// plans, tasks or statistics concerned, where they can be corrected.
func (h *handler) qualityPage(c *gin.Context) error {
	a := actor(c)
	f := newForm(c.Request.URL.Query())
	year := h.statsYear(f, a)
	q, err := h.store.Quality(c.Request.Context(), a, year)
	if err != nil {
		return err
	}
	d := &qualityData{Year: year, Years: recentYears(h.today(a)), Counts: map[string]int{}}
	for _, fd := range q.Findings {
		v := findingView{Finding: fd, Level: tr(pageLang(c), severityLabels[fd.Severity])}
		for _, r := range fd.Records {
			v.Links = append(v.Links, recordLink{Label: r.Label, URL: recordRef(r, year)})
		}
		d.Findings = append(d.Findings, v)
		d.Counts[fd.Severity]++
	}
	h.render(c, http.StatusOK, "quality", &view{Title: "Chất lượng dữ liệu", Nav: "quality", Form: f, Data: d})
	return nil
}
