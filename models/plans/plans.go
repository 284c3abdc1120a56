package plans

import (
	"context"
	"time"

	"github.com/lib/pq"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/calendar"
)

// Plan is a kế hoạch as the API shows it.
type Plan struct {
	ID                 int64            `json:"id" db:"id"`
	DocNumber          string           `json:"doc_number" db:"doc_number"`
	DocNo              int              `json:"doc_no" db:"doc_no"`
	DocType            string           `json:"doc_type" db:"doc_type"`
	DocSymbol          string           `json:"doc_symbol" db:"doc_symbol"`
	IssuedOn           calendar.Date    `json:"issued_on" db:"issued_on"`
	Year               int              `json:"year" db:"year"`
	Kind               string           `json:"kind" db:"kind"`
	Title              string           `json:"title" db:"title"`
	Summary            string           `json:"summary" db:"summary"`
	Status             string           `json:"status" db:"status"`
	SteeringUnitID     *int64           `json:"steering_unit_id" db:"steering_unit_id"`
	DuplicateConfirmed bool             `json:"duplicate_confirmed" db:"duplicate_confirmed"`
	Version            int              `json:"version" db:"version"`
	CreatedAt          time.Time        `json:"created_at" db:"created_at"`
	UpdatedAt          time.Time        `json:"updated_at" db:"updated_at"`
	DuplicateIDs       pq.Int64Array    `json:"-" db:"duplicate_ids"`
	References         []Reference      `json:"references" db:"-"`
	TaskCounts         StatusCounts     `json:"task_counts" db:"-"`
	CompletionRate     *float64         `json:"completion_rate" db:"-"`
	Warnings           []models.Warning `json:"warnings" db:"-"`
}

// Reference is a legal basis (căn cứ) of a plan.
type Reference struct {
	DocNumber string        `json:"doc_number" db:"doc_number"`
	IssuedOn  calendar.Date `json:"issued_on" db:"issued_on"`
	Issuer    string        `json:"issuer" db:"issuer"`
	Title     string        `json:"title" db:"title"`
}

// PlanFilter narrows ListPlans; zero fields do not filter.
type PlanFilter struct {
	Year   int
	Kind   string
	Status string
	Query  string
	Limit  int
	Cursor string
}

// ExistingPlan names the plan a duplicate number collides with.
type ExistingPlan struct {
	ID        int64         `json:"id" db:"id"`
	DocNumber string        `json:"doc_number" db:"doc_number"`
	Title     string        `json:"title" db:"title"`
	IssuedOn  calendar.Date `json:"issued_on" db:"issued_on"`
}

// CreatePlan records a plan. A number already used for the same symbol in the
// same year is a ConflictError naming that plan, unless the input confirms
// the duplicate; then it is recorded and carries a warning.
func (s *Store) CreatePlan(ctx context.Context, a *models.Actor, in PlanInput) (*Plan, error) {
	if !a.CanManagePlans() {
		return nil, models.ErrForbidden
	}
	if err := in.Validate(); err != nil {
		return nil, err
	}
	var p *Plan
	err := s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		id, err := s.InsertPlan(t, a, &in)
		if err != nil {
			return err
		}
		if err := s.writeReferences(t, a.CommuneID, id, in.References); err != nil {
			return err
		}
		if p, err = s.LoadPlan(t, a, id); err != nil {
			return err
		}
		return s.Audit(t, a, "create", "plan", id, nil, p)
	})
	return p, err
}

// InsertPlan writes a validated plan's row (and its references) inside t.
func (s *Store) InsertPlan(t *models.Tx, a *models.Actor, in *PlanInput) (int64, error) {
	d, now := in.doc, s.Clock().Now()
	ids := []int64{}
	for _, dup := range []bool{false, true} {
		if dup && !in.ConfirmDuplicate {
			break
		}
		err := t.Bind(s.q.InsertPlan).Select(&ids, a.CommuneID, in.DocNumber, d.No, d.Type, d.Symbol,
			in.IssuedOn, in.Year, in.Kind, in.Title, in.Summary, in.Status, dup, models.NullID(a.UserID), now,
			in.SteeringUnitID)
		if err != nil || len(ids) == 1 {
			return firstID(ids), err
		}
	}
	return 0, s.duplicateConflict(t, a.CommuneID, in)
}

func firstID(ids []int64) int64 {
	if len(ids) == 0 {
		return 0
	}
	return ids[0]
}

// duplicateConflict builds the 409 that names the plan holding the number.
func (s *Store) duplicateConflict(t *models.Tx, communeID int64, in *PlanInput) error {
	ex, err := s.planHolding(t, communeID, in.Year, in.doc.Symbol, in.doc.No)
	if err != nil {
		return err
	}
	return &models.ConflictError{Field: "doc_number", Existing: ex,
		Message: "số " + in.DocNumber + " đã được dùng cho kế hoạch \"" + ex.Title + "\" năm " +
			models.Itoa(in.Year) + "; gửi lại với confirm_duplicate=true nếu vẫn muốn ghi nhận"}
}

