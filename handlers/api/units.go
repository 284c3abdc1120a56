package api

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/tiendo/tiendo/handlers/httpx"
	"github.com/tiendo/tiendo/models/accounts"
)

func (h *Handler) listUnits(c *gin.Context) error {
	units, err := h.Store.ListUnits(c.Request.Context(), httpx.Actor(c))
	return httpx.Respond(c, http.StatusOK, gin.H{"items": units, "next": nil}, err)
}

func (h *Handler) createUnit(c *gin.Context) error {
	var in accounts.NewUnit
	if err := httpx.BindJSON(c, &in); err != nil {
		return err
	}
	u, err := h.Store.CreateUnit(c.Request.Context(), httpx.Actor(c), in)
	return httpx.Respond(c, http.StatusCreated, u, err)
}

func (h *Handler) listUsers(c *gin.Context) error {
	users, err := h.Store.ListUsers(c.Request.Context(), httpx.Actor(c))
	return httpx.Respond(c, http.StatusOK, gin.H{"items": users, "next": nil}, err)
}

func (h *Handler) getUser(c *gin.Context) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	u, err := h.Store.GetUser(c.Request.Context(), httpx.Actor(c), id)
	return httpx.Respond(c, http.StatusOK, u, err)
}
