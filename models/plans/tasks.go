package plans

import (
	"context"
	"time"

	"github.com/lib/pq"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/calendar"
	"github.com/tiendo/tiendo/models/deadlines"
)

// Task is a nhiệm vụ as the API shows it; Status is derived, never stored by hand.
type Task struct {
	ID                int64         `json:"id" db:"id"`
	PlanID            int64         `json:"plan_id" db:"plan_id"`
	Title             string        `json:"title" db:"title"`
	Description       string        `json:"description" db:"description"`
	LeadUnitID        int64         `json:"lead_unit_id" db:"lead_unit_id"`
	SupportingUnitIDs pq.Int64Array `json:"supporting_unit_ids" db:"supporting_unit_ids"`
	AssigneeIDs       pq.Int64Array `json:"assignee_ids" db:"assignee_ids"`
	StartOn           calendar.Date `json:"start_on" db:"start_on"`
	DueOn             calendar.Date `json:"due_on" db:"due_on"`
	TargetValue       *float64      `json:"target_value" db:"target_value"`
	TargetUnit        string        `json:"target_unit" db:"target_unit"`
	Weight            float64       `json:"weight" db:"weight"`
	Percent           int           `json:"percent" db:"percent"`
	ActualValue       *float64      `json:"actual_value" db:"actual_value"`
	Status            string        `json:"status" db:"status"`
	CompletedAt       *time.Time    `json:"completed_at" db:"completed_at"`
	CancelledAt       *time.Time    `json:"cancelled_at" db:"cancelled_at"`
	LastProgressAt    *time.Time    `json:"last_progress_at" db:"last_progress_at"`
	AcceptedAt        *time.Time    `json:"accepted_at" db:"accepted_at"`
	AcceptedBy        *int64        `json:"accepted_by" db:"accepted_by"`
	Version           int           `json:"version" db:"version"`
	CreatedAt         time.Time     `json:"created_at" db:"created_at"`
	UpdatedAt         time.Time     `json:"updated_at" db:"updated_at"`

	// SeriesID and OccurrenceOn link an occurrence of a recurring task to
	// its series (series.go); both are null for an ordinary task.
	SeriesID     *int64        `json:"series_id" db:"series_id"`
	OccurrenceOn calendar.Date `json:"occurrence_on" db:"occurrence_on"`

	// ReportEvery asks for a progress report every week, month or quarter
	// (nil: none), within ReportGraceDays working days of the period's end.
	ReportEvery     *string `json:"report_every" db:"report_every"`
	ReportGraceDays int     `json:"report_grace_days" db:"report_grace_days"`

	// OriginalDueOn is the first deadline once an extension (or a return
	// with a new deadline) moved due_on; null while it never moved.
	OriginalDueOn *calendar.Date `json:"original_due_on" db:"original_due_on"`
	// ReturnedAt and ReturnNote are the "Bị trả lại" mark: the last
	// evaluation returned the result and no report has come since.
	ReturnedAt *time.Time `json:"returned_at" db:"returned_at"`
	ReturnNote string     `json:"return_note" db:"return_note"`
	// ParentID is the task this one was forwarded from (a sub-task, issue
	// 19); SubtaskIDs are the tasks forwarded from this one, whose figures
	// roll up into it (subtasks.go).
	ParentID    *int64        `json:"parent_id" db:"parent_id"`
	SubtaskIDs  pq.Int64Array `json:"subtask_ids" db:"subtask_ids"`
	Depth       int           `json:"-" db:"depth"`
	ParentTitle *string       `json:"-" db:"parent_title"`
	// RolledUp is true while a live sub-task (not cancelled) gives the
	// task its figures: it takes no progress report of its own.
	RolledUp bool `json:"-" db:"rolled_up"`

	// Extensions is the task's history of deadline extensions, on the
	// single-task read only.
	Extensions *[]Extension `json:"extensions,omitempty" db:"-"`
	// Warnings are remarks on a task that was saved anyway (no_recipient).
	Warnings []models.Warning `json:"warnings,omitempty" db:"-"`
	// LateDays and LateWorkingDays say how overdue an open task is, in
	// calendar and working days (0 when it is not); pages print both.
	LateDays        int `json:"-" db:"-"`
	LateWorkingDays int `json:"-" db:"-"`

	// PlanSteeringUnitID is the plan's steering committee, loaded with the
	// task so that CanEvaluate needs no second query; the plan shows it.
	PlanSteeringUnitID *int64 `json:"-" db:"plan_steering_unit_id"`
}

// normalize makes empty id lists encode as [] rather than null.
func (t *Task) normalize() {
	if t.SupportingUnitIDs == nil {
		t.SupportingUnitIDs = pq.Int64Array{}
	}
	if t.AssigneeIDs == nil {
		t.AssigneeIDs = pq.Int64Array{}
	}
	if t.SubtaskIDs == nil {
		t.SubtaskIDs = pq.Int64Array{}
	}
}

