package api

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/tiendo/tiendo/handlers/httpx"
	"github.com/tiendo/tiendo/models/statistics"
)

// listSnapshots is GET /snapshots?from=&to=&plan_id=&unit_id=: one group's
// daily status counts, for trend charts.
func (h *Handler) listSnapshots(c *gin.Context) error {
	q := httpx.QueryOf(c)
	f := statistics.SnapshotFilter{From: q.Date("from"), To: q.Date("to"), PlanID: q.ID("plan_id"), UnitID: q.ID("unit_id")}
	if err := q.Err(); err != nil {
		return err
	}
	items, err := h.Store.ListSnapshots(c.Request.Context(), httpx.Actor(c), f)
	return httpx.Respond(c, http.StatusOK, gin.H{"items": items, "next": nil}, err)
}
