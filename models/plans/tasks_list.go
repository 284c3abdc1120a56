package plans

import (
	"context"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/calendar"
)

// TaskFilter narrows ListTasks; zero fields do not filter.
type TaskFilter struct {
	PlanID     int64
	UnitID     int64
	AssigneeID int64
	// Mine lists the actor's work: named to them, or led or supported by a
	// unit they belong to or report for (Actor.ReportingUnitIDs).
	Mine     bool
	Statuses []string
	DueFrom  calendar.Date
	DueTo    calendar.Date
	Query    string
	// ParentID lists the sub-tasks of one task.
	ParentID int64
	Limit    int
	Cursor   string
}

// ListTasks lists tasks by deadline, then id.
func (s *Store) ListTasks(ctx context.Context, a *models.Actor, f TaskFilter) (*models.Page[Task], error) {
	limit, err := models.PageLimit(f.Limit)
	if err != nil {
		return nil, err
	}
	var after struct {
		DueOn calendar.Date
		ID    int64
	}
	if err := models.DecodeCursor(f.Cursor, &after); err != nil {
		return nil, err
	}
	w := s.WindowFor(ctx, a.Commune)
	page := &models.Page[Task]{Items: []Task{}}
	err = s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		if f.PlanID != 0 {
			if err := s.requirePlan(t, a, f.PlanID); err != nil {
				return err
			}
		}
		var statuses, units any
		if f.Statuses != nil {
			statuses = models.StringArray(f.Statuses)
		}
		if f.Mine {
			f.AssigneeID, units = a.UserID, models.Int64Array(a.WorkUnitIDs())
		}
		rows, err := t.Bind(s.q.ListTasks).Queryx(a.CommuneID, models.NullID(f.PlanID), models.NullID(f.UnitID),
			models.NullID(f.AssigneeID), statuses, f.DueFrom, f.DueTo, models.SearchWords(f.Query), after.DueOn,
			models.NullID(after.ID), limit+1, w.Today, w.Soon, w.TZ, units, models.NullID(f.ParentID))
		if err != nil {
			return err
		}
		return taskRows.All(rows, &page.Items)
	})
	if err != nil {
		return nil, err
	}
	cal := s.CalendarOf(ctx, a.CommuneID)
	for i := range page.Items {
		page.Items[i].normalize()
		page.Items[i].setLateness(cal, w.Today)
	}
	page.Trim(limit, func(t Task) any { return []any{t.DueOn, t.ID} })
	return page, nil
}
