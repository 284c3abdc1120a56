package httpx

import (
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/tiendo/tiendo/models/deadlines"
)

// The reminder pipeline's HTTP face: the commune's reminder settings, the
// outbox as evidence of what was sent, and each person's inbox.

func (h *APIHandler) getSettings(c *gin.Context) error {
	s, err := h.Store.GetSettings(c.Request.Context(), actor(c))
	if err == nil {
		setETag(c, s.Version)
	}
	return respond(c, http.StatusOK, s, err)
}

func (h *APIHandler) putSettings(c *gin.Context) error {
	version, err := ifMatch(c)
	if err != nil {
		return err
	}
	var in deadlines.SettingsInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	s, err := h.Store.PutSettings(c.Request.Context(), actor(c), version, in)
	if err == nil {
		setETag(c, s.Version)
	}
	return respond(c, http.StatusOK, s, err)
}

func (h *APIHandler) listDeliveries(c *gin.Context) error {
	q := &query{c: c}
	f := deadlines.DeliveryFilter{TaskID: q.id("task_id"), Status: c.Query("status"), Kind: c.Query("kind"),
		Channel: c.Query("channel"), Limit: q.limit(), Cursor: c.Query("cursor")}
	if err := q.err(); err != nil {
		return err
	}
	page, err := h.Store.ListDeliveries(c.Request.Context(), actor(c), f)
	return respond(c, http.StatusOK, page, err)
}

func (h *APIHandler) listDeliveryEvents(c *gin.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	events, err := h.Store.DeliveryEvents(c.Request.Context(), actor(c), id)
	return respond(c, http.StatusOK, events, err)
}

func (h *APIHandler) listNotifications(c *gin.Context) error {
	q := &query{c: c}
	f := deadlines.NotificationFilter{UnreadOnly: q.bool("unread"), Limit: q.limit(), Cursor: c.Query("cursor")}
	if err := q.err(); err != nil {
		return err
	}
	inbox, err := h.Store.ListNotifications(c.Request.Context(), actor(c), f)
	return respond(c, http.StatusOK, inbox, err)
}

func (h *APIHandler) readNotification(c *gin.Context) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	return respond(c, http.StatusNoContent, nil, h.Store.MarkNotificationRead(c.Request.Context(), actor(c), id))
}

// readAllNotifications marks every unread notification of the caller read.
func (h *APIHandler) readAllNotifications(c *gin.Context) error {
	n, err := h.Store.MarkAllNotificationsRead(c.Request.Context(), actor(c))
	return respond(c, http.StatusOK, gin.H{"marked": n}, err)
}

// bool reads an optional true/false query parameter.
func (q *query) bool(name string) bool {
	switch q.c.Query(name) {
	case "", "false":
		return false
	case "true":
		return true
	}
	q.v.Add(name, "invalid", "%s phải là true hoặc false", name)
	return false
}
