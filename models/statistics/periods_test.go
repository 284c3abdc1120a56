package statistics_test

import (
	"testing"

	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/models/statistics"
)

func TestParsePeriod(t *testing.T) {
	cases := []struct{ in, code, start, end, label, cutoff string }{
		{"2024-M9", "2024-M9", "2024-01-01", "2024-09-30", "9 tháng đầu năm 2024", "2024-08-15"},
		{"2024-m09", "2024-M09", "2024-09-01", "2024-09-30", "tháng 9 năm 2024", "2024-08-15"},
		{"2024-Q1", "2024-Q1", "2024-01-01", "2024-03-31", "quý I năm 2024", "2024-02-15"},
		{"2024-Q4", "2024-Q4", "2024-10-01", "2024-12-31", "quý IV năm 2024", "2024-11-15"},
		{"2024-H1", "2024-H1", "2024-01-01", "2024-06-30", "6 tháng đầu năm 2024", "2024-05-15"},
		{"2024-H2", "2024-H2", "2024-07-01", "2024-12-31", "6 tháng cuối năm 2024", "2024-11-15"},
		{" 2024-y ", "2024-Y", "2024-01-01", "2024-12-31", "năm 2024", "2024-11-15"},
		{"2024-M02", "2024-M02", "2024-02-01", "2024-02-29", "tháng 2 năm 2024", "2024-01-15"},
		{"2024-01-01..2024-09-30", "2024-01-01..2024-09-30", "2024-01-01", "2024-09-30",
			"từ ngày 01/01/2024 đến ngày 30/09/2024", "2024-08-15"},
	}
	for _, c := range cases {
		p, err := statistics.ParsePeriod(c.in)
		if err != nil {
			t.Errorf("%q: %v", c.in, err)
			continue
		}
		got := []string{p.Code, p.Start.String(), p.End.String(), p.Label, p.Cutoff(15, 1).String()}
		want := []string{c.code, c.start, c.end, c.label, c.cutoff}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("%q: got %v, want %v", c.in, got, want)
				break
			}
		}
	}
	for _, bad := range []string{"", "2024", "2024-", "2024-M1", "2024-M13", "2024-Q5", "2024-H3", "24-Q1", "2024-M+1",
		"1999-Y", "2024-09-30..2024-01-01", "2024-01-01..", "2024-X", "2024-M9x"} {
		if _, err := statistics.ParsePeriod(bad); err == nil {
			t.Errorf("%q parsed", bad)
		}
	}
}

func TestCutoffSettings(t *testing.T) {
	p, _ := statistics.ParsePeriod("2024-Q3")
	if got := p.Cutoff(20, 0).String(); got != "2024-09-20" {
		t.Errorf("20th of the last month: %s", got)
	}
	due := statistics.DefaultReportSettings().DuePeriods(testfix.Date("2024-08-15"), 31)
	var codes []string
	for _, p := range due {
		codes = append(codes, p.Code)
	}
	if len(codes) != 2 || codes[0] != "2024-Q3" || codes[1] != "2024-M9" {
		t.Errorf("due on 15/8/2024: %v", codes)
	}
}

// FuzzParsePeriod: whatever is typed, a period that parses has its
// canonical code, which parses to the same period, and Start ≤ End.
func FuzzParsePeriod(f *testing.F) {
	for _, s := range []string{"2024-M9", "2024-Q3", "2024-H1", "2024-Y", "2024-M05", "2024-01-01..2024-09-30",
		"2024-m9", "９", "2024-Q0", "2024-01-31..2024-01-31"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := statistics.ParsePeriod(s)
		if err != nil {
			return
		}
		if p.End.Before(p.Start) || !p.Contains(p.Start) || !p.Contains(p.End) {
			t.Fatalf("%q: %+v", s, p)
		}
		again, err := statistics.ParsePeriod(p.Code)
		if err != nil || again != p {
			t.Fatalf("%q → %q → %+v, %v", s, p.Code, again, err)
		}
		if c := p.Cutoff(15, 1); c.After(p.End) {
			t.Fatalf("%q: cut-off %s after the end", s, c)
		}
	})
}
