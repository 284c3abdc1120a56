package pages

import (
	"cmp"
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/tiendo/tiendo/handlers/httpx"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/calendar"
	"github.com/tiendo/tiendo/models/statistics"
)

// The province's pages (issue 20): "Tổng hợp toàn tỉnh" (/tinh), where a
// province account's day starts, and a commune seen from it (/tinh/xa/:id),
// read-only. They call the same store methods as GET /api/v1/province/…

// mountProvincePages registers the province's pages on the signed-in group.
func (h *Handler) mountProvincePages(a *gin.RouterGroup) {
	a.GET("/tinh", h.Page(h.provincePage))
	a.GET("/tinh/xa/:id", h.Page(h.provinceCommunePage))
	a.POST("/tinh/han-nop", h.Page(h.deadlineSubmit))
	a.POST("/tinh/thong-bao/da-xem", h.Page(h.provinceNoticesReadSubmit))
}

// provincePages are the pages a province account may open, as the API's
// provinceRoutes: it belongs to no commune, so a commune's pages would only
// show it nothing.
var provincePages = map[string]bool{"GET /": true, "GET /tinh": true, "GET /tinh/xa/:id": true,
	"POST /tinh/han-nop": true, "POST /tinh/thong-bao/da-xem": true, "GET /doi-mat-khau": true,
	"POST /doi-mat-khau": true}

// provinceData is the Data of the province page.
type provinceData struct {
	*statistics.ProvinceOverview
	Periods []periodChoice
	Sort    string // the column the table is sorted by
	Desc    bool
	Columns []sortColumn
	Chart   []onTimeBar
	XLSXURL string
	Notices []statistics.ReportNoticeLine
}

// sortColumn is a sortable column heading: its link sorts by it, the other
// way round when it is the current one.
type sortColumn struct {
	Key, Label, URL, AriaSort string
	Num                       bool
}

// onTimeBar is one commune's bar in the on-time chart.
type onTimeBar struct {
	ID   int64
	Name string
	Rate *float64
	W    float64
}

// provinceColumn is a column of the province table: its key in ?sap-xep=,
// its heading and the value it sorts by (nil: a rule of its own).
type provinceColumn struct {
	key, label string
	num        bool
	value      func(c *statistics.ProvinceCommune) float64
}

// provinceColumns are the table's columns in order.
var provinceColumns = []provinceColumn{
	{"ten", "Xã, phường", false, nil},
	{"tong", "Nhiệm vụ", true, func(c *statistics.ProvinceCommune) float64 { return float64(c.Tasks.Total) }},
	{"dung-han", "Hoàn thành đúng hạn", true, func(c *statistics.ProvinceCommune) float64 { return float64(c.Tasks.DoneOnTime) }},
	{"qua-han-xong", "Hoàn thành quá hạn", true, func(c *statistics.ProvinceCommune) float64 { return float64(c.Tasks.DoneLate) }},
	{"dang-lam", "Đang thực hiện", true, func(c *statistics.ProvinceCommune) float64 { return float64(c.Tasks.InProgress) }},
	{"chua-bat-dau", "Chưa bắt đầu", true, func(c *statistics.ProvinceCommune) float64 { return float64(c.Tasks.NotStarted) }},
	{"qua-han", "Quá hạn", true, func(c *statistics.ProvinceCommune) float64 { return float64(c.Tasks.Overdue) }},
	{"ty-le", "Tỷ lệ hoàn thành", true, func(c *statistics.ProvinceCommune) float64 { return rateOr(c.Tasks.CompletionRate) }},
	{"dung-han-ty-le", "Tỷ lệ đúng hạn", true, func(c *statistics.ProvinceCommune) float64 { return rateOr(c.Tasks.OnTimeRate) }},
	{"diem", "Điểm QĐ 766", true, func(c *statistics.ProvinceCommune) float64 { return c.Score }},
	{"thieu-so-lieu", "Chỉ tiêu chưa có số liệu", true, func(c *statistics.ProvinceCommune) float64 { return float64(c.NoData) }},
	{"bao-cao", "Báo cáo kỳ", false, nil},
}

