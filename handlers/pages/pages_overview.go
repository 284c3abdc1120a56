package pages

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/tiendo/tiendo/handlers/httpx"
	"github.com/tiendo/tiendo/models/calendar"
	"github.com/tiendo/tiendo/models/plans"
	"github.com/tiendo/tiendo/models/statistics"
)

// groupView is one row of an overview chart.
type groupView struct {
	Name string
	plans.Tally
	Counts plans.StatusCounts
	Bar    []barSegment
}

// overviewData is the Data of the chairman's overview.
type overviewData struct {
	Period   statistics.Period
	Periods  []periodChoice
	AsOf     calendar.Date
	Today    calendar.Date
	Totals   groupView
	ByKind   []groupView
	ByUnit   []groupView
	Overdue  []dashTask
	Upcoming []dashTask
	Trend    *trendChart // nil until the daily snapshot job has run twice
}

// periodChoice is one entry of the overview's period list.
type periodChoice struct {
	Code, Label string
	Selected    bool
}

// overviewPage is the chairman's dashboard for a period (by default the year
// to date): the figures of GET /api/v1/dashboard, which are the period
// report's, by plan kind and by lead unit, what is overdue and what falls
// due in the next two weeks. Every member of the commune may open it, as
// they may read the tasks it counts.
func (h *Handler) overviewPage(c *gin.Context) error {
	ctx, a, lang := c.Request.Context(), httpx.Actor(c), pageLang(c)
	today := h.Today(a)
	f := newForm(c.Request.URL.Query())
	o := statistics.ReportOptions{Period: statistics.YearToDate(today)}
	if p, err := statistics.ParsePeriod(f.Value("period")); err == nil {
		o.Period = p
	}
	dash, err := h.Store.Dashboard(ctx, a, o)
	if err != nil {
		return err
	}
	d := &overviewData{Period: dash.Period, Periods: periodChoices(today, dash.Period.Code), AsOf: dash.AsOf,
		Today: today, Totals: newGroupView("", dash.Tasks), ByKind: groupViews(c, dash.ByKind),
		ByUnit: groupViews(c, dash.ByUnit), Overdue: dashTasks(lang, dash.Overdue, "overdue", today),
		Upcoming: dashTasks(lang, dash.Upcoming, "in_progress", today)}
	snaps, err := h.Store.ListSnapshots(ctx, a, statistics.SnapshotFilter{From: today.AddDays(1 - trendDays), To: today})
	if err != nil {
		return err
	}
	d.Trend = buildTrend(lang, snaps)
	h.render(c, http.StatusOK, "overview", &view{Title: "Tổng quan", Nav: "overview", Form: f, Data: d})
	return nil
}

// periodChoices are the year to date and the reporting periods of this
// Year and the last.
func periodChoices(today calendar.Date, selected string) []periodChoice {
	ytd := statistics.YearToDate(today)
	out := []periodChoice{{Code: "", Label: ytd.Label, Selected: selected == ytd.Code}}
	for _, y := range []int{today.Year, today.Year - 1} {
		for _, rest := range []string{"Y", "M9", "H1", "Q1", "Q2", "Q3", "Q4"} {
			p, _ := statistics.ParsePeriod(strconv.Itoa(y) + "-" + rest)
			if !p.Start.After(today) {
				out = append(out, periodChoice{Code: p.Code, Label: p.Title(), Selected: p.Code == selected})
			}
		}
	}
	return out
}

func newGroupView(name string, t plans.Tally) groupView {
	c := t.StatusCounts()
	return groupView{Name: name, Tally: t, Counts: c, Bar: stackedBar(c)}
}

func groupViews(c *gin.Context, groups []statistics.TallyRow) []groupView {
	out := make([]groupView, len(groups))
	for i, g := range groups {
		out[i] = newGroupView(g.Name, g.Tally)
	}
	return out
}

// dashTask is a row of the overview's task tables, formatted once here:
// the template's functions on a whole plans.Task per row were reflection
// calls copying the struct each time (issue 15's dashboard profile).
type dashTask struct {
	ID                    int64
	Title, Plan, LeadUnit string
	Due                   string
	FirstDue              string // set once an extension moved the deadline
	Note                  string // "còn 3 ngày", "quá hạn 5 ngày (3 ngày làm việc)"
	Percent               int
}

// dashTasks turns the dashboard's task lines into the task table's rows.
func dashTasks(lang string, lines []statistics.OverdueTask, status string, today calendar.Date) []dashTask {
	out := make([]dashTask, len(lines))
	for i, l := range lines {
		t := plans.Task{ID: l.ID, DueOn: l.DueOn, OriginalDueOn: l.OriginalDueOn, Status: status}
		out[i] = dashTask{ID: l.ID, Title: l.Title, Plan: l.DocNumber, LeadUnit: l.LeadUnit,
			Due: formatDate(l.DueOn), Note: deadlineNote(lang, &t, today), Percent: l.Percent}
		if t.Extended() {
			out[i].FirstDue = formatDate(t.FirstDueOn())
		}
	}
	return out
}
