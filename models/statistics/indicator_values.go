package statistics

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/calendar"
	"github.com/tiendo/tiendo/models/vn"
)

// IndicatorValue is an indicator's value for one period, entered as a rate
// or as numerator/denominator; Value is the rate either way.
type IndicatorValue struct {
	ID             int64            `json:"id" db:"id"`
	Indicator      string           `json:"indicator" db:"indicator"`
	Period         string           `json:"period" db:"period"`
	PeriodStart    calendar.Date    `json:"period_start" db:"period_start"`
	PeriodEnd      calendar.Date    `json:"period_end" db:"period_end"`
	Rate           *float64         `json:"rate" db:"rate"`
	Numerator      *float64         `json:"numerator" db:"numerator"`
	Denominator    *float64         `json:"denominator" db:"denominator"`
	Value          float64          `json:"value" db:"value"`
	AsOf           calendar.Date    `json:"as_of" db:"as_of"`
	Source         string           `json:"source" db:"source"`
	Note           string           `json:"note" db:"note"`
	RecordedBy     *int64           `json:"recorded_by" db:"recorded_by"`
	RecordedByName string           `json:"recorded_by_name" db:"recorded_by_name"`
	RecordedAt     time.Time        `json:"recorded_at" db:"recorded_at"`
	Version        int              `json:"version" db:"version"`
	Warnings       []models.Warning `json:"warnings" db:"-"`
}

// ValueInput is the body of an indicator value: a rate, or a numerator and
// a denominator (or both, when the source prints both).
type ValueInput struct {
	Rate        *float64      `json:"rate"`
	Numerator   *float64      `json:"numerator"`
	Denominator *float64      `json:"denominator"`
	AsOf        calendar.Date `json:"as_of"`
	Source      string        `json:"source"`
	Note        string        `json:"note"`
}

// maxRate bounds what may be recorded; anything above 100 % is accepted
// (sources print such slips) and flagged as a data-quality finding.
const maxRate = 1000

// Validate lists every invalid field. Implausible but possible figures (a
// numerator above its denominator, a rate above 100 %) pass and are flagged.
func (in *ValueInput) Validate() error {
	v := &models.ValidationError{}
	in.Source, in.Note = models.CleanText(in.Source), models.CleanText(in.Note)
	nonNeg := func(field, name string, f *float64, max float64) {
		if f != nil && (*f < 0 || *f > max || !models.Finite(*f)) {
			v.Add(field, "out_of_range", "%s phải từ 0 đến %s", name, vn.FormatNumber(max, 0))
		}
	}
	nonNeg("rate", "tỷ lệ", in.Rate, maxRate)
	nonNeg("numerator", "tử số", in.Numerator, 1e12)
	nonNeg("denominator", "mẫu số", in.Denominator, 1e12)
	switch {
	case (in.Numerator == nil) != (in.Denominator == nil):
		v.Add("denominator", "incomplete", "cần nhập cả tử số và mẫu số")
	case in.Denominator != nil && *in.Denominator == 0:
		v.Add("denominator", "zero", "mẫu số phải lớn hơn 0")
	case in.Rate == nil && in.Numerator == nil:
		v.Add("rate", "required", "cần nhập tỷ lệ (%%) hoặc tử số và mẫu số")
	}
	models.CheckText(v, "source", in.Source, 500, false)
	models.CheckText(v, "note", in.Note, 2000, false)
	return v.Err()
}

// RecordValue records the indicator's value for period, replacing an earlier
// one of the same period (the audit log keeps what it replaced).
func (s *Store) RecordValue(ctx context.Context, a *models.Actor, code string, p Period, in ValueInput) (*IndicatorValue, error) {
	var out *IndicatorValue
	err := s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		if _, err := s.indicatorByCode(t, a, code, p.Year); err != nil {
			return err
		}
		if !a.CanRecordStats() {
			return models.ErrForbidden
		}
		if err := in.Validate(); err != nil {
			return err
		}
		id, err := s.ensureIndicator(t, a, code)
		if err != nil {
			return err
		}
		before, err := s.valueOf(t, a, id, p)
		if err != nil {
			return err
		}
		var valueID int64
		if err := t.Bind(s.indQ.UpsertValue).Get(&valueID, a.CommuneID, id, p.Code, p.Start, p.End, in.Rate,
			in.Numerator, in.Denominator, in.AsOf, in.Source, in.Note, models.NullID(a.UserID), s.Clock().Now()); err != nil {
			return err
		}
		if out, err = s.valueOf(t, a, id, p); err != nil {
			return err
		}
		return s.Audit(t, a, "record", "indicator_value", valueID, before, out)
	})
	return out, err
}

