package api

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/tiendo/tiendo/handlers/httpx"
)

// provinceRollup is the province_viewer's page of figures: task results per
// commune of its province.
func (h *Handler) provinceRollup(c *gin.Context) error {
	q := httpx.QueryOf(c)
	year := q.Year()
	if err := q.Err(); err != nil {
		return err
	}
	r, err := h.Store.ProvinceRollup(c.Request.Context(), httpx.Actor(c), year)
	return httpx.Respond(c, http.StatusOK, r, err)
}
