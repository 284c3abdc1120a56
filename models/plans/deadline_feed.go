package plans

import (
	"context"
	"time"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/calendar"
)

// FeedEntry is one open task's deadline in a person's calendar feed.
type FeedEntry struct {
	TaskID     int64
	Title      string
	PlanNumber string
	PlanTitle  string
	Status     string
	DueOn      calendar.Date
	// RemindOn is the working day before the deadline on the commune's
	// calendar (a Monday deadline is recalled on the Friday before).
	RemindOn  calendar.Date
	Version   int
	UpdatedAt time.Time
}

// MaxFeedEntries bounds a feed: a calendar app reads it every few hours.
const MaxFeedEntries = 1000

// feedStatuses are the open statuses, the deadlines still ahead of someone.
var feedStatuses = []string{"overdue", "due_soon", "in_progress", "not_started"}

// communeFeedStatuses are what the chairman's commune feed follows: the
// deadlines that need someone to act now.
var communeFeedStatuses = []string{"overdue", "due_soon"}

// DeadlineFeed lists, by deadline, for a calendar feed of scope, each task
// with its plan's number and the day to be reminded: the actor's open work
// ("Việc của tôi": named to them, or led or supported by a unit they report
// for), or for models.FeedCommune every overdue and due-soon task of the
// commune.
func (s *Store) DeadlineFeed(ctx context.Context, a *models.Actor, scope string) ([]FeedEntry, error) {
	f := TaskFilter{Mine: true, Statuses: feedStatuses, Limit: models.MaxPageSize}
	if scope == models.FeedCommune {
		f = TaskFilter{Statuses: communeFeedStatuses, Limit: models.MaxPageSize}
	}
	var tasks []Task
	for cursor := ""; len(tasks) < MaxFeedEntries; {
		f.Cursor = cursor
		page, err := s.ListTasks(ctx, a, f)
		if err != nil {
			return nil, err
		}
		tasks = append(tasks, page.Items...)
		if page.Next == nil {
			break
		}
		cursor = *page.Next
	}
	plans := map[int64]*Plan{}
	cal := s.CalendarOf(ctx, a.CommuneID)
	out := make([]FeedEntry, 0, len(tasks))
	for _, t := range tasks[:min(len(tasks), MaxFeedEntries)] {
		p, ok := plans[t.PlanID]
		if !ok {
			var err error
			if p, err = s.GetPlan(ctx, a, t.PlanID); err != nil {
				return nil, err
			}
			plans[t.PlanID] = p
		}
		out = append(out, FeedEntry{TaskID: t.ID, Title: t.Title, PlanNumber: p.DocNumber, PlanTitle: p.Title,
			Status: t.Status, DueOn: t.DueOn, RemindOn: cal.AddWorkingDays(t.DueOn, -1), Version: t.Version,
			UpdatedAt: t.UpdatedAt})
	}
	return out, nil
}
