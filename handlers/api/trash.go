package api

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/tiendo/tiendo/handlers/httpx"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/plans"
)

// trashList is the recycle bin as the API answers it: a page of plans and
// how long a plan stays.
type trashList struct {
	*models.Page[plans.TrashedPlan]
	TrashDays int `json:"trash_days"`
}

func (h *Handler) listTrash(c *gin.Context) error {
	q := httpx.QueryOf(c)
	f := plans.TrashFilter{Limit: q.Limit(), Cursor: c.Query("cursor")}
	if err := q.Err(); err != nil {
		return err
	}
	page, err := h.Store.ListTrash(c.Request.Context(), httpx.Actor(c), f)
	return httpx.Respond(c, http.StatusOK, trashList{Page: page, TrashDays: plans.TrashDays}, err)
}

func (h *Handler) restorePlan(c *gin.Context) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	p, err := h.Store.RestorePlan(c.Request.Context(), httpx.Actor(c), id)
	if err != nil {
		return err
	}
	httpx.SetETag(c, p.Version)
	c.JSON(http.StatusOK, p)
	return nil
}
