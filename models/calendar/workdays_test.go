package calendar

import (
	"math"
	"sync"
	"testing"
	"time"
)

// dateCase is AddWorkingDays(from, n) == want.
type dateCase struct {
	from string
	n    int
	want string
}

func checkDates(t *testing.T, c *Calendar, cases []dateCase) {
	t.Helper()
	for _, tc := range cases {
		if got := c.AddWorkingDays(day(t, tc.from), tc.n); got != day(t, tc.want) {
			t.Errorf("AddWorkingDays(%s, %d) = %v, want %s", tc.from, tc.n, got, tc.want)
		}
	}
}

func TestAddWorkingDays(t *testing.T) {
	checkDates(t, Default(), []dateCase{
		{"2025-03-07", 1, "2025-03-10"},  // Friday → Monday
		{"2025-03-08", 0, "2025-03-10"},  // Saturday rolls to Monday
		{"2025-03-12", 0, "2025-03-12"},  // a working day stays
		{"2025-03-08", 1, "2025-03-10"},  // from a weekend the first step is Monday
		{"2025-03-03", 10, "2025-03-17"}, // two full weeks
		{"2025-03-10", -1, "2025-03-07"}, // Monday ← Friday
		{"2025-03-09", -1, "2025-03-07"}, // Sunday ← Friday
		{"2025-03-17", -3, "2025-03-12"}, // 3 working days before a Monday deadline
		{"2025-01-24", 1, "2025-02-03"},  // over Tết 2025 (27/1–31/1)
		{"2025-02-03", -1, "2025-01-24"},
		{"2024-12-31", 1, "2025-01-02"}, // over the year end and 1/1
		{"2025-01-02", -1, "2024-12-31"},
		{"2025-01-01", 0, "2025-01-02"},
		{"2025-04-25", 1, "2025-04-26"}, // the make-up Saturday is worked
		{"2025-04-29", 1, "2025-05-05"}, // 30/4, 1/5, swapped 2/5, weekend
		{"2024-12-31", 250, "2025-12-31"},
		{"2025-12-31", -250, "2024-12-31"},
	})
}

