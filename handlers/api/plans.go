package api

import (
	"net/http"
	"slices"
	"strconv"

	"github.com/gin-gonic/gin"
	"github.com/tiendo/tiendo/handlers/httpx"
	"github.com/tiendo/tiendo/models/plans"
)

func (h *Handler) listPlans(c *gin.Context) error {
	q := httpx.QueryOf(c)
	f := plans.PlanFilter{Year: q.Year(), Kind: c.Query("kind"), Status: c.Query("status"),
		Query: c.Query("q"), Limit: q.Limit(), Cursor: c.Query("cursor")}
	if f.Status != "" && !slices.Contains(plans.PlanStatuses, f.Status) {
		q.Invalid("status", "invalid", "trạng thái kế hoạch phải là draft, active, completed hoặc cancelled")
	}
	if err := q.Err(); err != nil {
		return err
	}
	page, err := h.Store.ListPlans(c.Request.Context(), httpx.Actor(c), f)
	return httpx.Respond(c, http.StatusOK, page, err)
}

func (h *Handler) createPlan(c *gin.Context) error {
	var in plans.PlanInput
	if err := httpx.BindJSON(c, &in); err != nil {
		return err
	}
	p, err := h.Store.CreatePlan(c.Request.Context(), httpx.Actor(c), in)
	if err != nil {
		return err
	}
	httpx.SetETag(c, p.Version)
	c.Header("Location", "/api/v1/plans/"+strconv.FormatInt(p.ID, 10))
	c.JSON(http.StatusCreated, p)
	return nil
}

func (h *Handler) getPlan(c *gin.Context) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	p, err := h.Store.GetPlan(c.Request.Context(), httpx.Actor(c), id)
	if err != nil {
		return err
	}
	httpx.SetETag(c, p.Version)
	c.JSON(http.StatusOK, p)
	return nil
}

func (h *Handler) updatePlan(c *gin.Context) error {
	var patch plans.PlanPatch
	id, version, err := httpx.WriteTarget(c, &patch)
	if err != nil {
		return err
	}
	p, err := h.Store.UpdatePlan(c.Request.Context(), httpx.Actor(c), id, version, patch)
	if err != nil {
		return err
	}
	httpx.SetETag(c, p.Version)
	c.JSON(http.StatusOK, p)
	return nil
}

func (h *Handler) deletePlan(c *gin.Context) error {
	id, version, err := httpx.WriteTarget(c, nil)
	if err != nil {
		return err
	}
	_, err = h.Store.DeletePlan(c.Request.Context(), httpx.Actor(c), id, version)
	return httpx.Respond(c, http.StatusNoContent, nil, err)
}
