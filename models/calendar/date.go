// Package calendar holds civil dates and the Vietnamese working-day calendar:
// weekends, public holidays (solar and lunar), per-year overrides and
// deadline arithmetic in working days.
package calendar

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"reflect"
	"time"
)

// Date is a calendar day with no time of day and no zone: a deadline, an
// issue date. The zero value is "no date".
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// Layout is the wire and storage form of a Date (ISO 8601).
const Layout = "2006-01-02"

// The years tiendo accepts a date in (plans' years already were): a date
// beyond (0001-01-01, 9999-12-31) is a typing mistake that would otherwise
// stretch every timeline and report around it.
const (
	FirstInputYear = 1900
	LastInputYear  = 2100
)

// Supported reports whether d lies in FirstInputYear–LastInputYear.
func (d Date) Supported() bool { return d.Year >= FirstInputYear && d.Year <= LastInputYear }

// ParseDate reads YYYY-MM-DD and rejects impossible days such as 2024-02-30.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(Layout, s)
	if err != nil {
		return Date{}, fmt.Errorf("not a date of the form YYYY-MM-DD: %q", s)
	}
	return DateOf(t), nil
}

// DateOf is the calendar day of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// NewDate builds a Date, normalising overflow the way time.Date does.
func NewDate(y int, m time.Month, d int) Date {
	return DateOf(time.Date(y, m, d, 0, 0, 0, 0, time.UTC))
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// In is midnight at the start of d in loc.
func (d Date) In(loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}

// AddDays moves d by n calendar days.
func (d Date) AddDays(n int) Date { return NewDate(d.Year, d.Month, d.Day+n) }

// Weekday is the day of the week of d.
func (d Date) Weekday() time.Weekday { return d.In(time.UTC).Weekday() }

// Before reports whether d is strictly earlier than e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// After reports whether d is strictly later than e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	return d.In(time.UTC).Compare(e.In(time.UTC))
}

// DaysUntil is the number of calendar days from d to e (negative if e is earlier).
func (d Date) DaysUntil(e Date) int {
	return int(e.In(time.UTC).Sub(d.In(time.UTC)).Hours() / 24)
}

// String is YYYY-MM-DD, or "" for the zero Date.
func (d Date) String() string { return string(d.AppendText(nil)) }

// AppendText appends YYYY-MM-DD (nothing for the zero Date) without
// formatting through fmt: every task in a list carries three dates.
func (d Date) AppendText(b []byte) []byte {
	if d.IsZero() {
		return b
	}
	if d.Year < 0 || d.Year > 9999 { // never in tiendo's data; as fmt would write it
		return fmt.Appendf(b, "%04d-%02d-%02d", d.Year, d.Month, d.Day)
	}
	y, m, day := d.Year, int(d.Month), d.Day
	return append(b, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-',
		byte('0'+m/10), byte('0'+m%10), '-', byte('0'+day/10), byte('0'+day%10))
}

// VN is the Vietnamese display form dd/mm/yyyy.
func (d Date) VN() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%02d/%02d/%04d", d.Day, d.Month, d.Year)
}

// MarshalJSON writes "YYYY-MM-DD", or null for the zero Date.
func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	return []byte(`"` + d.String() + `"`), nil
}

// UnmarshalJSON reads "YYYY-MM-DD" or null.
func (d *Date) UnmarshalJSON(b []byte) error {
	s := string(b)
	if s == "null" {
		*d = Date{}
		return nil
	}
	// A type error, unlike any other, gets the JSON field's name attached by
	// encoding/json, so the client hears which date was wrong.
	bad := &json.UnmarshalTypeError{Value: "string " + s, Type: reflect.TypeFor[Date]()}
	if len(s) < 2 || s[0] != '"' || s[len(s)-1] != '"' {
		return bad
	}
	v, err := ParseDate(s[1 : len(s)-1])
	if err != nil {
		return bad
	}
	*d = v
	return nil
}

// Value stores d as a PostgreSQL date (NULL for the zero Date).
func (d Date) Value() (driver.Value, error) {
	if d.IsZero() {
		return nil, nil
	}
	return d.String(), nil
}

// Scan reads a PostgreSQL date, which lib/pq hands over as a time.Time at UTC midnight.
func (d *Date) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*d = Date{}
	case time.Time:
		*d = DateOf(v)
	case []byte:
		return d.Scan(string(v))
	case string:
		p, err := ParseDate(v[:min(len(v), 10)])
		if err != nil {
			return err
		}
		*d = p
	default:
		return fmt.Errorf("calendar: cannot scan %T into Date", src)
	}
	return nil
}
