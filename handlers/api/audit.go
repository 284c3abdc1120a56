package api

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/tiendo/tiendo/handlers/httpx"
	"github.com/tiendo/tiendo/models"
)

func (h *Handler) listAudit(c *gin.Context) error {
	q := httpx.QueryOf(c)
	f := models.AuditFilter{Entity: c.Query("entity"), EntityID: q.ID("id"), Limit: q.Limit(),
		Cursor: c.Query("cursor")}
	if err := q.Err(); err != nil {
		return err
	}
	page, err := h.Store.ListAudit(c.Request.Context(), httpx.Actor(c), f)
	return httpx.Respond(c, http.StatusOK, page, err)
}