// CreateTask adds a task to a plan of the actor's commune.
func (s *Store) CreateTask(ctx context.Context, a *models.Actor, planID int64, in TaskInput) (*Task, error) {
	w := s.WindowFor(ctx, a.Commune)
	var task *Task
	err := s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		// A plan of another commune is 404 whoever asks; then the role; then the body.
		if err := s.requirePlan(t, a, planID); err != nil {
			return err
		}
		if !a.CanManagePlans() {
			return models.ErrForbidden
		}
		if err := s.validateTask(t, a, &in, w.Today); err != nil {
			return err
		}
		id, err := s.InsertTask(t, a, planID, in, w)
		if err != nil {
			return models.NotFound(err) // no row: the plan is not there
		}
		if task, err = s.SaveNewTaskLinks(t, a, id, in, w); err != nil {
			return err
		}
		return s.Audit(t, a, "create", "task", id, nil, task)
	})
	return task, err
}

// InsertTask writes the task's own row (not its links) from a validated
// input, with its status as of w.
func (s *Store) InsertTask(t *models.Tx, a *models.Actor, planID int64, in TaskInput, w deadlines.Window) (int64, error) {
	var id int64
	err := t.Bind(s.q.InsertTask).Get(&id, a.CommuneID, planID, in.Title, in.Description, in.LeadUnitID,
		in.StartOn, in.DueOn, in.TargetValue, in.TargetUnit, *in.Weight, models.NullID(a.UserID), s.Clock().Now(),
		in.ReportEvery, *in.ReportGraceDays, w.Today, w.Soon, w.TZ)
	return id, err
}

// SaveTaskLinks writes supporting units and assignees, refreshes the stored
// status and returns the task as it now is.
func (s *Store) SaveTaskLinks(t *models.Tx, a *models.Actor, id int64, in TaskInput, w deadlines.Window) (*Task, error) {
	if _, err := t.Bind(s.q.SetTaskUnits).Exec(a.CommuneID, id, models.Int64Array(in.SupportingUnitIDs)); err != nil {
		return nil, err
	}
	if _, err := t.Bind(s.q.SetAssignees).Exec(a.CommuneID, id, models.Int64Array(in.AssigneeIDs)); err != nil {
		return nil, err
	}
	if _, err := t.Bind(s.q.RefreshStatus).Exec(a.CommuneID, id, w.Today, w.Soon, w.TZ); err != nil {
		return nil, err
	}
	return s.loadSaved(t, a, id, w)
}

// SaveNewTaskLinks is SaveTaskLinks for a task just inserted (its status
// already computed by the insert): a new task has no links to replace, so
// an empty list writes nothing.
func (s *Store) SaveNewTaskLinks(t *models.Tx, a *models.Actor, id int64, in TaskInput, w deadlines.Window) (*Task, error) {
	if len(in.SupportingUnitIDs) > 0 {
		if _, err := t.Bind(s.q.SetTaskUnits).Exec(a.CommuneID, id, models.Int64Array(in.SupportingUnitIDs)); err != nil {
			return nil, err
		}
	}
	if len(in.AssigneeIDs) > 0 {
		if _, err := t.Bind(s.q.SetAssignees).Exec(a.CommuneID, id, models.Int64Array(in.AssigneeIDs)); err != nil {
			return nil, err
		}
	}
	return s.loadSaved(t, a, id, w)
}

// loadSaved reads a task back after a save, with the warning that nobody
// will hear of it when that is so.
func (s *Store) loadSaved(t *models.Tx, a *models.Actor, id int64, w deadlines.Window) (*Task, error) {
	task, err := s.LoadTask(t, a, id, w)
	if err != nil {
		return nil, err
	}
	var reached bool
	if err := t.Bind(s.q.TaskHasRecipient).Get(&reached, a.CommuneID, id, task.LeadUnitID); err != nil {
		return nil, err
	}
	if !reached && task.CancelledAt == nil {
		task.Warnings = []models.Warning{NoRecipientWarning}
	}
	return task, nil
}

// NoRecipientWarning is the answer to saving a task that nobody can report
// on: saved (the chairman may mean to add people later), but said aloud.
var NoRecipientWarning = models.Warning{Code: "no_recipient", Field: "lead_unit_id",
	Message: "chưa có ai báo cáo được nhiệm vụ này: đơn vị chủ trì, đơn vị phối hợp và người được giao không có " +
		"cán bộ hay thành viên tổ nào đang hoạt động, nên không ai được nhắc việc; hãy giao cho tổ công nghệ số " +
		"của ấp hoặc chọn người được giao"}

