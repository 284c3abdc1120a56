package handlers

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/calendar"
)

// groupView is one row of an overview chart.
type groupView struct {
	Name   string
	Counts models.StatusCounts
	Rate   *float64 // completion
	OnTime *float64
	Bar    []barSegment
}

// overviewData is the Data of the chairman's overview.
type overviewData struct {
	Year     int
	Years    []int
	Today    calendar.Date
	Totals   groupView
	ByKind   []groupView
	ByUnit   []groupView
	Overdue  []taskItem
	Extended int // tasks whose deadline an extension moved
	Upcoming []taskItem
	Trend    *trendChart // nil until the daily snapshot job has run twice
}

// upcomingDays is how far ahead "upcoming deadlines" look.
const upcomingDays = 14

// overviewPage is the chairman's dashboard for a plan year: completion by
// plan kind and by lead unit, the on-time rate, what is overdue and what
// falls due in the next two weeks. Every member of the commune may open it,
// as they may read the tasks it counts.
func (h *handler) overviewPage(c *gin.Context) error {
	ctx, a := c.Request.Context(), actor(c)
	today := h.today(a)
	f := newForm(c.Request.URL.Query())
	year := today.Year
	if y := f.parseInt("year"); y != nil && *y >= 1900 && *y <= 2100 {
		year = *y
	}
	o, err := h.store.Overview(ctx, a, year)
	if err != nil {
		return err
	}
	d := &overviewData{Year: year, Years: recentYears(today), Today: today,
		Totals: newGroupView("", o.Totals), ByKind: groupViews(c, o.ByKind), ByUnit: groupViews(c, o.ByUnit),
		Extended: o.Extended}
	if err := h.deadlineLists(ctx, a, d); err != nil {
		return err
	}
	snaps, err := h.store.ListSnapshots(ctx, a, models.SnapshotFilter{From: today.AddDays(1 - trendDays), To: today})
	if err != nil {
		return err
	}
	d.Trend = buildTrend(snaps)
	h.render(c, http.StatusOK, "overview", &view{Title: "Tổng quan", Nav: "overview", Form: f, Data: d})
	return nil
}

func newGroupView(name string, c models.StatusCounts) groupView {
	return groupView{Name: name, Counts: c, Rate: c.CompletionRate(), OnTime: c.OnTimeRate(), Bar: stackedBar(c)}
}

func groupViews(c *gin.Context, groups []models.GroupCounts) []groupView {
	out := make([]groupView, len(groups))
	for i, g := range groups {
		name := g.Name
		if pageLang(c) == langEN && g.NameEN != "" {
			name = g.NameEN
		}
		out[i] = newGroupView(name, g.Counts)
	}
	return out
}

// deadlineLists fills what is overdue and what falls due in the next two weeks.
func (h *handler) deadlineLists(ctx context.Context, a *models.Actor, d *overviewData) error {
	overdue, err := h.store.ListTasks(ctx, a, models.TaskFilter{Statuses: []string{"overdue"}, Limit: 50})
	if err != nil {
		return err
	}
	upcoming, err := h.store.ListTasks(ctx, a, models.TaskFilter{Statuses: []string{"due_soon", "in_progress", "not_started"},
		DueFrom: d.Today, DueTo: d.Today.AddDays(upcomingDays), Limit: 50})
	if err != nil {
		return err
	}
	if d.Overdue, err = h.taskItems(ctx, a, overdue.Items); err != nil {
		return err
	}
	d.Upcoming, err = h.taskItems(ctx, a, upcoming.Items)
	return err
}
