package api

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"
	"github.com/tiendo/tiendo/handlers/httpx"
	"github.com/tiendo/tiendo/models/plans"
)

// createSeries is POST /plans/{id}/series.
func (h *Handler) createSeries(c *gin.Context) error {
	planID, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	var in plans.SeriesInput
	if err := httpx.BindJSON(c, &in); err != nil {
		return err
	}
	sr, err := h.Store.CreateSeries(c.Request.Context(), httpx.Actor(c), planID, in)
	if err != nil {
		return err
	}
	httpx.SetETag(c, sr.Version)
	c.Header("Location", "/api/v1/series/"+strconv.FormatInt(sr.ID, 10))
	c.JSON(http.StatusCreated, sr)
	return nil
}

// listSeries is GET /plans/{id}/series.
func (h *Handler) listSeries(c *gin.Context) error {
	planID, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	items, err := h.Store.ListSeries(c.Request.Context(), httpx.Actor(c), planID)
	return httpx.Respond(c, http.StatusOK, gin.H{"items": items, "next": nil}, err)
}

// getSeries is GET /series/{id}.
func (h *Handler) getSeries(c *gin.Context) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	sr, err := h.Store.GetSeries(c.Request.Context(), httpx.Actor(c), id)
	if err != nil {
		return err
	}
	httpx.SetETag(c, sr.Version)
	c.JSON(http.StatusOK, sr)
	return nil
}

// updateSeries is PATCH /series/{id}.
func (h *Handler) updateSeries(c *gin.Context) error {
	var patch plans.SeriesPatch
	id, version, err := httpx.WriteTarget(c, &patch)
	if err != nil {
		return err
	}
	sr, err := h.Store.UpdateSeries(c.Request.Context(), httpx.Actor(c), id, version, patch)
	if err != nil {
		return err
	}
	httpx.SetETag(c, sr.Version)
	c.JSON(http.StatusOK, sr)
	return nil
}

// stopSeries is DELETE /series/{id}: the series stops, its past stays.
func (h *Handler) stopSeries(c *gin.Context) error {
	id, version, err := httpx.WriteTarget(c, nil)
	if err != nil {
		return err
	}
	return httpx.Respond(c, http.StatusNoContent, nil, h.Store.StopSeries(c.Request.Context(), httpx.Actor(c), id, version))
}