// rateOr is a rate for sorting: no rate sorts below 0 %.
func rateOr(r *float64) float64 {
	if r == nil {
		return -1
	}
	return *r
}

// provincePage is "Tổng hợp toàn tỉnh": every commune of the province with
// its figures for the period, its Decision 766 score and its report's state;
// sortable by each column, the province total, a chart by on-time rate, the
// table as XLSX, the reports newly sent, and the period's deadline.
func (h *Handler) provincePage(c *gin.Context) error {
	return h.showProvince(c, http.StatusOK, newForm(c.Request.URL.Query()))
}

func (h *Handler) showProvince(c *gin.Context, status int, f *form) error {
	ctx, a := c.Request.Context(), httpx.Actor(c)
	today := h.Today(a)
	p, err := h.pagePeriod(c, f.Value("period"))
	if err != nil {
		return err
	}
	o, err := h.Store.ProvinceOverview(ctx, a, p)
	if err != nil {
		return err
	}
	notices, err := h.Store.ProvinceNotices(ctx, a, true)
	if err != nil {
		return err
	}
	d := &provinceData{ProvinceOverview: o, Periods: reportPeriodChoices(today, p.Code), Notices: notices,
		XLSXURL: "/api/v1/province/overview?" + url.Values{"period": {p.Code}, "format": {"xlsx"}}.Encode()}
	if f.Value("due_on") == "" && o.Deadline != nil {
		f.values.Set("due_on", o.Deadline.DueOn.String())
	}
	d.sortBy(f.Value("sap-xep"), f.Value("chieu") == "giam")
	d.Chart = onTimeChart(o.Communes)
	h.render(c, status, "province", &view{Title: "Tổng hợp toàn tỉnh", Nav: "province", Form: f, Data: d})
	return nil
}

// pagePeriod is the period asked for, else the one the province is
// collecting reports of (Store.ReportingPeriod); an unreadable one is ignored.
func (h *Handler) pagePeriod(c *gin.Context, code string) (statistics.Period, error) {
	if p, err := statistics.ParsePeriod(code); err == nil {
		return p, nil
	}
	a := httpx.Actor(c)
	return h.Store.ReportingPeriod(c.Request.Context(), a, h.Today(a))
}

// reportPeriodChoices are the reporting periods of this year and the last
// that have begun (no year to date: a report is of a named period).
func reportPeriodChoices(today calendar.Date, selected string) []periodChoice {
	return periodChoices(today, selected)[1:]
}

// sortBy orders the communes by the column key (unknown: by name) and makes
// the headings' links.
func (d *provinceData) sortBy(key string, desc bool) {
	idx := slices.IndexFunc(provinceColumns, func(col provinceColumn) bool { return col.key == key })
	if idx < 0 {
		idx, desc = 0, false
	}
	d.Sort, d.Desc = provinceColumns[idx].key, desc
	col := provinceColumns[idx]
	order := map[int64]int{}
	for i, c := range d.Communes {
		order[c.ID] = i // the name order the store gives
	}
	slices.SortStableFunc(d.Communes, func(x, y statistics.ProvinceCommune) int {
		var n int
		switch {
		case col.value != nil:
			n = cmp.Compare(col.value(&x), col.value(&y))
		case col.key == "bao-cao":
			n = cmp.Compare(reportRank(x.Report), reportRank(y.Report))
		default:
			n = cmp.Compare(order[x.ID], order[y.ID])
		}
		if desc {
			return -n
		}
		return n
	})
	d.headings()
}

