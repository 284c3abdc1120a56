package calendar

import (
	"fmt"
	"time"
)

// Override actions.
const (
	// ActionAdd makes Override.Date a day of Override.Kind.
	ActionAdd = "add"
	// ActionRemove makes Override.Date an ordinary day again: a weekday works,
	// a weekend rests, whatever the rules or generated days said.
	ActionRemove = "remove"
)

// Override is one admin decision for one date, such as the Prime Minister's
// yearly choice of Tết days, a swap of a weekday for a Saturday, or a
// cancelled day off. The last Override for a date wins and replaces whatever
// the built-in rules put there.
//
// Compensatory days are generated from the holidays (including added ones)
// unless the year has an Override of KindCompensatory: recording any
// compensatory day for a year means the admin lists all of that year's
// compensatory days, since a decision that moves one usually moves them all.
type Override struct {
	Date   Date   `json:"date"`
	Action string `json:"action"`         // ActionAdd or ActionRemove
	Kind   string `json:"kind,omitempty"` // for ActionAdd: KindHoliday, KindCompensatory, KindSwapped or KindMakeup
	Name   string `json:"name,omitempty"` // shown to users; a default is used when empty
}

// OverrideError explains why an Override is invalid and names the field at
// fault, so that an API can answer with the field to fix.
type OverrideError struct {
	Field   string // "date", "action" or "kind"
	Code    string // invalid_date, out_of_range, invalid_action, invalid_kind or makeup_not_weekend
	Message string
}

func (e *OverrideError) Error() string { return "calendar: override " + e.Field + ": " + e.Message }

// Validate reports why o cannot be used, as an *OverrideError; New skips
// such overrides, so callers should validate admin input before storing it.
func (o Override) Validate() error {
	if o.Date.IsZero() || fromJDN(jdn(o.Date)) != o.Date {
		return &OverrideError{"date", "invalid_date", fmt.Sprintf("%v is not a real date", o.Date)}
	}
	if o.Date.Year < MinYear || o.Date.Year > MaxYear {
		return &OverrideError{"date", "out_of_range", fmt.Sprintf("year %d is outside %d–%d", o.Date.Year, MinYear, MaxYear)}
	}
	switch o.Action {
	case ActionRemove:
		return nil
	case ActionAdd:
	default:
		return &OverrideError{"action", "invalid_action", fmt.Sprintf("%q is neither %q nor %q", o.Action, ActionAdd, ActionRemove)}
	}
	switch o.Kind {
	case KindHoliday, KindCompensatory, KindSwapped:
		return nil
	case KindMakeup:
		if !isWeekend(o.Date) {
			return &OverrideError{"date", "makeup_not_weekend", "a make-up working day must be a Saturday or Sunday"}
		}
		return nil
	}
	return &OverrideError{"kind", "invalid_kind", fmt.Sprintf("%q is unknown", o.Kind)}
}

// day is the Day that an ActionAdd override puts on its date.
func (o Override) day() Day {
	name := o.Name
	if name == "" {
		name = defaultNames[o.Kind]
	}
	return Day{o.Date, o.Kind, name}
}

// defaultNames label added days whose override has no name.
var defaultNames = map[string]string{
	KindHoliday:      "Ngày nghỉ",
	KindCompensatory: "Nghỉ bù",
	KindSwapped:      "Nghỉ hoán đổi",
	KindMakeup:       "Làm bù",
}

// Official returns the Government's published arrangements for recent years
// that the rules cannot derive: swaps of a weekday with a make-up Saturday.
// Everything else those years decided (Tết days, the second National Day
// holiday, compensatory days) follows from the rules in statutoryHolidays.
// Sources: announcements of the Ministry of Labour, Invalids and Social
// Affairs as reported by VietnamPlus and others.
func Official() []Override {
	return []Override{
		// 30/4–1/5/2024: off Sat 27/4 to Wed 1/5, Monday 29/4 repaid on Sat 4/5.
		{Date{2024, time.April, 29}, ActionAdd, KindSwapped, "Nghỉ hoán đổi (làm bù thứ Bảy 04/05/2024)"},
		{Date{2024, time.May, 4}, ActionAdd, KindMakeup, "Làm bù cho thứ Hai 29/04/2024"},
		// 30/4–1/5/2025: off Wed 30/4 to Sun 4/5, Friday 2/5 repaid on Sat 26/4.
		{Date{2025, time.May, 2}, ActionAdd, KindSwapped, "Nghỉ hoán đổi (làm bù thứ Bảy 26/04/2025)"},
		{Date{2025, time.April, 26}, ActionAdd, KindMakeup, "Làm bù cho thứ Sáu 02/05/2025"},
	}
}

// overridesByYear indexes the valid overrides by year and date, the last
// one for a date winning.
func overridesByYear(overrides []Override) map[int]map[Date]Override {
	out := make(map[int]map[Date]Override)
	for _, o := range overrides {
		if o.Validate() != nil {
			continue
		}
		byDate := out[o.Date.Year]
		if byDate == nil {
			byDate = make(map[Date]Override)
			out[o.Date.Year] = byDate
		}
		byDate[o.Date] = o
	}
	return out
}
