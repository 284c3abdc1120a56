package plans

import (
	"context"
	"time"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/calendar"
	"github.com/tiendo/tiendo/models/deadlines"
)

// Deadline extensions ("đề xuất gia hạn"): whoever may report on a task asks
// for a later deadline with a reason; whoever manages the plan approves or
// refuses. Approval moves tasks.due_on (so "on time" counts against the
// approved deadline everywhere) and keeps the first deadline in
// original_due_on. A return with a new deadline is recorded as an extension
// approved by the evaluator (evaluation.go).

// Extension is one request for a later deadline and its decision.
type Extension struct {
	ID              int64         `json:"id" db:"id"`
	TaskID          int64         `json:"task_id" db:"task_id"`
	RequestedBy     int64         `json:"requested_by" db:"requested_by"`
	RequestedByName string        `json:"requested_by_name" db:"requested_by_name"`
	RequestedAt     time.Time     `json:"requested_at" db:"requested_at"`
	PreviousDueOn   calendar.Date `json:"previous_due_on" db:"previous_due_on"`
	DueOn           calendar.Date `json:"due_on" db:"due_on"`
	Reason          string        `json:"reason" db:"reason"`
	Status          string        `json:"status" db:"status"`
	DecidedBy       *int64        `json:"decided_by" db:"decided_by"`
	DecidedByName   string        `json:"decided_by_name" db:"decided_by_name"`
	DecidedAt       *time.Time    `json:"decided_at" db:"decided_at"`
	DecisionNote    string        `json:"decision_note" db:"decision_note"`
}

// ExtensionInput is the body of a request for a later deadline.
type ExtensionInput struct {
	DueOn  calendar.Date `json:"due_on"`
	Reason string        `json:"reason"`
}

// ExtensionDecision is the body of a decision on a request.
type ExtensionDecision struct {
	Approve *bool  `json:"approve"`
	Note    string `json:"note"`
}

// maxExtensionText bounds a reason or a decision note.
const maxExtensionText = 2000

// checkLaterDeadline says why due could not become task's deadline: it must
// be after the deadline in force, on a task still open.
func checkLaterDeadline(v *models.ValidationError, task *Task, due calendar.Date) {
	switch {
	case task.CancelledAt != nil:
		v.Add("due_on", "task_cancelled", "nhiệm vụ đã hủy, không thể gia hạn")
	case task.CompletedAt != nil:
		v.Add("due_on", "task_done", "nhiệm vụ đã hoàn thành, không cần gia hạn")
	case due.IsZero():
		v.Add("due_on", "required", "cần nhập thời hạn mới (YYYY-MM-DD)")
	case !task.DueOn.Before(due):
		v.Add("due_on", "not_later", "thời hạn mới phải sau thời hạn hiện tại %s", task.DueOn.VN())
	}
}

// RequestExtension records a request for a later deadline on a task the
// actor may report on.
func (s *Store) RequestExtension(ctx context.Context, a *models.Actor, taskID int64, in ExtensionInput) (*Extension, error) {
	w := s.WindowFor(ctx, a.Commune)
	var out *Extension
	err := s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		task, err := s.LockTask(t, a, taskID, w)
		if err != nil {
			return err
		}
		if !task.CanReportProgress(a) {
			return models.ErrForbidden
		}
		v := &models.ValidationError{}
		in.Reason = models.CleanText(in.Reason)
		checkLaterDeadline(v, task, in.DueOn)
		models.CheckText(v, "reason", in.Reason, maxExtensionText, true)
		if err := v.Err(); err != nil {
			return err
		}
		var id int64
		err = t.Bind(s.extQ.Insert).Get(&id, a.CommuneID, taskID, a.UserID, s.Clock().Now(), task.DueOn, in.DueOn, in.Reason)
		if err != nil {
			return models.ConflictIfNoRows(err, "due_on", "nhiệm vụ đã có một đề xuất gia hạn đang chờ quyết định")
		}
		if out, err = s.loadExtension(t, a, id); err != nil {
			return err
		}
		return s.Audit(t, a, "request", "task_extension", id, nil, out)
	})
	return out, err
}