// headings are the columns' links: each sorts by its column, the current
// one the other way round.
func (d *provinceData) headings() {
	for _, c := range provinceColumns {
		sc := sortColumn{Key: c.key, Label: c.label, Num: c.num}
		q := url.Values{"period": {d.Period.Code}, "sap-xep": {c.key}}
		if c.key == d.Sort {
			sc.AriaSort = map[bool]string{false: "ascending", true: "descending"}[d.Desc]
			if !d.Desc {
				q.Set("chieu", "giam")
			}
		}
		sc.URL = "/tinh?" + q.Encode() + "#communes"
		d.Columns = append(d.Columns, sc)
	}
}

// reportRank orders report states from the most behind: missing, not
// started, draft, sent late, sent.
func reportRank(s statistics.ReportState) int {
	switch {
	case s.Missing:
		return 0
	case s.State == "not_started":
		return 1
	case s.State == "draft":
		return 2
	case s.Late:
		return 3
	}
	return 4
}

// onTimeChart is one bar per commune, highest on-time rate first; a commune
// with nothing due yet has no rate and comes last.
func onTimeChart(communes []statistics.ProvinceCommune) []onTimeBar {
	out := make([]onTimeBar, len(communes))
	for i, c := range communes {
		out[i] = onTimeBar{ID: c.ID, Name: c.Name, Rate: c.Tasks.OnTimeRate}
		if c.Tasks.OnTimeRate != nil {
			out[i].W = *c.Tasks.OnTimeRate
		}
	}
	slices.SortStableFunc(out, func(x, y onTimeBar) int { return cmp.Compare(rateOr(y.Rate), rateOr(x.Rate)) })
	return out
}

// deadlineSubmit sets when the period's report is due: the one thing a
// province account writes.
func (h *Handler) deadlineSubmit(c *gin.Context) error {
	f := newForm(postForm(c))
	p, err := statistics.ParsePeriod(f.Value("period"))
	if err != nil {
		return err
	}
	due := f.parseDate("due_on")
	if !f.Invalid() {
		_, err = h.Store.SetReportDeadline(c.Request.Context(), httpx.Actor(c), p, statistics.DeadlineInput{DueOn: due})
		if err == nil {
			redirect(c, "/tinh?"+url.Values{"period": {p.Code}, "flash": {"saved"}}.Encode())
			return nil
		}
		if !f.addError(err) {
			return err
		}
	}
	return h.showProvince(c, http.StatusUnprocessableEntity, f)
}

// provinceNoticesReadSubmit marks the reports newly sent as seen.
func (h *Handler) provinceNoticesReadSubmit(c *gin.Context) error {
	if err := h.Store.ReadProvinceNotices(c.Request.Context(), httpx.Actor(c)); err != nil {
		return err
	}
	redirect(c, "/tinh")
	return nil
}

// provinceCommuneData is the Data of a commune seen from the province.
type provinceCommuneData struct {
	*statistics.ProvinceCommuneView
	Period  statistics.Period
	Periods []periodChoice
	Totals  groupView
	ByKind  []groupView
	ByUnit  []groupView
}

// provinceCommunePage is a commune as its dashboard shows it, read-only,
// with its sent reports of the period; no task opens (the task pages hold
// evidence and people), another province's commune is a 404.
func (h *Handler) provinceCommunePage(c *gin.Context) error {
	ctx, a := c.Request.Context(), httpx.Actor(c)
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id <= 0 {
		return models.ErrNotFound
	}
	today := h.Today(a)
	p, err := h.pagePeriod(c, c.Query("period"))
	if err != nil {
		return err
	}
	v, err := h.Store.ViewCommune(ctx, a, id, p)
	if err != nil {
		return err
	}
	d := &provinceCommuneData{ProvinceCommuneView: v, Period: p, Periods: reportPeriodChoices(today, p.Code),
		Totals: newGroupView("", v.Dashboard.Tasks), ByKind: groupViews(c, v.Dashboard.ByKind),
		ByUnit: groupViews(c, v.Dashboard.ByUnit)}
	h.render(c, http.StatusOK, "province_commune", &view{Title: v.Commune.Name, Nav: "province",
		Form: newForm(c.Request.URL.Query()), Data: d})
	return nil
}
