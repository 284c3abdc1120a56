package statistics

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/calendar"
)

// ReportDeadline is the day the province awaits its communes' report of a
// period (e.g. the 9-month report by 20 September).
type ReportDeadline struct {
	Province    string        `json:"province" db:"province"`
	Period      string        `json:"period" db:"period"`
	PeriodStart calendar.Date `json:"period_start" db:"period_start"`
	PeriodEnd   calendar.Date `json:"period_end" db:"period_end"`
	DueOn       calendar.Date `json:"due_on" db:"due_on"`
	SetAt       time.Time     `json:"set_at" db:"set_at"`
	Version     int           `json:"version" db:"version"`
}

// DeadlineInput is the body of PUT /province/report-deadlines/{period}.
type DeadlineInput struct {
	DueOn calendar.Date `json:"due_on"`
}

// SetReportDeadline records when the province awaits the report of p: the
// one write a province account makes, audited without a commune.
func (s *Store) SetReportDeadline(ctx context.Context, a *models.Actor, p Period, in DeadlineInput) (*ReportDeadline, error) {
	if !a.IsProvinceViewer() {
		return nil, models.ErrForbidden
	}
	switch {
	case in.DueOn.IsZero():
		return nil, models.Invalid("due_on", "required", "cần nhập hạn nộp báo cáo")
	case in.DueOn.Before(p.Start) || in.DueOn.After(p.End.AddDays(366)):
		return nil, models.Invalid("due_on", "out_of_range",
			"hạn nộp phải từ ngày đầu kỳ đến một năm sau ngày cuối kỳ (%s–%s)", p.Start.VN(), p.End.AddDays(366).VN())
	}
	var out ReportDeadline
	err := s.InProvince(ctx, a.Commune.Province, func(t *models.Tx) error {
		if err := t.Bind(s.sentQ.SetDeadline).Get(&out, a.Commune.Province, p.Code, p.Start, p.End, in.DueOn, a.UserID,
			s.Clock().Now()); err != nil {
			return err
		}
		return s.Audit(t, a, "set_deadline", "report_deadline", 0, nil, out)
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// ReportDeadlines lists the province's deadlines of periods ending in year
// or the next (a year's report is due early in the next).
func (s *Store) ReportDeadlines(ctx context.Context, a *models.Actor, year int) ([]ReportDeadline, error) {
	if !a.IsProvinceViewer() {
		return nil, models.ErrForbidden
	}
	out := []ReportDeadline{}
	err := s.InProvince(ctx, a.Commune.Province, func(t *models.Tx) error {
		return t.Bind(s.sentQ.Deadlines).Select(&out, a.Commune.Province, year)
	})
	return out, err
}

// deadlineIn is the province's deadline for p, nil when none is set.
func (s *Store) deadlineIn(t *models.Tx, province string, p Period) (*ReportDeadline, error) {
	var d ReportDeadline
	err := t.Bind(s.sentQ.Deadline).Get(&d, province, p.Start, p.End)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &d, nil
}

// ReportDueLead is how many days before a report's deadline its commune's
// chairmen are reminded (and once more the day after it passed unsent).
const ReportDueLead = 3

// PlanReportDue queues the report_due reminders due as of now for every
// commune (jobs pool): the reminder engine's rule for period reports.
func (s *Store) PlanReportDue(ctx context.Context, now time.Time) (int, error) {
	var n int
	err := s.AcrossCommunes(ctx, func(t *models.Tx) error {
		return t.Bind(s.sentQ.PlanReportDue).Get(&n, now, ReportDueLead)
	})
	return n, err
}

// ReportNoticeLine is a line of a province account's inbox: a report sent.
type ReportNoticeLine struct {
	ID          int64      `json:"id" db:"id"`
	VersionID   int64      `json:"version_id" db:"version_id"`
	CommuneID   int64      `json:"commune_id" db:"commune_id"`
	CommuneName string     `json:"commune_name" db:"commune_name"`
	Period      string     `json:"period" db:"period"`
	Version     int        `json:"version" db:"version"`
	SentAt      time.Time  `json:"sent_at" db:"sent_at"`
	ReadAt      *time.Time `json:"read_at" db:"read_at"`
}

// ProvinceNotices lists the province account's inbox of sent reports
// (unread only when asked).
func (s *Store) ProvinceNotices(ctx context.Context, a *models.Actor, unreadOnly bool) ([]ReportNoticeLine, error) {
	if !a.IsProvinceViewer() {
		return nil, models.ErrForbidden
	}
	out := []ReportNoticeLine{}
	err := s.InProvince(ctx, a.Commune.Province, func(t *models.Tx) error {
		return t.Bind(s.sentQ.Notices).Select(&out, a.UserID, unreadOnly)
	})
	return out, err
}

// ReadProvinceNotices marks every notice of the account read.
func (s *Store) ReadProvinceNotices(ctx context.Context, a *models.Actor) error {
	if !a.IsProvinceViewer() {
		return models.ErrForbidden
	}
	return s.InProvince(ctx, a.Commune.Province, func(t *models.Tx) error {
		_, err := t.Bind(s.sentQ.ReadNotices).Exec(a.UserID, s.Clock().Now())
		return err
	})
}

// deadlineWindow is how far a deadline may lie from today, before and after,
// for its period to be the one the province page opens on.
const deadlineWindowBefore, deadlineWindowAfter = 30, 60

// ReportingPeriod is the period the province page opens on, on day today:
// the one whose deadline (set by the province) lies nearest today, from 30
// days past to 60 ahead — in January, last year's report — else
// CurrentReportPeriod.
func (s *Store) ReportingPeriod(ctx context.Context, a *models.Actor, today calendar.Date) (Period, error) {
	list, err := s.ReportDeadlines(ctx, a, today.Year-1)
	if err != nil {
		return Period{}, err
	}
	best, dist := "", deadlineWindowAfter+1
	for _, d := range list {
		n := today.DaysUntil(d.DueOn)
		if n < -deadlineWindowBefore || n > deadlineWindowAfter {
			continue
		}
		if n < 0 {
			n = -n
		}
		if n < dist {
			best, dist = d.Period, n
		}
	}
	if p, err := ParsePeriod(best); best != "" && err == nil {
		return p, nil
	}
	return CurrentReportPeriod(today), nil
}
