package httpx

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"
	"github.com/tiendo/tiendo/models/plans"
)

// requestExtension is POST /tasks/{id}/extensions: ask for a later deadline.
func (h *APIHandler) requestExtension(c *gin.Context) error {
	var in plans.ExtensionInput
	id, _, err := WriteTarget(c, &in)
	if err != nil {
		return err
	}
	x, err := h.Store.RequestExtension(c.Request.Context(), Actor(c), id, in)
	if err != nil {
		return err
	}
	c.Header("Location", "/api/v1/tasks/"+strconv.FormatInt(x.TaskID, 10))
	c.JSON(http.StatusCreated, x)
	return nil
}

// decideExtension is POST /extensions/{id}/decision: approve or refuse.
func (h *APIHandler) decideExtension(c *gin.Context) error {
	var in plans.ExtensionDecision
	id, _, err := WriteTarget(c, &in)
	if err != nil {
		return err
	}
	x, err := h.Store.DecideExtension(c.Request.Context(), Actor(c), id, in)
	return Respond(c, http.StatusOK, x, err)
}
