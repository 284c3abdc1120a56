package api

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/tiendo/tiendo/handlers/httpx"
	"github.com/tiendo/tiendo/models/deadlines"
)

// The reminder pipeline's HTTP face: the commune's reminder settings, the
// outbox as evidence of what was sent, and each person's inbox.

func (h *Handler) getSettings(c *gin.Context) error {
	s, err := h.Store.GetSettings(c.Request.Context(), httpx.Actor(c))
	if err == nil {
		httpx.SetETag(c, s.Version)
	}
	return httpx.Respond(c, http.StatusOK, s, err)
}

func (h *Handler) putSettings(c *gin.Context) error {
	version, err := httpx.IfMatch(c)
	if err != nil {
		return err
	}
	var in deadlines.SettingsInput
	if err := httpx.BindJSON(c, &in); err != nil {
		return err
	}
	s, err := h.Store.PutSettings(c.Request.Context(), httpx.Actor(c), version, in)
	if err == nil {
		httpx.SetETag(c, s.Version)
	}
	return httpx.Respond(c, http.StatusOK, s, err)
}

func (h *Handler) listDeliveries(c *gin.Context) error {
	q := httpx.QueryOf(c)
	f := deadlines.DeliveryFilter{TaskID: q.ID("task_id"), Status: c.Query("status"), Kind: c.Query("kind"),
		Channel: c.Query("channel"), Limit: q.Limit(), Cursor: c.Query("cursor")}
	if err := q.Err(); err != nil {
		return err
	}
	page, err := h.Store.ListDeliveries(c.Request.Context(), httpx.Actor(c), f)
	return httpx.Respond(c, http.StatusOK, page, err)
}

func (h *Handler) listDeliveryEvents(c *gin.Context) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	events, err := h.Store.DeliveryEvents(c.Request.Context(), httpx.Actor(c), id)
	return httpx.Respond(c, http.StatusOK, events, err)
}

func (h *Handler) listNotifications(c *gin.Context) error {
	q := httpx.QueryOf(c)
	f := deadlines.NotificationFilter{UnreadOnly: q.Bool("unread"), Limit: q.Limit(), Cursor: c.Query("cursor")}
	if err := q.Err(); err != nil {
		return err
	}
	inbox, err := h.Store.ListNotifications(c.Request.Context(), httpx.Actor(c), f)
	return httpx.Respond(c, http.StatusOK, inbox, err)
}

func (h *Handler) readNotification(c *gin.Context) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	return httpx.Respond(c, http.StatusNoContent, nil, h.Store.MarkNotificationRead(c.Request.Context(), httpx.Actor(c), id))
}

// readAllNotifications marks every unread notification of the caller read.
func (h *Handler) readAllNotifications(c *gin.Context) error {
	n, err := h.Store.MarkAllNotificationsRead(c.Request.Context(), httpx.Actor(c))
	return httpx.Respond(c, http.StatusOK, gin.H{"marked": n}, err)
}
