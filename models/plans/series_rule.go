package plans

import (
	"slices"
	"time"

	"github.com/tiendo/tiendo/models/calendar"
)

// Recurrence rules of a task series.
const (
	// RuleWeekly recurs on the listed ISO weekdays (1 = Monday … 7 = Sunday).
	RuleWeekly = "weekly"
	// RuleMonthly recurs on DayOfMonth, clamped to the month's last day.
	RuleMonthly = "monthly"
	// RuleQuarterly recurs on DayOfMonth of a quarter's last month (March,
	// June, September, December), when quarterly reports fall due.
	RuleQuarterly = "quarterly"
)

// SeriesRules lists the recurrence rules.
var SeriesRules = []string{RuleWeekly, RuleMonthly, RuleQuarterly}

// What an occurrence whose nominal day is not a working day becomes.
const (
	// OnHolidayNextWorkingDay keeps the occurrence and moves its deadline to
	// the next working day, as the Civil Code moves a deadline that ends on a
	// day off (art. 148(5)): the weekly report is still owed. The default.
	OnHolidayNextWorkingDay = "next_working_day"
	// OnHolidaySkip drops the occurrence: "Ngày không hẹn" at a one-stop
	// desk that is closed for Tết simply does not take place.
	OnHolidaySkip = "skip"
)

// OnHolidayRules lists the choices for an occurrence on a day off.
var OnHolidayRules = []string{OnHolidayNextWorkingDay, OnHolidaySkip}

// Horizons: how far ahead occurrences exist, so that people see (and
// reminders find) the next ones before they are due.
const weeklyHorizonDays = 14

// Rule dates the occurrences of a series.
type Rule struct {
	Kind       string
	Weekdays   []int // ISO 8601 weekdays, for RuleWeekly
	DayOfMonth int   // for RuleMonthly and RuleQuarterly
	OnHoliday  string
}

// occurrence is the dates of one generated task. On, the nominal day, is
// its identity within the series, whatever its deadline became.
type occurrence struct {
	On    calendar.Date
	Start calendar.Date
	Due   calendar.Date
}

// horizon is the last day whose occurrences should exist on day today:
// two weeks ahead for a weekly rule, the end of next month or of next
// quarter for the others (the next period's occurrence, whatever its day).
func (r Rule) horizon(today calendar.Date) calendar.Date {
	switch r.Kind {
	case RuleWeekly:
		return today.AddDays(weeklyHorizonDays)
	case RuleMonthly:
		return calendar.NewDate(today.Year, today.Month+2, 0) // day 0: the last of the month before
	}
	q := (int(today.Month)-1)/3 + 1 // 1..4
	return calendar.NewDate(today.Year, time.Month(3*(q+1)+1), 0)
}

// nominal lists the rule's nominal days in [from, to].
func (r Rule) nominal(from, to calendar.Date) []calendar.Date {
	var out []calendar.Date
	if r.Kind == RuleWeekly {
		for d := from; !d.After(to); d = d.AddDays(1) {
			if slices.Contains(r.Weekdays, isoWeekday(d)) {
				out = append(out, d)
			}
		}
		return out
	}
	for m := calendar.NewDate(from.Year, from.Month, 1); !m.After(to); m = calendar.NewDate(m.Year, m.Month+1, 1) {
		if r.Kind == RuleQuarterly && m.Month%3 != 0 {
			continue
		}
		last := calendar.NewDate(m.Year, m.Month+1, 0).Day
		d := calendar.NewDate(m.Year, m.Month, min(r.DayOfMonth, last))
		if !d.Before(from) && !d.After(to) {
			out = append(out, d)
		}
	}
	return out
}

// occurrences resolves the nominal days in [from, to] on cal. An occurrence
// starts with its period (the day itself for a weekly rule, the month or
// quarter otherwise) but not before the series does.
func (r Rule) occurrences(from, to, startsOn calendar.Date, cal *calendar.Calendar) []occurrence {
	var out []occurrence
	for _, on := range r.nominal(from, to) {
		due := on
		if !cal.IsWorkingDay(on) {
			if r.OnHoliday == OnHolidaySkip {
				continue
			}
			due = cal.AddWorkingDays(on, 0)
		}
		if due.IsZero() { // beyond the calendar's years
			continue
		}
		start := r.periodStart(on)
		if start.Before(startsOn) {
			start = startsOn
		}
		out = append(out, occurrence{On: on, Start: start, Due: due})
	}
	return out
}

// periodStart is the first day of the period that the occurrence on d closes.
func (r Rule) periodStart(d calendar.Date) calendar.Date {
	switch r.Kind {
	case RuleMonthly:
		return calendar.NewDate(d.Year, d.Month, 1)
	case RuleQuarterly:
		return calendar.NewDate(d.Year, d.Month-2, 1)
	}
	return d
}

// isoWeekday numbers d's weekday the ISO 8601 way, Monday 1 to Sunday 7.
func isoWeekday(d calendar.Date) int {
	if wd := d.Weekday(); wd != time.Sunday {
		return int(wd)
	}
	return 7
}
