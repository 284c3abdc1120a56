package plans

import (
	"context"
	"time"

	"github.com/lib/pq"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/calendar"
)

// PlanClone is the input for ClonePlan: the new plan's number and issue
// date. Its year is the issue date's unless Year says otherwise; the tasks'
// dates move by the difference between the two plans' years.
type PlanClone struct {
	DocNumber string        `json:"doc_number"`
	IssuedOn  calendar.Date `json:"issued_on"`
	Year      int           `json:"year"`
	Title     string        `json:"title"`
}

// cloneTask is what a copied task keeps of its source.
type cloneTask struct {
	Title       string        `db:"title"`
	Description string        `db:"description"`
	LeadUnitID  int64         `db:"lead_unit_id"`
	StartOn     calendar.Date `db:"start_on"`
	DueOn       calendar.Date `db:"due_on"`
	TargetValue *float64      `db:"target_value"`
	TargetUnit  string        `db:"target_unit"`
	Weight      float64       `db:"weight"`
	ReportEvery *string       `db:"report_every"`
	ReportGrace int           `db:"report_grace_days"`
	Units       pq.Int64Array `db:"supporting_unit_ids"`
	Assignees   pq.Int64Array `db:"assignee_ids"`
}

// ClonePlan copies a plan — kind, summary, legal bases, steering committee —
// and its tasks that were not cancelled into a new draft plan, as a commune
// does each year with its recurring plans. Tasks keep their units and people
// and move by whole years; progress, completion and reviews stay with the
// original, which is unchanged.
func (s *Store) ClonePlan(ctx context.Context, a *models.Actor, id int64, in PlanClone) (*Plan, error) {
	var newID int64
	err := s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		src, err := s.LoadPlan(t, a, id)
		if err != nil {
			return err
		}
		if !a.CanManagePlans() {
			return models.ErrForbidden
		}
		pin := clonedInput(src, in)
		if err := pin.Validate(); err != nil {
			return err
		}
		if newID, err = s.InsertPlan(t, a, &pin); err != nil {
			return err
		}
		if err := s.writeReferences(t, a.CommuneID, newID, pin.References); err != nil {
			return err
		}
		if err := s.cloneTasks(t, a, id, newID, pin.Year-src.Year); err != nil {
			return err
		}
		return s.Audit(t, a, "clone", "plan", newID, map[string]int64{"source_id": id}, pin)
	})
	if err != nil {
		return nil, err
	}
	return s.GetPlan(ctx, a, newID)
}

// clonedInput is the new plan: the source's content under the new number.
func clonedInput(src *Plan, in PlanClone) PlanInput {
	pin := PlanInput{DocNumber: in.DocNumber, IssuedOn: in.IssuedOn, Year: in.Year, Kind: src.Kind,
		Title: in.Title, Summary: src.Summary, Status: "draft", SteeringUnitID: src.SteeringUnitID}
	if models.CleanText(pin.Title) == "" {
		pin.Title = src.Title
	}
	for _, r := range src.References {
		pin.References = append(pin.References, ReferenceInput(r))
	}
	return pin
}

// cloneTasks copies the live tasks of plan from into plan to, dates moved by years.
func (s *Store) cloneTasks(t *models.Tx, a *models.Actor, from, to int64, years int) error {
	var tasks []cloneTask
	if err := t.Bind(s.cloneQ.Tasks).Select(&tasks, a.CommuneID, from); err != nil {
		return err
	}
	w := s.WindowFor(t.Ctx, a.Commune)
	for _, c := range tasks {
		var id int64
		err := t.Bind(s.q.InsertTask).Get(&id, a.CommuneID, to, c.Title, c.Description, c.LeadUnitID,
			shiftYears(c.StartOn, years), shiftYears(c.DueOn, years), c.TargetValue, c.TargetUnit, c.Weight,
			models.NullID(a.UserID), s.Clock().Now(), c.ReportEvery, c.ReportGrace, w.Today, w.Soon, w.TZ)
		if err != nil {
			return err
		}
		links := TaskInput{SupportingUnitIDs: c.Units, AssigneeIDs: c.Assignees}
		if _, err := s.SaveNewTaskLinks(t, a, id, links, w); err != nil {
			return err
		}
	}
	return nil
}

// shiftYears moves a date by whole years; 29 February becomes the 28th in a
// year without it, rather than spilling into March.
func shiftYears(d calendar.Date, years int) calendar.Date {
	y := d.Year + years
	if d.Month == time.February && d.Day == 29 && calendar.NewDate(y, time.February, 29).Month != time.February {
		return calendar.NewDate(y, time.February, 28)
	}
	return calendar.NewDate(y, d.Month, d.Day)
}
