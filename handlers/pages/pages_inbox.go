package pages

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/tiendo/tiendo/handlers/httpx"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/deadlines"
)

// inboxData is the Data of the notifications page.
type inboxData struct {
	Items  []inboxItem
	Next   string
	Unread int
}

// inboxItem is a notification as the page shows it: its body split into
// the opening text and the lines of a list (a digest's tasks), so a list
// reads as one.
type inboxItem struct {
	deadlines.Notification
	Text  string
	Lines []string
}

// newInboxItem splits n's body: lines starting "- " are list items.
func newInboxItem(n deadlines.Notification) inboxItem {
	it := inboxItem{Notification: n}
	var text []string
	for _, l := range strings.Split(n.Body, "\n") {
		if item, ok := strings.CutPrefix(l, "- "); ok {
			it.Lines = append(it.Lines, item)
		} else {
			text = append(text, l)
		}
	}
	it.Text = strings.Join(text, " ")
	return it
}

// inboxPage is the person's in-app notifications, newest first. Reading one
// goes through a POST that marks it read, then on to its task.
func (h *Handler) inboxPage(c *gin.Context) error {
	in, err := h.Store.ListNotifications(c.Request.Context(), httpx.Actor(c),
		deadlines.NotificationFilter{Limit: 50, Cursor: c.Query("cursor")})
	if err != nil {
		return err
	}
	d := &inboxData{Unread: in.Unread}
	for _, n := range in.Items {
		d.Items = append(d.Items, newInboxItem(n))
	}
	if in.Next != nil {
		d.Next = "/thong-bao?cursor=" + *in.Next
	}
	h.render(c, http.StatusOK, "inbox", &view{Title: "Thông báo", Nav: "inbox", Data: d})
	return nil
}

// inboxReadSubmit marks one notification read and opens what it is about.
func (h *Handler) inboxReadSubmit(c *gin.Context) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	a := httpx.Actor(c)
	if err := h.Store.MarkNotificationRead(c.Request.Context(), a, id); err != nil {
		return err
	}
	to := "/thong-bao"
	if n, ok := h.notification(c, id); ok {
		to = notificationTarget(n)
	}
	redirect(c, to)
	return nil
}

// notification finds one of the actor's notifications among the newest.
func (h *Handler) notification(c *gin.Context, id int64) (deadlines.Notification, bool) {
	in, err := h.Store.ListNotifications(c.Request.Context(), httpx.Actor(c), deadlines.NotificationFilter{Limit: models.MaxPageSize})
	if err != nil {
		return deadlines.Notification{}, false
	}
	for _, n := range in.Items {
		if n.ID == id {
			return n, true
		}
	}
	return deadlines.Notification{}, false
}

// notificationTarget is the page a notification leads to: its task, else
// its link when that is a page of this site.
func notificationTarget(n deadlines.Notification) string {
	switch {
	case n.TaskID != nil:
		return taskURL(*n.TaskID)
	case strings.HasPrefix(n.Link, "/") && !strings.HasPrefix(n.Link, "//") && !strings.HasPrefix(n.Link, "/api/"):
		return n.Link
	}
	return "/thong-bao"
}
