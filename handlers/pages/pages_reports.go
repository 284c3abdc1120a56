package pages

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/tiendo/tiendo/handlers/httpx"
	"github.com/tiendo/tiendo/models/statistics"
	"github.com/tiendo/tiendo/models/statistics/reports"
)

// The read-only report pages: the periodic report (/bao-cao-dinh-ky) and
// the data-quality findings (/chat-luong-du-lieu).

// periodicData is the Data of the periodic report page.
type periodicData struct {
	Year      int
	Years     []int
	Kind      string // the chosen period without its year: M9, Q3, Y…
	Groups    []periodGroup
	Report    *statistics.Report // nil when the choice was invalid
	Doc       reports.Doc        // the report laid out as every file format prints it
	Downloads []reportDownload
	HTMLURL   string // the report as the API prints it, for printing on its own
	Appendix  bool   // the data-quality appendix is included
	CanWrite  bool   // may write the narrative
	Sections  []narrativeField
	Version   int
	Sent      *sentView // sent versions and the province's deadline (pages_report_send.go)
}

// narrativeField is one textarea of the narrative form.
type narrativeField struct {
	Name, Label, Value string
}

// reportDownload is a link to the report in one file format.
type reportDownload struct {
	Format, Label, URL, FileName string
}

// downloadFormats are the files offered, in the order officials use them:
// the Word document to sign, the spreadsheet to check, CSV for other tools.
var downloadFormats = []struct{ format, label, sep string }{
	{"docx", "Word (DOCX)", ""}, {"xlsx", "Excel (XLSX)", ""}, {"csv", "CSV", ""},
	{"csv", "Excel tiếng Việt (CSV, dấu ;)", "semicolon"},
}

// periodicReportPage previews the periodic report of a chosen period from
// the model the API prints (models.Report), laid out by reports.Content as
// the DOCX, XLSX and CSV files are, so the preview cannot disagree with the
// file; with links to download it. The
// links are the API's own endpoint, which accepts the session cookie, so a
// download is exactly what GET /api/v1/reports sends.
func (h *Handler) periodicReportPage(c *gin.Context) error {
	return h.showPeriodic(c, http.StatusOK, newForm(c.Request.URL.Query()))
}

// showPeriodic renders the periodic report page for the choice in f.
func (h *Handler) showPeriodic(c *gin.Context, status int, f *form) error {
	a := httpx.Actor(c)
	year := h.statsYear(f, a)
	kind := f.Value("ky")
	if kind == "" {
		kind = "M9"
		f.values.Set("ky", kind)
	}
	d := &periodicData{Year: year, Years: recentYears(h.Today(a)), Kind: kind, Groups: periodGroups(pageLang(c)),
		Appendix: f.Value("phu_luc") == "1", CanWrite: a.CanWriteNarrative()}
	p, err := statistics.ParsePeriod(strconv.Itoa(year) + "-" + kind)
	if err != nil {
		f.add("ky", "kỳ báo cáo không hợp lệ")
	}
	if f.Error("ky") == "" && f.Error("year") == "" { // a narrative's errors still show the report
		r, err := h.Store.BuildReport(c.Request.Context(), a, statistics.ReportOptions{Period: p, Quality: d.Appendix})
		if err != nil {
			return err
		}
		d.Report, d.Doc = r, reports.Content(r)
		d.Downloads, d.HTMLURL = reportLinks(r, d.Appendix)
		d.Version = r.Narrative.Version
		d.Sections = narrativeFields(f, r.Narrative.NarrativeInput)
		if d.Sent, err = h.sentSection(c, p); err != nil {
			return err
		}
	} else if err := a.MayReadStats(); err != nil {
		return err // as the API would say, whatever was asked
	}
	h.render(c, status, "periodic_report", &view{Title: "Báo cáo định kỳ", Nav: "reports", Form: f, Data: d})
	return nil
}

// reportLinks are the API URLs of r in each download format and as HTML,
// with the data-quality appendix when asked for.
func reportLinks(r *statistics.Report, appendix bool) ([]reportDownload, string) {
	link := func(format, sep string) string {
		q := url.Values{"period": {r.Period.Code}, "format": {format}}
		if sep != "" {
			q.Set("sep", sep)
		}
		if appendix {
			q.Set("quality", "1")
		}
		return "/api/v1/reports?" + q.Encode()
	}
	out := make([]reportDownload, len(downloadFormats))
	for i, df := range downloadFormats {
		id := df.format
		if df.sep != "" {
			id += "-" + df.sep
		}
		out[i] = reportDownload{Format: id, Label: df.label, URL: link(df.format, df.sep),
			FileName: reports.FileName(r, df.format)}
	}
	return out, link("html", "")
}

// narrativeFields are the five sections for the form: what was posted
// (after an error), else what is stored.
func narrativeFields(f *form, n statistics.NarrativeInput) []narrativeField {
	out := make([]narrativeField, len(statistics.NarrativeSections))
	for i, s := range statistics.NarrativeSections {
		v := n.Text(s.Field)
		if f.values.Has(s.Field) {
			v = f.Value(s.Field)
		}
		out[i] = narrativeField{Name: s.Field, Label: s.Title, Value: v}
	}
	return out
}

// narrativeSubmit saves the narrative of the period posted, against the
// version the form was read at.
func (h *Handler) narrativeSubmit(c *gin.Context) error {
	a := httpx.Actor(c)
	f := newForm(postForm(c))
	p, err := statistics.ParsePeriod(f.Value("period"))
	if err != nil {
		return err
	}
	version, _ := strconv.Atoi(f.Value("version"))
	if version == 0 { // the form was read before anything was written: it still must be so
		cur, err := h.Store.ReportNarrative(c.Request.Context(), a, p)
		if err != nil {
			return err
		}
		if cur.Version > 0 {
			version = -1
		}
	}
	in := statistics.NarrativeInput{Results: f.Value("results"), Limitations: f.Value("limitations"),
		Causes: f.Value("causes"), Directions: f.Value("directions"), Proposals: f.Value("proposals")}
	if _, err := h.Store.PutReportNarrative(c.Request.Context(), a, p, version, in); err != nil {
		if !f.addError(err) {
			return err
		}
		f.values.Set("year", strconv.Itoa(p.Year))
		f.values.Set("ky", strings.TrimPrefix(p.Code, strconv.Itoa(p.Year)+"-"))
		return h.showPeriodic(c, http.StatusUnprocessableEntity, f)
	}
	q := url.Values{"year": {strconv.Itoa(p.Year)}, "ky": {strings.TrimPrefix(p.Code, strconv.Itoa(p.Year)+"-")},
		"flash": {"saved"}}
	redirect(c, "/bao-cao-dinh-ky?"+q.Encode()+"#narrative-h")
	return nil
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
	statistics.Finding
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
func (h *Handler) qualityPage(c *gin.Context) error {
	a := httpx.Actor(c)
	f := newForm(c.Request.URL.Query())
	year := h.statsYear(f, a)
	q, err := h.Store.Quality(c.Request.Context(), a, year)
	if err != nil {
		return err
	}
	d := &qualityData{Year: year, Years: recentYears(h.Today(a)), Counts: map[string]int{}}
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
