package calendar

import (
	"slices"
	"sort"
	"sync"
	"time"
)

// Years the working-day calendar covers; outside them every date counts as
// not a working day, and arithmetic that would leave the range returns the
// zero Date. The bounds are where the lunar approximations stay accurate.
const (
	// MinYear is the first year of the calendar.
	MinYear = 1800
	// MaxYear is the last year of the calendar.
	MaxYear = 2199
)

// Zone is Vietnam's time, UTC+7 all year. A fixed zone rather than
// time.LoadLocation("Asia/Ho_Chi_Minh") because servers may lack tzdata and
// Vietnam has had no daylight saving or offset change since 1975.
var Zone = time.FixedZone("ICT", 7*60*60)

// Today is the current date in Vietnam.
func Today() Date { return LocalDate(time.Now()) }

// LocalDate is the calendar day in Vietnam at instant t, whatever t's location.
func LocalDate(t time.Time) Date { return DateOf(t.In(Zone)) }

// Calendar answers working-day questions for one set of overrides. It is
// immutable and safe for concurrent use; each year's table is built on first
// use and cached.
type Calendar struct {
	overrides map[int]map[Date]Override
	years     sync.Map // year → *yearTable
}

// New builds a Calendar from the statutory rules plus overrides, applied
// in order (the last override for a date wins). Invalid overrides (see
// Override.Validate) are skipped. To keep the built-in official arrangements,
// pass append(Official(), adminOverrides...).
func New(overrides []Override) *Calendar {
	return &Calendar{overrides: overridesByYear(overrides)}
}

// defaultCalendar is shared so that its year tables are built only once per process.
var defaultCalendar = sync.OnceValue(func() *Calendar { return New(Official()) })

// Default is the Calendar with the statutory rules and Official arrangements only.
func Default() *Calendar { return defaultCalendar() }

// yearTable is one year of the calendar, precomputed so that lookups and
// counts are array reads.
type yearTable struct {
	year    int
	start   int      // day number of 1 January
	cum     []uint16 // cum[i] = working days among the first i days of the year
	daysOff []Day
	makeup  []Day
}

// days is the number of days in the year.
func (t *yearTable) days() int { return len(t.cum) - 1 }

// total is the number of working days in the year.
func (t *yearTable) total() int { return int(t.cum[len(t.cum)-1]) }

// working reports whether the i-th day (0-based) of the year is a working day.
func (t *yearTable) working(i int) bool { return t.cum[i+1] > t.cum[i] }

// nth is the index of the m-th (1-based) working day of the year; m must be
// in 1..total().
func (t *yearTable) nth(m int) int {
	return sort.Search(t.days(), func(k int) bool { return int(t.cum[k+1]) >= m })
}

// table is the cached table of year y, or nil outside MinYear..MaxYear.
func (c *Calendar) table(y int) *yearTable {
	if y < MinYear || y > MaxYear {
		return nil
	}
	if t, ok := c.years.Load(y); ok {
		return t.(*yearTable)
	}
	// Concurrent first uses may both build; the tables are equal, so either wins.
	t, _ := c.years.LoadOrStore(y, c.build(y))
	return t.(*yearTable)
}

// locate finds the table holding day number j and j's index in it.
func (c *Calendar) locate(j int) (*yearTable, int) {
	t := c.table(fromJDN(j).Year)
	if t == nil {
		return nil, 0
	}
	return t, j - t.start
}

// build applies year y's overrides to the statutory holidays and derives
// the compensatory days, then tabulates the year.
func (c *Calendar) build(y int) *yearTable {
	ov := c.overrides[y]
	var hol, extra, makeup []Day
	ownCompensatory := false
	for _, h := range statutoryHolidays(y) {
		if _, overridden := ov[h.Date]; !overridden {
			hol = append(hol, h)
		}
	}
	for _, o := range ov {
		switch {
		case o.Action != ActionAdd:
		case o.Kind == KindHoliday:
			hol = append(hol, o.day())
		case o.Kind == KindMakeup:
			makeup = append(makeup, o.day())
		default:
			extra = append(extra, o.day())
			ownCompensatory = ownCompensatory || o.Kind == KindCompensatory
		}
	}
	slices.SortStableFunc(hol, func(a, b Day) int { return jdn(a.Date) - jdn(b.Date) })
	off := append(slices.Clone(hol), extra...)
	if !ownCompensatory {
		taken := make(map[Date]bool, len(off))
		for _, d := range off {
			taken[d.Date] = true
		}
		for _, d := range compensatory(hol, taken) {
			// An override on the date has the last word; days pushed into the
			// next year are dropped (no statutory holiday is late enough).
			if _, overridden := ov[d.Date]; !overridden && d.Date.Year == y {
				off = append(off, d)
			}
		}
	}
	return newYearTable(y, sortDays(off), sortDays(makeup))
}

// newYearTable tabulates year y: Monday–Friday work, then the days off
// rest and the make-up days work.
func newYearTable(y int, off, makeup []Day) *yearTable {
	start := jdn(Date{y, time.January, 1})
	n := jdn(Date{y + 1, time.January, 1}) - start
	working := make([]bool, n)
	for i := range working {
		wd := (start + i + 1) % 7 // 0 = Sunday
		working[i] = wd != 0 && wd != 6
	}
	for _, d := range off {
		working[jdn(d.Date)-start] = false
	}
	for _, d := range makeup {
		working[jdn(d.Date)-start] = true
	}
	cum := make([]uint16, n+1)
	for i, w := range working {
		cum[i+1] = cum[i]
		if w {
			cum[i+1]++
		}
	}
	return &yearTable{year: y, start: start, cum: cum, daysOff: off, makeup: makeup}
}
