package api

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/tiendo/tiendo/handlers/httpx"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/statistics"
)

// thisYear is the current year in Vietnam, the default of year filters.
func (h *Handler) thisYear() int { return h.Store.Clock().Now().In(models.VietnamTime).Year() }

// Year reads the year query parameter, defaulting to this year.
func (h *Handler) year(c *gin.Context) (int, error) {
	q := httpx.QueryOf(c)
	y := q.Year()
	if y == 0 {
		y = h.thisYear()
	}
	return y, q.Err()
}

func (h *Handler) listIndicators(c *gin.Context) error {
	year, err := h.year(c)
	if err != nil {
		return err
	}
	cat, err := h.Store.Indicators(c.Request.Context(), httpx.Actor(c), year)
	return httpx.Respond(c, http.StatusOK, cat, err)
}

func (h *Handler) createIndicator(c *gin.Context) error {
	var in statistics.NewIndicator
	if err := httpx.BindJSON(c, &in); err != nil {
		return err
	}
	ind, err := h.Store.CreateIndicator(c.Request.Context(), httpx.Actor(c), in)
	return httpx.Respond(c, http.StatusCreated, ind, err)
}

func (h *Handler) updateIndicator(c *gin.Context) error {
	version, err := httpx.IfMatch(c)
	if err != nil {
		return err
	}
	var p statistics.IndicatorPatch
	if err := httpx.BindJSON(c, &p); err != nil {
		return err
	}
	ind, err := h.Store.UpdateIndicator(c.Request.Context(), httpx.Actor(c), c.Param("code"), version, p)
	return httpx.Respond(c, http.StatusOK, ind, err)
}

func (h *Handler) setIndicatorTarget(c *gin.Context) error {
	year, err := strconv.Atoi(c.Param("year"))
	if err != nil {
		return models.ErrNotFound
	}
	var in statistics.TargetInput
	if err := httpx.BindJSON(c, &in); err != nil {
		return err
	}
	ind, err := h.Store.SetTarget(c.Request.Context(), httpx.Actor(c), c.Param("code"), year, in)
	return httpx.Respond(c, http.StatusOK, ind, err)
}

func (h *Handler) listIndicatorValues(c *gin.Context) error {
	year, err := h.year(c)
	if err != nil {
		return err
	}
	vals, err := h.Store.IndicatorValues(c.Request.Context(), httpx.Actor(c), c.Param("code"), year)
	return httpx.Respond(c, http.StatusOK, gin.H{"items": vals, "next": nil}, err)
}

func (h *Handler) recordIndicatorValue(c *gin.Context) error {
	p, err := statistics.ParsePeriod(c.Param("period"))
	if err != nil {
		return err
	}
	var in statistics.ValueInput
	if err := httpx.BindJSON(c, &in); err != nil {
		return err
	}
	v, err := h.Store.RecordValue(c.Request.Context(), httpx.Actor(c), c.Param("code"), p, in)
	return httpx.Respond(c, http.StatusOK, v, err)
}

func (h *Handler) getTaskIndicators(c *gin.Context) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	codes, err := h.Store.TaskIndicators(c.Request.Context(), httpx.Actor(c), id)
	return httpx.Respond(c, http.StatusOK, statistics.TaskIndicatorsInput{Indicators: codes}, err)
}

func (h *Handler) setTaskIndicators(c *gin.Context) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	var in statistics.TaskIndicatorsInput
	if err := httpx.BindJSON(c, &in); err != nil {
		return err
	}
	codes, err := h.Store.SetTaskIndicators(c.Request.Context(), httpx.Actor(c), id, in)
	return httpx.Respond(c, http.StatusOK, statistics.TaskIndicatorsInput{Indicators: codes}, err)
}
