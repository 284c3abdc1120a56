package httpx

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/tiendo/tiendo/models/statistics"
)

// listSnapshots is GET /snapshots?from=&to=&plan_id=&unit_id=: one group's
// daily status counts, for trend charts.
func (h *APIHandler) listSnapshots(c *gin.Context) error {
	q := &query{c: c}
	f := statistics.SnapshotFilter{From: q.date("from"), To: q.date("to"), PlanID: q.id("plan_id"), UnitID: q.id("unit_id")}
	if err := q.err(); err != nil {
		return err
	}
	items, err := h.Store.ListSnapshots(c.Request.Context(), actor(c), f)
	return respond(c, http.StatusOK, gin.H{"items": items, "next": nil}, err)
}
