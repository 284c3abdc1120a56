package api

import (
	"bytes"
	"net/http"
	"strings"

	"github.com/emersion/go-ical"
	"github.com/gin-gonic/gin"

	"github.com/tiendo/tiendo/handlers/httpx"
	"github.com/tiendo/tiendo/models"
)

// Private calendar feeds (issue 17): POST /api/v1/me/calendar-feed turns the
// caller's feed on and answers its URL, the only time it is shown (only its
// hash is kept); DELETE turns it off; GET /lich/{secret}.ics is the feed a
// phone calendar subscribes to (calfeed_ics.go writes it; the account page's side is in handlers/pages).

// feedURLOut is the answer to POST /me/calendar-feed.
type feedURLOut struct {
	URL string `json:"url"`
}

func (h *Handler) createCalendarFeed(c *gin.Context) error {
	secret, err := h.Store.CreateCalendarFeed(c.Request.Context(), httpx.Actor(c), c.Query("scope"))
	if err != nil {
		return err
	}
	c.Header("Cache-Control", "no-store")
	return httpx.Respond(c, http.StatusCreated, feedURLOut{URL: h.FeedURL(c, secret)}, nil)
}

func (h *Handler) revokeCalendarFeed(c *gin.Context) error {
	err := h.Store.RevokeCalendarFeed(c.Request.Context(), httpx.Actor(c), c.Query("scope"))
	return httpx.Respond(c, http.StatusNoContent, nil, err)
}

// calendarFeed serves a feed to whoever holds its secret: the URL is the
// credential, as calendar apps send no other. A wrong, replaced or revoked
// secret is the same 404 as a path that never existed.
func (h *Handler) calendarFeed(c *gin.Context) error {
	secret, ok := strings.CutSuffix(c.Param("feed"), ".ics")
	if !ok {
		return models.ErrNotFound
	}
	ctx := c.Request.Context()
	a, scope, err := h.Store.CalendarFeedActor(ctx, secret)
	if err != nil {
		return err
	}
	entries, err := h.Store.DeadlineFeed(ctx, a, scope)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := ical.NewEncoder(&buf).Encode(feedCalendar(entries, h.SiteURL(c))); err != nil {
		return err
	}
	c.Header("Cache-Control", "private, no-store")
	c.Data(http.StatusOK, "text/calendar; charset=utf-8", buf.Bytes())
	return nil
}
