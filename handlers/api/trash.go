package api

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/tiendo/tiendo/handlers/httpx"
	"github.com/tiendo/tiendo/models/plans"
)

// trashList is the recycle bin as the API answers it.
type trashList struct {
	Items     []plans.TrashedPlan `json:"items"`
	TrashDays int                 `json:"trash_days"`
}

func (h *Handler) listTrash(c *gin.Context) error {
	items, err := h.Store.ListTrash(c.Request.Context(), httpx.Actor(c))
	return httpx.Respond(c, http.StatusOK, trashList{Items: items, TrashDays: plans.TrashDays}, err)
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
