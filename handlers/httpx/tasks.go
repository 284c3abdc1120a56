package httpx

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/plans"
)

// taskFilter reads the task list's query string; assignee=me is the only
// assignee form, since people look for their own work, not others';
// mine=true is "Việc của tôi": named to me or for a unit I work or report for.
func taskFilter(c *gin.Context) (plans.TaskFilter, error) {
	q := &query{c: c}
	f := plans.TaskFilter{PlanID: q.id("plan_id"), UnitID: q.id("unit_id"), DueFrom: q.date("due_from"),
		DueTo: q.date("due_to"), Query: c.Query("q"), Limit: q.limit(), Cursor: c.Query("cursor")}
	switch a := c.Query("assignee"); a {
	case "":
	case "me":
		f.AssigneeID = actor(c).UserID
	default:
		q.v.Add("assignee", "invalid", "assignee chỉ nhận giá trị me")
	}
	f.Mine = q.bool("mine")
	statuses, err := plans.ParseStatuses(c.Query("status"))
	if err != nil {
		q.v.Fields = append(q.v.Fields, err.(*models.ValidationError).Fields...)
	}
	f.Statuses = statuses
	return f, q.err()
}

func (h *APIHandler) listTasks(c *gin.Context) error {
	f, err := taskFilter(c)
	if err != nil {
		return err
	}
	page, err := h.Store.ListTasks(c.Request.Context(), actor(c), f)
	return respond(c, http.StatusOK, page, err)
}

func (h *APIHandler) listPlanTasks(c *gin.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	f, err := taskFilter(c)
	if err != nil {
		return err
	}
	f.PlanID = id
	page, err := h.Store.ListTasks(c.Request.Context(), actor(c), f)
	return respond(c, http.StatusOK, page, err)
}

func (h *APIHandler) createTask(c *gin.Context) error {
	planID, err := pathID(c)
	if err != nil {
		return err
	}
	var in plans.TaskInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	t, err := h.Store.CreateTask(c.Request.Context(), actor(c), planID, in)
	if err != nil {
		return err
	}
	setETag(c, t.Version)
	c.Header("Location", "/api/v1/tasks/"+strconv.FormatInt(t.ID, 10))
	c.JSON(http.StatusCreated, t)
	return nil
}

func (h *APIHandler) getTask(c *gin.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	t, err := h.Store.GetTask(c.Request.Context(), actor(c), id)
	if err != nil {
		return err
	}
	setETag(c, t.Version)
	c.JSON(http.StatusOK, t)
	return nil
}

func (h *APIHandler) updateTask(c *gin.Context) error {
	var patch plans.TaskPatch
	id, version, err := writeTarget(c, &patch)
	if err != nil {
		return err
	}
	t, err := h.Store.UpdateTask(c.Request.Context(), actor(c), id, version, patch)
	if err != nil {
		return err
	}
	setETag(c, t.Version)
	c.JSON(http.StatusOK, t)
	return nil
}

func (h *APIHandler) deleteTask(c *gin.Context) error {
	id, version, err := writeTarget(c, nil)
	if err != nil {
		return err
	}
	return respond(c, http.StatusNoContent, nil, h.Store.DeleteTask(c.Request.Context(), actor(c), id, version))
}

func (h *APIHandler) listProgress(c *gin.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	items, err := h.Store.ListProgress(c.Request.Context(), actor(c), id)
	return respond(c, http.StatusOK, gin.H{"items": items, "next": nil}, err)
}

func (h *APIHandler) reportProgress(c *gin.Context) error {
	var in plans.ProgressInput
	id, version, err := writeTarget(c, &in)
	if err != nil {
		return err
	}
	in.IfMatch = version
	res, err := h.Store.ReportProgress(c.Request.Context(), actor(c), id, in)
	if err != nil {
		return err
	}
	setETag(c, res.Task.Version)
	c.JSON(http.StatusCreated, res)
	return nil
}
