package plans

import (
	"context"
	"errors"

	"github.com/jmoiron/sqlx"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/calendar"
	"github.com/tiendo/tiendo/models/deadlines"
)

// subtaskQueries are the statements of queries/subtasks.sql.
type subtaskQueries struct {
	Insert *sqlx.Stmt `query:"insert-subtask"`
	Rollup *sqlx.Stmt `query:"rollup-task"`
	Cancel *sqlx.Stmt `query:"cancel-subtasks"`
	Bounds *sqlx.Stmt `query:"due-bounds"`
}

// MaxTaskDepth is how far work may be handed down: a task, its sub-tasks
// and theirs (commune → officer → hamlet team). The database holds it too.
const MaxTaskDepth = 3

// CanForward reports whether the actor may hand part of the task on as a
// sub-task: whoever answers for the task (may report on it: its units'
// people, its assignees) and the chairman, who may report on every task.
func (t *Task) CanForward(a *models.Actor) bool { return t.CanReportProgress(a) }

// takesSubtasks is the 409 of forwarding work that is over.
func (t *Task) takesSubtasks() error {
	switch {
	case t.CancelledAt != nil:
		return &models.ConflictError{Field: "task", Message: "nhiệm vụ đã hủy, không thể giao tiếp cho đơn vị khác"}
	case t.CompletedAt != nil:
		return &models.ConflictError{Field: "task", Message: "nhiệm vụ đã hoàn thành, không thể giao tiếp cho đơn vị khác"}
	}
	return nil
}

// CreateSubtask forwards part of task parentID to other people as a task of
// its own under it (same plan), and rolls the parent up at once, in one
// transaction. The caller hears 404 (no such parent in the commune), 403
// (may not forward), 400 (body, a deadline after the parent's, too deep),
// then 409 (the parent is cancelled or finished).
func (s *Store) CreateSubtask(ctx context.Context, a *models.Actor, parentID int64, in TaskInput) (*Task, error) {
	w := s.WindowFor(ctx, a.Commune)
	var task *Task
	err := s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		// The parent's lock orders this forward with its own reports.
		parent, err := s.LockTask(t, a, parentID, w)
		if err != nil {
			return err
		}
		if !parent.CanForward(a) {
			return models.ErrForbidden
		}
		if err := s.validateSubtask(t, a, parent, &in, w.Today); err != nil {
			return err
		}
		if err := parent.takesSubtasks(); err != nil {
			return err
		}
		id, err := s.InsertSubtask(t, a, parentID, in, w)
		if err != nil {
			return models.NotFound(err)
		}
		// The roll-up moves the parent only, so the sub-task read here stands.
		if task, err = s.SaveNewTaskLinks(t, a, id, in, w); err != nil {
			return err
		}
		if err := s.Rollup(t, a, id, w); err != nil {
			return err
		}
		// Both ends keep the forward: the sub-task as made, and the parent
		// before and after its figures were rolled up from it.
		after, err := s.LoadTask(t, a, parentID, w)
		if err != nil {
			return err
		}
		if err := s.Audit(t, a, "forward", "task", parentID, parent, after); err != nil {
			return err
		}
		return s.Audit(t, a, "forward", "task", id, nil, task)
	})
	return task, err
}

// InsertSubtask writes a sub-task's own row under parentID (its plan and
// depth from the parent) from a validated input; the caller checked the
// parent and rolls it up.
func (s *Store) InsertSubtask(t *models.Tx, a *models.Actor, parentID int64, in TaskInput, w deadlines.Window) (int64, error) {
	var id int64
	err := t.Bind(s.subQ.Insert).Get(&id, a.CommuneID, parentID, in.Title, in.Description, in.LeadUnitID,
		in.StartOn, in.DueOn, in.TargetValue, in.TargetUnit, *in.Weight, models.NullID(a.UserID),
		s.Clock().Now(), in.ReportEvery, *in.ReportGraceDays, w.Today, w.Soon, w.TZ)
	return id, err
}

