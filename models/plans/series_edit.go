package plans

import (
	"context"
	"errors"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/calendar"
)

// errSeriesStopped refuses to edit a stopped series: its end is history, and
// a new end would silently restart a series its people consider finished.
var errSeriesStopped = &models.ConflictError{Field: "series", Message: "chuỗi nhiệm vụ đã dừng; hãy tạo chuỗi mới"}

// lockSeriesFor locks a series for an edit by a, checking in order: the row
// exists in the commune (404), a may manage plans (403), ifMatch (412), the
// series still runs (409).
func (s *Store) lockSeriesFor(t *models.Tx, a *models.Actor, id int64, ifMatch int) (*Series, error) {
	cur, err := s.lockSeries(t, a.CommuneID, id)
	if err != nil {
		return nil, err
	}
	if !a.CanManagePlans() {
		return nil, models.ErrForbidden
	}
	if err := models.CheckIfMatch(ifMatch, cur.Version); err != nil {
		return nil, err
	}
	if cur.StoppedAt != nil {
		return nil, errSeriesStopped
	}
	return cur, nil
}

// UpdateSeries applies a patch. The new template and rule shape the
// occurrences generated from now on; an earlier end retires the future
// occurrences beyond it that nobody has worked on.
func (s *Store) UpdateSeries(ctx context.Context, a *models.Actor, id int64, ifMatch int, patch SeriesPatch) (*Series, error) {
	w := s.WindowFor(ctx, a.Commune)
	var out *Series
	err := s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		cur, err := s.lockSeriesFor(t, a, id, ifMatch)
		if err != nil {
			return err
		}
		in := patch.apply(cur)
		if err := s.validateSeries(t, a, &in, w.Today); err != nil {
			return err
		}
		if _, err := t.Bind(s.seriesQ.Update).Exec(a.CommuneID, id, in.Title, in.Description, in.LeadUnitID,
			models.Int64Array(in.SupportingUnitIDs), models.Int64Array(in.AssigneeIDs), in.Rule, intArray(in.Weekdays),
			in.DayOfMonth, in.OnHoliday, in.EndsOn, s.Clock().Now()); err != nil {
			return err
		}
		if !in.EndsOn.IsZero() {
			if _, err := s.retire(t, a, id, in.EndsOn, w.Today); err != nil {
				return err
			}
		}
		if out, err = s.generateLocked(t, a, id); err != nil {
			return err
		}
		return s.Audit(t, a, "update", "task_series", id, cur, out)
	})
	return out, err
}

// StopSeries ends a series today (or before its first day, if it has not
// started): nothing is generated any more, future occurrences nobody has
// worked on are retired, and every past occurrence stays as it is.
func (s *Store) StopSeries(ctx context.Context, a *models.Actor, id int64, ifMatch int) error {
	w := s.WindowFor(ctx, a.Commune)
	return s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		cur, err := s.lockSeriesFor(t, a, id, ifMatch)
		if errors.Is(err, errSeriesStopped) {
			return nil // stopping twice is stopping once
		}
		if err != nil {
			return err
		}
		var endsOn calendar.Date
		if err := t.Bind(s.seriesQ.Stop).Get(&endsOn, a.CommuneID, id, w.Today, s.Clock().Now()); err != nil {
			return err
		}
		retired, err := s.retire(t, a, id, endsOn, w.Today)
		if err != nil {
			return err
		}
		after := map[string]any{"ends_on": endsOn, "retired_task_ids": retired}
		return s.Audit(t, a, "stop", "task_series", id, cur, after)
	})
}

// retire removes the untouched occurrences after endsOn, but never one on or
// before today: the past is kept whatever the new end says.
func (s *Store) retire(t *models.Tx, a *models.Actor, id int64, endsOn, today calendar.Date) ([]int64, error) {
	cut := endsOn
	if cut.Before(today) {
		cut = today
	}
	retired := []int64{}
	err := t.Bind(s.seriesQ.Retire).Select(&retired, a.CommuneID, id, cut, s.Clock().Now())
	return retired, err
}
