package handlers

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/tiendo/tiendo/models/statistics"
)

func (h *apiHandler) listDossierStats(c *gin.Context) error {
	year, err := h.year(c)
	if err != nil {
		return err
	}
	list, err := h.store.ListDossierStats(c.Request.Context(), actor(c), year)
	return respond(c, http.StatusOK, gin.H{"items": list, "next": nil}, err)
}

func (h *apiHandler) getDossierStats(c *gin.Context) error {
	p, err := statistics.ParsePeriod(c.Param("period"))
	if err != nil {
		return err
	}
	d, err := h.store.DossierStatsOf(c.Request.Context(), actor(c), p)
	return respond(c, http.StatusOK, d, err)
}

func (h *apiHandler) recordDossierStats(c *gin.Context) error {
	p, err := statistics.ParsePeriod(c.Param("period"))
	if err != nil {
		return err
	}
	var in statistics.DossierInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	d, err := h.store.RecordDossierStats(c.Request.Context(), actor(c), p, in)
	return respond(c, http.StatusOK, d, err)
}
