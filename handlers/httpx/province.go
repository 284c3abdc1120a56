package httpx

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// provinceRollup is the province_viewer's page of figures: task results per
// commune of its province.
func (h *APIHandler) provinceRollup(c *gin.Context) error {
	q := QueryOf(c)
	year := q.Year()
	if err := q.Err(); err != nil {
		return err
	}
	r, err := h.Store.ProvinceRollup(c.Request.Context(), Actor(c), year)
	return Respond(c, http.StatusOK, r, err)
}
