package statistics

import (
	"context"
	"time"

	"github.com/lib/pq"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/accounts"
	"github.com/tiendo/tiendo/models/calendar"
	"github.com/tiendo/tiendo/models/deadlines"
	"github.com/tiendo/tiendo/models/plans"
)

// Report is a periodic report (báo cáo định kỳ) of one commune: the plans
// issued, the results of the tasks, the indicators, the dossier statistics
// and the data-quality findings, as of one day. It is what every format
// (JSON, XLSX, CSV, DOCX, HTML) prints.
type Report struct {
	Commune ReportCommune `json:"commune"`
	Period  Period        `json:"period"`
	// CutoffOn is the report's one data cut-off date (ngày chốt số liệu);
	// AsOf is the same day, kept for clients that read it.
	CutoffOn   calendar.Date    `json:"cutoff_on"`
	AsOf       calendar.Date    `json:"as_of"`
	BuiltAt    time.Time        `json:"built_at"`
	Plans      []ReportPlan     `json:"plans"`
	Tasks      TaskResults      `json:"tasks"`
	Indicators IndicatorResults `json:"indicators"`
	Dossiers   *DossierStats    `json:"dossiers"`
	Quality    []Finding        `json:"quality"`
	Settings   ReportSettings   `json:"settings"`
	Narrative  *Narrative       `json:"narrative"`
	// Signer is the full name printed under "CHỦ TỊCH" (empty: none found).
	Signer string `json:"signer"`
	// WithQuality prints the data-quality findings as an appendix; they
	// are the commune's own checks, left out of what goes to the province
	// unless asked for.
	WithQuality bool `json:"-"`
}

// ReportCommune names the issuing commune in the heading.
type ReportCommune struct {
	Name     string `json:"name"`
	Kind     string `json:"kind"`
	Province string `json:"province"`
}

// Authority is the commune's people's committee in full: "Ủy ban nhân dân
// xã Vọng Đông" (phường for a ward, đặc khu for a special zone).
func (c ReportCommune) Authority() string { return "Ủy ban nhân dân " + c.Place() }

// Short is the name a report's sentences use: "UBND xã Vọng Đông".
func (c ReportCommune) Short() string { return "UBND " + c.Place() }

// Place is the commune with its kind: "xã Vọng Đông".
func (c ReportCommune) Place() string { return accounts.CommuneKindName[c.Kind] + " " + c.Name }

// ReportPlan is a plan issued in the period, with its data-quality warnings.
type ReportPlan struct {
	ID           int64            `json:"id" db:"id"`
	DocNumber    string           `json:"doc_number" db:"doc_number"`
	DocNo        int              `json:"-" db:"doc_no"`
	DocSymbol    string           `json:"-" db:"doc_symbol"`
	IssuedOn     calendar.Date    `json:"issued_on" db:"issued_on"`
	Year         int              `json:"year" db:"year"`
	Kind         string           `json:"kind" db:"kind"`
	KindName     string           `json:"kind_name" db:"kind_name"`
	Title        string           `json:"title" db:"title"`
	Status       string           `json:"status" db:"status"`
	DuplicateIDs pq.Int64Array    `json:"-" db:"duplicate_ids"`
	Warnings     []models.Warning `json:"warnings" db:"-"`
}

// ReportOptions choose the report: the period and, optionally, the day its
// figures stand at (zero: today, or the period's end once it is over;
// AtCutoff: the period's data cut-off date).
type ReportOptions struct {
	Period   Period
	AsOf     calendar.Date
	AtCutoff bool
	// Quality adds the data-quality findings as an appendix.
	Quality bool
}

// BuildReport assembles the report of o.Period in one read-only transaction,
// so every section sees the same data.
func (s *Store) BuildReport(ctx context.Context, a *models.Actor, o ReportOptions) (*Report, error) {
	if !a.CanReadStats() {
		return nil, models.ErrForbidden
	}
	r := &Report{Period: o.Period, BuiltAt: s.Clock().Now(), WithQuality: o.Quality,
		Commune: ReportCommune{Name: a.Commune.Name, Kind: a.Commune.Kind, Province: a.Commune.Province}}
	w := s.WindowFor(ctx, a.Commune)
	cal := s.CalendarOf(ctx, a.CommuneID)
	err := s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		var err error
		if r.Settings, err = s.reportSettings(t, a.CommuneID); err != nil {
			return err
		}
		// One date per report: the cut-off date is the day its figures stand at.
		r.AsOf = o.asOf(w.Today, r.Settings)
		r.CutoffOn = r.AsOf
		// Statuses as of the as-of day need that day's due-soon horizon.
		return s.fillReport(t, a, r, w, deadlines.WindowAt(a.Commune, cal, endOfDay(r.AsOf, w.TZ)))
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

// fillReport reads each section in turn: tasks as of the report's day
// (asOf), the tasks under indicators as they stand now (w).
func (s *Store) fillReport(t *models.Tx, a *models.Actor, r *Report, w, asOf deadlines.Window) error {
	r.Plans = []ReportPlan{}
	if err := t.Bind(s.repQ.Plans).Select(&r.Plans, a.CommuneID, r.Period.Start, r.Period.End); err != nil {
		return err
	}
	for i := range r.Plans {
		p := &r.Plans[i]
		p.Warnings = plans.PlanWarnings(&plans.Plan{DocNumber: p.DocNumber, Year: p.Year, IssuedOn: p.IssuedOn, DuplicateIDs: p.DuplicateIDs})
	}
	var err error
	if r.Tasks, err = s.taskResults(t, a, r.Period, asOf); err != nil {
		return err
	}
	if r.Indicators, err = s.indicatorResults(t, a, r.Period, w); err != nil {
		return err
	}
	if r.Dossiers, err = s.DossierStatsIn(t, a.CommuneID, r.Period); err != nil {
		return err
	}
	if r.Quality, err = s.findings(t, a, r.Period.Year); err != nil {
		return err
	}
	if r.Narrative, err = s.narrativeIn(t, a.CommuneID, r.Period, false); err != nil {
		return err
	}
	if err := t.Bind(s.repQ.Signer).Get(&r.Signer, a.CommuneID); models.NotFound(err) != models.ErrNotFound {
		return err
	}
	return nil
}

func minDate(a, b calendar.Date) calendar.Date {
	if a.Before(b) {
		return a
	}
	return b
}

// endOfDay is the last instant of d in tz: what "as of d" includes.
func endOfDay(d calendar.Date, tz string) time.Time {
	return d.AddDays(1).In(models.ZoneOf(tz)).Add(-time.Microsecond)
}
