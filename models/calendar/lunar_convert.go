package calendar

import "math"

// SolarToLunar converts a solar date to the Vietnamese lunar date: lunar
// year, month (1–12), day (1–30) and whether the month is a leap month.
func SolarToLunar(d Date) (year, month, day int, leap bool) {
	dn := jdn(d)
	yy := fromJDN(dn).Year // d may be unnormalised, e.g. 2024-01-32
	start := monthStart(dn)
	// The lunar year is bracketed by the two months 11 around d.
	a11, b11 := month11(yy), 0
	if a11 >= start {
		year, b11, a11 = yy, a11, month11(yy-1)
	} else {
		year, b11 = yy+1, month11(yy+1)
	}
	day = dn - start + 1
	diff := int(math.Floor(float64(start-a11) / 29)) // months since month 11
	month = diff + 11
	if b11-a11 > 365 { // 13 months between the two months 11: one is leap
		if off := leapMonthOffset(a11); diff >= off {
			month, leap = diff+10, diff == off
		}
	}
	if month > 12 {
		month -= 12
	}
	if month >= 11 && diff < 4 { // months 11 and 12 before the new year
		year--
	}
	return year, month, day, leap
}

// monthStart is the day number on which the lunar month holding day dn
// began. The mean lunation only estimates which new moon that was; the
// published algorithm tries k+1 then k, which misses in rare cases such as
// 2054-05-07 (the true new moon is ~14 hours off the mean), so walk.
func monthStart(dn int) int {
	k := int(math.Floor((float64(dn)-newMoonEpoch)/synodicMonth)) + 1
	start := newMoonDay(k)
	for start > dn {
		k--
		start = newMoonDay(k)
	}
	for next := newMoonDay(k + 1); next <= dn; next = newMoonDay(k + 1) {
		k++
		start = next
	}
	return start
}

// LunarToSolar converts a Vietnamese lunar date to the solar date. It
// returns the zero Date when the lunar date does not exist: a month outside
// 1–12, a day outside the month (29 or 30 days), or leap set for a month
// that is not that year's leap month.
func LunarToSolar(lunarYear, lunarMonth, lunarDay int, leap bool) Date {
	k, ok := lunarMonthIndex(lunarYear, lunarMonth, leap)
	if !ok || lunarDay < 1 {
		return Date{}
	}
	start := newMoonDay(k)
	if lunarDay > newMoonDay(k+1)-start {
		return Date{}
	}
	return fromJDN(start + lunarDay - 1)
}

// LunarMonthDays is the length (29 or 30) of a lunar month, or 0 if the
// month does not exist.
func LunarMonthDays(lunarYear, lunarMonth int, leap bool) int {
	k, ok := lunarMonthIndex(lunarYear, lunarMonth, leap)
	if !ok {
		return 0
	}
	return newMoonDay(k+1) - newMoonDay(k)
}

// LeapMonth is the leap month (1–12) of a lunar year, or 0 if it has none.
func LeapMonth(lunarYear int) int {
	// Months 1–10 of year y lie in the span that starts at month 11 of y-1;
	// months 11–12 of y lie in the span that starts at month 11 of y.
	if m := spanLeapMonth(lunarYear - 1); m >= 1 && m <= 10 {
		return m
	}
	if m := spanLeapMonth(lunarYear); m >= 11 {
		return m
	}
	return 0
}

// LunarNewYear is the solar date of Tết, the 1st day of the 1st lunar month
// of the lunar year that begins in solar year y.
func LunarNewYear(y int) Date { return LunarToSolar(y, 1, 1, false) }

// spanLeapMonth is the leap month in the span from month 11 of lunar year y
// to month 11 of y+1, or 0 if that span has 12 months.
func spanLeapMonth(y int) int {
	a11, b11 := month11(y), month11(y+1)
	if b11-a11 <= 365 {
		return 0
	}
	return leapNumber(leapMonthOffset(a11))
}

// lunarMonthIndex is the new-moon index k (as in newMoon) of the start of
// the given lunar month, or false if the month does not exist.
func lunarMonthIndex(y, m int, leap bool) (int, bool) {
	if m < 1 || m > 12 {
		return 0, false
	}
	a11, b11 := month11(y-1), month11(y)
	if m >= 11 {
		a11, b11 = b11, month11(y+1)
	}
	k := int(math.Floor(0.5 + (float64(a11)-newMoonEpoch)/synodicMonth))
	off := (m + 1) % 12 // months after month 11, ignoring a leap month
	if b11-a11 > 365 {
		lo := leapMonthOffset(a11)
		if leap && m != leapNumber(lo) {
			return 0, false
		}
		if leap || off >= lo {
			off++
		}
	} else if leap {
		return 0, false
	}
	return k + off, true
}
