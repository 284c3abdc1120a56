package api

import (
	"net/http"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/tiendo/tiendo/handlers/httpx"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/statistics"
	"github.com/tiendo/tiendo/models/statistics/reports"
)

// acceptFormats map the media types a client may ask for to report formats.
var acceptFormats = map[string]string{
	"application/json": "json", "text/csv": "csv", "text/html": "html",
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":       "xlsx",
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
}

// reportFormat is ?format=, else the first Accept type tiendo renders,
// else JSON.
func reportFormat(c *gin.Context) (string, error) {
	if f := c.Query("format"); f != "" {
		if f != "json" && !slices.Contains(reports.Formats, f) {
			return "", models.Invalid("format", "invalid", "định dạng phải là json, xlsx, csv, docx hoặc html")
		}
		return f, nil
	}
	for _, part := range strings.Split(c.GetHeader("Accept"), ",") {
		mt, _, _ := strings.Cut(strings.TrimSpace(part), ";")
		if f, ok := acceptFormats[mt]; ok {
			return f, nil
		}
	}
	return "json", nil
}

// reportOptions reads ?period= or ?from=&to= (neither: this year), and
// ?as_of= (a date or "cutoff").
func (h *Handler) reportOptions(c *gin.Context) (statistics.ReportOptions, error) {
	return h.periodOptions(c, func() (statistics.Period, error) {
		return statistics.ParsePeriod(strconv.Itoa(h.thisYear()) + "-Y")
	})
}

// periodOptions reads the period and as-of day; def is the period when
// none is asked for.
func (h *Handler) periodOptions(c *gin.Context, def func() (statistics.Period, error)) (statistics.ReportOptions, error) {
	var o statistics.ReportOptions
	var err error
	code := c.Query("period")
	if code == "" && c.Query("from") == "" && c.Query("to") == "" {
		o.Period, err = def()
	} else if code != "" {
		o.Period, err = statistics.ParsePeriod(code)
	} else {
		q := httpx.QueryOf(c)
		from, to := q.Date("from"), q.Date("to")
		if err = q.Err(); err == nil {
			o.Period, err = statistics.RangePeriod(from, to)
		}
	}
	if err != nil {
		return o, err
	}
	switch c.Query("quality") {
	case "", "0", "false":
	case "1", "true":
		o.Quality = true
	default:
		return o, models.Invalid("quality", "invalid", "quality phải là 1 hoặc 0")
	}
	switch s := c.Query("as_of"); s {
	case "":
	case "cutoff":
		o.AtCutoff = true
	default:
		q := httpx.QueryOf(c)
		o.AsOf = q.Date("as_of")
		err = q.Err()
	}
	return o, err
}

func (h *Handler) getReport(c *gin.Context) error {
	o, err := h.reportOptions(c)
	if err != nil {
		return err
	}
	format, err := reportFormat(c)
	if err != nil {
		return err
	}
	r, err := h.Store.BuildReport(c.Request.Context(), httpx.Actor(c), o)
	if err != nil || format == "json" {
		return httpx.Respond(c, http.StatusOK, r, err)
	}
	var ro reports.Options
	switch c.Query("sep") {
	case "", "comma":
	case "semicolon":
		ro.Semicolon = true
	default:
		return models.Invalid("sep", "invalid", "sep phải là comma hoặc semicolon")
	}
	f, err := reports.RenderWith(r, format, ro)
	if err != nil {
		return err
	}
	sendFile(c, f)
	return nil
}

// sendFile answers with a rendered file: HTML shown in the browser (with
// the one inline style sheet it needs allowed), the others downloaded.
func sendFile(c *gin.Context, f statistics.ReportFile) {
	if f.Format == "html" {
		c.Header("Content-Security-Policy", reports.HTMLContentSecurityPolicy)
		c.Header("Content-Disposition", `inline; filename="`+f.FileName+`"`)
	} else {
		c.Header("Content-Disposition", `attachment; filename="`+f.FileName+`"`)
	}
	c.Data(http.StatusOK, f.ContentType, f.Content)
}

func (h *Handler) getReportSettings(c *gin.Context) error {
	s, err := h.Store.ReportSettingsOf(c.Request.Context(), httpx.Actor(c))
	return httpx.Respond(c, http.StatusOK, s, err)
}

func (h *Handler) setReportSettings(c *gin.Context) error {
	var in statistics.ReportSettings
	if err := httpx.BindJSON(c, &in); err != nil {
		return err
	}
	s, err := h.Store.SetReportSettings(c.Request.Context(), httpx.Actor(c), in)
	return httpx.Respond(c, http.StatusOK, s, err)
}

func (h *Handler) listBuiltReports(c *gin.Context) error {
	list, err := h.Store.ListBuiltReports(c.Request.Context(), httpx.Actor(c))
	return httpx.Respond(c, http.StatusOK, gin.H{"items": list, "next": nil}, err)
}

func (h *Handler) getBuiltReport(c *gin.Context) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	f, err := h.Store.BuiltReportFile(c.Request.Context(), httpx.Actor(c), id)
	if err != nil {
		return err
	}
	f.Format = strings.TrimPrefix(path.Ext(f.FileName), ".")
	sendFile(c, *f)
	return nil
}

func (h *Handler) getQuality(c *gin.Context) error {
	year, err := h.year(c)
	if err != nil {
		return err
	}
	q, err := h.Store.Quality(c.Request.Context(), httpx.Actor(c), year)
	return httpx.Respond(c, http.StatusOK, q, err)
}

// narrativePeriod reads the :period of the narrative routes.
func narrativePeriod(c *gin.Context) (statistics.Period, error) {
	return statistics.ParsePeriod(c.Param("period"))
}

func (h *Handler) getNarrative(c *gin.Context) error {
	p, err := narrativePeriod(c)
	if err != nil {
		return err
	}
	n, err := h.Store.ReportNarrative(c.Request.Context(), httpx.Actor(c), p)
	if err == nil && n.Version > 0 {
		httpx.SetETag(c, n.Version)
	}
	return httpx.Respond(c, http.StatusOK, n, err)
}

func (h *Handler) putNarrative(c *gin.Context) error {
	p, err := narrativePeriod(c)
	if err != nil {
		return err
	}
	version, err := httpx.IfMatch(c)
	if err != nil {
		return err
	}
	var in statistics.NarrativeInput
	if err := httpx.BindJSON(c, &in); err != nil {
		return err
	}
	n, err := h.Store.PutReportNarrative(c.Request.Context(), httpx.Actor(c), p, version, in)
	if err == nil {
		httpx.SetETag(c, n.Version)
	}
	return httpx.Respond(c, http.StatusOK, n, err)
}