// DecideExtension approves or refuses a pending request; approval moves the
// task's deadline.
func (s *Store) DecideExtension(ctx context.Context, a *models.Actor, id int64, in ExtensionDecision) (*Extension, error) {
	w := s.WindowFor(ctx, a.Commune)
	var out *Extension
	err := s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		before, err := s.loadExtension(t, a, id)
		if err != nil {
			return err
		}
		task, err := s.LockTask(t, a, before.TaskID, w)
		if err != nil {
			return err
		}
		if err := checkDecision(a, task, before, &in); err != nil {
			return err
		}
		status, now := models.ExtensionRefused, s.Clock().Now()
		if *in.Approve {
			status = models.ExtensionApproved
		}
		var got int64
		if err := t.Bind(s.extQ.Decide).Get(&got, a.CommuneID, id, status, a.UserID, now, in.Note); err != nil {
			return models.ConflictIfNoRows(err, "approve", "đề xuất gia hạn này đã được quyết định")
		}
		if *in.Approve {
			if err := s.moveDue(t, a, task.ID, before.DueOn, w); err != nil {
				return err
			}
		}
		if out, err = s.loadExtension(t, a, id); err != nil {
			return err
		}
		return s.Audit(t, a, "decide", "task_extension", id, before, out)
	})
	return out, err
}

// checkDecision answers, in order: may the actor decide (403), is the body
// well-formed (400), is the request still open and the task still
// extendable (409).
func checkDecision(a *models.Actor, task *Task, x *Extension, in *ExtensionDecision) error {
	if !task.CanDecideExtension(a) {
		return models.ErrForbidden
	}
	in.Note = models.CleanText(in.Note)
	v := &models.ValidationError{}
	if in.Approve == nil {
		v.Add("approve", "required", "cần chọn đồng ý (true) hoặc không đồng ý (false)")
	}
	models.CheckText(v, "note", in.Note, maxExtensionText, false)
	if err := v.Err(); err != nil {
		return err
	}
	switch {
	case x.Status != models.ExtensionPending:
		return &models.ConflictError{Field: "approve", Message: "đề xuất gia hạn này đã được quyết định"}
	case *in.Approve && (task.CancelledAt != nil || task.CompletedAt != nil):
		return &models.ConflictError{Field: "approve", Message: "nhiệm vụ đã hoàn thành hoặc đã hủy, không thể gia hạn"}
	case *in.Approve && !task.DueOn.Before(x.DueOn):
		return &models.ConflictError{Field: "approve", Message: "thời hạn của nhiệm vụ đã được đổi sang " + task.DueOn.VN() +
			", không sớm hơn thời hạn đề xuất"}
	}
	return nil
}

// moveDue sets a task's deadline to due, keeping the first one, and
// refreshes its stored status; a deadline out of the task's tree's bounds
// is refused (subtask_bounds.go).
func (s *Store) moveDue(t *models.Tx, a *models.Actor, taskID int64, due calendar.Date, w deadlines.Window) error {
	if err := s.checkDueBounds(t, a, taskID, due); err != nil {
		return err
	}
	if _, err := t.Bind(s.q.MoveTaskDue).Exec(a.CommuneID, taskID, due, s.Clock().Now()); err != nil {
		return err
	}
	_, err := t.Bind(s.q.RefreshStatus).Exec(a.CommuneID, taskID, w.Today, w.Soon, w.TZ)
	return err
}

// loadExtension reads one request of the actor's commune (404 otherwise,
// and for a request of a deleted task).
func (s *Store) loadExtension(t *models.Tx, a *models.Actor, id int64) (*Extension, error) {
	var x Extension
	if err := t.Bind(s.extQ.Get).Get(&x, a.CommuneID, id); err != nil {
		return nil, models.NotFound(err)
	}
	return &x, nil
}

// listExtensions is a task's requests, oldest first.
func (s *Store) listExtensions(t *models.Tx, a *models.Actor, taskID int64) ([]Extension, error) {
	out := []Extension{}
	return out, t.Bind(s.extQ.List).Select(&out, a.CommuneID, taskID)
}
