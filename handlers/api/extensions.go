package api

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"
	"github.com/tiendo/tiendo/handlers/httpx"
	"github.com/tiendo/tiendo/models/plans"
)

// requestExtension is POST /tasks/{id}/extensions: ask for a later deadline.
func (h *Handler) requestExtension(c *gin.Context) error {
	var in plans.ExtensionInput
	id, _, err := httpx.WriteTarget(c, &in)
	if err != nil {
		return err
	}
	x, err := h.Store.RequestExtension(c.Request.Context(), httpx.Actor(c), id, in)
	if err != nil {
		return err
	}
	c.Header("Location", "/api/v1/tasks/"+strconv.FormatInt(x.TaskID, 10))
	c.JSON(http.StatusCreated, x)
	return nil
}

// decideExtension is POST /extensions/{id}/decision: approve or refuse.
func (h *Handler) decideExtension(c *gin.Context) error {
	var in plans.ExtensionDecision
	id, _, err := httpx.WriteTarget(c, &in)
	if err != nil {
		return err
	}
	x, err := h.Store.DecideExtension(c.Request.Context(), httpx.Actor(c), id, in)
	return httpx.Respond(c, http.StatusOK, x, err)
}
