package statistics

import (
	"context"
	"database/sql"
	"errors"
	"slices"

	"github.com/lib/pq"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/calendar"
)

// ReportSettings are a commune's reporting rules: the data cut-off (day of
// the month, months before the period's last month) and which periods the
// scheduler builds a report for.
type ReportSettings struct {
	CutoffDay             int            `json:"cutoff_day" db:"cutoff_day"`
	CutoffMonthsBeforeEnd int            `json:"cutoff_months_before_end" db:"cutoff_months_before_end"`
	ScheduledKinds        pq.StringArray `json:"scheduled_kinds" db:"scheduled_kinds"`
}

// DefaultReportSettings follow the Ministry of Home Affairs: figures close on
// the 15th of the month before the period's last month; quarters, halves,
// nine months and the year are reported.
func DefaultReportSettings() ReportSettings {
	return ReportSettings{CutoffDay: 15, CutoffMonthsBeforeEnd: 1, ScheduledKinds: pq.StringArray{"Q", "H", "M9", "Y"}}
}

// ScheduledKinds are the period families the scheduler can build.
var ScheduledKinds = []string{"M", "Q", "H", "M9", "Y"}

// Validate lists every invalid field.
func (r *ReportSettings) Validate() error {
	v := &models.ValidationError{}
	if r.CutoffDay < 1 || r.CutoffDay > 28 {
		v.Add("cutoff_day", "out_of_range", "ngày chốt số liệu phải từ 1 đến 28")
	}
	if r.CutoffMonthsBeforeEnd < 0 || r.CutoffMonthsBeforeEnd > 11 {
		v.Add("cutoff_months_before_end", "out_of_range", "số tháng trước tháng cuối kỳ phải từ 0 đến 11")
	}
	if r.ScheduledKinds == nil {
		r.ScheduledKinds = pq.StringArray{}
	}
	for _, k := range r.ScheduledKinds {
		if !slices.Contains(ScheduledKinds, k) {
			v.Add("scheduled_kinds", "invalid", "kỳ báo cáo tự động phải là M, Q, H, M9 hoặc Y")
		}
	}
	slices.Sort(r.ScheduledKinds)
	r.ScheduledKinds = slices.Compact(r.ScheduledKinds)
	return v.Err()
}

func (s *Store) reportSettings(t *models.Tx, communeID int64) (ReportSettings, error) {
	var r ReportSettings
	err := t.Bind(s.repQ.Settings).Get(&r, communeID)
	if errors.Is(err, sql.ErrNoRows) {
		return DefaultReportSettings(), nil
	}
	return r, err
}

// ReportSettingsOf returns the commune's reporting rules.
func (s *Store) ReportSettingsOf(ctx context.Context, a *models.Actor) (ReportSettings, error) {
	var r ReportSettings
	if !a.CanReadStats() {
		return r, models.ErrForbidden
	}
	err := s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		var err error
		r, err = s.reportSettings(t, a.CommuneID)
		return err
	})
	return r, err
}

// SetReportSettings changes the commune's reporting rules: the people who
// answer for the reports, admin and chairman.
func (s *Store) SetReportSettings(ctx context.Context, a *models.Actor, in ReportSettings) (ReportSettings, error) {
	if !a.IsManager() {
		return in, models.ErrForbidden
	}
	if err := in.Validate(); err != nil {
		return in, err
	}
	err := s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		before, err := s.reportSettings(t, a.CommuneID)
		if err != nil {
			return err
		}
		if _, err := t.Bind(s.repQ.UpsertSettings).Exec(a.CommuneID, in.CutoffDay, in.CutoffMonthsBeforeEnd,
			in.ScheduledKinds, models.NullID(a.UserID), s.Clock().Now()); err != nil {
			return err
		}
		return s.Audit(t, a, "update", "report_settings", a.CommuneID, before, in)
	})
	return in, err
}

// DuePeriods lists the periods of the kinds in r whose cut-off fell within
// the `days` days up to and including today: what a scheduler that may have
// been down should build now.
func (r ReportSettings) DuePeriods(today calendar.Date, days int) []Period {
	var out []Period
	for _, year := range []int{today.Year - 1, today.Year, today.Year + 1} {
		for _, code := range periodCodes(r.ScheduledKinds) {
			p, err := ParsePeriod(models.Itoa(year) + "-" + code)
			if err != nil {
				continue
			}
			c := p.Cutoff(r.CutoffDay, r.CutoffMonthsBeforeEnd)
			if !c.After(today) && c.DaysUntil(today) < days {
				out = append(out, p)
			}
		}
	}
	return out
}

// periodCodes expands kinds (Q, H…) into the codes of one year.
func periodCodes(kinds []string) []string {
	var out []string
	for _, k := range kinds {
		switch k {
		case "M":
			for m := 1; m <= 12; m++ {
				out = append(out, "M"+twoDigits(m))
			}
		case "Q":
			out = append(out, "Q1", "Q2", "Q3", "Q4")
		case "H":
			out = append(out, "H1", "H2")
		case "M9", "Y":
			out = append(out, k)
		}
	}
	return out
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + models.Itoa(n)
	}
	return models.Itoa(n)
}
