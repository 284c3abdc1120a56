package api

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/tiendo/tiendo/handlers/httpx"
	"github.com/tiendo/tiendo/models/statistics"
)

func (h *Handler) listDossierStats(c *gin.Context) error {
	year, err := h.year(c)
	if err != nil {
		return err
	}
	list, err := h.Store.ListDossierStats(c.Request.Context(), httpx.Actor(c), year)
	return httpx.Respond(c, http.StatusOK, gin.H{"items": list, "next": nil}, err)
}

func (h *Handler) getDossierStats(c *gin.Context) error {
	p, err := statistics.ParsePeriod(c.Param("period"))
	if err != nil {
		return err
	}
	d, err := h.Store.DossierStatsOf(c.Request.Context(), httpx.Actor(c), p)
	return httpx.Respond(c, http.StatusOK, d, err)
}

func (h *Handler) recordDossierStats(c *gin.Context) error {
	p, err := statistics.ParsePeriod(c.Param("period"))
	if err != nil {
		return err
	}
	var in statistics.DossierInput
	if err := httpx.BindJSON(c, &in); err != nil {
		return err
	}
	d, err := h.Store.RecordDossierStats(c.Request.Context(), httpx.Actor(c), p, in)
	return httpx.Respond(c, http.StatusOK, d, err)
}
