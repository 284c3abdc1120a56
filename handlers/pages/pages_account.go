package pages

import (
	"html/template"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/tiendo/tiendo/handlers/httpx"
	"github.com/tiendo/tiendo/models/accounts"
)

// Reaching people, as pages: "Tài khoản của tôi" (/tai-khoan), where each
// person sets their e-mail, phone and whether reminders also come by
// e-mail, and the contact form on an account's admin page. Both carry the
// account's version, so a change made meanwhile elsewhere is not
// overwritten (412 in the API, a message on the form here).

// accountData is the Data of "Tài khoản của tôi".
type accountData struct {
	User *accounts.User
	Feed feedData // calfeed.go
}

// accountPage shows the signed-in person's account.
func (h *Handler) accountPage(c *gin.Context) error {
	u, err := h.Store.Profile(c.Request.Context(), httpx.Actor(c))
	if err != nil {
		return err
	}
	f := newForm(nil)
	fillContact(f, u)
	return h.showAccount(c, http.StatusOK, u, f)
}

func (h *Handler) showAccount(c *gin.Context, status int, u *accounts.User, f *form) error {
	h.render(c, status, "account", &view{Title: "Tài khoản của tôi", Nav: "account", Form: f, Data: accountData{User: u, Feed: h.feedState(c)}})
	return nil
}

// fillContact puts an account's current contact details on a blank form.
func fillContact(f *form, u *accounts.User) {
	f.values.Set("full_name", u.FullName)
	f.values.Set("email", u.Email)
	f.values.Set("phone", u.Phone)
	f.values.Set("title", u.Title)
	f.values["reminder_channels"] = slices.Clone([]string(u.ReminderChannels))
	f.values.Set("version", strconv.Itoa(u.Version))
}

// accountSubmit saves the person's own e-mail, phone and channels.
func (h *Handler) accountSubmit(c *gin.Context) error {
	f := newForm(postForm(c))
	channels := append([]string{accounts.ChannelInbox}, f.values["reminder_channels"]...)
	email, phone := f.Value("email"), f.Value("phone")
	version, _ := strconv.Atoi(f.Value("version"))
	_, err := h.Store.UpdateProfile(c.Request.Context(), httpx.Actor(c), version,
		accounts.ProfilePatch{Email: &email, Phone: &phone, ReminderChannels: &channels})
	if err == nil {
		redirect(c, "/tai-khoan?flash=saved")
		return nil
	}
	if !f.addError(err) {
		return err
	}
	u, err := h.Store.Profile(c.Request.Context(), httpx.Actor(c))
	if err != nil {
		return err
	}
	return h.showAccount(c, http.StatusUnprocessableEntity, u, f)
}

// feedData is the calendar feed's part of the account page.
type feedData struct {
	On      bool
	URL     string        // only on the answer to turning it on
	Webcal  template.URL  // the same as webcal://, which html/template would refuse as a string
	QR      template.HTML // the link as a QR code, for a phone's camera
	Offered bool          // a province account has no deadlines and no feed
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
	qr, err := qrSVG(link, tr(pageLang(c), "Mã QR của đường dẫn lịch"))
	if err != nil {
		return err
	}
	f := newForm(nil)
	fillContact(f, u)
	c.Header("Cache-Control", "no-store")
	h.render(c, http.StatusOK, "account", &view{Title: "Tài khoản của tôi", Nav: "account", Form: f,
		Data: accountData{User: u, Feed: feedData{On: true, URL: link, Webcal: webcal, QR: qr, Offered: true}}})
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
