package calendar

import (
	"errors"
	"testing"
	"time"
)

// tet2014 is the published 2014 decision (Labour Code 2012): Tết on 30/1
// (30 Chạp) and 31/1–3/2 (1st–4th Giêng); Tuesday 28/1 and Wednesday 29/1
// swapped for Saturdays 25/1 and 8/2; off from 28/1 to 5/2 (9 days).
func tet2014(t *testing.T) []Override {
	return []Override{
		{Date: day(t, "2014-01-29"), Action: ActionAdd, Kind: KindSwapped}, // replaces the rule's Tết day
		{Date: day(t, "2014-02-03"), Action: ActionAdd, Kind: KindHoliday, Name: NameTet},
		{Date: day(t, "2014-01-28"), Action: ActionAdd, Kind: KindSwapped},
		{Date: day(t, "2014-01-25"), Action: ActionAdd, Kind: KindMakeup},
		{Date: day(t, "2014-02-08"), Action: ActionAdd, Kind: KindMakeup},
	}
}

func TestOverridesModelSwaps(t *testing.T) {
	c := New(tet2014(t))
	// Saturday 1/2 and Sunday 2/2 are Tết days; 3/2 is Tết too, so their
	// compensatory days are 4/2 and 5/2.
	assertBreak(t, c, "2014-01-28", "2014-02-05")
	for _, s := range []string{"2014-01-25", "2014-02-08"} {
		if !c.IsWorkingDay(day(t, s)) {
			t.Errorf("make-up Saturday %s is not a working day", s)
		}
	}
	makeup := c.MakeupDays(2014)
	if len(makeup) != 2 || makeup[0].Date != day(t, "2014-01-25") || makeup[0].Name != "Làm bù" {
		t.Errorf("MakeupDays(2014) = %v", makeup)
	}
	if d, _ := c.DayOff(day(t, "2014-01-29")); d.Kind != KindSwapped || d.Name != "Nghỉ hoán đổi" {
		t.Errorf("29/1/2014 = %+v, want the swapped day with its default name", d)
	}
	// Over the year the swaps cost nothing: 2 make-up days repay 2 swapped days.
	if got, want := c.WorkingDaysBetween(day(t, "2013-12-31"), day(t, "2014-12-31")),
		New(nil).WorkingDaysBetween(day(t, "2013-12-31"), day(t, "2014-12-31")); got != want {
		t.Errorf("working days in 2014 = %d with the decision, %d by the rules", got, want)
	}
}

// TestExplicitCompensatoryDays models Tết 2024 entirely by overrides, as an
// admin copying the decision would: the rule's Tết days removed, the five
// decided days and the two compensatory days added. Listing compensatory
// days switches off the generated ones, so nothing is counted twice.
func TestExplicitCompensatoryDays(t *testing.T) {
	var ov []Override
	for d := day(t, "2024-02-08"); d != day(t, "2024-02-13"); d = d.AddDays(1) {
		ov = append(ov, Override{Date: d, Action: ActionRemove})
		ov = append(ov, Override{Date: d, Action: ActionAdd, Kind: KindHoliday, Name: "Tết Giáp Thìn"})
	}
	for _, s := range []string{"2024-02-13", "2024-02-14"} {
		ov = append(ov, Override{Date: day(t, s), Action: ActionAdd, Kind: KindCompensatory})
	}
	c := New(ov)
	assertBreak(t, c, "2024-02-08", "2024-02-14")
	if d, _ := c.DayOff(day(t, "2024-02-10")); d.Name != "Tết Giáp Thìn" {
		t.Errorf("the last override for a date should win, got %+v", d)
	}
	// Working-day arithmetic across the break.
	checkDates(t, c, []dateCase{
		{"2024-02-07", 1, "2024-02-15"},
		{"2024-02-15", -1, "2024-02-07"},
		{"2024-02-10", 0, "2024-02-15"},
		{"2024-02-06", 3, "2024-02-16"},
		{"2024-02-19", -5, "2024-02-05"}, // 16, 15, 7, 6, 5 February
	})
	if got := c.WorkingDaysBetween(day(t, "2024-02-07"), day(t, "2024-02-15")); got != 1 {
		t.Errorf("working days in (7/2, 15/2] = %d, want 1", got)
	}
	// A deadline of 5 days from Monday 5/2 ends Saturday 10/2, a Tết day,
	// so it moves to the first working day after the break.
	if got := c.DeadlineInDays(day(t, "2024-02-05"), 5); got != day(t, "2024-02-15") {
		t.Errorf("DeadlineInDays(5/2, 5) = %v, want 2024-02-15", got)
	}
}

