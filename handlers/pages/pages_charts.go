package pages

import (
	"strconv"
	"time"

	"github.com/tiendo/tiendo/models/calendar"
	"github.com/tiendo/tiendo/models/plans"
)

// Charts are drawn on the server as SVG, so they need no JavaScript and
// print as they show. Geometry is computed here; the templates only place
// the shapes. Colours come from the stylesheet by status class, so the
// charts and the badges always agree.

// chartStatuses is the order of a stacked bar: finished work first, then
// work under way, then what needs attention. Cancelled tasks are left out:
// they are neither done nor owed.
var chartStatuses = []string{"done_on_time", "done_late", "in_progress", "not_started", "due_soon", "overdue"}

// barSegment is one status's share of a stacked bar, in percent of its width.
type barSegment struct {
	Status string
	X, W   float64
	N      int
}

// stackedBar splits a bar of width 100 among the statuses of c.
func stackedBar(c plans.StatusCounts) []barSegment {
	total := 0
	for _, s := range chartStatuses {
		total += c[s]
	}
	if total == 0 {
		return nil
	}
	var out []barSegment
	x := 0.0
	for _, s := range chartStatuses {
		if c[s] == 0 {
			continue
		}
		w := float64(c[s]) * 100 / float64(total)
		out = append(out, barSegment{Status: s, X: x, W: w, N: c[s]})
		x += w
	}
	return out
}

// timeline is a small Gantt of a plan's tasks: one row per task, a bar from
// start to deadline and a dot on the deadline in the task's status colour,
// month ticks along the top and a line for today.
type timeline struct {
	Width, Height float64
	Left          float64 // where the time axis starts
	Ticks         []timelineTick
	Rows          []timelineRow
	TodayX        float64
	ShowToday     bool
}

type timelineTick struct {
	X     float64
	Label string
}

type timelineRow struct {
	Num            int
	Y, X1, X2      float64
	Title, Status  string
	StartOn, DueOn calendar.Date
}

const (
	timelineWidth = 640.0
	timelineLeft  = 10.0
	timelineTop   = 26.0 // app.css: .tl-names padding-top (the names column beside the chart)
	timelineRowH  = 18.0 // app.css: .tl-names li height
)

// buildTimeline lays out tasks (in their list order) between the first
// start and the last deadline, widened to whole months.
func buildTimeline(tasks []plans.Task, today calendar.Date) *timeline {
	if len(tasks) == 0 {
		return nil
	}
	from, to := tasks[0].StartOn, tasks[0].DueOn
	for _, t := range tasks {
		from, to = minDate(from, t.StartOn), maxDate(to, t.DueOn)
	}
	from = calendar.NewDate(from.Year, from.Month, 1)
	to = calendar.NewDate(to.Year, to.Month+1, 1)
	span := float64(from.DaysUntil(to))
	x := func(d calendar.Date) float64 {
		return timelineLeft + float64(from.DaysUntil(d))*(timelineWidth-timelineLeft-8)/span
	}
	tl := &timeline{Width: timelineWidth, Left: timelineLeft, Height: timelineTop + float64(len(tasks))*timelineRowH + 6,
		Ticks: monthTicks(from, to, x)}
	for i, t := range tasks {
		y := timelineTop + float64(i)*timelineRowH + timelineRowH/2
		tl.Rows = append(tl.Rows, timelineRow{Num: i + 1, Y: y,
			X1: x(t.StartOn), X2: x(t.DueOn.AddDays(1)), Title: t.Title, Status: t.Status, StartOn: t.StartOn, DueOn: t.DueOn})
	}
	if !today.Before(from) && today.Before(to) {
		tl.TodayX, tl.ShowToday = x(today), true
	}
	return tl
}

// maxTickMonths is the longest span drawn month by month; beyond it ticks
// mark years, so that no data (a deadline typed as 9999-12-31 before dates
// were bounded) can make a page draw thousands of ticks.
const maxTickMonths = 36

// maxTicks bounds the year ticks of a long span.
const maxTicks = 24

// monthTicks marks the first of each month; over long spans only every
// third month is labelled so that labels do not collide on a phone, and over
// spans beyond maxTickMonths it marks years instead (yearTicks).
func monthTicks(from, to calendar.Date, x func(calendar.Date) float64) []timelineTick {
	months := (to.Year-from.Year)*12 + int(to.Month-from.Month)
	if months > maxTickMonths {
		return yearTicks(from, to, x)
	}
	every := 1
	if months > 12 {
		every = 3
	}
	var out []timelineTick
	for d, i := from, 0; d.Before(to); d, i = calendar.NewDate(d.Year, d.Month+1, 1), i+1 {
		label := ""
		if i%every == 0 {
			label = "T" + strconv.Itoa(int(d.Month))
			if d.Month == time.January || i == 0 {
				label += "/" + strconv.Itoa(d.Year%100)
			}
		}
		out = append(out, timelineTick{X: x(d), Label: label})
	}
	return out
}

// yearTicks marks the first of January every few years, at most maxTicks of them.
func yearTicks(from, to calendar.Date, x func(calendar.Date) float64) []timelineTick {
	step := (to.Year-from.Year)/maxTicks + 1
	var out []timelineTick
	for y := from.Year + 1; y <= to.Year; y += step {
		out = append(out, timelineTick{X: x(calendar.NewDate(y, time.January, 1)), Label: strconv.Itoa(y)})
	}
	return out
}

func minDate(a, b calendar.Date) calendar.Date {
	if b.Before(a) {
		return b
	}
	return a
}

func maxDate(a, b calendar.Date) calendar.Date {
	if b.After(a) {
		return b
	}
	return a
}