// valueOf reads the value of indicator id for period p, nil if none.
func (s *Store) valueOf(t *models.Tx, a *models.Actor, id int64, p Period) (*IndicatorValue, error) {
	var locked []int64
	if err := t.Bind(s.indQ.LockValue).Select(&locked, a.CommuneID, id, p.Start, p.End); err != nil {
		return nil, err
	}
	if len(locked) == 0 {
		return nil, nil
	}
	vals, err := s.values(t, a.CommuneID, p.End, p.End, id)
	if err != nil {
		return nil, err
	}
	for i := range vals {
		if vals[i].PeriodStart == p.Start {
			return &vals[i], nil
		}
	}
	return nil, nil
}

// values reads the commune's values whose period ends within [from, to],
// of one indicator when indicatorID is not 0, each with its warnings.
func (s *Store) values(t *models.Tx, communeID int64, from, to calendar.Date, indicatorID int64) ([]IndicatorValue, error) {
	out := []IndicatorValue{}
	if err := t.Bind(s.indQ.Values).Select(&out, communeID, from, to, models.NullID(indicatorID)); err != nil {
		return nil, err
	}
	for i := range out {
		out[i].Warnings = out[i].check()
	}
	return out, nil
}

// IndicatorValues lists the values of one indicator (code) or of all
// (empty code) whose period ends in year, newest first.
func (s *Store) IndicatorValues(ctx context.Context, a *models.Actor, code string, year int) ([]IndicatorValue, error) {
	if !a.CanReadStats() {
		return nil, models.ErrForbidden
	}
	if err := checkStatsYear(year); err != nil {
		return nil, err
	}
	var out []IndicatorValue
	err := s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		var id int64
		if code != "" {
			ind, err := s.indicatorByCode(t, a, code, year)
			if err != nil {
				return err
			}
			if id = ind.ID; id == 0 {
				out = []IndicatorValue{} // a built-in nobody has written about
				return nil
			}
		}
		var err error
		out, err = s.values(t, a.CommuneID, calendar.NewDate(year, 1, 1), calendar.NewDate(year, 12, 31), id)
		return err
	})
	return out, err
}

// check lists what is implausible about the value: a numerator above its
// denominator, a rate above 100 %, a rate that disagrees with its fraction.
func (v *IndicatorValue) check() []models.Warning {
	ws := []models.Warning{}
	if v.Numerator != nil && v.Denominator != nil && *v.Numerator > *v.Denominator {
		ws = append(ws, models.Warning{Code: "numerator_above_denominator", Related: []int64{v.ID},
			Message: fmt.Sprintf("tử số %s lớn hơn mẫu số %s", vn.FormatNumber(*v.Numerator, 2), vn.FormatNumber(*v.Denominator, 2))})
	}
	if v.Value > 100 {
		ws = append(ws, models.Warning{Code: "rate_above_100", Related: []int64{v.ID},
			Message: fmt.Sprintf("tỷ lệ %s vượt quá 100 %%", vn.FormatPercent(v.Value))})
	}
	if v.Rate != nil && v.Numerator != nil && v.Denominator != nil {
		if calc := *v.Numerator * 100 / *v.Denominator; math.Abs(calc-*v.Rate) > 0.05 {
			ws = append(ws, models.Warning{Code: "rate_mismatch", Related: []int64{v.ID},
				Message: fmt.Sprintf("tỷ lệ ghi %s khác tỷ lệ tính từ tử số/mẫu số %s", vn.FormatPercent(*v.Rate), vn.FormatPercent(calc))})
		}
	}
	return ws
}