// planHolding is the live plan that holds number no of symbol in year.
func (s *Store) planHolding(t *models.Tx, communeID int64, year int, symbol string, no int) (ExistingPlan, error) {
	var ex ExistingPlan
	err := t.Bind(s.q.PlanByNumber).Get(&ex, communeID, year, symbol, no)
	return ex, models.NotFound(err)
}

func (s *Store) writeReferences(t *models.Tx, communeID, planID int64, refs []ReferenceInput) error {
	if _, err := t.Bind(s.q.DeletePlanRefs).Exec(communeID, planID); err != nil {
		return err
	}
	for i, r := range refs {
		if _, err := t.Bind(s.q.InsertPlanRef).Exec(communeID, planID, i, r.DocNumber, r.IssuedOn,
			r.Issuer, r.Title); err != nil {
			return err
		}
	}
	return nil
}

// GetPlan returns one plan of the actor's commune with its references, task
// counts and warnings.
func (s *Store) GetPlan(ctx context.Context, a *models.Actor, id int64) (*Plan, error) {
	var p *Plan
	err := s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		var err error
		p, err = s.LoadPlan(t, a, id)
		return err
	})
	return p, err
}

// LoadPlan reads plan id of the actor's commune inside t; 404 outside it.
func (s *Store) LoadPlan(t *models.Tx, a *models.Actor, id int64) (*Plan, error) {
	var p Plan
	if err := t.Bind(s.q.GetPlan).Get(&p, a.CommuneID, id); err != nil {
		return nil, models.NotFound(err)
	}
	plans := []*Plan{&p}
	if err := s.decoratePlans(t, a, plans); err != nil {
		return nil, err
	}
	return &p, nil
}

// UpdatePlan applies a patch. ifMatch, when not zero, must equal the plan's
// current version.
func (s *Store) UpdatePlan(ctx context.Context, a *models.Actor, id int64, ifMatch int, patch PlanPatch) (*Plan, error) {
	var after *Plan
	err := s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		cur, err := s.lockPlan(t, a, id, ifMatch)
		if err != nil {
			return err
		}
		in := patch.apply(cur)
		if err := in.Validate(); err != nil {
			return err
		}
		if err := s.savePlan(t, a, id, &in, patch.ConfirmDuplicate); err != nil {
			return err
		}
		if patch.References.Set {
			if err := s.writeReferences(t, a.CommuneID, id, in.References); err != nil {
				return err
			}
		}
		if after, err = s.LoadPlan(t, a, id); err != nil {
			return err
		}
		return s.Audit(t, a, "update", "plan", id, cur, after)
	})
	return after, err
}

// savePlan writes the new state; a number collision rolls back to a savepoint
// so the conflict can still name the plan that holds the number.
func (s *Store) savePlan(t *models.Tx, a *models.Actor, id int64, in *PlanInput, confirm bool) error {
	d := in.doc
	err := t.Savepoint(func() error {
		_, err := t.Bind(s.q.UpdatePlan).Exec(a.CommuneID, id, in.DocNumber, d.No, d.Type, d.Symbol,
			in.IssuedOn, in.Year, in.Kind, in.Title, in.Summary, in.Status, in.ConfirmDuplicate, s.Clock().Now(),
			in.SteeringUnitID)
		return err
	})
	if c, ok := models.MapPGError(err).(*models.ConflictError); ok && c.Field == "doc_number" {
		if confirm {
			in.ConfirmDuplicate = true
			return s.savePlan(t, a, id, in, false)
		}
		return s.duplicateConflict(t, a.CommuneID, in)
	}
	return err
}

// DeletePlan moves a plan and its tasks to the recycle bin (trash.go), from
// which they can be restored for TrashDays; the rows stay for audit.
func (s *Store) DeletePlan(ctx context.Context, a *models.Actor, id int64, ifMatch int) (*DeletedPlan, error) {
	now := s.Clock().Now()
	d := &DeletedPlan{PurgeAfter: purgeAfter(now)}
	err := s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		cur, err := s.lockPlan(t, a, id, ifMatch)
		if err != nil {
			return err
		}
		if err := t.Bind(s.q.DeletePlan).Get(&d.TaskCount, a.CommuneID, id, now, models.NullID(a.UserID)); err != nil {
			return err
		}
		return s.Audit(t, a, "delete", "plan", id, cur, d)
	})
	if err != nil {
		return nil, err
	}
	return d, nil
}

// lockPlan locks a plan for a change and returns it as it is. The checks run
// in the order a caller should hear them: another commune's plan is 404, a
// role that may not manage plans 403, a stale If-Match 412.
func (s *Store) lockPlan(t *models.Tx, a *models.Actor, id int64, ifMatch int) (*Plan, error) {
	if err := s.LockRow(t, s.q.LockPlan, a.CommuneID, id); err != nil {
		return nil, err
	}
	cur, err := s.LoadPlan(t, a, id)
	if err != nil {
		return nil, err
	}
	if !a.CanManagePlans() {
		return nil, models.ErrForbidden
	}
	return cur, models.CheckIfMatch(ifMatch, cur.Version)
}
