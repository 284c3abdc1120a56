package api

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/tiendo/tiendo/handlers/httpx"
	"github.com/tiendo/tiendo/models/plans"
)

// evaluateTask accepts or returns a task reported done.
func (h *Handler) evaluateTask(c *gin.Context) error {
	var in plans.EvaluationInput
	id, _, err := httpx.WriteTarget(c, &in)
	if err != nil {
		return err
	}
	res, err := h.Store.EvaluateTask(c.Request.Context(), httpx.Actor(c), id, in)
	if err != nil {
		return err
	}
	httpx.SetETag(c, res.Task.Version)
	c.JSON(http.StatusCreated, res)
	return nil
}

func (h *Handler) addComment(c *gin.Context) error {
	var in plans.CommentInput
	id, _, err := httpx.WriteTarget(c, &in)
	if err != nil {
		return err
	}
	r, err := h.Store.AddComment(c.Request.Context(), httpx.Actor(c), id, in)
	return httpx.Respond(c, http.StatusCreated, r, err)
}

func (h *Handler) listComments(c *gin.Context) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	items, err := h.Store.ListComments(c.Request.Context(), httpx.Actor(c), id)
	return httpx.Respond(c, http.StatusOK, gin.H{"items": items, "next": nil}, err)
}

// listTaskHistory is the task's progress reports, comments and evaluations in
// one time line.
func (h *Handler) listTaskHistory(c *gin.Context) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	items, err := h.Store.TaskHistory(c.Request.Context(), httpx.Actor(c), id)
	return httpx.Respond(c, http.StatusOK, gin.H{"items": items, "next": nil}, err)
}
