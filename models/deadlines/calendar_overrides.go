package deadlines

import (
	"context"
	"errors"
	"slices"
	"time"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/calendar"
)

// The years the calendar API answers for, as for plans: wider than anyone
// plans, narrow enough that a typo (20024) is caught.
const (
	MinAPIYear = 1900
	MaxAPIYear = 2100
)

// CalendarOverride is one of the commune's own calendar decisions, layered
// over the statutory rules and the Government's published arrangements.
type CalendarOverride struct {
	ID            int64         `json:"-" db:"id"`
	Date          calendar.Date `json:"date" db:"date"`
	Action        string        `json:"action" db:"action"`
	Kind          *string       `json:"kind" db:"kind"` // nil for a removal
	Name          string        `json:"name" db:"name"`
	CreatedBy     *int64        `json:"created_by" db:"created_by"`
	CreatedByName string        `json:"created_by_name" db:"created_by_name"`
	CreatedAt     time.Time     `json:"created_at" db:"created_at"`
}

// CalendarOverrideInput is the body of POST /api/v1/settings/calendar.
type CalendarOverrideInput struct {
	Date   calendar.Date `json:"date"`
	Action string        `json:"action"`
	Kind   string        `json:"kind"`
	Name   string        `json:"name"`
}

// overrideKinds are the kinds an added override may give its date.
var overrideKinds = []string{calendar.KindHoliday, calendar.KindCompensatory, calendar.KindSwapped, calendar.KindMakeup}

// overrideMessages are the Vietnamese explanations of calendar.OverrideError codes.
var overrideMessages = map[string]string{
	"invalid_date":       "ngày không hợp lệ; dùng dạng YYYY-MM-DD",
	"out_of_range":       "năm phải từ 1900 đến 2100",
	"invalid_action":     "action phải là add (thêm ngày) hoặc remove (bỏ ngày đặc biệt)",
	"invalid_kind":       "kind phải là holiday, compensatory, swapped hoặc makeup",
	"makeup_not_weekend": "ngày làm bù (makeup) phải là thứ Bảy hoặc Chủ nhật",
}

// Validate normalises the input and names every invalid field; the last
// word is calendar.Override.Validate, the rule the calendar itself applies.
func (in *CalendarOverrideInput) Validate() error {
	v := &models.ValidationError{}
	in.Name = models.CleanText(in.Name)
	models.CheckText(v, "name", in.Name, 200, false)
	switch {
	case in.Date.IsZero():
		v.Add("date", "required", "cần nhập ngày (YYYY-MM-DD)")
	case in.Date.Year < MinAPIYear || in.Date.Year > MaxAPIYear:
		v.Add("date", "out_of_range", "%s", overrideMessages["out_of_range"])
	}
	switch in.Action {
	case calendar.ActionRemove:
		if in.Kind != "" {
			v.Add("kind", "not_allowed", "bỏ ngày đặc biệt (remove) không kèm kind")
		}
	case calendar.ActionAdd:
		if !slices.Contains(overrideKinds, in.Kind) {
			v.Add("kind", "invalid_kind", "%s", overrideMessages["invalid_kind"])
		}
	default:
		v.Add("action", "invalid_action", "%s", overrideMessages["invalid_action"])
	}
	var oe *calendar.OverrideError
	if err := in.override().Validate(); errors.As(err, &oe) && !hasField(v, oe.Field) {
		v.Add(oe.Field, oe.Code, "%s", overrideMessages[oe.Code])
	}
	return v.Err()
}

// hasField reports whether v already names field.
func hasField(v *models.ValidationError, field string) bool {
	return slices.ContainsFunc(v.Fields, func(f models.FieldError) bool { return f.Field == field })
}

func (in *CalendarOverrideInput) override() calendar.Override {
	return calendar.Override{Date: in.Date, Action: in.Action, Kind: in.Kind, Name: in.Name}
}

// CheckYear rejects a year outside the calendar API's range, naming field.
func CheckYear(field string, year int) error {
	if year < MinAPIYear || year > MaxAPIYear {
		return models.Invalid(field, "out_of_range", "năm phải từ %d đến %d", MinAPIYear, MaxAPIYear)
	}
	return nil
}

// ListCalendarOverrides lists the commune's overrides of year (0: every year).
func (s *Store) ListCalendarOverrides(ctx context.Context, a *models.Actor, year int) ([]CalendarOverride, error) {
	var y any
	if year != 0 {
		if err := CheckYear("year", year); err != nil {
			return nil, err
		}
		y = year
	}
	out := []CalendarOverride{}
	err := s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		return t.Bind(s.calQ.List).Select(&out, a.CommuneID, y)
	})
	return out, err
}

// CreateCalendarOverride records an admin's decision for one date. A date
// that already has one is a conflict: delete it first, so that replacing a
// decision is two audited acts rather than a silent overwrite.
func (s *Store) CreateCalendarOverride(ctx context.Context, a *models.Actor, in CalendarOverrideInput) (*CalendarOverride, error) {
	if !a.IsAdmin() {
		return nil, models.ErrForbidden
	}
	if err := in.Validate(); err != nil {
		return nil, err
	}
	var out *CalendarOverride
	err := s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		var id int64
		if err := t.Bind(s.calQ.Insert).Get(&id, a.CommuneID, in.Date, in.Action, in.Kind, in.Name,
			models.NullID(a.UserID), s.Clock().Now()); err != nil {
			return err
		}
		o, err := s.overrideOn(t, a, in.Date)
		if err != nil {
			return err
		}
		out = o
		return s.Audit(t, a, "create", "calendar_override", id, nil, o)
	})
	s.cals.forget(a.CommuneID) // even on failure: the cache must never outlive a change
	return out, err
}

// overrideOn reads back the override of date.
func (s *Store) overrideOn(t *models.Tx, a *models.Actor, date calendar.Date) (*CalendarOverride, error) {
	var o CalendarOverride
	if err := t.Bind(s.calQ.Get).Get(&o, a.CommuneID, date); err != nil {
		return nil, models.NotFound(err)
	}
	return &o, nil
}

// DeleteCalendarOverride removes the commune's decision for date, which then
// follows the rules and the official arrangements again.
func (s *Store) DeleteCalendarOverride(ctx context.Context, a *models.Actor, date calendar.Date) error {
	if !a.IsAdmin() {
		return models.ErrForbidden
	}
	err := s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		var o CalendarOverride
		if err := t.Bind(s.calQ.Delete).Get(&o, a.CommuneID, date); err != nil {
			return models.NotFound(err)
		}
		return s.Audit(t, a, "delete", "calendar_override", o.ID, o, nil)
	})
	s.cals.forget(a.CommuneID)
	return err
}
