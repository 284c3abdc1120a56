package calendar

import (
	"slices"
	"time"
)

// Day is a listed day off or make-up working day, with the reason shown to users.
type Day struct {
	Date Date   `json:"date"`
	Kind string `json:"kind"`
	Name string `json:"name"`
}

// Kinds of Day.
const (
	// KindHoliday is a public holiday (nghỉ lễ, tết) of Labour Code 2019 art. 112.
	KindHoliday = "holiday"
	// KindCompensatory is a day off in lieu of a holiday lost to a weekend (nghỉ bù).
	KindCompensatory = "compensatory"
	// KindSwapped is a weekday given off against a make-up working day (nghỉ hoán đổi).
	KindSwapped = "swapped"
	// KindMakeup is a Saturday or Sunday worked to repay a swapped day (làm bù).
	KindMakeup = "makeup"
)

// Names of the statutory holidays, as shown to users.
const (
	// NameNewYear is 1 January.
	NameNewYear = "Tết Dương lịch"
	// NameTet is each of the five days of the lunar new year holiday.
	NameTet = "Tết Nguyên Đán"
	// NameHungKings is the 10th day of the 3rd lunar month.
	NameHungKings = "Giỗ Tổ Hùng Vương"
	// NameReunification is 30 April.
	NameReunification = "Ngày Chiến thắng 30/4"
	// NameLabourDay is 1 May.
	NameLabourDay = "Quốc tế Lao động 1/5"
	// NameNationalDay is 2 September.
	NameNationalDay = "Quốc khánh 2/9"
	// NameNationalDayAdjacent is the second National Day holiday, 1 or 3 September.
	NameNationalDayAdjacent = "Quốc khánh 2/9 (ngày liền kề)"
	// compensatoryPrefix starts the name of a compensatory day, followed by the holiday's name.
	compensatoryPrefix = "Nghỉ bù "
)

// labourCode2019 is the first year under the Labour Code 2019, which added
// the second National Day holiday; earlier years had only 2 September.
const labourCode2019 = 2021

// statutoryHolidays lists the public holidays of solar year y that follow
// from the law alone (Labour Code 2019, art. 112), unsorted.
//
// The law fixes Tết at 5 days but leaves the exact days to the Prime
// Minister each year. The default here is the last two days of the lunar
// year and the 1st–3rd of the first month ("2 ngày trước Tết, 3 ngày sau
// Tết"): that is what the published decisions for 2020, 2021, 2023, 2024 and
// 2025 chose, and for 2022 and 2026 it yields the same days off once
// compensatory days are added. Any year can be changed with Overrides.
//
// Today's rules are applied to every year; they match the law from 2013
// (Labour Code 2012) onwards, apart from the second National Day holiday.
func statutoryHolidays(y int) []Day {
	tet := LunarNewYear(y)
	days := []Day{{Date{y, time.January, 1}, KindHoliday, NameNewYear}}
	for i := -2; i <= 2; i++ {
		days = append(days, Day{tet.AddDays(i), KindHoliday, NameTet})
	}
	days = append(days,
		Day{LunarToSolar(y, 3, 10, false), KindHoliday, NameHungKings},
		Day{Date{y, time.April, 30}, KindHoliday, NameReunification},
		Day{Date{y, time.May, 1}, KindHoliday, NameLabourDay},
		Day{Date{y, time.September, 2}, KindHoliday, NameNationalDay},
	)
	if y >= labourCode2019 {
		days = append(days, Day{nationalDayAdjacent(y), KindHoliday, NameNationalDayAdjacent})
	}
	return days
}

// nationalDayAdjacent picks the second National Day holiday, which the law
// leaves as "01 ngày liền kề trước hoặc sau" 2 September. It takes the
// neighbour that is a weekday and, if both are, the one that joins the
// holiday to a weekend, so that no single working day is left stranded;
// this reproduces the decisions of 2021 (3/9), 2022 (1/9), 2023 (1/9), 2024
// (3/9) and 2025 (1/9). When 2 September is a Wednesday neither neighbour
// touches a weekend and 3 September is taken; override it if the Government
// decides otherwise.
func nationalDayAdjacent(y int) Date {
	switch (Date{y, time.September, 2}).Weekday() {
	case time.Tuesday, time.Friday, time.Saturday:
		return Date{y, time.September, 1}
	default:
		return Date{y, time.September, 3}
	}
}

// isWeekend reports whether d is a Saturday or Sunday, the weekly rest days
// of civil servants (Decree 188/1999 set the 5-day week for the state sector).
func isWeekend(d Date) bool {
	wd := d.Weekday()
	return wd == time.Saturday || wd == time.Sunday
}

// compensatory gives a compensatory day for every holiday in hol (sorted by
// date) that falls on a weekend or on the same date as an earlier holiday:
// Labour Code 2019 art. 111(3) moves the lost rest day to the next working
// day. taken holds the dates already off and is extended with each day given,
// so two lost holidays in a row get two different days.
func compensatory(hol []Day, taken map[Date]bool) []Day {
	var out []Day
	seen := make(map[Date]bool, len(hol))
	for _, h := range hol {
		lost := isWeekend(h.Date) || seen[h.Date]
		seen[h.Date] = true
		if !lost {
			continue
		}
		d := h.Date.AddDays(1)
		for isWeekend(d) || taken[d] {
			d = d.AddDays(1)
		}
		taken[d] = true
		out = append(out, Day{d, KindCompensatory, compensatoryPrefix + h.Name})
	}
	return out
}

// sortDays orders days by date, keeping the first of several on one date.
func sortDays(days []Day) []Day {
	slices.SortStableFunc(days, func(a, b Day) int { return jdn(a.Date) - jdn(b.Date) })
	return slices.CompactFunc(days, func(a, b Day) bool { return a.Date == b.Date })
}
