package pages

import (
	"context"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/tiendo/tiendo/handlers/httpx"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/plans"
)

// subtaskData is the task page's sub-task section (issue 19): the parent it
// was forwarded from, the sub-tasks with their statuses and a mini timeline,
// and whether the reader may forward a part of it.
type subtaskData struct {
	Parent      *plans.Task
	Subtasks    []plans.Task
	SubTimeline *timeline
	CanForward  bool
	// UnitNames names the sub-tasks' lead units (the page's units by id).
	UnitNames map[int64]string
}

// maxSubtasksShown bounds the list on the page; the API pages the rest.
const maxSubtasksShown = 100

// loadSubtasks fills d's sub-task section.
func (h *Handler) loadSubtasks(c *gin.Context, d *taskPageData) error {
	ctx, a, t := c.Request.Context(), httpx.Actor(c), &d.Task
	d.CanForward = t.CanForward(a) && t.CancelledAt == nil && t.CompletedAt == nil
	// A parent's figures come from its sub-tasks: it takes no report itself.
	d.CanReport = d.CanReport && !t.RolledUp
	if t.ParentID != nil {
		p, err := h.Store.GetTask(ctx, a, *t.ParentID)
		if err != nil {
			return err
		}
		d.Parent = p
	}
	if len(t.SubtaskIDs) == 0 {
		return nil
	}
	page, err := h.Store.ListTasks(ctx, a, plans.TaskFilter{ParentID: t.ID, Limit: maxSubtasksShown})
	if err != nil {
		return err
	}
	d.Subtasks, d.SubTimeline = page.Items, buildTimeline(page.Items, d.Today)
	return nil
}

// forwardPage shows the task form for a sub-task of the task: the parent's
// deadline offered, since a part is not due after the whole.
func (h *Handler) forwardPage(c *gin.Context) error {
	p, parent, err := h.forwardable(c)
	if err != nil {
		return err
	}
	f := newForm(nil)
	start := h.Today(httpx.Actor(c))
	if parent.StartOn.After(start) {
		start = parent.StartOn
	}
	f.values.Set("start_on", start.String())
	f.values.Set("due_on", parent.DueOn.String())
	f.values.Set("target_unit", parent.TargetUnit)
	return h.showForwardForm(c, http.StatusOK, p, parent, f)
}

// forwardSubmit creates the sub-task and goes back to the parent's page.
func (h *Handler) forwardSubmit(c *gin.Context) error {
	p, parent, err := h.forwardable(c)
	if err != nil {
		return err
	}
	f := newForm(postForm(c))
	t, err := h.postNewTask(c, f, parent.CheckSubtaskDue,
		func(ctx context.Context, a *models.Actor, in plans.TaskInput) (*plans.Task, error) {
			return h.Store.CreateSubtask(ctx, a, parent.ID, in)
		})
	switch {
	case err != nil:
		return err
	case t != nil:
		redirect(c, taskURL(parent.ID)+"?flash=forwarded#subtask-"+idString(t.ID))
		return nil
	}
	return h.showForwardForm(c, http.StatusUnprocessableEntity, p, parent, f)
}

// forwardable is the task of the path, for a forward (404, 403, 409).
func (h *Handler) forwardable(c *gin.Context) (*plans.Plan, *plans.Task, error) {
	id, err := httpx.PathID(c)
	if err != nil {
		return nil, nil, err
	}
	return h.Store.TaskToForward(c.Request.Context(), httpx.Actor(c), id)
}

// showForwardForm is the task form titled and posted for a forward.
func (h *Handler) showForwardForm(c *gin.Context, status int, p *plans.Plan, parent *plans.Task, f *form) error {
	d, err := h.taskFormData(c, p, nil)
	if err != nil {
		return err
	}
	d.Parent = parent
	h.render(c, status, "task_form", &view{Title: "Giao tiếp cho đơn vị/người khác", Nav: "plans", Form: f, Data: d})
	return nil
}

// rootTasks are the tasks of tasks that were not forwarded from another.
func rootTasks(tasks []plans.Task) []plans.Task {
	out := make([]plans.Task, 0, len(tasks))
	for _, t := range tasks {
		if t.ParentID == nil {
			out = append(out, t)
		}
	}
	return out
}
