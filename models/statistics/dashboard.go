package statistics

import (
	"context"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/calendar"
	"github.com/tiendo/tiendo/models/deadlines"
	"github.com/tiendo/tiendo/models/plans"
)

// Dashboard is the chairman's picture of a period: the same task figures
// as the period's report (the same statement, the same Tally), the
// breakdowns, what is overdue and what falls due in the next two weeks.
type Dashboard struct {
	Period   Period        `json:"period"`
	AsOf     calendar.Date `json:"as_of"`
	Tasks    plans.Tally   `json:"tasks"`
	ByKind   []TallyRow    `json:"by_kind"`
	ByUnit   []TallyRow    `json:"by_unit"`
	Overdue  []OverdueTask `json:"overdue"`
	Upcoming []OverdueTask `json:"upcoming"`
}

// YearToDate is the dashboard's default period: 1 January to today.
func YearToDate(today calendar.Date) Period {
	p, _ := RangePeriod(calendar.NewDate(today.Year, 1, 1), today)
	p.Label = "từ đầu năm " + models.Itoa(today.Year) + " đến ngày " + today.VN()
	return p
}

// Dashboard counts the tasks of o.Period as of its day, exactly as
// BuildReport does. Every member of the commune may read it, as they may
// read the tasks it counts.
func (s *Store) Dashboard(ctx context.Context, a *models.Actor, o ReportOptions) (*Dashboard, error) {
	w := s.WindowFor(ctx, a.Commune)
	cal := s.CalendarOf(ctx, a.CommuneID)
	var d *Dashboard
	err := s.ReadIn(ctx, a, func(t *models.Tx) error { // a province account's look too (province_view.go)
		var err error
		d, err = s.dashboardIn(t, a, o, w, cal)
		return err
	})
	if err != nil {
		return nil, err
	}
	return d, nil
}

// dashboardIn is Dashboard in t, with the commune's window now and calendar.
func (s *Store) dashboardIn(t *models.Tx, a *models.Actor, o ReportOptions, w deadlines.Window, cal *calendar.Calendar) (*Dashboard, error) {
	settings, err := s.reportSettings(t, a.CommuneID)
	if err != nil {
		return nil, err
	}
	d := &Dashboard{Period: o.Period, AsOf: o.asOf(w.Today, settings)}
	res, err := s.taskResults(t, a, o.Period, deadlines.WindowAt(a.Commune, cal, endOfDay(d.AsOf, w.TZ)))
	d.Tasks, d.ByKind, d.ByUnit, d.Overdue, d.Upcoming = res.Total, res.ByKind, res.ByUnit, res.Overdue, res.Upcoming
	return d, err
}

// asOf is the one day a report's (or the dashboard's) figures stand at, its
// data cut-off date: the day asked for; with AtCutoff the commune's
// cut-off rule for the period; else today, or the period's end once it is
// over.
func (o ReportOptions) asOf(today calendar.Date, rs ReportSettings) calendar.Date {
	switch {
	case o.AtCutoff:
		return o.Period.Cutoff(rs.CutoffDay, rs.CutoffMonthsBeforeEnd)
	case !o.AsOf.IsZero():
		return o.AsOf
	}
	return minDate(today, o.Period.End)
}
