package calendar

import (
	"slices"
)

// maxSpan bounds |n| in AddWorkingDays: any larger step leaves the calendar's
// years, and checking first keeps the arithmetic below from overflowing.
const maxSpan = (MaxYear - MinYear + 1) * 366

// IsWorkingDay reports whether civil servants work on d: Monday–Friday that
// is not a day off, or a make-up Saturday/Sunday. Dates outside
// MinYear..MaxYear, including the zero Date, are not working days.
func (c *Calendar) IsWorkingDay(d Date) bool {
	j := jdn(d)
	if t := c.table(d.Year); t != nil {
		if i := j - t.start; i >= 0 && i < t.days() { // d is normalised
			return t.working(i)
		}
	}
	t, i := c.locate(j)
	return t != nil && t.working(i)
}

// DaysOff lists year's days off in date order: every public holiday, even
// one that falls on a weekend (so the UI can explain its compensatory day),
// every compensatory day and every swapped day. Ordinary weekends are not
// listed. It returns nil outside MinYear..MaxYear.
func (c *Calendar) DaysOff(year int) []Day {
	if t := c.table(year); t != nil {
		return slices.Clone(t.daysOff)
	}
	return nil
}

// MakeupDays lists year's make-up working days (KindMakeup) in date order.
func (c *Calendar) MakeupDays(year int) []Day {
	if t := c.table(year); t != nil {
		return slices.Clone(t.makeup)
	}
	return nil
}

// DayOff is the listed day off on d, if any, to explain why d is not worked.
// A holiday that a make-up or removal override cancelled is not listed.
func (c *Calendar) DayOff(d Date) (Day, bool) {
	t := c.table(d.Year)
	if t == nil {
		return Day{}, false
	}
	i, found := slices.BinarySearchFunc(t.daysOff, jdn(d), func(x Day, j int) int { return jdn(x.Date) - j })
	if !found {
		return Day{}, false
	}
	return t.daysOff[i], true
}

// AddWorkingDays counts n working days from from, for "within 5 working
// days" and "3 working days before the deadline" rules:
//
//   - n > 0: the n-th working day after from (from itself is not counted);
//   - n < 0: the |n|-th working day before from (from is not counted);
//   - n = 0: from if it is a working day, else the next working day.
//
// The result is always a working day, and WorkingDaysBetween(from, result)
// is n for n ≠ 0. It returns the zero Date if from or the result lies
// outside MinYear..MaxYear.
func (c *Calendar) AddWorkingDays(from Date, n int) Date {
	j := jdn(from)
	t, i := c.locate(j)
	switch {
	case t == nil || n > maxSpan || n < -maxSpan:
		return Date{}
	case n == 0 && t.working(i):
		return fromJDN(j)
	case n == 0:
		return c.nthWorkingDay(t, int(t.cum[i+1])+1)
	case n > 0:
		return c.nthWorkingDay(t, int(t.cum[i+1])+n)
	default:
		return c.nthWorkingDay(t, int(t.cum[i])+n+1)
	}
}

// nthWorkingDay is the m-th working day of t's year, where m may run past
// either end of the year into the neighbouring years.
func (c *Calendar) nthWorkingDay(t *yearTable, m int) Date {
	for m > t.total() {
		m -= t.total()
		if t = c.table(t.year + 1); t == nil {
			return Date{}
		}
	}
	for m < 1 {
		if t = c.table(t.year - 1); t == nil {
			return Date{}
		}
		m += t.total()
	}
	return fromJDN(t.start + t.nth(m))
}

// WorkingDaysBetween counts working days in (a, b] when a ≤ b, the usual
// "how many working days until the deadline". When b is before a it is
// minus the count in [b, a), mirroring AddWorkingDays so that
// WorkingDaysBetween(a, AddWorkingDays(a, n)) == n for every n ≠ 0. Days
// outside MinYear..MaxYear count as not working.
func (c *Calendar) WorkingDaysBetween(a, b Date) int {
	ja, jb := jdn(a), jdn(b)
	if ja <= jb {
		return c.count(ja+1, jb)
	}
	return -c.count(jb, ja-1)
}

// count is the number of working days with day numbers in [lo, hi].
func (c *Calendar) count(lo, hi int) int {
	lo = max(lo, jdn(Date{MinYear, 1, 1}))
	hi = min(hi, jdn(Date{MaxYear, 12, 31}))
	n := 0
	for lo <= hi {
		t, i := c.locate(lo)
		last := min(hi-t.start, t.days()-1)
		n += int(t.cum[last+1]) - int(t.cum[i])
		lo = t.start + last + 1
	}
	return n
}

// DeadlineInDays is the last day of a period of n calendar days that starts
// with an event, under the Civil Code 2015: the period begins the day after
// the event (art. 147(2)) and, if its last day is a weekend or holiday, ends
// on the next working day instead (art. 148(5)). A make-up Saturday counts as
// a working day. For n < 0 the period is counted backwards and a non-working
// last day moves to the previous working day, so the result never falls
// after the nominal date. Out-of-range results are the zero Date.
func (c *Calendar) DeadlineInDays(event Date, n int) Date {
	if n > maxSpan || n < -maxSpan {
		return Date{}
	}
	last := fromJDN(jdn(event) + n)
	if n < 0 && !c.IsWorkingDay(last) {
		return c.AddWorkingDays(last, -1)
	}
	return c.AddWorkingDays(last, 0)
}
