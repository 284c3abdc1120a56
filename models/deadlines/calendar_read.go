package deadlines

import (
	"context"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/calendar"
)

// CalendarYear is one year of the commune's working-day calendar: the days
// off that are not ordinary weekends, and the weekend days that are worked.
type CalendarYear struct {
	Year int `json:"year"`
	// DaysOff lists public holidays (even on a weekend, so that the UI can
	// explain the compensatory day), compensatory days and swapped days.
	DaysOff []calendar.Day `json:"days_off"`
	// MakeupDays are Saturdays or Sundays worked to repay a swapped day.
	MakeupDays []calendar.Day `json:"makeup_days"`
	// WorkingDays is how many working days the year has.
	WorkingDays int `json:"working_days"`
}

// withCalendar runs fn with the actor's commune calendar as the transaction
// sees it, so an override saved a moment ago on any replica already counts.
func (s *Store) withCalendar(ctx context.Context, a *models.Actor, fn func(*calendar.Calendar) error) error {
	return s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		cal, err := s.CalendarIn(t, a.CommuneID)
		if err != nil {
			return err
		}
		return fn(cal)
	})
}

// CalendarYear returns year of the actor's commune calendar (1900–2100;
// 0 is the current year).
func (s *Store) CalendarYear(ctx context.Context, a *models.Actor, year int) (*CalendarYear, error) {
	if year == 0 {
		year = a.Commune.Today(s.Clock().Now()).Year
	}
	if err := CheckYear("year", year); err != nil {
		return nil, err
	}
	out := &CalendarYear{Year: year}
	err := s.withCalendar(ctx, a, func(cal *calendar.Calendar) error {
		out.DaysOff, out.MakeupDays = nonNil(cal.DaysOff(year)), nonNil(cal.MakeupDays(year))
		dec31 := calendar.NewDate(year-1, 12, 31)
		out.WorkingDays = cal.WorkingDaysBetween(dec31, calendar.NewDate(year, 12, 31))
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// nonNil makes an empty list encode as [] rather than null.
func nonNil(days []calendar.Day) []calendar.Day {
	if days == nil {
		return []calendar.Day{}
	}
	return days
}

// maxWorkingDaysStep bounds a working-day step: about forty years, more
// than any administrative deadline and far from the calendar's edges.
const maxWorkingDaysStep = 10000

// AddWorkingDays is calendar.AddWorkingDays on the actor's commune calendar:
// the days-th working day after from (before it when days < 0; from itself,
// or the next working day, when days = 0). Both from and the result must lie
// in 1900–2100.
func (s *Store) AddWorkingDays(ctx context.Context, a *models.Actor, from calendar.Date, days int) (calendar.Date, error) {
	if err := CheckWorkingDays("from", "days", from, days); err != nil {
		return calendar.Date{}, err
	}
	var out calendar.Date
	err := s.withCalendar(ctx, a, func(cal *calendar.Calendar) error {
		out = cal.AddWorkingDays(from, days)
		if out.IsZero() || CheckYear("days", out.Year) != nil {
			return models.Invalid("days", "out_of_range", "kết quả nằm ngoài các năm 1900–2100")
		}
		return nil
	})
	return out, err
}

// CheckWorkingDays validates a (from, days) pair, naming the fields.
func CheckWorkingDays(fromField, daysField string, from calendar.Date, days int) error {
	v := &models.ValidationError{}
	switch {
	case from.IsZero():
		v.Add(fromField, "required", "cần nhập ngày bắt đầu tính (YYYY-MM-DD)")
	case CheckYear(fromField, from.Year) != nil:
		v.Add(fromField, "out_of_range", "năm phải từ %d đến %d", MinAPIYear, MaxAPIYear)
	}
	if days > maxWorkingDaysStep || days < -maxWorkingDaysStep {
		v.Add(daysField, "out_of_range", "số ngày làm việc phải từ -%d đến %d", maxWorkingDaysStep, maxWorkingDaysStep)
	}
	return v.Err()
}

// Window is what task_status needs besides the row: today in the commune's
// time zone and the last day that counts as due soon.
type Window struct {
	Today calendar.Date
	Soon  calendar.Date
	TZ    string
}

// WindowFor is the commune's window now, on the commune's own calendar
// (see calendars.go for how fresh that is).
func (s *Store) WindowFor(ctx context.Context, c models.CommuneInfo) Window {
	return WindowAt(c, s.CalendarOf(ctx, c.ID), s.Clock().Now())
}
