package vn_test

import (
	"math"
	"testing"

	"github.com/tiendo/tiendo/models/vn"
)

// TestFormatNumber pins the one number formatter the reports, the pages
// and the reminders share, in both languages.
func TestFormatNumber(t *testing.T) {
	cases := []struct {
		f        float64
		decimals int
		vi, en   string
	}{
		{0, 0, "0", "0"},
		{1234, 0, "1.234", "1,234"},
		{1234567.891, 2, "1.234.567,89", "1,234,567.89"},
		{83.2, 1, "83,2", "83.2"},
		{83.25, 1, "83,3", "83.3"}, // half away from zero, as on paper
		{-83.25, 1, "-83,3", "-83.3"},
		{90.8300, 2, "90,83", "90.83"},
		{100, 2, "100", "100"},
		{-3, 0, "-3", "-3"},
		{-1234.5, 1, "-1.234,5", "-1,234.5"},
		{-0.04, 1, "0", "0"}, // no "-0"
		{-0.5, 1, "-0,5", "-0.5"},
		{math.NaN(), 1, "–", "–"},
		{math.Inf(1), 1, "–", "–"},
	}
	for _, c := range cases {
		if got := vn.FormatNumber(c.f, c.decimals); got != c.vi {
			t.Errorf("FormatNumber(%v, %d) = %q, want %q", c.f, c.decimals, got, c.vi)
		}
		if got := vn.FormatNumberSep(c.f, c.decimals, ".", ","); got != c.en {
			t.Errorf("English %v = %q, want %q", c.f, got, c.en)
		}
	}
	if got := vn.FormatInt(-1234567); got != "-1.234.567" {
		t.Errorf("FormatInt = %q", got)
	}
	if got := vn.FormatPercent(83.2); got != "83,2%" {
		t.Errorf("FormatPercent = %q", got)
	}
}

// FuzzParseNumber: whatever is typed, ParseNumber answers a finite number or
// an error, and what it answers reads back from its own Vietnamese form.
func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"1.234", "1.234,5", "83,2", "83.2", "-3", "12,5 %", "1e9", "NaN", "0x10", "", "1.2.3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := vn.ParseNumber(s)
		if err != nil {
			return
		}
		if math.IsNaN(n) || math.IsInf(n, 0) {
			t.Fatalf("%q: %v", s, n)
		}
		if math.Abs(n) > 1e15 {
			return // beyond float64's exact decimals
		}
		back, err := vn.ParseNumber(vn.FormatNumber(n, 3))
		if err != nil || math.Abs(back-n) > 0.0005+1e-9*math.Abs(n) {
			t.Fatalf("%q → %v → %q → %v, %v", s, n, vn.FormatNumber(n, 3), back, err)
		}
	})
}
