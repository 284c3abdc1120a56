package statistics

import (
	"context"

	"github.com/tiendo/tiendo/models"
)

// TargetInput is the body of a yearly target.
type TargetInput struct {
	Low  *float64 `json:"low"`
	High *float64 `json:"high"`
	Note string   `json:"note"`
}

// Validate lists every invalid field of a custom indicator.
func (in *NewIndicator) Validate() error {
	v := &models.ValidationError{}
	in.NameVI, in.NameEN, in.Unit = models.CleanText(in.NameVI), models.CleanText(in.NameEN), models.CleanText(in.Unit)
	if !indicatorCode.MatchString(in.Code) {
		v.Add("code", "invalid", "mã chỉ tiêu gồm chữ thường không dấu, số và _, bắt đầu bằng chữ (2–50 ký tự)")
	}
	if in.Group == "" {
		in.Group = "other"
	}
	if in.Unit == "" {
		in.Unit = "%"
	}
	models.CheckText(v, "name_vi", in.NameVI, 300, true)
	models.CheckText(v, "name_en", in.NameEN, 300, false)
	models.CheckText(v, "unit", in.Unit, 20, false)
	checkThreshold(v, in.Threshold, true)
	if in.MaxPoints < 0 || in.MaxPoints > 100 || !models.Finite(in.MaxPoints) {
		v.Add("max_points", "out_of_range", "điểm tối đa phải từ 0 đến 100")
	}
	return v.Err()
}

func checkThreshold(v *models.ValidationError, t *float64, required bool) {
	switch {
	case t == nil && required:
		v.Add("threshold", "required", "cần nhập ngưỡng đạt điểm tối đa")
	case t != nil && (*t <= 0 || *t > 1000 || !models.Finite(*t)):
		v.Add("threshold", "out_of_range", "ngưỡng phải lớn hơn 0 và không quá 1000")
	}
}

// CreateIndicator adds a commune's own indicator.
func (s *Store) CreateIndicator(ctx context.Context, a *models.Actor, in NewIndicator) (*Indicator, error) {
	if !a.CanRecordStats() {
		return nil, models.ErrForbidden
	}
	if err := in.Validate(); err != nil {
		return nil, err
	}
	var out *Indicator
	err := s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		var ids []int64
		err := t.Bind(s.indQ.Insert).Select(&ids, a.CommuneID, in.Code, in.Group, in.NameVI, in.NameEN, in.Unit,
			*in.Threshold, in.MaxPoints, models.NullID(a.UserID), s.Clock().Now())
		if err != nil {
			return err
		}
		if len(ids) == 0 {
			return &models.ConflictError{Field: "code", Message: "mã " + in.Code + " là mã của chỉ tiêu có sẵn"}
		}
		if out, err = s.indicatorByCode(t, a, in.Code, s.Clock().Now().Year()); err != nil {
			return err
		}
		return s.Audit(t, a, "create", "indicator", ids[0], nil, out)
	})
	return out, err
}

// indicatorByCode reads one indicator of the catalogue with year's target.
func (s *Store) indicatorByCode(t *models.Tx, a *models.Actor, code string, year int) (*Indicator, error) {
	cat, err := s.catalogue(t, a.CommuneID, year)
	if err != nil {
		return nil, err
	}
	ind := cat.Find(code)
	if ind == nil {
		return nil, models.ErrNotFound
	}
	return ind, nil
}

// UpdateIndicator changes an indicator's threshold, or a custom indicator's
// definition.
func (s *Store) UpdateIndicator(ctx context.Context, a *models.Actor, code string, ifMatch int, p IndicatorPatch) (*Indicator, error) {
	year := s.Clock().Now().Year()
	var out *Indicator
	err := s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		cur, err := s.indicatorByCode(t, a, code, year)
		if err != nil {
			return err
		}
		if !a.CanRecordStats() {
			return models.ErrForbidden
		}
		if err := models.CheckIfMatch(ifMatch, cur.Version); err != nil {
			return err
		}
		next, err := p.apply(cur)
		if err != nil {
			return err
		}
		id, err := s.ensureIndicator(t, a, code)
		if err != nil {
			return err
		}
		if _, err := t.Bind(s.indQ.Update).Exec(a.CommuneID, id, next.threshold, next.Group, next.NameVI,
			next.NameEN, next.Unit, next.MaxPoints, s.Clock().Now()); err != nil {
			return err
		}
		if out, err = s.indicatorByCode(t, a, code, year); err != nil {
			return err
		}
		return s.Audit(t, a, "update", "indicator", id, cur, out)
	})
	return out, err
}

