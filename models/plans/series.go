package plans

import (
	"context"
	"time"

	"github.com/lib/pq"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/calendar"
)

// Series is a recurring task: a template (title, units, people) and a rule
// that dates its occurrences. Each occurrence is an ordinary task with its
// own deadline, status and progress history, linked back by series_id and
// occurrence_on (series_generate.go makes them).
type Series struct {
	ID                int64         `json:"id" db:"id"`
	PlanID            int64         `json:"plan_id" db:"plan_id"`
	Title             string        `json:"title" db:"title"`
	Description       string        `json:"description" db:"description"`
	LeadUnitID        int64         `json:"lead_unit_id" db:"lead_unit_id"`
	SupportingUnitIDs pq.Int64Array `json:"supporting_unit_ids" db:"supporting_unit_ids"`
	AssigneeIDs       pq.Int64Array `json:"assignee_ids" db:"assignee_ids"`
	Rule              string        `json:"rule" db:"rule"`
	Weekdays          pq.Int64Array `json:"weekdays" db:"weekdays"`
	DayOfMonth        *int          `json:"day_of_month" db:"day_of_month"`
	OnHoliday         string        `json:"on_holiday" db:"on_holiday"`
	StartsOn          calendar.Date `json:"starts_on" db:"starts_on"`
	EndsOn            calendar.Date `json:"ends_on" db:"ends_on"`
	// GeneratedUntil is the last day whose occurrences exist.
	GeneratedUntil calendar.Date `json:"generated_until" db:"generated_until"`
	StoppedAt      *time.Time    `json:"stopped_at" db:"stopped_at"`
	Version        int           `json:"version" db:"version"`
	CreatedBy      *int64        `json:"created_by" db:"created_by"`
	CreatedAt      time.Time     `json:"created_at" db:"created_at"`
	UpdatedAt      time.Time     `json:"updated_at" db:"updated_at"`
	// Occurrences are the latest 100 occurrences, newest first; only GetSeries fills them.
	Occurrences []Occurrence `json:"occurrences,omitempty" db:"-"`
}

// Occurrence is one generated task of a series, in brief.
type Occurrence struct {
	TaskID       int64         `json:"task_id" db:"task_id"`
	OccurrenceOn calendar.Date `json:"occurrence_on" db:"occurrence_on"`
	DueOn        calendar.Date `json:"due_on" db:"due_on"`
	Status       string        `json:"status" db:"status"`
}

// normalize makes empty lists encode as [] rather than null.
func (sr *Series) normalize() {
	for _, l := range []*pq.Int64Array{&sr.SupportingUnitIDs, &sr.AssigneeIDs, &sr.Weekdays} {
		if *l == nil {
			*l = pq.Int64Array{}
		}
	}
}

// rule is the series' recurrence rule.
func (sr *Series) rule() Rule {
	r := Rule{Kind: sr.Rule, OnHoliday: sr.OnHoliday}
	for _, w := range sr.Weekdays {
		r.Weekdays = append(r.Weekdays, int(w))
	}
	if sr.DayOfMonth != nil {
		r.DayOfMonth = *sr.DayOfMonth
	}
	return r
}

// CreateSeries adds a recurring task to a plan and generates its first
// occurrences in the same transaction, so they are visible at once.
func (s *Store) CreateSeries(ctx context.Context, a *models.Actor, planID int64, in SeriesInput) (*Series, error) {
	w := s.WindowFor(ctx, a.Commune)
	var out *Series
	err := s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		if err := s.requirePlan(t, a, planID); err != nil {
			return err
		}
		if !a.CanManagePlans() {
			return models.ErrForbidden
		}
		if err := s.validateSeries(t, a, &in, w.Today); err != nil {
			return err
		}
		var id int64
		if err := t.Bind(s.seriesQ.Insert).Get(&id, a.CommuneID, planID, in.Title, in.Description, in.LeadUnitID,
			models.Int64Array(in.SupportingUnitIDs), models.Int64Array(in.AssigneeIDs), in.Rule, intArray(in.Weekdays),
			in.DayOfMonth, in.OnHoliday, in.StartsOn, in.EndsOn, models.NullID(a.UserID), s.Clock().Now()); err != nil {
			return models.NotFound(err)
		}
		sr, err := s.generateLocked(t, a, id)
		if err != nil {
			return err
		}
		out = sr
		return s.Audit(t, a, "create", "task_series", id, nil, sr)
	})
	return out, err
}

// validateSeries validates the input and checks that its units and people
// are the commune's: arrays have no foreign keys, so this is where a wrong
// id is caught, as a 400 naming the field.
func (s *Store) validateSeries(t *models.Tx, a *models.Actor, in *SeriesInput, today calendar.Date) error {
	if err := in.Validate(today); err != nil {
		return err
	}
	var bad struct {
		Units pq.Int64Array `db:"units"`
		Users pq.Int64Array `db:"users"`
	}
	if err := t.Bind(s.seriesQ.BadRefs).Get(&bad, a.CommuneID, models.Int64Array(in.SupportingUnitIDs),
		models.Int64Array(in.AssigneeIDs)); err != nil {
		return err
	}
	v := &models.ValidationError{}
	if len(bad.Units) > 0 {
		v.Add("supporting_unit_ids", "unknown", "đơn vị phối hợp không tồn tại trong xã: %v", []int64(bad.Units))
	}
	if len(bad.Users) > 0 {
		v.Add("assignee_ids", "unknown", "người được giao không thuộc xã: %v", []int64(bad.Users))
	}
	return v.Err()
}

// ListSeries lists a plan's series, stopped ones included.
func (s *Store) ListSeries(ctx context.Context, a *models.Actor, planID int64) ([]Series, error) {
	out := []Series{}
	err := s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		if err := s.requirePlan(t, a, planID); err != nil {
			return err
		}
		return t.Bind(s.seriesQ.List).Select(&out, a.CommuneID, planID)
	})
	for i := range out {
		out[i].normalize()
	}
	return out, err
}

// GetSeries returns one series with its latest occurrences.
func (s *Store) GetSeries(ctx context.Context, a *models.Actor, id int64) (*Series, error) {
	w := s.WindowFor(ctx, a.Commune)
	var sr Series
	err := s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		if err := t.Bind(s.seriesQ.Get).Get(&sr, a.CommuneID, id); err != nil {
			return models.NotFound(err)
		}
		sr.Occurrences = []Occurrence{}
		return t.Bind(s.seriesQ.Occurs).Select(&sr.Occurrences, a.CommuneID, id, w.Today, w.Soon, w.TZ)
	})
	if err != nil {
		return nil, err
	}
	sr.normalize()
	return &sr, nil
}

func intArray(v []int) pq.Int64Array {
	out := make(pq.Int64Array, len(v))
	for i, x := range v {
		out[i] = int64(x)
	}
	return out
}
