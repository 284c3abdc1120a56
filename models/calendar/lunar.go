package calendar

import (
	"math"
	"time"
)

// The Vietnamese lunisolar calendar (âm lịch) is computed, not looked up,
// with Hồ Ngọc Đức's algorithm: a month starts on the day, in UTC+7, of an
// astronomical new moon (formulas from Jean Meeus, "Astronomical
// Algorithms"); month 11 is the month containing the winter solstice; and in
// a year of 13 months the first month without a major solar term (trung khí)
// is the leap month. Using UTC+7 instead of China's UTC+8 is what moves Tết
// in years such as 1985 and 2007. The approximations are good for 1800–2199;
// tests check 1900–2100 against published dates.

const (
	lunarZone    = 7.0               // hours east of UTC in which new moons and solar terms are dated
	synodicMonth = 29.530588853      // mean length of a lunation in days
	newMoonEpoch = 2415021.076998695 // Julian day of the new moon of 1900-01-01
)

// jdn is the Julian day number of a proleptic Gregorian date; day numbers
// make day arithmetic integer-only and give the weekday for free.
func jdn(d Date) int {
	a := (14 - int(d.Month)) / 12
	y := d.Year + 4800 - a
	m := int(d.Month) + 12*a - 3
	return d.Day + (153*m+2)/5 + 365*y + y/4 - y/100 + y/400 - 32045
}

// fromJDN is the inverse of jdn.
func fromJDN(j int) Date {
	a := j + 32044
	b := (4*a + 3) / 146097
	c := a - b*146097/4
	d := (4*c + 3) / 1461
	e := c - 1461*d/4
	m := (5*e + 2) / 153
	return Date{
		Year:  b*100 + d - 4800 + m/10,
		Month: time.Month(m + 3 - 12*(m/10)),
		Day:   e - (153*m+2)/5 + 1,
	}
}

// newMoon is the Julian date (UTC) of the k-th new moon after 1900-01-01.
func newMoon(k int) float64 {
	const dr = math.Pi / 180
	kf := float64(k)
	t := kf / 1236.85 // Julian centuries since 1900-01-01 12:00
	t2, t3 := t*t, t*t*t
	jd := 2415020.75933 + 29.53058868*kf + 0.0001178*t2 - 0.000000155*t3
	jd += 0.00033 * math.Sin((166.56+132.87*t-0.009173*t2)*dr)
	m := 359.2242 + 29.10535608*kf - 0.0000333*t2 - 0.00000347*t3    // Sun's mean anomaly
	mpr := 306.0253 + 385.81691806*kf + 0.0107306*t2 + 0.00001236*t3 // Moon's mean anomaly
	f := 21.2964 + 390.67050646*kf - 0.0016528*t2 - 0.00000239*t3    // Moon's argument of latitude
	c := (0.1734-0.000393*t)*math.Sin(m*dr) + 0.0021*math.Sin(2*dr*m)
	c += -0.4068*math.Sin(mpr*dr) + 0.0161*math.Sin(dr*2*mpr) - 0.0004*math.Sin(dr*3*mpr)
	c += 0.0104*math.Sin(dr*2*f) - 0.0051*math.Sin(dr*(m+mpr))
	c += -0.0074*math.Sin(dr*(m-mpr)) + 0.0004*math.Sin(dr*(2*f+m))
	c += -0.0004*math.Sin(dr*(2*f-m)) - 0.0006*math.Sin(dr*(2*f+mpr))
	c += 0.0010*math.Sin(dr*(2*f-mpr)) + 0.0005*math.Sin(dr*(2*mpr+m))
	var deltaT float64 // terrestrial minus universal time, in days
	if t < -11 {
		deltaT = 0.001 + 0.000839*t + 0.0002261*t2 - 0.00000845*t3 - 0.000000081*t*t3
	} else {
		deltaT = -0.000278 + 0.000265*t + 0.000262*t2
	}
	return jd + c - deltaT
}

// sunLongitude is the Sun's apparent longitude in radians, in [0, 2π), at
// Julian date jd.
func sunLongitude(jd float64) float64 {
	const dr = math.Pi / 180
	t := (jd - 2451545.0) / 36525 // Julian centuries since J2000
	t2 := t * t
	m := 357.52910 + 35999.05030*t - 0.0001559*t2 - 0.00000048*t*t2
	l0 := 280.46645 + 36000.76983*t + 0.0003032*t2
	dl := (1.914600 - 0.004817*t - 0.000014*t2) * math.Sin(dr*m)
	dl += (0.019993-0.000101*t)*math.Sin(dr*2*m) + 0.000290*math.Sin(dr*3*m)
	l := (l0 + dl) * dr
	return l - 2*math.Pi*math.Floor(l/(2*math.Pi))
}

// newMoonDay is the day number, in UTC+7, of the k-th new moon.
func newMoonDay(k int) int {
	return int(math.Floor(newMoon(k) + 0.5 + lunarZone/24))
}

// sunSector is which of the 12 major solar terms (0..11, 30° each) the Sun
// has reached at the start of day number day in UTC+7.
func sunSector(day int) int {
	return int(math.Floor(sunLongitude(float64(day)-0.5-lunarZone/24) / math.Pi * 6))
}

// month11 is the day number on which lunar month 11 (the one containing the
// winter solstice) of solar year y begins.
func month11(y int) int {
	off := jdn(Date{y, time.December, 31}) - 2415021
	k := int(math.Floor(float64(off) / synodicMonth))
	nm := newMoonDay(k)
	if sunSector(nm) >= 9 { // already past the solstice: take the previous new moon
		nm = newMoonDay(k - 1)
	}
	return nm
}

// leapMonthOffset is how many months after month 11 (starting at a11) the
// leap month lies, in a 13-month year: the first month whose start and end
// fall in the same solar-term sector contains no major term.
func leapMonthOffset(a11 int) int {
	k := int(math.Floor((float64(a11)-newMoonEpoch)/synodicMonth + 0.5))
	i := 1
	arc := sunSector(newMoonDay(k + i))
	for {
		last := arc
		i++
		arc = sunSector(newMoonDay(k + i))
		if arc == last || i >= 14 {
			return i - 1
		}
	}
}

// leapNumber is the month number that a leap month at offset off repeats.
func leapNumber(off int) int { return (off+9)%12 + 1 }
