package pages

import (
	"cmp"
	"context"
	"net/http"
	"slices"

	"github.com/gin-gonic/gin"

	"github.com/tiendo/tiendo/handlers/httpx"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/calendar"
	"github.com/tiendo/tiendo/models/plans"
)

// taskItem is a task as the lists show it, with the names it refers to.
type taskItem struct {
	plans.Task
	Plan      string // the plan's document number
	LeadUnit  string
	CanReport bool
}

// myTasksData is the Data of "Việc của tôi".
type myTasksData struct {
	Today   calendar.Date
	Open    []taskItem
	Done    []taskItem
	Overdue int
	DueSoon int
}

var (
	openStatuses = []string{"overdue", "due_soon", "in_progress", "not_started"}
	doneStatuses = []string{"done_on_time", "done_late"}
)

// recentDays is how far back "recently completed" reaches, by deadline.
const recentDays = 60

// myTasksPage lists the work of the person and of their units: overdue and
// due-soon first, each with a one-tap "report progress" button.
func (h *Handler) myTasksPage(c *gin.Context) error {
	ctx, a := c.Request.Context(), httpx.Actor(c)
	today := h.Today(a)
	open, err := h.myTasks(ctx, a, plans.TaskFilter{Statuses: openStatuses})
	if err != nil {
		return err
	}
	done, err := h.myTasks(ctx, a, plans.TaskFilter{Statuses: doneStatuses, DueFrom: today.AddDays(-recentDays)})
	if err != nil {
		return err
	}
	slices.SortStableFunc(open, func(x, y plans.Task) int {
		return cmp.Or(cmp.Compare(slices.Index(openStatuses, x.Status), slices.Index(openStatuses, y.Status)),
			x.DueOn.Compare(y.DueOn), cmp.Compare(x.ID, y.ID))
	})
	d := &myTasksData{Today: today}
	items, err := h.taskItems(ctx, a, slices.Concat(open, done)) // units and plans read once for both lists
	if err != nil {
		return err
	}
	d.Open, d.Done = items[:len(open)], items[len(open):]
	for _, t := range open {
		d.Overdue += b2i(t.Status == "overdue")
		d.DueSoon += b2i(t.Status == "due_soon")
	}
	h.render(c, http.StatusOK, "my_tasks", &view{Title: "Việc của tôi", Nav: "mine", Data: d})
	return nil
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// myTasks lists the tasks named to the actor or involving one of their
// units or the units they report for (a hamlet team's hamlet), once each. It
// reads the first page, which holds a person's workload.
func (h *Handler) myTasks(ctx context.Context, a *models.Actor, f plans.TaskFilter) ([]plans.Task, error) {
	f.Mine, f.Limit = true, models.MaxPageSize
	page, err := h.Store.ListTasks(ctx, a, f)
	if err != nil {
		return nil, err
	}
	return page.Items, nil
}

// taskItems adds plan numbers and unit names to tasks.
func (h *Handler) taskItems(ctx context.Context, a *models.Actor, tasks []plans.Task) ([]taskItem, error) {
	units, err := h.unitNames(ctx, a)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, 0, len(tasks))
	for _, t := range tasks {
		ids = append(ids, t.PlanID)
	}
	plans, err := h.Store.PlanDocNumbers(ctx, a, ids) // one statement, not one per plan
	if err != nil {
		return nil, err
	}
	out := make([]taskItem, len(tasks))
	for i, t := range tasks {
		out[i] = taskItem{Task: t, Plan: plans[t.PlanID], LeadUnit: units[t.LeadUnitID], CanReport: t.CanReportProgress(a) && !t.RolledUp}
	}
	return out, nil
}

// unitNames maps the commune's unit ids to names.
func (h *Handler) unitNames(ctx context.Context, a *models.Actor) (map[int64]string, error) {
	units, err := h.Store.ListUnits(ctx, a)
	if err != nil {
		return nil, err
	}
	m := make(map[int64]string, len(units))
	for _, u := range units {
		m[u.ID] = u.Name
	}
	return m, nil
}

// userNames maps the commune's account ids to full names.
func (h *Handler) userNames(ctx context.Context, a *models.Actor) (map[int64]string, error) {
	users, err := h.Store.ListUsers(ctx, a)
	if err != nil {
		return nil, err
	}
	m := make(map[int64]string, len(users))
	for _, u := range users {
		m[u.ID] = u.FullName
	}
	return m, nil
}

// names looks ids up in a name map, in order.
func names(m map[int64]string, ids []int64) []string {
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		out = append(out, m[id])
	}
	return out
}
