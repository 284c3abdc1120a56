package statistics

import (
	"context"
	"regexp"
	"slices"

	"github.com/tiendo/tiendo/models"
)

// IndicatorGroup is one of the six groups of Decision 766/QĐ-TTg (or
// "other", for a commune's own indicators), with its indicators.
type IndicatorGroup struct {
	Code       string      `json:"code" db:"code"`
	NameVI     string      `json:"name_vi" db:"name_vi"`
	NameEN     string      `json:"name_en" db:"name_en"`
	MaxPoints  float64     `json:"max_points" db:"max_points"`
	Indicators []Indicator `json:"indicators" db:"-"`
}

// Indicator is a chỉ tiêu as the commune sees it: the built-in definition
// with the commune's threshold, or the commune's own indicator, and its
// target for the year asked about.
type Indicator struct {
	ID               int64    `json:"-" db:"id"` // 0: a built-in the commune has not written about yet
	Code             string   `json:"code" db:"code"`
	Builtin          bool     `json:"builtin" db:"builtin"`
	Group            string   `json:"group" db:"group_code"`
	NameVI           string   `json:"name_vi" db:"name_vi"`
	NameEN           string   `json:"name_en" db:"name_en"`
	Unit             string   `json:"unit" db:"unit"`
	Threshold        float64  `json:"threshold" db:"threshold"`
	DefaultThreshold float64  `json:"default_threshold" db:"default_threshold"`
	MaxPoints        float64  `json:"max_points" db:"max_points"`
	Target           *Target  `json:"target" db:"-"`
	TargetYear       *int     `json:"-" db:"target_year"`
	TargetLow        *float64 `json:"-" db:"target_low"`
	TargetHigh       *float64 `json:"-" db:"target_high"`
	TargetNote       string   `json:"-" db:"target_note"`
	Position         int      `json:"-" db:"position"`
	Version          int      `json:"version" db:"version"`
}

// Target is a yearly target set by the province: one rate ("đạt 50%") or a
// range ("đạt từ 90 - 100%"). Reaching Low meets it.
type Target struct {
	Year int      `json:"year"`
	Low  float64  `json:"low"`
	High *float64 `json:"high"`
	Note string   `json:"note"`
}

// IndicatorCatalogue is every indicator of the commune, grouped, with the
// targets of Year.
type IndicatorCatalogue struct {
	Year   int              `json:"year"`
	Groups []IndicatorGroup `json:"groups"`
}

// NewIndicator is the body of a custom indicator.
type NewIndicator struct {
	Code      string   `json:"code"`
	Group     string   `json:"group"`
	NameVI    string   `json:"name_vi"`
	NameEN    string   `json:"name_en"`
	Unit      string   `json:"unit"`
	Threshold *float64 `json:"threshold"`
	MaxPoints float64  `json:"max_points"`
}

// IndicatorPatch changes an indicator. A built-in one takes only a threshold
// (null restores the default); the other fields are the commune's own
// indicators'.
type IndicatorPatch struct {
	Threshold models.Optional[*float64] `json:"threshold"`
	Group     models.Optional[string]   `json:"group"`
	NameVI    models.Optional[string]   `json:"name_vi"`
	NameEN    models.Optional[string]   `json:"name_en"`
	Unit      models.Optional[string]   `json:"unit"`
	MaxPoints models.Optional[float64]  `json:"max_points"`
}

// Indicators returns the commune's catalogue with the targets of year.
func (s *Store) Indicators(ctx context.Context, a *models.Actor, year int) (*IndicatorCatalogue, error) {
	if !a.CanReadStats() {
		return nil, models.ErrForbidden
	}
	if err := checkStatsYear(year); err != nil {
		return nil, err
	}
	var cat *IndicatorCatalogue
	err := s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		var err error
		cat, err = s.catalogue(t, a.CommuneID, year)
		return err
	})
	return cat, err
}

// catalogue reads the groups and indicators in one pass each.
func (s *Store) catalogue(t *models.Tx, communeID int64, year int) (*IndicatorCatalogue, error) {
	cat := &IndicatorCatalogue{Year: year}
	if err := t.Bind(s.indQ.Groups).Select(&cat.Groups); err != nil {
		return nil, err
	}
	var list []Indicator
	if err := t.Bind(s.indQ.List).Select(&list, communeID, year); err != nil {
		return nil, err
	}
	for i := range cat.Groups {
		cat.Groups[i].Indicators = []Indicator{}
	}
	for _, ind := range list {
		ind.fillTarget()
		g := slices.IndexFunc(cat.Groups, func(g IndicatorGroup) bool { return g.Code == ind.Group })
		if g >= 0 {
			cat.Groups[g].Indicators = append(cat.Groups[g].Indicators, ind)
		}
	}
	return cat, nil
}

func (ind *Indicator) fillTarget() {
	if ind.TargetYear != nil && ind.TargetLow != nil {
		ind.Target = &Target{Year: *ind.TargetYear, Low: *ind.TargetLow, High: ind.TargetHigh, Note: ind.TargetNote}
	}
}

// All lists the catalogue's indicators in order.
func (c *IndicatorCatalogue) All() []Indicator {
	var out []Indicator
	for _, g := range c.Groups {
		out = append(out, g.Indicators...)
	}
	return out
}

// Find returns the indicator with code, or nil.
func (c *IndicatorCatalogue) Find(code string) *Indicator {
	for gi := range c.Groups {
		for ii := range c.Groups[gi].Indicators {
			if ind := &c.Groups[gi].Indicators[ii]; ind.Code == code {
				return ind
			}
		}
	}
	return nil
}

// ensureIndicator returns the id of the commune's row for code, creating a
// built-in's row on first use; an unknown code is ErrNotFound.
func (s *Store) ensureIndicator(t *models.Tx, a *models.Actor, code string) (int64, error) {
	for range 2 { // a concurrent first use may hide the row from the first try
		var ids []int64
		if err := t.Bind(s.indQ.Ensure).Select(&ids, a.CommuneID, code, models.NullID(a.UserID), s.Clock().Now()); err != nil {
			return 0, err
		}
		if len(ids) == 1 {
			return ids[0], nil
		}
	}
	return 0, models.ErrNotFound
}

var indicatorCode = regexp.MustCompile(`^[a-z][a-z0-9_]{1,49}$`)

func checkStatsYear(year int) error {
	if year < 2000 || year > 2100 {
		return models.Invalid("year", "out_of_range", "năm phải từ 2000 đến 2100")
	}
	return nil
}
