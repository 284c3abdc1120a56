package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/tiendo/tiendo/handlers/httpx"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/statistics"
	"github.com/tiendo/tiendo/models/statistics/reports"
)

// Sent reports (issue 20): a commune sends its period report to the province
// as a numbered version; the province reads every commune's latest one and
// sets when each period's report is due.

// mountSentReports registers the routes of sent reports and the province's page.
func (h *Handler) mountSentReports(authed *gin.RouterGroup) {
	authed.POST("/reports/:period/send", h.idem, httpx.Wrap(h.sendReport))
	authed.GET("/reports/:period/versions", httpx.Wrap(h.listReportVersions))
	authed.GET("/report-versions/:id/files/:format", httpx.Wrap(h.reportVersionFile))
	authed.GET("/province/overview", httpx.Wrap(h.provinceOverview))
	authed.GET("/province/communes/:id", httpx.Wrap(h.provinceCommune))
	authed.GET("/province/reports", httpx.Wrap(h.provinceReports))
	authed.GET("/province/report-deadlines", httpx.Wrap(h.listReportDeadlines))
	authed.PUT("/province/report-deadlines/:period", httpx.Wrap(h.putReportDeadline))
}

// sendReport freezes the period's report as its next version. The body is
// optional ({"note": "…"} says what a correction corrects).
func (h *Handler) sendReport(c *gin.Context) error {
	p, err := statistics.ParsePeriod(c.Param("period"))
	if err != nil {
		return err
	}
	var in statistics.SendInput
	if c.Request.ContentLength != 0 {
		if err := httpx.BindJSON(c, &in); err != nil {
			return err
		}
	}
	v, err := h.SendReport(c.Request.Context(), httpx.Actor(c), p, in)
	return httpx.Respond(c, http.StatusCreated, v, err)
}

func (h *Handler) listReportVersions(c *gin.Context) error {
	p, err := statistics.ParsePeriod(c.Param("period"))
	if err != nil {
		return err
	}
	v, err := h.Store.ReportVersions(c.Request.Context(), httpx.Actor(c), p)
	return httpx.Respond(c, http.StatusOK, v, err)
}

// reportVersionFile downloads a kept file of a sent version, or its content
// as JSON (the Report as built when sent), as it was sent.
func (h *Handler) reportVersionFile(c *gin.Context) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	format := c.Param("format")
	if format != "docx" && format != "xlsx" && format != "json" {
		return models.ErrNotFound
	}
	f, err := h.Store.ReportVersionFile(c.Request.Context(), httpx.Actor(c), id, format)
	if err != nil {
		return err
	}
	sendFile(c, *f)
	return nil
}

// provincePeriod is ?period=, by default the period being reported now
// (the one whose deadline is nearest, else the one under way).
func (h *Handler) provincePeriod(c *gin.Context) (statistics.Period, error) {
	if code := c.Query("period"); code != "" {
		return statistics.ParsePeriod(code)
	}
	a := httpx.Actor(c)
	return h.Store.ReportingPeriod(c.Request.Context(), a, h.Today(a))
}

func (h *Handler) provinceOverview(c *gin.Context) error {
	p, err := h.provincePeriod(c)
	if err != nil {
		return err
	}
	format := c.Query("format")
	if format != "" && format != "json" && format != "xlsx" {
		return models.Invalid("format", "invalid", "định dạng phải là json hoặc xlsx")
	}
	o, err := h.Store.ProvinceOverview(c.Request.Context(), httpx.Actor(c), p)
	if err != nil || format != "xlsx" {
		return httpx.Respond(c, http.StatusOK, o, err)
	}
	f, err := reports.ProvinceXLSX(o)
	if err != nil {
		return err
	}
	sendFile(c, f)
	return nil
}

func (h *Handler) provinceCommune(c *gin.Context) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	p, err := h.provincePeriod(c)
	if err != nil {
		return err
	}
	v, err := h.Store.ViewCommune(c.Request.Context(), httpx.Actor(c), id, p)
	return httpx.Respond(c, http.StatusOK, v, err)
}

func (h *Handler) provinceReports(c *gin.Context) error {
	p, err := h.provincePeriod(c)
	if err != nil {
		return err
	}
	list, err := h.Store.ProvinceReports(c.Request.Context(), httpx.Actor(c), p)
	return httpx.Respond(c, http.StatusOK, gin.H{"period": p, "items": list}, err)
}

func (h *Handler) listReportDeadlines(c *gin.Context) error {
	q := httpx.QueryOf(c)
	year := q.Year()
	if err := q.Err(); err != nil {
		return err
	}
	if year == 0 {
		year = h.thisYear()
	}
	list, err := h.Store.ReportDeadlines(c.Request.Context(), httpx.Actor(c), year)
	return httpx.Respond(c, http.StatusOK, gin.H{"items": list}, err)
}

func (h *Handler) putReportDeadline(c *gin.Context) error {
	p, err := statistics.ParsePeriod(c.Param("period"))
	if err != nil {
		return err
	}
	var in statistics.DeadlineInput
	if err := httpx.BindJSON(c, &in); err != nil {
		return err
	}
	d, err := h.Store.SetReportDeadline(c.Request.Context(), httpx.Actor(c), p, in)
	return httpx.Respond(c, http.StatusOK, d, err)
}
