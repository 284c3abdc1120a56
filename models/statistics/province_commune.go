package statistics

import (
	"context"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/calendar"
	"github.com/tiendo/tiendo/models/deadlines"
)

// A commune seen from its province (the drill-down of the province page):
// its dashboard, its Decision 766 total and its sent reports, read-only,
// through the province's read policies (Actor.Viewing, Store.ReadIn).

// ProvinceCommuneView is a province account's look at one commune: its
// dashboard, its Decision 766 summary and its sent reports of the period.
type ProvinceCommuneView struct {
	Commune    models.CommuneInfo `json:"commune"`
	Dashboard  *Dashboard         `json:"dashboard"`
	Indicators IndicatorResults   `json:"indicators"`
	Reports    *PeriodVersions    `json:"reports"`
}

// ViewCommune is the drill-down from the province page: commune id of the
// actor's province (another province's, or none, is a 404), read-only.
func (s *Store) ViewCommune(ctx context.Context, a *models.Actor, id int64, p Period) (*ProvinceCommuneView, error) {
	if !a.IsProvinceViewer() {
		return nil, models.ErrForbidden
	}
	communes, cals, err := s.provinceCommunes(ctx, a.Commune.Province)
	if err != nil {
		return nil, err
	}
	for _, c := range communes {
		if c.ID == id {
			return s.viewCommune(ctx, a.Viewing(c), p, cals[c.ID])
		}
	}
	return nil, models.ErrNotFound
}

func (s *Store) viewCommune(ctx context.Context, v *models.Actor, p Period, cal *calendar.Calendar) (*ProvinceCommuneView, error) {
	out := &ProvinceCommuneView{Commune: v.Commune}
	w := deadlines.WindowAt(v.Commune, cal, s.Clock().Now())
	err := s.ReadIn(ctx, v, func(t *models.Tx) error {
		var err error
		if out.Dashboard, err = s.dashboardIn(t, v, ReportOptions{Period: p}, w, cal); err != nil {
			return err
		}
		if out.Indicators, err = s.indicatorResults(t, v, p, w); err != nil {
			return err
		}
		out.Indicators.Rows = []IndicatorResult{} // the summary only: values carry who recorded them
		return nil
	})
	if err != nil {
		return nil, err
	}
	if out.Reports, err = s.ReportVersions(ctx, v, p); err != nil {
		return nil, err
	}
	return out, nil
}

// ProvinceReports lists, for period p, every commune of the province with
// its latest sent version (nil when none) and links to its files.
func (s *Store) ProvinceReports(ctx context.Context, a *models.Actor, p Period) ([]ReportVersion, error) {
	if !a.IsProvinceViewer() {
		return nil, models.ErrForbidden
	}
	out := []ReportVersion{}
	err := s.InProvince(ctx, a.Commune.Province, func(t *models.Tx) error {
		return t.Bind(s.sentQ.Latest).Select(&out, a.Commune.Province, p.Start, p.End)
	})
	for i := range out {
		out[i].links()
	}
	return out, err
}
