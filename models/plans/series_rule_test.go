package plans_test

import (
	"slices"
	"testing"

	"github.com/tiendo/tiendo/models/calendar"
	"github.com/tiendo/tiendo/models/plans"
)

func TestRuleOccurrences(t *testing.T) {
	cal := calendar.Default()
	cases := []struct {
		name     string
		rule     plans.Rule
		from, to string
		want     []string // nominal, start, due
	}{
		{"monthly on the 31st, clamped to the month's end; 31/8 is a Saturday",
			plans.Rule{Kind: plans.RuleMonthly, DayOfMonth: 31, OnHoliday: plans.OnHolidayNextWorkingDay},
			"2024-01-15", "2024-04-30", []string{
				"2024-01-31 2024-01-15 2024-01-31", // not before the series starts
				"2024-02-29 2024-02-01 2024-02-29", // leap year
				"2024-03-31 2024-03-01 2024-04-01", // a Sunday: Monday
				"2024-04-30 2024-04-01 2024-05-02", // 30/4 and 1/5 are holidays
			}},
		{"quarterly on the 15th of the quarter's last month",
			plans.Rule{Kind: plans.RuleQuarterly, DayOfMonth: 15, OnHoliday: plans.OnHolidayNextWorkingDay},
			"2024-01-15", "2024-12-31", []string{
				"2024-03-15 2024-01-15 2024-03-15", "2024-06-15 2024-04-01 2024-06-17",
				"2024-09-15 2024-07-01 2024-09-16", "2024-12-15 2024-10-01 2024-12-16",
			}},
		{"weekly on Monday and Thursday, skipping days off (2/9, 3/9 are holidays)",
			plans.Rule{Kind: plans.RuleWeekly, Weekdays: []int{1, 4}, OnHoliday: plans.OnHolidaySkip},
			"2024-09-01", "2024-09-12", []string{
				"2024-09-05 2024-09-05 2024-09-05", "2024-09-09 2024-09-09 2024-09-09", "2024-09-12 2024-09-12 2024-09-12",
			}},
	}
	for _, c := range cases {
		from, to := day(t, c.from), day(t, c.to)
		if got := c.rule.Occurrences(from, to, from, cal); !slices.Equal(got, c.want) {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
	}
}

func TestRuleHorizon(t *testing.T) {
	cases := []struct{ kind, today, want string }{
		{plans.RuleWeekly, "2024-12-25", "2025-01-08"},
		{plans.RuleMonthly, "2024-01-31", "2024-02-29"},
		{plans.RuleMonthly, "2024-12-01", "2025-01-31"},
		{plans.RuleQuarterly, "2024-03-31", "2024-06-30"},
		{plans.RuleQuarterly, "2024-11-05", "2025-03-31"},
	}
	for _, c := range cases {
		if got := (plans.Rule{Kind: c.kind}).Horizon(day(t, c.today)).String(); got != c.want {
			t.Errorf("%s on %s: horizon %s, want %s", c.kind, c.today, got, c.want)
		}
	}
}

func day(t *testing.T, s string) calendar.Date {
	t.Helper()
	d, err := calendar.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
