package handlers

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"
	"github.com/tiendo/tiendo/models/plans"
)

// createSeries is POST /plans/{id}/series.
func (h *apiHandler) createSeries(c *gin.Context) error {
	planID, err := pathID(c)
	if err != nil {
		return err
	}
	var in plans.SeriesInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	sr, err := h.store.CreateSeries(c.Request.Context(), actor(c), planID, in)
	if err != nil {
		return err
	}
	setETag(c, sr.Version)
	c.Header("Location", "/api/v1/series/"+strconv.FormatInt(sr.ID, 10))
	c.JSON(http.StatusCreated, sr)
	return nil
}

// listSeries is GET /plans/{id}/series.
func (h *apiHandler) listSeries(c *gin.Context) error {
	planID, err := pathID(c)
	if err != nil {
		return err
	}
	items, err := h.store.ListSeries(c.Request.Context(), actor(c), planID)
	return respond(c, http.StatusOK, gin.H{"items": items, "next": nil}, err)
}

// getSeries is GET /series/{id}.
func (h *apiHandler) getSeries(c *gin.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	sr, err := h.store.GetSeries(c.Request.Context(), actor(c), id)
	if err != nil {
		return err
	}
	setETag(c, sr.Version)
	c.JSON(http.StatusOK, sr)
	return nil
}

// updateSeries is PATCH /series/{id}.
func (h *apiHandler) updateSeries(c *gin.Context) error {
	var patch plans.SeriesPatch
	id, version, err := writeTarget(c, &patch)
	if err != nil {
		return err
	}
	sr, err := h.store.UpdateSeries(c.Request.Context(), actor(c), id, version, patch)
	if err != nil {
		return err
	}
	setETag(c, sr.Version)
	c.JSON(http.StatusOK, sr)
	return nil
}

// stopSeries is DELETE /series/{id}: the series stops, its past stays.
func (h *apiHandler) stopSeries(c *gin.Context) error {
	id, version, err := writeTarget(c, nil)
	if err != nil {
		return err
	}
	return respond(c, http.StatusNoContent, nil, h.store.StopSeries(c.Request.Context(), actor(c), id, version))
}
