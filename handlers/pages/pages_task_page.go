package pages

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/tiendo/tiendo/handlers/httpx"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/calendar"
	"github.com/tiendo/tiendo/models/plans"
)

// historyItem is one event of a task's history with the evidence filed with it.
type historyItem struct {
	plans.HistoryEntry
	Files []plans.Attachment
}

// taskPageData is the Data of the task page.
type taskPageData struct {
	Task            plans.Task
	Plan            *plans.Plan
	Today           calendar.Date
	LeadUnit        string
	SupportingUnits []string
	Assignees       []string
	AcceptedBy      string
	History         []historyItem
	Audit           []models.AuditEntry
	Deliveries      []deliveryRow
	Users           map[int64]string
	CanReport       bool
	CanEdit         bool
	CanComment      bool
	CanEvaluate     bool
	// Deadline extensions: the history, the pending request, and who may
	// ask (reporters of an open task) or decide (the chairman).
	Extensions []plans.Extension
	Pending    *plans.Extension
	CanExtend  bool
	CanDecide  bool
	subtaskData
}

// taskPage shows a task: details, its history of reports (with evidence),
// comments and evaluations, the reminders sent about it (all of them to the
// admin and chairman, one's own to everyone else, as the API), and for those
// who answer for the record the audit trail. Another commune's task is a 404 page, as in the API.
func (h *Handler) taskPage(c *gin.Context) error {
	return h.showTask(c, http.StatusOK, newForm(nil))
}

// showTask renders the task page with f as the comment and evaluation form.
func (h *Handler) showTask(c *gin.Context, status int, f *form) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	d, err := h.taskPageData(c, id)
	if err != nil {
		return err
	}
	h.render(c, status, "task", &view{Title: d.Task.Title, Nav: "plans", Form: f, Data: d})
	return nil
}

func (h *Handler) taskPageData(c *gin.Context, id int64) (*taskPageData, error) {
	ctx, a := c.Request.Context(), httpx.Actor(c)
	t, err := h.Store.GetTask(ctx, a, id)
	if err != nil {
		return nil, err
	}
	d := &taskPageData{Task: *t, Today: h.Today(a), CanReport: t.CanReportProgress(a) && t.CancelledAt == nil,
		CanEdit: t.CanEdit(a), CanComment: t.CanComment(a),
		CanEvaluate: t.CanEvaluate(a) && t.CompletedAt != nil && t.AcceptedAt == nil && t.CancelledAt == nil}
	d.setExtensions(a)
	if err := h.loadSubtasks(c, d); err != nil {
		return nil, err
	}
	if d.Plan, err = h.Store.GetPlan(ctx, a, t.PlanID); err != nil {
		return nil, err
	}
	units, err := h.unitNames(ctx, a)
	if err != nil {
		return nil, err
	}
	if d.Users, err = h.userNames(ctx, a); err != nil {
		return nil, err
	}
	d.UnitNames = units
	d.LeadUnit, d.SupportingUnits, d.Assignees = units[t.LeadUnitID], names(units, t.SupportingUnitIDs), names(d.Users, t.AssigneeIDs)
	if t.AcceptedBy != nil {
		d.AcceptedBy = d.Users[*t.AcceptedBy]
	}
	if d.History, err = h.taskHistory(c, id); err != nil {
		return nil, err
	}
	if d.Deliveries, err = h.taskDeliveries(c, id); err != nil {
		return nil, err
	}
	if a.CanReadAudit() {
		page, err := h.Store.ListAudit(ctx, a, models.AuditFilter{Entity: "task", EntityID: id, Limit: 50})
		if err != nil {
			return nil, err
		}
		d.Audit = page.Items
	}
	return d, nil
}

// taskHistory is the task's merged history, newest first, with each
// report's evidence files.
func (h *Handler) taskHistory(c *gin.Context, id int64) ([]historyItem, error) {
	ctx, a := c.Request.Context(), httpx.Actor(c)
	entries, err := h.Store.TaskHistory(ctx, a, id)
	if err != nil {
		return nil, err
	}
	files, err := h.Store.ListAttachments(ctx, a, id)
	if err != nil {
		return nil, err
	}
	byReport := map[int64][]plans.Attachment{}
	for _, f := range files {
		byReport[f.ProgressID] = append(byReport[f.ProgressID], f)
	}
	out := make([]historyItem, len(entries))
	for i, e := range entries {
		item := historyItem{HistoryEntry: e}
		if e.Kind == "progress" {
			item.Files = byReport[e.ID]
		}
		out[len(entries)-1-i] = item
	}
	return out, nil
}

// commentSubmit adds a comment; an invalid one shows the page again with
// the text kept and the error beside the box.
func (h *Handler) commentSubmit(c *gin.Context) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	f := newForm(postForm(c))
	_, err = h.Store.AddComment(c.Request.Context(), httpx.Actor(c), id, plans.CommentInput{Body: f.Value("body")})
	return h.afterTaskForm(c, id, f, err, "commented")
}

// evaluateSubmit accepts or returns a task reported done.
func (h *Handler) evaluateSubmit(c *gin.Context) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	f := newForm(postForm(c))
	in := plans.EvaluationInput{Decision: f.Value("decision"), Note: f.Value("reason"), DueOn: f.parseDate("new_due_on")}
	if f.Invalid() {
		return h.showTask(c, http.StatusUnprocessableEntity, f)
	}
	_, err = h.Store.EvaluateTask(c.Request.Context(), httpx.Actor(c), id, in)
	return h.afterTaskForm(c, id, f, renameFields(err, map[string]string{"note": "reason", "due_on": "new_due_on"}),
		"evaluated")
}

// afterTaskForm finishes a form posted from the task page: back to the page
// with a confirmation, or the page again with the errors in place.
func (h *Handler) afterTaskForm(c *gin.Context, id int64, f *form, err error, flash string) error {
	if err == nil {
		redirect(c, taskURL(id)+"?flash="+flash)
		return nil
	}
	if !f.addError(err) {
		return err
	}
	return h.showTask(c, http.StatusUnprocessableEntity, f)
}

// setExtensions fills the page's extension section from the task.
func (d *taskPageData) setExtensions(a *models.Actor) {
	t := &d.Task
	if t.Extensions != nil {
		d.Extensions = *t.Extensions
	}
	for i := range d.Extensions {
		if d.Extensions[i].Status == models.ExtensionPending {
			d.Pending = &d.Extensions[i]
		}
	}
	open := t.CompletedAt == nil && t.CancelledAt == nil
	d.CanExtend = open && d.Pending == nil && t.CanReportProgress(a)
	d.CanDecide = d.Pending != nil && t.CanDecideExtension(a)
}
