package statistics

import (
	"context"
	"time"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/calendar"
	"github.com/tiendo/tiendo/models/plans"
)

// Snapshot is the task status counts of one group on one day, as the daily
// snapshot job recorded them.
type Snapshot struct {
	Day    calendar.Date      `json:"day"`
	PlanID *int64             `json:"plan_id"`
	UnitID *int64             `json:"unit_id"`
	Counts plans.StatusCounts `json:"counts"`
}

// snapshotRow is a status_snapshots row.
type snapshotRow struct {
	Day        calendar.Date `db:"day"`
	PlanID     *int64        `db:"plan_id"`
	UnitID     *int64        `db:"unit_id"`
	Total      int           `db:"total"`
	NotStarted int           `db:"not_started"`
	InProgress int           `db:"in_progress"`
	DueSoon    int           `db:"due_soon"`
	Overdue    int           `db:"overdue"`
	OnTime     int           `db:"done_on_time"`
	Late       int           `db:"done_late"`
	Cancelled  int           `db:"cancelled"`
}

func (r snapshotRow) snapshot() Snapshot {
	return Snapshot{Day: r.Day, PlanID: r.PlanID, UnitID: r.UnitID, Counts: plans.StatusCounts{
		"total": r.Total, "not_started": r.NotStarted, "in_progress": r.InProgress, "due_soon": r.DueSoon,
		"overdue": r.Overdue, "done_on_time": r.OnTime, "done_late": r.Late, "cancelled": r.Cancelled}}
}

// TakeSnapshots records, for every commune, the day's status counts per
// plan, per lead unit and for the whole commune, with statuses as of now on
// each commune's calendar. Two set-based statements in one transaction
// whatever the number of communes; running again the same day replaces
// that day's rows. It reports how many rows it wrote.
func (s *Store) TakeSnapshots(ctx context.Context, now time.Time) (int64, error) {
	cw, err := s.WindowsAt(ctx, now)
	if err != nil {
		return 0, err
	}
	var n int64
	err = s.AcrossCommunes(ctx, func(t *models.Tx) error {
		res, err := t.Bind(s.snapQ.Take).Exec(cw.IDs, cw.Today, cw.Soon, cw.TZs, now)
		if err != nil {
			return err
		}
		if n, err = res.RowsAffected(); err != nil {
			return err
		}
		_, err = t.Bind(s.snapQ.Prune).Exec(cw.IDs, cw.Today, now)
		return err
	})
	return n, err
}

// SnapshotFilter selects one group's series of days: a plan, a lead unit,
// or (neither) the whole commune.
type SnapshotFilter struct {
	From, To calendar.Date
	PlanID   int64
	UnitID   int64
}

// maxSnapshotDays bounds one trend request to about a year of rows.
const maxSnapshotDays = 366

// Validate fills the default range (the last 30 days) and names every
// invalid field.
func (f *SnapshotFilter) Validate(today calendar.Date) error {
	v := &models.ValidationError{}
	if f.To.IsZero() {
		f.To = today
	}
	if f.From.IsZero() {
		f.From = f.To.AddDays(-29)
	}
	switch {
	case f.To.Before(f.From):
		v.Add("to", "before_from", "đến ngày phải sau từ ngày")
	case f.From.DaysUntil(f.To) >= maxSnapshotDays:
		v.Add("from", "out_of_range", "mỗi lần xem tối đa %d ngày", maxSnapshotDays)
	}
	if f.PlanID != 0 && f.UnitID != 0 {
		v.Add("unit_id", "exclusive", "chọn kế hoạch hoặc đơn vị, không cả hai")
	}
	return v.Err()
}

// ListSnapshots returns one group's daily counts in [From, To], oldest first.
func (s *Store) ListSnapshots(ctx context.Context, a *models.Actor, f SnapshotFilter) ([]Snapshot, error) {
	if err := f.Validate(a.Commune.Today(s.Clock().Now())); err != nil {
		return nil, err
	}
	var rows []snapshotRow
	err := s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		return t.Bind(s.snapQ.List).Select(&rows, a.CommuneID, f.From, f.To, models.NullID(f.PlanID), models.NullID(f.UnitID))
	})
	out := make([]Snapshot, len(rows))
	for i, r := range rows {
		out[i] = r.snapshot()
	}
	return out, err
}
