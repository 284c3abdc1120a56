package api

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/tiendo/tiendo/handlers/httpx"
	"github.com/tiendo/tiendo/models/plans"
)

// createSubtask forwards part of a task as a sub-task (issue 19): the body
// is a task's; the plan is the parent's.
func (h *Handler) createSubtask(c *gin.Context) error {
	parentID, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	var in plans.TaskInput
	if err := httpx.BindJSON(c, &in); err != nil {
		return err
	}
	t, err := h.Store.CreateSubtask(c.Request.Context(), httpx.Actor(c), parentID, in)
	if err != nil {
		return err
	}
	httpx.SetETag(c, t.Version)
	c.Header("Location", "/api/v1/tasks/"+strconv.FormatInt(t.ID, 10))
	c.JSON(http.StatusCreated, t)
	return nil
}