// validateSubtask is the task form's validation plus what the parent
// bounds: the deadline (not after the parent's) and the depth.
func (s *Store) validateSubtask(t *models.Tx, a *models.Actor, parent *Task, in *TaskInput, today calendar.Date) error {
	err := s.validateTask(t, a, in, today)
	v := &models.ValidationError{}
	if err != nil && !errors.As(err, &v) {
		return err
	}
	if parent.Depth >= MaxTaskDepth {
		v.Add("parent_id", "too_deep", "chỉ giao tiếp được tối đa %d cấp: nhiệm vụ này đã ở cấp %d", MaxTaskDepth, parent.Depth)
	}
	v = in.checkWithinParent(v, parent)
	return v.Err()
}

// checkWithinParent adds the error of a deadline after the parent's: the
// parent cannot be done on time if a part of it is due later.
func (in *TaskInput) checkWithinParent(v *models.ValidationError, parent *Task) *models.ValidationError {
	if !in.DueOn.IsZero() && in.DueOn.After(parent.DueOn) {
		v.Add("due_on", "after_parent", "thời hạn %s sau thời hạn của nhiệm vụ cấp trên (%s)", in.DueOn.VN(), parent.DueOn.VN())
	}
	return v
}

// CheckSubtaskDue is the error of a sub-task input due after t, for a form
// that reports every error at once before it reaches CreateSubtask.
func (t *Task) CheckSubtaskDue(in TaskInput) error {
	return in.checkWithinParent(&models.ValidationError{}, t).Err()
}

// Rollup recomputes the ancestors of task id from their sub-tasks, in the
// writing transaction (rollup_task, migration 00030); a root is a no-op.
func (s *Store) Rollup(t *models.Tx, a *models.Actor, id int64, w deadlines.Window) error {
	_, err := t.Bind(s.subQ.Rollup).Exec(a.CommuneID, id, s.Clock().Now(), w.Today, w.Soon, w.TZ)
	return err
}

// refuseRolledUp is the 409 of a progress report on a task whose figures
// come from its sub-tasks (read under the task's lock).
func refuseRolledUp(task *Task) error {
	if !task.RolledUp {
		return nil
	}
	return &models.ConflictError{Field: "percent",
		Message: "tiến độ được tổng hợp từ nhiệm vụ con: hãy báo cáo trên từng nhiệm vụ con"}
}

// checkParentDue refuses an edit that moves a task's deadline out of its
// tree's bounds (checkDueBounds).
func (s *Store) checkParentDue(t *models.Tx, a *models.Actor, cur *Task, in *TaskInput, w deadlines.Window) error {
	if in.DueOn == cur.DueOn {
		return nil
	}
	return s.checkDueBounds(t, a, cur.ID, in.DueOn)
}

// TaskToForward is task id and its plan for the forward form: 404, then 403
// unless the actor may forward it, then 409 when it is cancelled or finished
// (the form's questions, answered as CreateSubtask answers them).
func (s *Store) TaskToForward(ctx context.Context, a *models.Actor, id int64) (*Plan, *Task, error) {
	t, err := s.GetTask(ctx, a, id)
	if err != nil {
		return nil, nil, err
	}
	if !t.CanForward(a) {
		return nil, nil, models.ErrForbidden
	}
	if err := t.takesSubtasks(); err != nil {
		return nil, nil, err
	}
	p, err := s.GetPlan(ctx, a, t.PlanID)
	return p, t, err
}

// cancelSubtasks cancels the open sub-tasks of a task the patch cancels.
func (s *Store) cancelSubtasks(t *models.Tx, a *models.Actor, cur *Task, in *TaskInput) error {
	if !in.cancelled || cur.CancelledAt != nil || len(cur.SubtaskIDs) == 0 {
		return nil
	}
	_, err := t.Bind(s.subQ.Cancel).Exec(a.CommuneID, cur.ID, s.Clock().Now())
	return err
}
