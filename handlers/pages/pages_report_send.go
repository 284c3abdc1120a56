package pages

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/tiendo/tiendo/handlers/httpx"
	"github.com/tiendo/tiendo/models/statistics"
)

// sentView is the reports page's "Gửi báo cáo lên tỉnh" section: the
// province's deadline, the versions sent and, for those who sign, the
// button that sends (or corrects).
type sentView struct {
	*statistics.PeriodVersions
	CanSend bool
}

// sentSection reads the section for period p.
func (h *Handler) sentSection(c *gin.Context, p statistics.Period) (*sentView, error) {
	a := httpx.Actor(c)
	v, err := h.Store.ReportVersions(c.Request.Context(), a, p)
	if err != nil {
		return nil, err
	}
	return &sentView{PeriodVersions: v, CanSend: a.CanSendReport()}, nil
}

// sendReportSubmit is "Gửi báo cáo": the period's report as it stands is
// frozen as its next version with its DOCX and XLSX (the API's
// POST /reports/{period}/send); the one-time token keeps a double tap to
// one version.
func (h *Handler) sendReportSubmit(c *gin.Context) error {
	ctx, a := c.Request.Context(), httpx.Actor(c)
	f := newForm(postForm(c))
	p, err := statistics.ParsePeriod(f.Value("period"))
	if err != nil {
		return err
	}
	if _, err := h.SendReport(ctx, a, p, statistics.SendInput{Note: f.Value("note")}); err != nil {
		return err
	}
	q := url.Values{"year": {strconv.Itoa(p.Year)}, "ky": {strings.TrimPrefix(p.Code, strconv.Itoa(p.Year)+"-")},
		"flash": {"report_sent"}}
	redirect(c, "/bao-cao-dinh-ky?"+q.Encode()+"#sent-h")
	return nil
}