// TestWorkingDaysIn2025 counts a whole year from the rules: 261 weekdays,
// 12 of them off (1/1; Tết 27–31/1; 7/4; 30/4; 1/5; swapped 2/5; 1–2/9),
// plus the make-up Saturday 26/4.
func TestWorkingDaysIn2025(t *testing.T) {
	c := Default()
	if got := c.WorkingDaysBetween(day(t, "2024-12-31"), day(t, "2025-12-31")); got != 250 {
		t.Errorf("working days in 2025 = %d, want 250", got)
	}
	cases := []struct {
		a, b string
		want int
	}{
		{"2025-03-07", "2025-03-10", 1},
		{"2025-03-10", "2025-03-07", -1}, // [7/3, 10/3) holds Friday only
		{"2025-03-10", "2025-03-10", 0},
		{"2025-03-08", "2025-03-09", 0},
		{"2024-12-31", "2025-01-02", 1},
		{"1700-01-01", "1800-01-03", 2}, // only days in range count
	}
	for _, tc := range cases {
		if got := c.WorkingDaysBetween(day(t, tc.a), day(t, tc.b)); got != tc.want {
			t.Errorf("WorkingDaysBetween(%s, %s) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}

// TestDeadlineInDays applies Civil Code 2015 arts. 147–148.
func TestDeadlineInDays(t *testing.T) {
	cases := []struct {
		c     *Calendar
		event string
		n     int
		want  string
	}{
		{Default(), "2025-03-03", 3, "2025-03-06"},  // ends Thursday
		{Default(), "2025-03-06", 2, "2025-03-10"},  // ends Saturday → Monday
		{Default(), "2025-01-17", 10, "2025-02-03"}, // ends on Tết (27/1) → after it
		{Default(), "2025-04-25", 5, "2025-05-05"},  // 30/4, 1/5, swapped 2/5, weekend
		{New(nil), "2025-04-25", 5, "2025-05-02"},   // without the swap: Friday 2/5
		{Default(), "2025-04-18", 8, "2025-04-26"},  // make-up Saturday is a working day
		{Default(), "2025-03-12", 0, "2025-03-12"},
		{Default(), "2025-03-10", -2, "2025-03-07"}, // backwards: Saturday → Friday
		{Default(), "2199-12-20", 30, ""},           // out of range
	}
	for _, tc := range cases {
		want := Date{}
		if tc.want != "" {
			want = day(t, tc.want)
		}
		if got := tc.c.DeadlineInDays(day(t, tc.event), tc.n); got != want {
			t.Errorf("DeadlineInDays(%s, %d) = %v, want %v", tc.event, tc.n, got, want)
		}
	}
}

func TestOutOfRange(t *testing.T) {
	c := Default()
	edge := []struct {
		from Date
		n    int
	}{
		{Date{}, 1}, {Date{MaxYear, 12, 31}, 5}, {Date{MinYear, 1, 1}, -5},
		{Date{2025, 1, 2}, math.MaxInt}, {Date{2025, 1, 2}, math.MinInt}, {Date{3000, 1, 1}, 0},
	}
	for _, e := range edge {
		if got := c.AddWorkingDays(e.from, e.n); !got.IsZero() {
			t.Errorf("AddWorkingDays(%v, %d) = %v, want the zero Date", e.from, e.n, got)
		}
	}
	if c.IsWorkingDay(Date{}) || c.DaysOff(1700) != nil || c.MakeupDays(2300) != nil {
		t.Error("dates outside the calendar must have no working days or lists")
	}
	if !c.IsWorkingDay(Date{2025, 2, 31}) { // normalises to Monday 3 March
		t.Error("an overflowing Date should be read as the day it normalises to")
	}
}

// naiveAdd is AddWorkingDays by walking one day at a time.
func naiveAdd(c *Calendar, from Date, n int) Date {
	d := from
	if n == 0 {
		for !c.IsWorkingDay(d) {
			d = d.AddDays(1)
		}
		return d
	}
	step := 1
	if n < 0 {
		step, n = -1, -n
	}
	for n > 0 {
		if d = d.AddDays(step); c.IsWorkingDay(d) {
			n--
		}
	}
	return d
}

func TestAddWorkingDaysMatchesWalking(t *testing.T) {
	c := New(append(Official(), tet2014(t)...))
	for y := 1900; y <= 2100; y += 3 {
		for _, md := range [][2]int{{1, 1}, {1, 28}, {2, 14}, {4, 27}, {9, 1}, {12, 30}} {
			from := NewDate(y, 1, 1).AddDays((md[0]-1)*31 + md[1] - 1)
			for n := -45; n <= 45; n += 4 {
				if got, want := c.AddWorkingDays(from, n), naiveAdd(c, from, n); got != want {
					t.Fatalf("AddWorkingDays(%v, %d) = %v, walking gives %v", from, n, got, want)
				}
			}
		}
	}
}

// TestConcurrentUse builds year tables from many goroutines at once; run
// with -race.
func TestConcurrentUse(t *testing.T) {
	c, ref := New(Official()), New(Official())
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for y := 2000 + g; y < 2040; y += 2 {
				from := Date{y, 2, 1}
				if got, want := c.AddWorkingDays(from, 20+g), naiveAdd(ref, from, 20+g); got != want {
					t.Errorf("goroutine %d: AddWorkingDays(%v) = %v, want %v", g, from, got, want)
				}
				_ = c.DaysOff(y + 1)
			}
		})
	}
	wg.Wait()
}

// fuzzDate maps any int onto a day of 1900–2100.
func fuzzDate(off int) Date {
	start := jdn(Date{1900, time.January, 1})
	span := jdn(Date{2100, time.December, 31}) - start + 1
	off %= span
	if off < 0 {
		off += span
	}
	return fromJDN(start + off)
}

func FuzzAddWorkingDays(f *testing.F) {
	f.Add(45325, 1)   // 2024-02-05
	f.Add(45328, -3)  // 2024-02-08, first day of Tết
	f.Add(45329, 0)   // 2024-02-09
	f.Add(0, -1)      // 1900-01-01
	f.Add(73413, 400) // 2100-12-31
	c := Default()
	f.Fuzz(func(t *testing.T, off, n int) {
		from := fuzzDate(off)
		n %= 2000 // stays inside MinYear..MaxYear from any day of 1900–2100
		got := c.AddWorkingDays(from, n)
		if !c.IsWorkingDay(got) {
			t.Fatalf("AddWorkingDays(%v, %d) = %v, not a working day", from, n, got)
		}
		between := c.WorkingDaysBetween(from, got)
		switch {
		case n > 0 && (!got.After(from) || between != n):
			t.Fatalf("AddWorkingDays(%v, %d) = %v, %d working days apart", from, n, got, between)
		case n < 0 && (!got.Before(from) || between != n):
			t.Fatalf("AddWorkingDays(%v, %d) = %v, %d working days apart", from, n, got, between)
		case n == 0 && got != from && (got.Before(from) || c.IsWorkingDay(from) || between != 1):
			t.Fatalf("AddWorkingDays(%v, 0) = %v is not the first working day from there", from, got)
		}
		if n >= -60 && n <= 60 {
			if want := naiveAdd(c, from, n); got != want {
				t.Fatalf("AddWorkingDays(%v, %d) = %v, walking gives %v", from, n, got, want)
			}
		}
	})
}

func BenchmarkIsWorkingDay(b *testing.B) {
	c := Default()
	start := jdn(Date{2024, time.January, 1})
	i := 0
	for b.Loop() {
		_ = c.IsWorkingDay(fromJDN(start + i%1096))
		i++
	}
}

func BenchmarkAddWorkingDays(b *testing.B) {
	c := Default()
	from := Date{2025, time.January, 20}
	for b.Loop() {
		_ = c.AddWorkingDays(from, 30)
	}
}

// BenchmarkAddWorkingDaysLong crosses ten year boundaries per call.
func BenchmarkAddWorkingDaysLong(b *testing.B) {
	c := Default()
	from := Date{2025, time.January, 20}
	for b.Loop() {
		_ = c.AddWorkingDays(from, 2500)
	}
}

// BenchmarkBuildYear is the one-off cost of a year's table, lunar dates included.
func BenchmarkBuildYear(b *testing.B) {
	c := New(Official())
	for b.Loop() {
		_ = c.build(2025)
	}
}
