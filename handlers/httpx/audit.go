package httpx

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/tiendo/tiendo/models"
)

func (h *APIHandler) listAudit(c *gin.Context) error {
	q := &query{c: c}
	f := models.AuditFilter{Entity: c.Query("entity"), EntityID: q.id("id"), Limit: q.limit(),
		Cursor: c.Query("cursor")}
	if err := q.err(); err != nil {
		return err
	}
	page, err := h.Store.ListAudit(c.Request.Context(), actor(c), f)
	return respond(c, http.StatusOK, page, err)
}
