package api

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/tiendo/tiendo/handlers/httpx"
	"github.com/tiendo/tiendo/models/statistics"
)

// dashboardOptions are the report's options, defaulting to the year to date.
func (h *Handler) dashboardOptions(c *gin.Context) (statistics.ReportOptions, error) {
	return h.periodOptions(c, func() (statistics.Period, error) { return statistics.YearToDate(h.Today(httpx.Actor(c))), nil })
}

func (h *Handler) getDashboard(c *gin.Context) error {
	o, err := h.dashboardOptions(c)
	if err != nil {
		return err
	}
	d, err := h.Store.Dashboard(c.Request.Context(), httpx.Actor(c), o)
	return httpx.Respond(c, http.StatusOK, d, err)
}