func TestRemoveOverrides(t *testing.T) {
	c := New([]Override{
		{Date: day(t, "2025-09-01"), Action: ActionRemove},                      // cancel a holiday
		{Date: day(t, "2023-09-04"), Action: ActionRemove},                      // cancel a compensatory day
		{Date: day(t, "2024-01-01"), Action: ActionAdd, Kind: KindSwapped},      // superseded below
		{Date: day(t, "2024-01-01"), Action: ActionRemove},                      // last one wins
		{Date: day(t, "2029-11-24"), Action: ActionAdd, Kind: KindHoliday},      // a Saturday holiday
		{Date: day(t, "2025-03-12"), Action: ActionAdd, Kind: KindMakeup},       // invalid: a Wednesday
		{Date: Date{2025, 2, 30}, Action: ActionAdd, Kind: KindHoliday},         // invalid: no such day
		{Date: day(t, "2025-03-13"), Action: "postpone", Kind: KindHoliday},     // invalid action
		{Date: day(t, "2025-03-14"), Action: ActionAdd, Kind: "bank holiday"},   // invalid kind
		{Date: day(t, "2300-01-02"), Action: ActionAdd, Kind: KindCompensatory}, // invalid: out of range
	})
	for _, s := range []string{"2025-09-01", "2023-09-04", "2023-09-05", "2024-01-01", "2025-03-13", "2025-03-14"} {
		if !c.IsWorkingDay(day(t, s)) {
			t.Errorf("%s should be a working day", s)
		}
	}
	if !c.IsWorkingDay(day(t, "2025-03-12")) {
		t.Error("an invalid make-up override must not change a Wednesday")
	}
	if d, ok := c.DayOff(day(t, "2029-11-26")); !ok || d.Name != "Nghỉ bù Ngày nghỉ" {
		t.Errorf("an added Saturday holiday should be compensated on Monday, got %+v", d)
	}
}

func TestOverrideValidate(t *testing.T) {
	ok := Override{Date: day(t, "2025-04-26"), Action: ActionAdd, Kind: KindMakeup}
	if err := ok.Validate(); err != nil {
		t.Errorf("Validate(%+v) = %v", ok, err)
	}
	bad := []Override{
		{Action: ActionRemove},
		{Date: day(t, "2025-04-25"), Action: ActionAdd, Kind: KindMakeup},
		{Date: day(t, "2025-04-25"), Action: ActionAdd},
		{Date: day(t, "2025-04-25"), Kind: KindHoliday},
	}
	for _, o := range bad {
		if o.Validate() == nil {
			t.Errorf("Validate(%+v) accepted an invalid override", o)
		}
	}
}

// TestOverrideValidateNamesTheField checks that each refusal names the field
// an API should point the user to.
func TestOverrideValidateNamesTheField(t *testing.T) {
	cases := []struct {
		o     Override
		field string
		code  string
	}{
		{Override{Action: ActionRemove}, "date", "invalid_date"},
		{Override{Date: Date{1700, time.January, 1}, Action: ActionRemove}, "date", "out_of_range"},
		{Override{Date: day(t, "2025-04-25"), Action: "move"}, "action", "invalid_action"},
		{Override{Date: day(t, "2025-04-25"), Action: ActionAdd, Kind: "festival"}, "kind", "invalid_kind"},
		{Override{Date: day(t, "2025-04-25"), Action: ActionAdd, Kind: KindMakeup}, "date", "makeup_not_weekend"},
	}
	for _, c := range cases {
		var oe *OverrideError
		if err := c.o.Validate(); !errors.As(err, &oe) || oe.Field != c.field || oe.Code != c.code {
			t.Errorf("Validate(%+v) = %v, want field %s code %s", c.o, err, c.field, c.code)
		}
	}
}
