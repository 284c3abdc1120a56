package pages

import (
	"context"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/tiendo/tiendo/handlers/httpx"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/calendar"
	"github.com/tiendo/tiendo/models/plans"
)

// planItem is a plan as the list shows it.
type planItem struct {
	plans.Plan
	KindName string
	Bar      []barSegment
}

// plansData is the Data of the plan list.
type plansData struct {
	Plans    []planItem
	Kinds    []kindOption
	Years    []int
	Statuses []string
	Next     string // URL of the next page, "" on the last
}

// kindOption is a plan kind in the page's language.
type kindOption struct {
	Code, Name string
}

// plansPage lists plans with filters by year, kind, status and free text;
// the search ignores diacritics, so "chuyen doi so" finds "chuyển đổi số".
func (h *Handler) plansPage(c *gin.Context) error {
	ctx, a := c.Request.Context(), httpx.Actor(c)
	f := newForm(c.Request.URL.Query())
	filter := plans.PlanFilter{Kind: f.Value("kind"), Status: f.Value("status"), Query: f.Value("q"),
		Cursor: f.Value("cursor"), Limit: 30}
	if y := f.parseInt("year"); y != nil {
		filter.Year = *y
	}
	page, err := h.Store.ListPlans(ctx, a, filter)
	if err != nil && !f.addError(err) {
		return err
	}
	kinds, err := h.kindOptions(c)
	if err != nil {
		return err
	}
	d := &plansData{Kinds: kinds, Years: recentYears(h.Today(a)), Statuses: plans.PlanStatuses}
	if page != nil {
		d.Plans = planItems(page.Items, kinds)
		if page.Next != nil {
			q := c.Request.URL.Query()
			q.Set("cursor", *page.Next)
			d.Next = "/ke-hoach?" + q.Encode()
		}
	}
	h.render(c, http.StatusOK, "plans", &view{Title: "Kế hoạch", Nav: "plans", Form: f, Data: d})
	return nil
}

func planItems(plans []plans.Plan, kinds []kindOption) []planItem {
	out := make([]planItem, len(plans))
	for i, p := range plans {
		out[i] = planItem{Plan: p, KindName: kindName(kinds, p.Kind), Bar: stackedBar(p.TaskCounts)}
	}
	return out
}

// recentYears are the years offered by the filters: next year back to five
// years ago.
func recentYears(today calendar.Date) []int {
	var ys []int
	for y := today.Year + 1; y >= today.Year-5; y-- {
		ys = append(ys, y)
	}
	return ys
}

// kindOptions lists the plan kinds named in the request's language.
func (h *Handler) kindOptions(c *gin.Context) ([]kindOption, error) {
	kinds, err := h.Store.ListPlanKinds(c.Request.Context())
	if err != nil {
		return nil, err
	}
	out := make([]kindOption, len(kinds))
	for i, k := range kinds {
		out[i] = kindOption{Code: k.Code, Name: k.NameVI}
		if pageLang(c) == langEN {
			out[i].Name = k.NameEN
		}
	}
	return out, nil
}

func kindName(kinds []kindOption, code string) string {
	for _, k := range kinds {
		if k.Code == code {
			return k.Name
		}
	}
	return code
}

// planPageData is the Data of a plan's page.
type planPageData struct {
	Plan          *plans.Plan
	KindName      string
	SteeringUnit  string
	Tasks         []taskItem
	Bar           []barSegment
	Timeline      *timeline
	Today         calendar.Date
	CanManage     bool
	TasksComplete bool // false when the plan has more tasks than one page shows
	TrashDays     int  // how long a deleted plan can be restored
}

// planPage shows a plan: its record, the status of its tasks, a timeline
// of deadlines and the task table.
func (h *Handler) planPage(c *gin.Context) error {
	ctx, a := c.Request.Context(), httpx.Actor(c)
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	p, err := h.Store.GetPlan(ctx, a, id)
	if err != nil {
		return err
	}
	page, err := h.Store.ListTasks(ctx, a, plans.TaskFilter{PlanID: id, Limit: models.MaxPageSize})
	if err != nil {
		return err
	}
	kinds, err := h.kindOptions(c)
	if err != nil {
		return err
	}
	d := &planPageData{Plan: p, KindName: kindName(kinds, p.Kind), Bar: stackedBar(p.TaskCounts),
		Today: h.Today(a), CanManage: a.CanManagePlans(), TasksComplete: page.Next == nil,
		TrashDays: plans.TrashDays}
	// The plan's own tasks, as its figures count them: sub-tasks are listed
	// on their parent's page (issue 19).
	roots := rootTasks(page.Items)
	if d.Tasks, err = h.planTaskItems(ctx, a, p, roots); err != nil {
		return err
	}
	d.Timeline = buildTimeline(roots, d.Today)
	if p.SteeringUnitID != nil {
		units, err := h.unitNames(ctx, a)
		if err != nil {
			return err
		}
		d.SteeringUnit = units[*p.SteeringUnitID]
	}
	h.render(c, http.StatusOK, "plan", &view{Title: p.DocNumber + " " + p.Title, Nav: "plans", Data: d})
	return nil
}

// planTaskItems names the units of a plan's tasks without a plan lookup per task.
func (h *Handler) planTaskItems(ctx context.Context, a *models.Actor, p *plans.Plan, tasks []plans.Task) ([]taskItem, error) {
	units, err := h.unitNames(ctx, a)
	if err != nil {
		return nil, err
	}
	out := make([]taskItem, len(tasks))
	for i, t := range tasks {
		out[i] = taskItem{Task: t, Plan: p.DocNumber, LeadUnit: units[t.LeadUnitID], CanReport: t.CanReportProgress(a)}
	}
	return out, nil
}

func idString(id int64) string { return strconv.FormatInt(id, 10) }
