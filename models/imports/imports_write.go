package imports

import (
	"context"
	"errors"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/deadlines"
	"github.com/tiendo/tiendo/models/plans"
)

// ImportResult says what an import wrote.
type ImportResult struct {
	Plans   int     `json:"plans"`
	Tasks   int     `json:"tasks"`
	Periods int     `json:"periods"`
	PlanIDs []int64 `json:"plan_ids"`
}

// importLookups loads the names an import may use.
func (s *Store) importLookups(t *models.Tx, a *models.Actor, w deadlines.Window) (ImportLookups, error) {
	l := ImportLookups{Units: map[string]int64{}, Kinds: map[string]string{}, Today: w.Today}
	units, err := s.UnitsOf(t, a.CommuneID)
	if err != nil {
		return l, err
	}
	for _, u := range units {
		l.Units[lookupKey(u.Name)] = u.ID
	}
	var kinds []struct {
		Code   string `db:"code"`
		NameVI string `db:"name_vi"`
		NameEN string `db:"name_en"`
	}
	if err := t.Bind(s.impQ.Kinds).Select(&kinds); err != nil {
		return l, err
	}
	for _, k := range kinds {
		l.Kinds[lookupKey(k.Code)], l.Kinds[lookupKey(k.NameVI)], l.Kinds[lookupKey(k.NameEN)] = k.Code, k.Code, k.Code
	}
	return l, nil
}

// ImportPlans writes the plans and tasks of an import in one transaction:
// every row is checked first, and nothing is written unless every row
// passes, including the checks only the database can make (a number already
// used, a unit of another commune). It creates plans and assigns tasks, so
// it asks what POST /plans and POST /plans/{id}/tasks ask.
func (s *Store) ImportPlans(ctx context.Context, a *models.Actor, g Grid) (*ImportResult, error) {
	if !a.CanManagePlans() {
		return nil, models.ErrForbidden
	}
	w := s.WindowFor(ctx, a.Commune)
	res := &ImportResult{PlanIDs: []int64{}}
	err := s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		l, err := s.importLookups(t, a, w)
		if err != nil {
			return err
		}
		// Rows that read well are still written (then rolled back) when
		// others do not, so the answer also lists what only the database
		// can say, such as a number already used.
		drafts, err := ParsePlanRows(g, l)
		errs := &rowErrors{}
		var verr *models.ValidationError
		if errors.As(err, &verr) {
			errs.Fields = append(errs.Fields, verr.Fields...)
		} else if err != nil {
			return err
		}
		for i := range drafts {
			if errs.inDraft(&drafts[i]) {
				continue
			}
			if err := s.writeDraft(t, a, &drafts[i], w, res, errs); err != nil {
				return err
			}
		}
		return errs.Err()
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}

// writeDraft writes one plan and its tasks behind a savepoint, so that a
// row the database refuses is reported and the next rows are still checked;
// the caller rolls everything back when any row failed. Only an error that
// is not about the data (the connection, a bug) stops the import.
func (s *Store) writeDraft(t *models.Tx, a *models.Actor, d *PlanDraft, w deadlines.Window, res *ImportResult, errs *rowErrors) error {
	row, col := d.Row, "doc_number"
	err := t.Savepoint(func() error {
		id, err := s.InsertPlan(t, a, &d.Plan)
		if err != nil {
			return err
		}
		ids := map[int]int64{} // row → task, for the sub-tasks below it
		for _, td := range d.Tasks {
			row, col = td.Row, "task_title"
			if ids[td.Row], err = s.importTask(t, a, id, ids[td.ParentRow], td, w); err != nil {
				return err
			}
		}
		res.Plans, res.Tasks, res.PlanIDs = res.Plans+1, res.Tasks+len(d.Tasks), append(res.PlanIDs, id)
		return s.Audit(t, a, "import", "plan", id, nil, map[string]any{"row": d.Row, "tasks": len(d.Tasks)})
	})
	var (
		conflict *models.ConflictError
		verr     *models.ValidationError
	)
	switch mapped := models.MapPGError(err); {
	case err == nil:
	case errors.As(mapped, &conflict):
		errs.add(row, firstNonEmpty(conflict.Field, col), "%s", conflict.Message)
	case errors.As(mapped, &verr):
		errs.addFields(row, verr, taskFields)
	case errors.Is(mapped, models.ErrNotFound):
		errs.add(row, col, "không tìm thấy bản ghi liên quan")
	default:
		return err
	}
	return nil
}

// importTask inserts one task (a sub-task of parentID when not 0, rolled
// up at once) and links its indicators.
func (s *Store) importTask(t *models.Tx, a *models.Actor, planID, parentID int64, td TaskDraft, w deadlines.Window) (int64, error) {
	in := td.Task
	id, err := s.insertImported(t, a, planID, parentID, in, w)
	if err != nil {
		return 0, err
	}
	if _, err := s.SaveNewTaskLinks(t, a, id, in, w); err != nil {
		return 0, err
	}
	if parentID != 0 {
		if err := s.Rollup(t, a, id, w); err != nil {
			return 0, err
		}
	}
	return id, s.linkImported(t, a, id, td)
}

// insertImported writes a task's row: under its parent or in the plan.
func (s *Store) insertImported(t *models.Tx, a *models.Actor, planID, parentID int64, in plans.TaskInput,
	w deadlines.Window) (int64, error) {
	if parentID != 0 {
		return s.InsertSubtask(t, a, parentID, in, w)
	}
	return s.InsertTask(t, a, planID, in, w)
}

// linkImported links an imported task to the indicators its row names.
func (s *Store) linkImported(t *models.Tx, a *models.Actor, id int64, td TaskDraft) error {
	if len(td.Indicators) == 0 {
		return nil
	}
	ids, err := s.IndicatorIDs(t, a, td.Indicators)
	if err != nil {
		var verr *models.ValidationError
		if errors.As(err, &verr) {
			return models.Invalid("indicators", "unknown", "%s", verr.Fields[0].Message)
		}
		return err
	}
	return s.LinkIndicators(t, a, id, ids)
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}
