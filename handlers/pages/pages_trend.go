package pages

import (
	"strconv"
	"strings"

	"github.com/tiendo/tiendo/models/calendar"
	"github.com/tiendo/tiendo/models/statistics"
)

// trendDays is how far back the overview's trend reaches.
const trendDays = 90

// trendChart is a line chart of the commune's daily snapshots: completion
// rate and on-time rate, both in percent, so they share one axis.
type trendChart struct {
	Width, Height float64
	Left, Top     float64
	Bottom        float64 // y of the 0 % line
	Lines         []trendLine
	XTicks        []timelineTick
	YTicks        []trendTick
	Rows          []trendRow // the same numbers as a table
}

type trendLine struct {
	Class, Label, Points string
}

type trendTick struct {
	Y     float64
	Label string
}

// trendRow is a day of the trend's table, its text formatted once here
// (ninety rows of template function calls were a visible share of the
// dashboard's time, issue 15).
type trendRow struct {
	Day                           calendar.Date
	Rate, OnTime                  *float64
	Overdue, Total                int
	DayText, RateText, OnTimeText string
}

const (
	trendW, trendH       = 640.0, 220.0
	trendLeft, trendTop  = 40.0, 12.0
	trendRight, trendBot = 10.0, 28.0
)

// buildTrend lays out the snapshots; fewer than two days make no line, so nil.
func buildTrend(lang string, snaps []statistics.Snapshot) *trendChart {
	if len(snaps) < 2 {
		return nil
	}
	first, last := snaps[0].Day, snaps[len(snaps)-1].Day
	span := max(1, first.DaysUntil(last))
	plotW, plotH := trendW-trendLeft-trendRight, trendH-trendTop-trendBot
	x := func(d calendar.Date) float64 { return trendLeft + float64(first.DaysUntil(d))*plotW/float64(span) }
	y := func(pct float64) float64 { return trendTop + (100-pct)*plotH/100 }
	c := &trendChart{Width: trendW, Height: trendH, Left: trendLeft, Top: trendTop, Bottom: y(0)}
	for _, p := range []float64{0, 25, 50, 75, 100} {
		c.YTicks = append(c.YTicks, trendTick{Y: y(p), Label: strconv.Itoa(int(p)) + "%"})
	}
	var rate, onTime []string
	for _, s := range snaps {
		row := trendRow{Day: s.Day, Rate: s.Counts.CompletionRate(), OnTime: s.Counts.OnTimeRate(),
			Overdue: s.Counts["overdue"], Total: s.Counts["total"], DayText: formatDate(s.Day)}
		row.RateText, row.OnTimeText = formatPercent(lang, row.Rate), formatPercent(lang, row.OnTime)
		c.Rows = append(c.Rows, row)
		if row.Rate != nil {
			rate = append(rate, point(x(s.Day), y(*row.Rate)))
		}
		if row.OnTime != nil {
			onTime = append(onTime, point(x(s.Day), y(*row.OnTime)))
		}
	}
	c.Lines = []trendLine{{Class: "trend-rate", Label: "Tỷ lệ hoàn thành", Points: strings.Join(rate, " ")},
		{Class: "trend-ontime", Label: "Tỷ lệ đúng hạn", Points: strings.Join(onTime, " ")}}
	c.XTicks = monthTicks(calendar.NewDate(first.Year, first.Month+1, 1), last.AddDays(1), x)
	return c
}

func point(x, y float64) string {
	return strconv.FormatFloat(x, 'f', 1, 64) + "," + strconv.FormatFloat(y, 'f', 1, 64)
}
