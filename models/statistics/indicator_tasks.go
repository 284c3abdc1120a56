package statistics

import (
	"context"
	"slices"

	"github.com/tiendo/tiendo/models"
)

// TaskIndicatorsInput is the body that sets the indicators a task
// contributes to; an empty list unlinks it from all.
type TaskIndicatorsInput struct {
	Indicators []string `json:"indicators"`
}

// TaskIndicators lists the codes of the indicators a task contributes to.
func (s *Store) TaskIndicators(ctx context.Context, a *models.Actor, taskID int64) ([]string, error) {
	out := []string{}
	err := s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		if _, err := s.LoadTask(t, a, taskID, s.WindowFor(ctx, a.Commune)); err != nil {
			return err
		}
		return t.Bind(s.indQ.TaskCodes).Select(&out, a.CommuneID, taskID)
	})
	return out, err
}

// SetTaskIndicators links a task to the indicators it contributes to: its
// target and actual value then show under each of them in reports. Who may
// edit the task, and record statistics, may link it.
func (s *Store) SetTaskIndicators(ctx context.Context, a *models.Actor, taskID int64, in TaskIndicatorsInput) ([]string, error) {
	out := []string{}
	err := s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		task, err := s.LockTask(t, a, taskID, s.WindowFor(ctx, a.Commune))
		if err != nil {
			return err
		}
		if !task.CanEdit(a) || !a.CanRecordStats() {
			return models.ErrForbidden
		}
		before := []string{}
		if err := t.Bind(s.indQ.TaskCodes).Select(&before, a.CommuneID, taskID); err != nil {
			return err
		}
		ids, err := s.IndicatorIDs(t, a, in.Indicators)
		if err != nil {
			return err
		}
		if err := s.LinkIndicators(t, a, taskID, ids); err != nil {
			return err
		}
		if err := t.Bind(s.indQ.TaskCodes).Select(&out, a.CommuneID, taskID); err != nil {
			return err
		}
		return s.Audit(t, a, "indicators", "task", taskID, before, out)
	})
	return out, err
}

// IndicatorIDs resolves codes, naming the position of an unknown one.
func (s *Store) IndicatorIDs(t *models.Tx, a *models.Actor, codes []string) ([]int64, error) {
	if len(codes) > 20 {
		return nil, models.Invalid("indicators", "too_many", "tối đa 20 chỉ tiêu")
	}
	codes = slices.Compact(slices.Sorted(slices.Values(codes)))
	ids := make([]int64, 0, len(codes))
	for i, code := range codes {
		id, err := s.ensureIndicator(t, a, code)
		if err == models.ErrNotFound {
			return nil, models.Invalid("indicators["+models.Itoa(i)+"]", "unknown", "không có chỉ tiêu %q", code)
		}
		if err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// LinkIndicators sets the indicators task taskID counts towards.
func (s *Store) LinkIndicators(t *models.Tx, a *models.Actor, taskID int64, ids []int64) error {
	_, err := t.Bind(s.indQ.SetTaskLinks).Exec(a.CommuneID, taskID, models.Int64Array(ids))
	return err
}
