package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/tiendo/tiendo/models"
)

// dashboardOptions are the report's options, defaulting to the year to date.
func (h *handler) dashboardOptions(c *gin.Context) (models.ReportOptions, error) {
	return h.periodOptions(c, func() (models.Period, error) { return models.YearToDate(h.today(actor(c))), nil })
}

func (h *handler) getDashboard(c *gin.Context) error {
	o, err := h.dashboardOptions(c)
	if err != nil {
		return err
	}
	d, err := h.store.Dashboard(c.Request.Context(), actor(c), o)
	return respond(c, http.StatusOK, d, err)
}
