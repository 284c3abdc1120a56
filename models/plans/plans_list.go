package plans

import (
	"context"
	"fmt"

	"github.com/lib/pq"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/calendar"
)

// ListPlans lists the plans of the actor's commune, newest first.
func (s *Store) ListPlans(ctx context.Context, a *models.Actor, f PlanFilter) (*models.Page[Plan], error) {
	limit, err := models.PageLimit(f.Limit)
	if err != nil {
		return nil, err
	}
	var after struct {
		Year     int
		IssuedOn calendar.Date
		ID       int64
	}
	if err := models.DecodeCursor(f.Cursor, &after); err != nil {
		return nil, err
	}
	page := &models.Page[Plan]{Items: []Plan{}}
	err = s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		err := t.Bind(s.q.ListPlans).Select(&page.Items, a.CommuneID, models.NullInt(f.Year), models.NullString(f.Kind),
			models.NullString(f.Status), models.SearchWords(f.Query), models.NullInt(after.Year), after.IssuedOn, models.NullID(after.ID), limit+1)
		if err != nil {
			return err
		}
		ptrs := make([]*Plan, len(page.Items))
		for i := range page.Items {
			ptrs[i] = &page.Items[i]
		}
		return s.decoratePlans(t, a, ptrs)
	})
	if err != nil {
		return nil, err
	}
	page.Trim(limit, func(p Plan) any { return []any{p.Year, p.IssuedOn, p.ID} })
	return page, nil
}

type refRow struct {
	PlanID int64 `db:"plan_id"`
	Reference
}

type countRow struct {
	PlanID int64  `db:"plan_id"`
	Status string `db:"status"`
	N      int    `db:"n"`
}

// decoratePlans adds references, task counts and warnings to a page of plans
// with two queries, however long the page.
func (s *Store) decoratePlans(t *models.Tx, a *models.Actor, plans []*Plan) error {
	byID := map[int64]*Plan{}
	ids := make(pq.Int64Array, len(plans))
	for i, p := range plans {
		ids[i], byID[p.ID] = p.ID, p
		p.References, p.TaskCounts = []Reference{}, NewStatusCounts()
	}
	var refs []refRow
	if err := t.Bind(s.q.PlanRefs).Select(&refs, a.CommuneID, ids); err != nil {
		return err
	}
	for _, r := range refs {
		byID[r.PlanID].References = append(byID[r.PlanID].References, r.Reference)
	}
	w := s.WindowFor(t.Ctx, a.Commune)
	var counts []countRow
	if err := t.Bind(s.q.PlanCounts).Select(&counts, a.CommuneID, ids, w.Today, w.Soon, w.TZ); err != nil {
		return err
	}
	for _, c := range counts {
		byID[c.PlanID].TaskCounts.Add(c.Status, c.N)
	}
	for _, p := range plans {
		p.CompletionRate = p.TaskCounts.CompletionRate()
		p.Warnings = PlanWarnings(p)
	}
	return nil
}

// PlanWarnings are the data-quality remarks a plan carries.
func PlanWarnings(p *Plan) []models.Warning {
	ws := []models.Warning{}
	if len(p.DuplicateIDs) > 0 {
		ws = append(ws, models.Warning{Code: "duplicate_number", Related: p.DuplicateIDs,
			Message: fmt.Sprintf("số %s cũng được dùng cho kế hoạch khác trong năm %d", p.DocNumber, p.Year)})
	}
	if p.IssuedOn.Year != p.Year {
		ws = append(ws, models.Warning{Code: "issued_outside_year",
			Message: fmt.Sprintf("ngày ban hành %s không thuộc năm kế hoạch %d", p.IssuedOn.VN(), p.Year)})
	}
	return ws
}

// TaskStatuses are the derived states of a task (Decision 42/2014/QĐ-TTg's
// four plus due_soon, not_started and cancelled).
var TaskStatuses = []string{"not_started", "in_progress", "due_soon", "overdue", "done_on_time", "done_late", "cancelled"}

// StatusCounts counts tasks per status, every status present.
type StatusCounts map[string]int

// NewStatusCounts has every status at zero and a total.
func NewStatusCounts() StatusCounts {
	c := StatusCounts{"total": 0}
	for _, st := range TaskStatuses {
		c[st] = 0
	}
	return c
}

// Add counts n more tasks of status.
func (c StatusCounts) Add(status string, n int) {
	c[status] += n
	c["total"] += n
}

// CompletionRate is the completion rate of these tasks as Tally defines it.
func (c StatusCounts) CompletionRate() *float64 { return TallyOf(c).CompletionRate }
