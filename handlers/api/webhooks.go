package api

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/tiendo/tiendo/handlers/httpx"
	"github.com/tiendo/tiendo/models/deadlines"
)

// listWebhooks is GET /webhooks: the commune's event endpoints (admins and
// chairmen), without their secrets.
func (h *Handler) listWebhooks(c *gin.Context) error {
	items, err := h.Store.ListEndpoints(c.Request.Context(), httpx.Actor(c))
	return httpx.Respond(c, http.StatusOK, gin.H{"items": items, "next": nil}, err)
}

// createWebhook is POST /webhooks: the answer carries the secret, once.
func (h *Handler) createWebhook(c *gin.Context) error {
	var in deadlines.EndpointInput
	if err := httpx.BindJSON(c, &in); err != nil {
		return err
	}
	ep, err := h.Store.CreateEndpoint(c.Request.Context(), httpx.Actor(c), in)
	if err != nil {
		return err
	}
	c.Header("Location", "/api/v1/webhooks/"+strconv.FormatInt(ep.ID, 10))
	httpx.SetETag(c, ep.Version)
	c.JSON(http.StatusCreated, ep)
	return nil
}

// updateWebhook is PATCH /webhooks/{id} (If-Match optional).
func (h *Handler) updateWebhook(c *gin.Context) error {
	var in deadlines.EndpointInput
	id, version, err := httpx.WriteTarget(c, &in)
	if err != nil {
		return err
	}
	ep, err := h.Store.UpdateEndpoint(c.Request.Context(), httpx.Actor(c), id, version, in)
	if err != nil {
		return err
	}
	httpx.SetETag(c, ep.Version)
	c.JSON(http.StatusOK, ep)
	return nil
}

// deleteWebhook is DELETE /webhooks/{id}: nothing more goes to it.
func (h *Handler) deleteWebhook(c *gin.Context) error {
	id, version, err := httpx.WriteTarget(c, nil)
	if err != nil {
		return err
	}
	err = h.Store.DeleteEndpoint(c.Request.Context(), httpx.Actor(c), id, version)
	return httpx.Respond(c, http.StatusNoContent, nil, err)
}

// testWebhook is POST /webhooks/{id}/test ("Gửi thử"): a sample event is
// queued (202); the dispatcher sends it within a minute and the delivery
// log shows how it went.
func (h *Handler) testWebhook(c *gin.Context) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	ev, err := h.Store.SendTestEvent(c.Request.Context(), httpx.Actor(c), id)
	return httpx.Respond(c, http.StatusAccepted, ev, err)
}
