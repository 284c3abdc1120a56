package httpx

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// provinceRollup is the province_viewer's page of figures: task results per
// commune of its province.
func (h *APIHandler) provinceRollup(c *gin.Context) error {
	q := &query{c: c}
	year := q.year()
	if err := q.err(); err != nil {
		return err
	}
	r, err := h.Store.ProvinceRollup(c.Request.Context(), actor(c), year)
	return respond(c, http.StatusOK, r, err)
}
