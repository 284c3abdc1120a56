package plans

import (
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/calendar"
	"github.com/tiendo/tiendo/models/deadlines"
)

// WorkingDaysDue is a deadline given as a number of working days from a
// date, the way administrative deadlines are written ("trong thời hạn 05
// ngày làm việc kể từ ngày nhận được văn bản").
//
// It resolves to AddWorkingDays(From, Days) on the commune's calendar. The
// Civil Code 2015 starts a period counted in days on the day after the event
// (art. 147) and moves a last day that is not a working day to the next
// working day (art. 148(5)); counting working days already starts after
// From and lands only on working days, so both rules hold without a further
// shift. A negative Days counts back ("3 working days before the meeting"),
// and 0 is From itself, or the next working day when From is not one.
//
// The deadline is fixed when the task is written: a holiday added later
// does not move it, as a deadline on paper would not move either.
type WorkingDaysDue struct {
	From calendar.Date `json:"from"`
	Days *int          `json:"days"`
}

// dueField names due_in_working_days and its parts in validation errors.
const dueField = "due_in_working_days"

// resolveDue sets in.DueOn from in.DueInWorkingDays on cal, recording in v
// why it cannot. Giving both a date and a rule is refused rather than
// guessing which one the caller meant.
func (in *TaskInput) resolveDue(v *models.ValidationError, cal *calendar.Calendar) {
	d := in.DueInWorkingDays
	switch {
	case d == nil:
		return
	case !in.DueOn.IsZero():
		v.Add(dueField, "exclusive", "chỉ nhập một trong hai: due_on hoặc due_in_working_days")
		return
	case d.Days == nil:
		v.Add(dueField+".days", "required", "cần nhập số ngày làm việc")
		return
	}
	if err := deadlines.CheckWorkingDays(dueField+".from", dueField+".days", d.From, *d.Days); err != nil {
		v.Fields = append(v.Fields, err.(*models.ValidationError).Fields...)
		return
	}
	due := cal.AddWorkingDays(d.From, *d.Days)
	if due.IsZero() || deadlines.CheckYear(dueField, due.Year) != nil {
		v.Add(dueField+".days", "out_of_range", "thời hạn tính ra nằm ngoài các năm 1900–2100")
		return
	}
	in.DueOn = due
}

// validateTask validates a task's input on the commune calendar as t sees
// it, loading that calendar only when a deadline is given in working days.
func (s *Store) validateTask(t *models.Tx, a *models.Actor, in *TaskInput, today calendar.Date) error {
	var cal *calendar.Calendar
	if in.DueInWorkingDays != nil {
		var err error
		if cal, err = s.CalendarIn(t, a.CommuneID); err != nil {
			return err
		}
	}
	return in.Validate(today, cal)
}

// setLateness fills LateDays and LateWorkingDays of an overdue task, so
// lists and notices say "quá hạn 30 ngày (19 ngày làm việc)" alike.
func (t *Task) setLateness(cal *calendar.Calendar, today calendar.Date) {
	t.LateDays, t.LateWorkingDays = 0, 0
	if t.Status != "overdue" || cal == nil {
		return
	}
	t.LateDays = t.DueOn.DaysUntil(today)
	t.LateWorkingDays = cal.WorkingDaysBetween(t.DueOn, today)
}

// Extended reports whether an extension moved the task's deadline.
func (t Task) Extended() bool { return t.OriginalDueOn != nil && *t.OriginalDueOn != t.DueOn }

// FirstDueOn is the deadline the task was first given, for printing beside
// an extended one; the zero date when it was never extended.
func (t Task) FirstDueOn() calendar.Date {
	if !t.Extended() {
		return calendar.Date{}
	}
	return *t.OriginalDueOn
}
