package calendar

import (
	"slices"
	"testing"
)

// assertBreak checks that [from, to] is exactly one unbroken stretch of
// days off: every day inside is off, the days on either side are worked.
func assertBreak(t *testing.T, c *Calendar, from, to string) {
	t.Helper()
	a, b := day(t, from), day(t, to)
	for d := a; !d.After(b); d = d.AddDays(1) {
		if c.IsWorkingDay(d) {
			t.Errorf("break %s–%s: %v is a working day", from, to, d)
		}
	}
	if !c.IsWorkingDay(a.AddDays(-1)) || !c.IsWorkingDay(b.AddDays(1)) {
		t.Errorf("break %s–%s: the break is longer than announced", from, to)
	}
}

// TestDefaultMatchesAnnouncements compares Default with the breaks the
// Government announced for civil servants.
func TestDefaultMatchesAnnouncements(t *testing.T) {
	c := Default()
	for _, b := range [][2]string{
		{"2020-01-23", "2020-01-29"}, // Tết Canh Tý
		{"2021-02-10", "2021-02-16"}, // Tết Tân Sửu
		{"2022-01-29", "2022-02-06"}, // Tết Nhâm Dần
		{"2023-01-20", "2023-01-26"}, // Tết Quý Mão
		{"2024-02-08", "2024-02-14"}, // Tết Giáp Thìn: 5 days of Tết + 2 compensatory
		{"2025-01-25", "2025-02-02"}, // Tết Ất Tỵ
		{"2026-02-14", "2026-02-22"}, // Tết Bính Ngọ
		{"2022-12-31", "2023-01-02"}, // Tết Dương lịch 2023 on a Sunday
		{"2023-04-29", "2023-05-03"}, // Giỗ Tổ on Saturday, 30/4 on Sunday
		{"2024-04-27", "2024-05-01"}, // Monday 29/4 swapped
		{"2025-04-30", "2025-05-04"}, // Friday 2/5 swapped
		{"2021-09-02", "2021-09-05"},
		{"2022-09-01", "2022-09-04"},
		{"2023-09-01", "2023-09-04"}, // 2/9 on Saturday: 1/9 + 2/9, compensatory 4/9
		{"2024-08-31", "2024-09-03"},
		{"2025-08-30", "2025-09-02"},
	} {
		assertBreak(t, c, b[0], b[1])
	}
	for _, s := range []string{"2024-05-04", "2025-04-26"} {
		if !c.IsWorkingDay(day(t, s)) {
			t.Errorf("make-up Saturday %s should be a working day", s)
		}
	}
}

// TestDaysOff2024 spells out the rule-derived list for a year without
// official overrides: Tết is 8–12/2 (28, 29 Chạp and 1–3 Giêng); its
// Saturday and Sunday give compensatory days on 13 and 14/2.
func TestDaysOff2024(t *testing.T) {
	want := []Day{
		{day(t, "2024-01-01"), KindHoliday, NameNewYear},
		{day(t, "2024-02-08"), KindHoliday, NameTet},
		{day(t, "2024-02-09"), KindHoliday, NameTet},
		{day(t, "2024-02-10"), KindHoliday, NameTet},
		{day(t, "2024-02-11"), KindHoliday, NameTet},
		{day(t, "2024-02-12"), KindHoliday, NameTet},
		{day(t, "2024-02-13"), KindCompensatory, "Nghỉ bù Tết Nguyên Đán"},
		{day(t, "2024-02-14"), KindCompensatory, "Nghỉ bù Tết Nguyên Đán"},
		{day(t, "2024-04-18"), KindHoliday, NameHungKings},
		{day(t, "2024-04-30"), KindHoliday, NameReunification},
		{day(t, "2024-05-01"), KindHoliday, NameLabourDay},
		{day(t, "2024-09-02"), KindHoliday, NameNationalDay},
		{day(t, "2024-09-03"), KindHoliday, NameNationalDayAdjacent},
	}
	if got := New(nil).DaysOff(2024); !slices.Equal(got, want) {
		t.Errorf("DaysOff(2024) =\n%v\nwant\n%v", got, want)
	}
	if got := New(nil).MakeupDays(2024); len(got) != 0 {
		t.Errorf("MakeupDays(2024) without overrides = %v", got)
	}
}

// TestCompensatoryDays checks art. 111(3): a holiday lost to a weekend, or
// to another holiday, is given back on the next free weekday.
func TestCompensatoryDays(t *testing.T) {
	c := New(nil)
	want := map[string]string{
		"2023-01-02": "Nghỉ bù Tết Dương lịch",        // 1/1 on Sunday
		"2023-05-02": "Nghỉ bù Giỗ Tổ Hùng Vương",     // Saturday 29/4; Monday 1/5 is itself a holiday
		"2023-05-03": "Nghỉ bù Ngày Chiến thắng 30/4", // Sunday 30/4; Tuesday already given
		"2023-09-04": "Nghỉ bù Quốc khánh 2/9",        // Saturday 2/9
		"2029-09-04": "Nghỉ bù Quốc khánh 2/9",        // Sunday 2/9; Monday 3/9 is the adjacent day
		"1947-05-02": "Nghỉ bù Ngày Chiến thắng 30/4", // Giỗ Tổ and 30/4 both on Wednesday 30/4
		"2026-04-27": "Nghỉ bù Giỗ Tổ Hùng Vương",     // Sunday 26/4
		"2022-01-03": "Nghỉ bù Tết Dương lịch",        // Saturday 1/1
		"2022-05-03": "Nghỉ bù Quốc tế Lao động 1/5",  // Sunday 1/5 after Saturday 30/4
		"2021-05-03": "Nghỉ bù Quốc tế Lao động 1/5",  // Saturday 1/5
		"2020-01-29": "Nghỉ bù Tết Nguyên Đán",        // second of Tết's weekend days
		"2029-09-03": NameNationalDayAdjacent,         // the adjacent day itself, not a compensatory one
	}
	for s, name := range want {
		got, ok := c.DayOff(day(t, s))
		if !ok || got.Name != name {
			t.Errorf("DayOff(%s) = %+v, %v; want %q", s, got, ok, name)
		}
	}
}

// TestNationalDayAdjacent checks the default second National Day holiday for
// each weekday 2 September can fall on, and its absence before 2021.
func TestNationalDayAdjacent(t *testing.T) {
	want := map[int]string{
		2021: "2021-09-03", // Thursday → Friday
		2022: "2022-09-01", // Friday → Thursday
		2023: "2023-09-01", // Saturday → Friday
		2024: "2024-09-03", // Monday → Tuesday
		2025: "2025-09-01", // Tuesday → Monday
		2026: "2026-09-03", // Wednesday → Thursday (no weekend to join)
		2029: "2029-09-03", // Sunday → Monday
	}
	for y, s := range want {
		if got := nationalDayAdjacent(y); got != day(t, s) {
			t.Errorf("nationalDayAdjacent(%d) = %v, want %s", y, got, s)
		}
	}
	if !New(nil).IsWorkingDay(day(t, "2020-09-03")) {
		t.Error("before the Labour Code 2019, 3/9/2020 was a working day")
	}
}