// LoadTask reads task id of the actor's commune inside t, its status in window w.
func (s *Store) LoadTask(t *models.Tx, a *models.Actor, id int64, w deadlines.Window) (*Task, error) {
	var task Task
	if err := t.Bind(s.q.GetTask).Get(&task, a.CommuneID, id, w.Today, w.Soon, w.TZ); err != nil {
		return nil, models.NotFound(err)
	}
	task.normalize()
	task.setLateness(s.CalendarOf(t.Ctx, a.CommuneID), w.Today)
	return &task, nil
}

// LockTask locks a task for a read-modify-write and returns it as it is, so
// the caller can decide what the actor may do to it.
func (s *Store) LockTask(t *models.Tx, a *models.Actor, id int64, w deadlines.Window) (*Task, error) {
	if err := s.LockRow(t, s.q.LockTask, a.CommuneID, id); err != nil {
		return nil, err
	}
	return s.LoadTask(t, a, id, w)
}

// GetTask returns one task of the actor's commune.
func (s *Store) GetTask(ctx context.Context, a *models.Actor, id int64) (*Task, error) {
	var task *Task
	err := s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		var err error
		if task, err = s.LoadTask(t, a, id, s.WindowFor(ctx, a.Commune)); err != nil {
			return err
		}
		xs, err := s.listExtensions(t, a, id)
		task.Extensions = &xs
		return err
	})
	return task, err
}

// requirePlan makes a task list of an unknown plan a 404 rather than an
// empty page.
func (s *Store) requirePlan(t *models.Tx, a *models.Actor, planID int64) error {
	var version int
	return models.NotFound(t.Bind(s.q.PlanVersion).Get(&version, a.CommuneID, planID))
}

// UpdateTask applies a patch; ifMatch, when not zero, must equal the version.
func (s *Store) UpdateTask(ctx context.Context, a *models.Actor, id int64, ifMatch int, patch TaskPatch) (*Task, error) {
	w := s.WindowFor(ctx, a.Commune)
	var task *Task
	err := s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		cur, err := s.LockTask(t, a, id, w)
		if err != nil {
			return err
		}
		in := patch.apply(cur)
		if err := cur.authorizeChange(a, &in); err != nil {
			return err
		}
		if err := models.CheckIfMatch(ifMatch, cur.Version); err != nil {
			return err
		}
		if err := s.validateTask(t, a, &in, w.Today); err != nil {
			return err
		}
		if err := s.checkParentDue(t, a, cur, &in, w); err != nil {
			return err
		}
		if _, err := t.Bind(s.q.UpdateTask).Exec(a.CommuneID, id, in.Title, in.Description, in.LeadUnitID,
			in.StartOn, in.DueOn, in.TargetValue, in.TargetUnit, *in.Weight, in.cancelled, s.Clock().Now(),
			in.ReportEvery, *in.ReportGraceDays); err != nil {
			return err
		}
		if err := s.cancelSubtasks(t, a, cur, &in); err != nil {
			return err
		}
		if task, err = s.SaveTaskLinks(t, a, id, in, w); err != nil {
			return err
		}
		if err := s.Rollup(t, a, id, w); err != nil { // a cancel, a new target or weight
			return err
		}
		return s.Audit(t, a, "update", "task", id, cur, task)
	})
	return task, err
}

// DeleteTask removes a task from every list; the row and its history stay.
func (s *Store) DeleteTask(ctx context.Context, a *models.Actor, id int64, ifMatch int) error {
	w := s.WindowFor(ctx, a.Commune)
	return s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		cur, err := s.LockTask(t, a, id, w)
		if err != nil {
			return err
		}
		if !cur.CanDelete(a) {
			return models.ErrForbidden
		}
		if err := models.CheckIfMatch(ifMatch, cur.Version); err != nil {
			return err
		}
		if _, err := t.Bind(s.q.DeleteTask).Exec(a.CommuneID, id, s.Clock().Now()); err != nil {
			return err
		}
		if err := s.Rollup(t, a, id, w); err != nil {
			return err
		}
		return s.Audit(t, a, "delete", "task", id, cur, nil)
	})
}

// TaskInputReaches reports whether a task with in's lead unit, supporting
// units and assignees would reach someone who can report on it, so a form
// can ask to confirm before saving one that reaches nobody.
func (s *Store) TaskInputReaches(ctx context.Context, a *models.Actor, in TaskInput) (bool, error) {
	var ok bool
	units := append([]int64{in.LeadUnitID}, in.SupportingUnitIDs...)
	err := s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		return t.Bind(s.q.InputHasRecipient).Get(&ok, a.CommuneID, models.Int64Array(units), models.Int64Array(in.AssigneeIDs))
	})
	return ok, err
}
