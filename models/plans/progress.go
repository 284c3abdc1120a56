package plans

import (
	"context"
	"time"

	"github.com/tiendo/tiendo/models"
)

// ProgressInput is the body of a progress report.
type ProgressInput struct {
	Percent     *int     `json:"percent"`
	ActualValue *float64 `json:"actual_value"`
	Note        string   `json:"note"`
	// Files are evidence (photos, PDFs) stored with the report in its
	// transaction; the web form sends them, the JSON API does not.
	Files []NewAttachment `json:"-"`
	// IfMatch is the task version the reporter last read (If-Match; 0: no
	// check): a report made on a stale view answers 412 and records nothing.
	IfMatch int `json:"-"`
	// ReportedAt is when the report was made on a device that sent it
	// later (progress_reported.go); nil: as it is received.
	ReportedAt *time.Time `json:"reported_at"`
	// RefuseLower refuses a percent below the task's (a slip of the thumb on
	// the web form, which asks to confirm a real correction); checked under
	// the task's lock. The JSON API takes a lower figure as it comes.
	RefuseLower bool `json:"-"`
}

// Progress is one entry of a task's append-only progress history.
type Progress struct {
	ID          int64     `json:"id" db:"id"`
	TaskID      int64     `json:"task_id" db:"task_id"`
	AuthorID    int64     `json:"author_id" db:"author_id"`
	AuthorName  string    `json:"author_name" db:"author_name"`
	Percent     int       `json:"percent" db:"percent"`
	ActualValue *float64  `json:"actual_value" db:"actual_value"`
	Note        string    `json:"note" db:"note"`
	CreatedAt   time.Time `json:"created_at" db:"created_at"`
	// ReportedAt is the device's time of a report sent later; nil: CreatedAt.
	ReportedAt *time.Time `json:"reported_at" db:"reported_at"`
}

// ProgressResult is the recorded entry and the task as it stands after it.
type ProgressResult struct {
	Progress Progress `json:"progress"`
	Task     *Task    `json:"task"`
}

// Validate lists every invalid field.
func (in *ProgressInput) Validate() error {
	v := &models.ValidationError{}
	in.Note = models.CleanText(in.Note)
	switch {
	case in.Percent == nil:
		v.Add("percent", "required", "cần nhập tỷ lệ hoàn thành (0–100)")
	case *in.Percent < 0 || *in.Percent > 100:
		v.Add("percent", "out_of_range", "tỷ lệ hoàn thành phải từ 0 đến 100")
	}
	if in.ActualValue != nil && (*in.ActualValue < 0 || !models.Finite(*in.ActualValue)) {
		v.Add("actual_value", "out_of_range", "giá trị thực hiện phải là số không âm")
	}
	models.CheckText(v, "note", in.Note, 5000, false)
	validateFiles(v, in.Files)
	return v.Err()
}

// ReportProgress appends a progress entry and moves the task with it: percent,
// actual value, completion and status change in the same transaction.
func (s *Store) ReportProgress(ctx context.Context, a *models.Actor, taskID int64, in ProgressInput) (*ProgressResult, error) {
	w := s.WindowFor(ctx, a.Commune)
	res := &ProgressResult{}
	prepareFiles(in.Files) // thumbnails are made before the task is locked
	err := s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		before, err := s.LockTask(t, a, taskID, w)
		if err != nil {
			return err
		}
		if err := canReport(a, before, &in, s.Clock().Now(), w.TZ); err != nil {
			return err
		}
		if err := refuseRolledUp(before); err != nil {
			return err
		}
		p := Progress{TaskID: taskID, AuthorID: a.UserID, AuthorName: a.FullName, Percent: *in.Percent,
			ActualValue: in.ActualValue, Note: in.Note, ReportedAt: in.ReportedAt}
		// The time is read under the task's lock, and the statement keeps it
		// from running before the last report's (insert-progress).
		now := s.Clock().Now()
		row := t.Bind(s.q.InsertProgress).QueryRowx(a.CommuneID, taskID, a.UserID, p.Percent, p.ActualValue, p.Note, now, p.ReportedAt)
		if err := row.Scan(&p.ID, &p.CreatedAt); err != nil {
			return err
		}
		if p.CreatedAt.After(now) {
			now = p.CreatedAt
		}
		p.CreatedAt = now
		if err := s.insertAttachments(t, a, taskID, p.ID, in.Files, now); err != nil {
			return err
		}
		if _, err := t.Bind(s.q.ApplyProgress).Exec(a.CommuneID, taskID, p.Percent, p.ActualValue, now,
			w.Today, w.Soon, w.TZ, p.ReportedAt); err != nil {
			return err
		}
		if err := s.Rollup(t, a, taskID, w); err != nil {
			return err
		}
		res.Progress = p
		if res.Task, err = s.LoadTask(t, a, taskID, w); err != nil {
			return err
		}
		return s.Audit(t, a, "progress", "task", taskID, before, res.Task)
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

// canReport answers, in order, whether the actor may report on the task
// (403), whether the reporter saw the task as it is (412), whether the
// report is well-formed (400) and whether the task still takes reports (409).
func canReport(a *models.Actor, task *Task, in *ProgressInput, now time.Time, tz string) error {
	if !task.CanReportProgress(a) {
		return models.ErrForbidden
	}
	if err := models.CheckIfMatch(in.IfMatch, task.Version); err != nil {
		return err
	}
	if err := in.validateAt(task, now, tz); err != nil {
		return err
	}
	if in.Lowers(task) {
		return LowerPercentError(task)
	}
	if task.CancelledAt != nil {
		return &models.ConflictError{Field: "task", Message: "nhiệm vụ đã hủy, không thể báo cáo tiến độ"}
	}
	return in.completedMeanwhile(task, tz)
}

// ListProgress returns a task's progress history, oldest first.
func (s *Store) ListProgress(ctx context.Context, a *models.Actor, taskID int64) ([]Progress, error) {
	out := []Progress{}
	w := s.WindowFor(ctx, a.Commune)
	err := s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		if _, err := s.LoadTask(t, a, taskID, w); err != nil {
			return err
		}
		return t.Bind(s.q.ListProgress).Select(&out, a.CommuneID, taskID)
	})
	return out, err
}

// TaskToReport is the task a progress report is about to be written on:
// ErrForbidden when the actor may not report on it (the progress form's
// question, answered where the API's write answers it). The form shows no
// extensions, so none are read.
func (s *Store) TaskToReport(ctx context.Context, a *models.Actor, id int64) (*Task, error) {
	var task *Task
	err := s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		var err error
		task, err = s.LoadTask(t, a, id, s.WindowFor(ctx, a.Commune))
		return err
	})
	if err != nil {
		return nil, err
	}
	if !task.CanReportProgress(a) {
		return nil, models.ErrForbidden
	}
	return task, refuseRolledUp(task)
}
