package models

import (
	"context"
	"time"
)

// EvaluationInput is the body of an evaluation: accept the reported result,
// or return it with a reason.
type EvaluationInput struct {
	Decision string `json:"decision"`
	Reason   string `json:"reason"`
}

// EvaluationResult is the recorded evaluation and the task after it.
type EvaluationResult struct {
	Review Review `json:"review"`
	Task   *Task  `json:"task"`
}

// Validate checks the decision and that a return says why.
func (in *EvaluationInput) Validate() error {
	v := &ValidationError{}
	in.Reason = cleanText(in.Reason)
	switch in.Decision {
	case ReviewAccept, ReviewReturn:
	case "":
		v.Add("decision", "required", "cần chọn kết quả đánh giá: accept hoặc return")
	default:
		v.Add("decision", "invalid", "kết quả đánh giá phải là accept hoặc return")
	}
	checkText(v, "reason", in.Reason, maxReviewText, in.Decision == ReviewReturn)
	return v.Err()
}

// EvaluateTask accepts or returns the result of a task reported done.
//
// Accept records who accepted it and when; a later report below 100 %
// withdraws the acceptance. Return reopens the task: completion (and any
// acceptance) is cleared while the reported percent stays, so the status
// falls back to in progress, due soon or overdue, and the next 100 % report
// completes the task again. Both decisions stay in the history.
func (s *Store) EvaluateTask(ctx context.Context, a *Actor, taskID int64, in EvaluationInput) (*EvaluationResult, error) {
	w := s.windowFor(a.Commune)
	now := s.clock.Now()
	res := &EvaluationResult{}
	err := s.inCommune(ctx, a.CommuneID, func(t *tx) error {
		before, err := s.lockTask(t, a, taskID, w)
		if err != nil {
			return err
		}
		if err := canEvaluate(a, before, &in); err != nil {
			return err
		}
		if err := s.applyDecision(t, a, taskID, in.Decision, now); err != nil {
			return err
		}
		if res.Review, err = s.insertReview(t, a, taskID, in.Decision, in.Reason, now); err != nil {
			return err
		}
		if _, err := t.stmt(s.q.RefreshStatus).Exec(a.CommuneID, taskID, w.Today, w.Soon, w.TZ); err != nil {
			return err
		}
		if res.Task, err = s.loadTask(t, a, taskID, w); err != nil {
			return err
		}
		return s.audit(t, a, in.Decision, "task", taskID, before, res)
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

// canEvaluate answers, in order, whether the actor may evaluate the task
// (403), whether the evaluation is well-formed (400) and whether the task is
// in a state to be evaluated (409).
func canEvaluate(a *Actor, task *Task, in *EvaluationInput) error {
	if !task.CanEvaluate(a) {
		return ErrForbidden
	}
	if err := in.Validate(); err != nil {
		return err
	}
	switch {
	case task.CancelledAt != nil:
		return &ConflictError{Field: "task", Message: "nhiệm vụ đã hủy, không thể đánh giá"}
	case task.CompletedAt == nil:
		return &ConflictError{Field: "task", Message: "nhiệm vụ chưa được báo cáo hoàn thành (100 %), chưa thể đánh giá"}
	case task.AcceptedAt != nil && in.Decision == ReviewAccept:
		return &ConflictError{Field: "task", Message: "kết quả nhiệm vụ đã được nghiệm thu"}
	}
	return nil
}

// applyDecision writes the decision's effect on the task row.
func (s *Store) applyDecision(t *tx, a *Actor, taskID int64, decision string, now time.Time) error {
	if decision == ReviewAccept {
		_, err := t.stmt(s.reviewQ.Accept).Exec(a.CommuneID, taskID, now, a.UserID)
		return err
	}
	_, err := t.stmt(s.reviewQ.Return).Exec(a.CommuneID, taskID, now)
	return err
}
