package plans

import (
	"context"
	"time"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/calendar"
	"github.com/tiendo/tiendo/models/deadlines"
)

// EvaluationInput is the body of an evaluation: accept the reported result,
// or return it with a note saying what is missing, and optionally a new
// deadline for the further work.
type EvaluationInput struct {
	Decision string `json:"decision"`
	Note     string `json:"note"`
	// Reason is the note's earlier name, still accepted.
	Reason string        `json:"reason"`
	DueOn  calendar.Date `json:"due_on"`
}

// EvaluationResult is the recorded evaluation and the task after it.
type EvaluationResult struct {
	Review Review `json:"review"`
	Task   *Task  `json:"task"`
}

// Validate checks the decision and that a return says why; a new
// deadline goes with a return only.
func (in *EvaluationInput) Validate() error {
	v := &models.ValidationError{}
	in.Note = models.CleanText(in.Note)
	if in.Note == "" {
		in.Note = models.CleanText(in.Reason)
	}
	in.Reason = ""
	switch in.Decision {
	case ReviewAccept, ReviewReturn:
	case "":
		v.Add("decision", "required", "cần chọn kết quả đánh giá: accept hoặc return")
	default:
		v.Add("decision", "invalid", "kết quả đánh giá phải là accept hoặc return")
	}
	models.CheckText(v, "note", in.Note, maxReviewText, in.Decision == ReviewReturn)
	if !in.DueOn.IsZero() && in.Decision != ReviewReturn {
		v.Add("due_on", "return_only", "chỉ đặt thời hạn mới khi trả lại nhiệm vụ")
	}
	return v.Err()
}

// EvaluateTask accepts or returns the result of a task reported done.
//
// Accept records who accepted it and when; a later report below 100 %
// withdraws the acceptance. Return reopens the task: completion (and any
// acceptance) is cleared while the reported percent stays, so the status
// falls back to in progress, due soon or overdue, and the next 100 % report
// completes the task again; the task carries the note ("Bị trả lại") until
// that report, a new deadline is an extension approved by the evaluator, and
// the reminder planner tells the task's people (kind returned). Both
// decisions stay in the history.
func (s *Store) EvaluateTask(ctx context.Context, a *models.Actor, taskID int64, in EvaluationInput) (*EvaluationResult, error) {
	w := s.WindowFor(ctx, a.Commune)
	now := s.Clock().Now()
	res := &EvaluationResult{}
	err := s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		before, err := s.LockTask(t, a, taskID, w)
		if err != nil {
			return err
		}
		if err := canEvaluate(a, before, &in); err != nil {
			return err
		}
		if res.Review, err = s.insertReview(t, a, taskID, in.Decision, in.Note, now); err != nil {
			return err
		}
		if err := s.applyDecision(t, a, taskID, in.Decision, res.Review.ID, now); err != nil {
			return err
		}
		if _, err := t.Bind(s.q.RefreshStatus).Exec(a.CommuneID, taskID, w.Today, w.Soon, w.TZ); err != nil {
			return err
		}
		if err := s.Rollup(t, a, taskID, w); err != nil { // a returned sub-task reopens its parent
			return err
		}
		if !in.DueOn.IsZero() {
			if err := s.extendOnReturn(t, a, before, in, now, w); err != nil {
				return err
			}
		}
		if res.Task, err = s.LoadTask(t, a, taskID, w); err != nil {
			return err
		}
		return s.Audit(t, a, in.Decision, "task", taskID, before, res)
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

// canEvaluate answers, in order, whether the actor may evaluate the task
// (403), whether the evaluation is well-formed (400) and whether the task is
// in a state to be evaluated (409).
func canEvaluate(a *models.Actor, task *Task, in *EvaluationInput) error {
	if !task.CanEvaluate(a) {
		return models.ErrForbidden
	}
	if err := in.Validate(); err != nil {
		return err
	}
	if !in.DueOn.IsZero() && !task.DueOn.Before(in.DueOn) {
		return models.Invalid("due_on", "not_later", "thời hạn mới phải sau thời hạn hiện tại %s", task.DueOn.VN())
	}
	switch {
	case task.CancelledAt != nil:
		return &models.ConflictError{Field: "task", Message: "nhiệm vụ đã hủy, không thể đánh giá"}
	case task.CompletedAt == nil:
		return &models.ConflictError{Field: "task", Message: "nhiệm vụ chưa được báo cáo hoàn thành (100 %), chưa thể đánh giá"}
	case task.AcceptedAt != nil && in.Decision == ReviewAccept:
		return &models.ConflictError{Field: "task", Message: "kết quả nhiệm vụ đã được nghiệm thu"}
	}
	return nil
}

// applyDecision writes the decision's effect on the task row; a return
// marks the task with its review until the next progress report.
func (s *Store) applyDecision(t *models.Tx, a *models.Actor, taskID int64, decision string, reviewID int64, now time.Time) error {
	if decision == ReviewAccept {
		_, err := t.Bind(s.reviewQ.Accept).Exec(a.CommuneID, taskID, now, a.UserID)
		return err
	}
	_, err := t.Bind(s.reviewQ.Return).Exec(a.CommuneID, taskID, now, reviewID)
	return err
}

// extendOnReturn records the new deadline of a return (checked later than
// the one in force by canEvaluate) as an approved extension and moves the
// task's deadline.
func (s *Store) extendOnReturn(t *models.Tx, a *models.Actor, task *Task, in EvaluationInput, now time.Time, w deadlines.Window) error {
	var id int64
	if err := t.Bind(s.extQ.InsertApproved).Get(&id, a.CommuneID, task.ID, a.UserID, now, task.DueOn, in.DueOn,
		in.Note); err != nil {
		return err
	}
	if err := s.moveDue(t, a, task.ID, in.DueOn, w); err != nil {
		return err
	}
	return s.Audit(t, a, "return_extend", "task_extension", id, nil, map[string]any{
		"task_id": task.ID, "previous_due_on": task.DueOn, "due_on": in.DueOn})
}
