package pages

import (
	"html/template"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/tiendo/tiendo/handlers/httpx"
)

// "Lịch hạn trên điện thoại" on "Tài khoản của tôi": turning the calendar
// feed on shows its link once, on the page that answers the post (only the
// secret's hash is kept, so no later page can show it again); turning it
// off ends the link.

// feedData is the calendar feed's part of the account page.
type feedData struct {
	On      bool
	URL     string       // only on the answer to turning it on
	Webcal  template.URL // the same as webcal://, which html/template would refuse as a string
	Offered bool         // a province account has no deadlines and no feed
}

// feedState reads whether the person's feed is on, for the account page.
func (h *Handler) feedState(c *gin.Context) feedData {
	a := httpx.Actor(c)
	f, err := h.Store.CalendarFeedOf(c.Request.Context(), a)
	if err != nil {
		h.Log.Error("calendar feed state", "err", err)
	}
	return feedData{On: f.On, Offered: !a.IsProvinceViewer() && a.APITokenID == 0}
}

// calendarFeedSubmit turns the feed on (or gives it a new link) and shows
// the link this once.
func (h *Handler) calendarFeedSubmit(c *gin.Context) error {
	secret, err := h.Store.CreateCalendarFeed(c.Request.Context(), httpx.Actor(c))
	if err != nil {
		return err
	}
	u, err := h.Store.Profile(c.Request.Context(), httpx.Actor(c))
	if err != nil {
		return err
	}
	link := h.FeedURL(c, secret)
	// Our own address with another scheme: safe to mark as a URL.
	webcal := template.URL("webcal" + strings.TrimPrefix(strings.TrimPrefix(link, "https"), "http"))
	f := newForm(nil)
	fillContact(f, u)
	c.Header("Cache-Control", "no-store")
	h.render(c, http.StatusOK, "account", &view{Title: "Tài khoản của tôi", Nav: "account", Form: f,
		Data: accountData{User: u, Feed: feedData{On: true, URL: link, Webcal: webcal, Offered: true}}})
	return nil
}

// calendarFeedOffSubmit turns the feed off.
func (h *Handler) calendarFeedOffSubmit(c *gin.Context) error {
	if err := h.Store.RevokeCalendarFeed(c.Request.Context(), httpx.Actor(c)); err != nil {
		return err
	}
	redirect(c, "/tai-khoan?flash=feed_off")
	return nil
}
