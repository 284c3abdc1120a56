package imports

import (
	"context"
	"time"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/calendar"
	"github.com/tiendo/tiendo/models/plans"
)

// PlanExport is a plan with everything recorded about it, for archiving or
// moving to another system: its tasks, their progress history and, for
// those who may read it, the audit trail.
type PlanExport struct {
	ExportedAt time.Time           `json:"exported_at"`
	Plan       *plans.Plan         `json:"plan"`
	KindName   string              `json:"-"` // the plan's kind by its name
	Tasks      []ExportTask        `json:"tasks"`
	Progress   []plans.Progress    `json:"progress"`
	History    []models.AuditEntry `json:"history"`
}

// ExportTask is a task with its units spelled out, as a spreadsheet shows it.
type ExportTask struct {
	ID              int64         `json:"id" db:"id"`
	Title           string        `json:"title" db:"title"`
	Description     string        `json:"description" db:"description"`
	LeadUnit        string        `json:"lead_unit" db:"lead_unit"`
	SupportingUnits string        `json:"supporting_units" db:"supporting_units"`
	StartOn         calendar.Date `json:"start_on" db:"start_on"`
	DueOn           calendar.Date `json:"due_on" db:"due_on"`
	TargetValue     *float64      `json:"target_value" db:"target_value"`
	TargetUnit      string        `json:"target_unit" db:"target_unit"`
	ActualValue     *float64      `json:"actual_value" db:"actual_value"`
	Percent         int           `json:"percent" db:"percent"`
	Status          string        `json:"status" db:"status"`
	CompletedAt     *time.Time    `json:"completed_at" db:"completed_at"`
	CancelledAt     *time.Time    `json:"cancelled_at" db:"cancelled_at"`
	Indicators      string        `json:"indicators" db:"indicators"`
	// ParentID is the task this one was forwarded from (issue 19).
	ParentID *int64 `json:"parent_id" db:"parent_id"`
}

// ExportPlan gathers a plan of the actor's commune with its tasks and
// history in one transaction. The audit trail comes only to those who may
// read the audit log.
func (s *Store) ExportPlan(ctx context.Context, a *models.Actor, id int64) (*PlanExport, error) {
	w := s.WindowFor(ctx, a.Commune)
	e := &PlanExport{ExportedAt: s.Clock().Now(), Tasks: []ExportTask{}, Progress: []plans.Progress{}, History: []models.AuditEntry{}}
	kinds, err := s.ListPlanKinds(ctx)
	if err != nil {
		return nil, err
	}
	err = s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		var err error
		if e.Plan, err = s.LoadPlan(t, a, id); err != nil {
			return err
		}
		e.KindName = e.Plan.Kind
		for _, k := range kinds {
			if k.Code == e.Plan.Kind {
				e.KindName = k.NameVI
			}
		}
		if err := t.Bind(s.impQ.Tasks).Select(&e.Tasks, a.CommuneID, id, w.Today, w.Soon, w.TZ); err != nil {
			return err
		}
		if err := t.Bind(s.impQ.Progress).Select(&e.Progress, a.CommuneID, id); err != nil {
			return err
		}
		if !a.CanReadAudit() {
			return nil
		}
		return t.Bind(s.impQ.Audit).Select(&e.History, a.CommuneID, id)
	})
	if err != nil {
		return nil, err
	}
	return e, nil
}
