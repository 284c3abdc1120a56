package calendar

import (
	"math"
	"testing"
	"time"
)

// day parses a YYYY-MM-DD literal in tests.
func day(t testing.TB, s string) Date {
	t.Helper()
	d, err := ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestLunarNewYear(t *testing.T) {
	want := map[int]string{
		2020: "2020-01-25", 2021: "2021-02-12", 2022: "2022-02-01", 2023: "2023-01-22",
		2024: "2024-02-10", 2025: "2025-01-29", 2026: "2026-02-17", 2027: "2027-02-06",
		2028: "2028-01-26", 2029: "2029-02-13",
		// The new moon is at 16:07 UTC on 2 February 2030: 23:07 in Vietnam
		// but 00:07 on 3 February in China, so Tết 2030 is one day earlier in
		// Vietnam than the Chinese New Year (3 February) often quoted.
		2030: "2030-02-02",
		// UTC+7 against UTC+8: China celebrated on 1985-02-20 and 2007-02-18.
		1985: "1985-01-21",
		2007: "2007-02-17",
	}
	for y, s := range want {
		if got := LunarNewYear(y); got != day(t, s) {
			t.Errorf("Tết %d = %v, want %s", y, got, s)
		}
	}
}

func TestHungKingsDay(t *testing.T) {
	want := map[int]string{
		2020: "2020-04-02", 2021: "2021-04-21", 2022: "2022-04-10", 2023: "2023-04-29",
		2024: "2024-04-18", 2025: "2025-04-07", 2026: "2026-04-26", 2027: "2027-04-16",
		2028: "2028-04-04", 2029: "2029-04-23", 2030: "2030-04-12",
	}
	for y, s := range want {
		if got := LunarToSolar(y, 3, 10, false); got != day(t, s) {
			t.Errorf("Giỗ Tổ %d = %v, want %s", y, got, s)
		}
	}
}

// TestLunarFacts checks month lengths and leap months that published
// holiday announcements and almanacs state.
func TestLunarFacts(t *testing.T) {
	solar := []struct {
		date      string
		y, m, d   int
		leap      bool
		statement string
	}{
		{"2024-02-08", 2023, 12, 29, false, "8/2/2024 là 29 tháng Chạp Quý Mão"},
		{"2020-01-23", 2019, 12, 29, false, "23/1/2020 là 29 tháng Chạp Kỷ Hợi"},
		{"2026-02-14", 2025, 12, 27, false, "14/2/2026 là 27 tháng Chạp Ất Tỵ"},
		{"2014-01-28", 2013, 12, 28, false, "28/1/2014 là 28 tháng Chạp Quý Tỵ"},
		{"2024-02-14", 2024, 1, 5, false, "14/2/2024 là mùng 5 tháng Giêng Giáp Thìn"},
		{"2023-03-22", 2023, 2, 1, true, "22/3/2023 là mùng 1 tháng 2 nhuận Quý Mão"},
	}
	for _, c := range solar {
		y, m, d, leap := SolarToLunar(day(t, c.date))
		if y != c.y || m != c.m || d != c.d || leap != c.leap {
			t.Errorf("SolarToLunar(%s) = %d/%d/%d leap=%v; want %s", c.date, d, m, y, leap, c.statement)
		}
	}
	leaps := map[int]int{2020: 4, 2023: 2, 2025: 6, 2024: 0, 2026: 0, 2033: 11}
	for y, want := range leaps {
		if got := LeapMonth(y); got != want {
			t.Errorf("LeapMonth(%d) = %d, want %d", y, got, want)
		}
	}
}

func TestLunarToSolarRejectsMissingDays(t *testing.T) {
	for _, c := range []struct{ y, m, d int }{{2024, 0, 1}, {2024, 13, 1}, {2024, 1, 0}, {2024, 1, 31}} {
		if got := LunarToSolar(c.y, c.m, c.d, false); !got.IsZero() {
			t.Errorf("LunarToSolar(%d, %d, %d) = %v, want zero", c.y, c.m, c.d, got)
		}
	}
	if got := LunarToSolar(2024, 2, 1, true); !got.IsZero() {
		t.Errorf("2024 has no leap month, got %v", got)
	}
	if got := LunarToSolar(2023, 3, 1, true); !got.IsZero() {
		t.Errorf("2023's leap month is 2, not 3, got %v", got)
	}
	short := LunarMonthDays(2025, 12, false) // 29 days: Tết 2026 has no "30 Tết"
	if short != 29 || !LunarToSolar(2025, 12, 30, false).IsZero() {
		t.Errorf("month 12 of 2025 has %d days; day 30 must not exist", short)
	}
}

// TestSolarLunarRoundTrip walks every day of 1900–2100 and checks that the
// lunar dates count up one day at a time through months of 29 or 30 days
// and convert back to the same solar date.
func TestSolarLunarRoundTrip(t *testing.T) {
	start, end := jdn(Date{1900, time.January, 1}), jdn(Date{2100, time.December, 31})
	py, pm, pd, pleap := SolarToLunar(fromJDN(start - 1))
	for j := start; j <= end; j++ {
		d := fromJDN(j)
		y, m, dd, leap := SolarToLunar(d)
		if back := LunarToSolar(y, m, dd, leap); back != d {
			t.Fatalf("%v → %d/%d/%d leap=%v → %v", d, dd, m, y, leap, back)
		}
		sameMonth := y == py && m == pm && leap == pleap
		switch {
		case dd == pd+1 && sameMonth:
		case dd == 1 && (pd == 29 || pd == 30) && !sameMonth:
		default:
			t.Fatalf("%v: lunar %d/%d/%d follows %d/%d/%d", d, dd, m, y, pd, pm, py)
		}
		py, pm, pd, pleap = y, m, dd, leap
	}
}

func TestTetWindow(t *testing.T) {
	for y := 1900; y <= 2100; y++ {
		tet := LunarNewYear(y)
		if tet.Before(Date{y, time.January, 21}) || tet.After(Date{y, time.February, 20}) {
			t.Errorf("Tết %d on %v, outside 21 January – 20 February", y, tet)
		}
	}
}

func FuzzSolarLunarRoundTrip(f *testing.F) {
	f.Add(0)
	f.Add(31047) // 1985-01-01
	f.Add(73000)
	span := jdn(Date{2100, time.December, 31}) - jdn(Date{1900, time.January, 1}) + 1
	f.Fuzz(func(t *testing.T, off int) {
		off %= span
		if off < 0 {
			off += span
		}
		d := fromJDN(jdn(Date{1900, time.January, 1}) + off)
		y, m, dd, leap := SolarToLunar(d)
		if m < 1 || m > 12 || dd < 1 || dd > 30 || (leap && LeapMonth(y) != m) {
			t.Fatalf("%v → impossible lunar date %d/%d/%d leap=%v", d, dd, m, y, leap)
		}
		if back := LunarToSolar(y, m, dd, leap); back != d {
			t.Fatalf("%v → %d/%d/%d leap=%v → %v", d, dd, m, y, leap, back)
		}
	})
}

// TestMonth11HoldsSolstice checks the anchor of every lunar year over the
// whole supported range: month 11 starts before the winter solstice (Sun in
// the 9th 30° sector, longitude 270°) and the next month starts after it.
func TestMonth11HoldsSolstice(t *testing.T) {
	for y := MinYear; y <= MaxYear+1; y++ {
		a11 := month11(y)
		k := int(math.Floor((float64(a11)-newMoonEpoch)/synodicMonth + 0.5))
		if newMoonDay(k) != a11 {
			t.Fatalf("month11(%d) = %v is not a new moon day", y, fromJDN(a11))
		}
		if sunSector(a11) >= 9 || sunSector(newMoonDay(k+1)) < 9 {
			t.Errorf("month 11 of %d starting %v does not contain the solstice", y, fromJDN(a11))
		}
	}
}
