package calendar

import (
	"fmt"
	"testing"
)

// TestDateAppendTextMatchesFmt: the hand-made digits agree with fmt for every
// day of several years, the zero Date is empty, and a year past 9999 still
// prints.
func TestDateAppendTextMatchesFmt(t *testing.T) {
	for d := (Date{Year: 1999, Month: 12, Day: 1}); d.Year < 2031; d = d.AddDays(1) {
		if got, want := d.String(), fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day); got != want {
			t.Fatalf("%v: got %q, want %q", d, got, want)
		}
	}
	for _, c := range []struct {
		d    Date
		want string
	}{{Date{}, ""}, {Date{Year: 7, Month: 1, Day: 2}, "0007-01-02"}, {Date{Year: 12345, Month: 6, Day: 7}, "12345-06-07"}} {
		if got := c.d.String(); got != c.want {
			t.Errorf("%#v: got %q, want %q", c.d, got, c.want)
		}
	}
}