// patchedIndicator is the row an IndicatorPatch produces; threshold is nil
// for a built-in that follows its default.
type patchedIndicator struct {
	Indicator
	threshold *float64
}

// apply checks the patch against the indicator's kind and overlays it.
func (p IndicatorPatch) apply(cur *Indicator) (*patchedIndicator, error) {
	v := &models.ValidationError{}
	next := &patchedIndicator{Indicator: *cur, threshold: &cur.Threshold}
	if cur.Builtin {
		next.Group, next.NameVI, next.NameEN, next.MaxPoints = cur.Group, "", "", 0
		if cur.Threshold == cur.DefaultThreshold {
			next.threshold = nil
		}
		for field, set := range map[string]bool{"group": p.Group.Set, "name_vi": p.NameVI.Set,
			"name_en": p.NameEN.Set, "unit": p.Unit.Set, "max_points": p.MaxPoints.Set} {
			if set {
				v.Add(field, "builtin", "chỉ tiêu theo Quyết định 766/QĐ-TTg chỉ cho đổi ngưỡng (threshold)")
			}
		}
	}
	if p.Threshold.Set {
		next.threshold = p.Threshold.Value
		checkThreshold(v, next.threshold, !cur.Builtin)
	}
	if !cur.Builtin {
		in := NewIndicator{Code: cur.Code, Group: p.Group.Or(cur.Group), NameVI: p.NameVI.Or(cur.NameVI),
			NameEN: p.NameEN.Or(cur.NameEN), Unit: p.Unit.Or(cur.Unit), Threshold: next.threshold,
			MaxPoints: p.MaxPoints.Or(cur.MaxPoints)}
		if err := in.Validate(); err != nil {
			v.Fields = append(v.Fields, err.(*models.ValidationError).Fields...)
		}
		next.Group, next.NameVI, next.NameEN, next.Unit, next.MaxPoints = in.Group, in.NameVI, in.NameEN, in.Unit, in.MaxPoints
	}
	return next, v.Err()
}

// Validate checks a target: a rate, or a range whose high end is not below
// its low end.
func (in *TargetInput) Validate() error {
	v := &models.ValidationError{}
	in.Note = models.CleanText(in.Note)
	switch {
	case in.Low == nil:
		v.Add("low", "required", "cần nhập chỉ tiêu (tỷ lệ tối thiểu)")
	case *in.Low < 0 || *in.Low > 1000 || !models.Finite(*in.Low):
		v.Add("low", "out_of_range", "chỉ tiêu phải từ 0 đến 1000")
	case in.High != nil && (*in.High < *in.Low || *in.High > 1000 || !models.Finite(*in.High)):
		v.Add("high", "out_of_range", "cận trên phải từ chỉ tiêu tối thiểu đến 1000")
	}
	models.CheckText(v, "note", in.Note, 1000, false)
	return v.Err()
}

// SetTarget records the indicator's target for year, replacing any before.
func (s *Store) SetTarget(ctx context.Context, a *models.Actor, code string, year int, in TargetInput) (*Indicator, error) {
	if err := checkStatsYear(year); err != nil {
		return nil, err
	}
	var out *Indicator
	err := s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		cur, err := s.indicatorByCode(t, a, code, year)
		if err != nil {
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
		if _, err := t.Bind(s.indQ.UpsertTarget).Exec(a.CommuneID, id, year, *in.Low, in.High, in.Note,
			models.NullID(a.UserID), s.Clock().Now()); err != nil {
			return err
		}
		if out, err = s.indicatorByCode(t, a, code, year); err != nil {
			return err
		}
		return s.Audit(t, a, "target", "indicator", id, cur.Target, out.Target)
	})
	return out, err
}
