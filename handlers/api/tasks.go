package api

import (
	"context"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/tiendo/tiendo/handlers/httpx"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/plans"
)

// taskFilter reads the task list's query string; assignee=me is the only
// assignee form, since people look for their own work, not others';
// mine=true is "Việc của tôi": named to me or for a unit I work or report for.
func taskFilter(c *gin.Context) (plans.TaskFilter, error) {
	q := httpx.QueryOf(c)
	f := plans.TaskFilter{PlanID: q.ID("plan_id"), UnitID: q.ID("unit_id"), DueFrom: q.Date("due_from"),
		DueTo: q.Date("due_to"), Query: c.Query("q"), Limit: q.Limit(), Cursor: c.Query("cursor"),
		ParentID: q.ID("parent_id")}
	switch a := c.Query("assignee"); a {
	case "":
	case "me":
		f.AssigneeID = httpx.Actor(c).UserID
	default:
		q.Invalid("assignee", "invalid", "assignee chỉ nhận giá trị me")
	}
	f.Mine = q.Bool("mine")
	statuses, err := plans.ParseStatuses(c.Query("status"))
	if err != nil {
		q.InvalidAll(err.(*models.ValidationError))
	}
	f.Statuses = statuses
	return f, q.Err()
}

func (h *Handler) listTasks(c *gin.Context) error {
	f, err := taskFilter(c)
	if err != nil {
		return err
	}
	page, err := h.Store.ListTasks(c.Request.Context(), httpx.Actor(c), f)
	return httpx.RespondPage(c, page, err)
}

func (h *Handler) listPlanTasks(c *gin.Context) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	f, err := taskFilter(c)
	if err != nil {
		return err
	}
	f.PlanID = id
	page, err := h.Store.ListTasks(c.Request.Context(), httpx.Actor(c), f)
	return httpx.RespondPage(c, page, err)
}

func (h *Handler) createTask(c *gin.Context) error { return taskCreated(c, h.Store.CreateTask) }

// createSubtask forwards part of a task as a sub-task (issue 19): the body
// is a task's; the plan is the parent's.
func (h *Handler) createSubtask(c *gin.Context) error { return taskCreated(c, h.Store.CreateSubtask) }

// taskCreated binds a task's body and answers 201 with what create (a task
// in the plan, or a sub-task of the task, the path names) made of it.
func taskCreated(c *gin.Context, create func(context.Context, *models.Actor, int64, plans.TaskInput) (*plans.Task, error)) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	var in plans.TaskInput
	if err := httpx.BindJSON(c, &in); err != nil {
		return err
	}
	t, err := create(c.Request.Context(), httpx.Actor(c), id, in)
	if err != nil {
		return err
	}
	httpx.SetETag(c, t.Version)
	c.Header("Location", "/api/v1/tasks/"+strconv.FormatInt(t.ID, 10))
	c.JSON(http.StatusCreated, t)
	return nil
}

func (h *Handler) getTask(c *gin.Context) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	t, err := h.Store.GetTask(c.Request.Context(), httpx.Actor(c), id)
	if err != nil {
		return err
	}
	httpx.SetETag(c, t.Version)
	c.JSON(http.StatusOK, t)
	return nil
}

func (h *Handler) updateTask(c *gin.Context) error {
	var patch plans.TaskPatch
	id, version, err := httpx.WriteTarget(c, &patch)
	if err != nil {
		return err
	}
	t, err := h.Store.UpdateTask(c.Request.Context(), httpx.Actor(c), id, version, patch)
	if err != nil {
		return err
	}
	httpx.SetETag(c, t.Version)
	c.JSON(http.StatusOK, t)
	return nil
}

func (h *Handler) deleteTask(c *gin.Context) error {
	id, version, err := httpx.WriteTarget(c, nil)
	if err != nil {
		return err
	}
	return httpx.Respond(c, http.StatusNoContent, nil, h.Store.DeleteTask(c.Request.Context(), httpx.Actor(c), id, version))
}

func (h *Handler) listProgress(c *gin.Context) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	items, err := h.Store.ListProgress(c.Request.Context(), httpx.Actor(c), id)
	return httpx.Respond(c, http.StatusOK, gin.H{"items": items, "next": nil}, err)
}

func (h *Handler) reportProgress(c *gin.Context) error {
	if httpx.IsMultipart(c) { // with evidence files (progress_form.go)
		return h.reportProgressForm(c)
	}
	var in plans.ProgressInput
	id, version, err := httpx.WriteTarget(c, &in)
	if err != nil {
		return err
	}
	in.IfMatch = version
	res, err := h.Store.ReportProgress(c.Request.Context(), httpx.Actor(c), id, in)
	if err != nil {
		return err
	}
	httpx.SetETag(c, res.Task.Version)
	c.JSON(http.StatusCreated, res)
	return nil
}
