package statistics

import (
	"context"
	"time"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/calendar"
)

// BuiltReport is a report file kept as it was built and delivered, without
// its content.
type BuiltReport struct {
	ID          int64         `json:"id" db:"id"`
	Period      string        `json:"period" db:"period"`
	PeriodStart calendar.Date `json:"period_start" db:"period_start"`
	PeriodEnd   calendar.Date `json:"period_end" db:"period_end"`
	CutoffOn    calendar.Date `json:"cutoff_on" db:"cutoff_on"`
	Format      string        `json:"format" db:"format"`
	FileName    string        `json:"file_name" db:"file_name"`
	ContentType string        `json:"content_type" db:"content_type"`
	SizeBytes   int           `json:"size_bytes" db:"size_bytes"`
	BuiltAt     time.Time     `json:"built_at" db:"built_at"`
	BuiltBy     string        `json:"built_by" db:"built_by"`
}

// ReportFile is a rendered report.
type ReportFile struct {
	Format      string `db:"-"`
	FileName    string `db:"file_name"`
	ContentType string `db:"content_type"`
	Content     []byte `db:"content"`
}

// SaveScheduledReport keeps the files the scheduler built for r's period
// and returns their ids; none when that period was already built (by
// another replica, or an earlier run), in which case nothing is written.
func (s *Store) SaveScheduledReport(ctx context.Context, a *models.Actor, r *Report, files []ReportFile) ([]int64, error) {
	var saved []int64
	err := s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		for _, f := range files {
			var ids []int64
			err := t.Bind(s.repQ.InsertBuilt).Select(&ids, a.CommuneID, r.Period.Code, r.Period.Start, r.Period.End,
				r.CutoffOn, f.Format, f.FileName, f.ContentType, f.Content, s.Clock().Now(), "scheduler")
			if err != nil {
				return err
			}
			saved = append(saved, ids...)
		}
		return nil
	})
	return saved, err
}

// ScheduledReportExists reports whether the scheduler already built period p.
func (s *Store) ScheduledReportExists(ctx context.Context, a *models.Actor, p Period) (bool, error) {
	var ok bool
	err := s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		return t.Bind(s.repQ.BuiltExists).Get(&ok, a.CommuneID, p.Start, p.End)
	})
	return ok, err
}

// ListBuiltReports lists the commune's kept report files, newest first.
func (s *Store) ListBuiltReports(ctx context.Context, a *models.Actor) ([]BuiltReport, error) {
	if !a.CanReadStats() {
		return nil, models.ErrForbidden
	}
	out := []BuiltReport{}
	err := s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		return t.Bind(s.repQ.ListBuilt).Select(&out, a.CommuneID)
	})
	return out, err
}

// BuiltReportFile returns one kept report file.
func (s *Store) BuiltReportFile(ctx context.Context, a *models.Actor, id int64) (*ReportFile, error) {
	if !a.CanReadStats() {
		return nil, models.ErrForbidden
	}
	var f ReportFile
	err := s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		return models.NotFound(t.Bind(s.repQ.BuiltFile).Get(&f, a.CommuneID, id))
	})
	if err != nil {
		return nil, err
	}
	return &f, nil
}
