package models_test

import (
	"math"
	"strings"
	"testing"

	"github.com/tiendo/tiendo/models"
)

func TestVietnameseNumbers(t *testing.T) {
	for _, c := range []struct {
		f    float64
		want string
	}{{83.2, "83,2"}, {90.83, "90,83"}, {1234, "1.234"}, {1234567.5, "1.234.567,5"}, {100, "100"}, {0, "0"},
		{-0.5, "-0,5"}, {-1234, "-1.234"}} {
		if got := models.FormatNumber(c.f, 2); got != c.want {
			t.Errorf("FormatNumber(%v) = %q, want %q", c.f, got, c.want)
		}
	}
	if got := models.FormatPercent(94.31); got != "94,31%" {
		t.Errorf("FormatPercent = %q", got)
	}
	for in, want := range map[string]float64{"1.234": 1234, "83,2": 83.2, "83.2": 83.2, "1.234,5": 1234.5,
		"90,83 %": 90.83, " 988 ": 988, "-12,5": -12.5, "1.234.567": 1234567} {
		got, err := models.ParseNumber(in)
		if err != nil || got != want {
			t.Errorf("ParseNumber(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "abc", "1e5", "NaN", "Inf", "0x10", "1,2,3"} {
		if _, err := models.ParseNumber(bad); err == nil {
			t.Errorf("ParseNumber(%q) accepted", bad)
		}
	}
}

func TestParseCellDate(t *testing.T) {
	for in, want := range map[string]string{"31/01/2024": "2024-01-31", "1/3/2024": "2024-03-01",
		"2024-03-29": "2024-03-29", "45322": "2024-01-31", "11-03-2023": "2023-03-11"} {
		d, ok := models.ParseCellDate(in)
		if !ok || d.String() != want {
			t.Errorf("ParseCellDate(%q) = %s, %v; want %s", in, d, ok, want)
		}
	}
	for _, bad := range []string{"31/02/2024", "2024/01/31", "hôm nay", "0", "-5", "60"} {
		if _, ok := models.ParseCellDate(bad); ok {
			t.Errorf("ParseCellDate(%q) accepted", bad)
		}
	}
}

// FuzzParseNumber: a number that parses is finite, and what FormatNumber
// writes parses back to it.
func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"1.234", "83,2", "83.2", "1.234,5", "90,83%", "-0", "1e9", "１２", ".5", "5."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := models.ParseNumber(s)
		if err != nil {
			return
		}
		if math.IsNaN(v) || math.IsInf(v, 0) {
			t.Fatalf("%q → %v", s, v)
		}
		if math.Abs(v) > 1e15 {
			return // beyond what float64 formats exactly to 2 decimals
		}
		back, err := models.ParseNumber(models.FormatNumber(v, 2))
		// Two decimals kept: back is within half a hundredth (and float noise).
		if err != nil || math.Abs(back-v) > 0.005+1e-9*math.Max(1, math.Abs(v)) {
			t.Fatalf("%q → %v → %q → %v, %v", s, v, models.FormatNumber(v, 2), back, err)
		}
	})
}

// FuzzParseCellDate: a date that parses is a real day, and its dd/mm/yyyy
// form parses to the same day.
func FuzzParseCellDate(f *testing.F) {
	for _, s := range []string{"31/01/2024", "2024-01-31", "45322", "1/1/1", "99999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, ok := models.ParseCellDate(s)
		if !ok || d.Year < 1000 || d.Year > 9999 {
			return
		}
		again, ok := models.ParseCellDate(d.VN())
		if !ok || again != d || strings.Count(d.VN(), "/") != 2 {
			t.Fatalf("%q → %s → %s", s, d, again)
		}
	})
}
