package pages

import (
	"cmp"
	"html/template"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/tiendo/tiendo/handlers/httpx"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/accounts"
)

// Reaching people, as pages: "Tài khoản của tôi" (/tai-khoan), where each
// person sets their e-mail, phone and whether reminders also come by
// e-mail, and the contact form on an account's admin page. Both carry the
// account's version, so a change made meanwhile elsewhere is not
// overwritten (412 in the API, a message on the form here).

// accountData is the Data of "Tài khoản của tôi".
type accountData struct {
	User        *accounts.User
	Feed        feedData // calfeed.go: the person's own work
	CommuneFeed feedData // the chairman's: the commune's overdue and due-soon tasks
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
	mine, commune := h.feedStates(c)
	h.render(c, status, "account", &view{Title: "Tài khoản của tôi", Nav: "account", Form: f,
		Data: accountData{User: u, Feed: mine, CommuneFeed: commune}})
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

// feedData is one calendar feed's part of the account page.
type feedData struct {
	Scope   string
	On      bool
	URL     string        // only on the answer to turning it on
	Webcal  template.URL  // the same as webcal://, which html/template would refuse as a string
	QR      template.HTML // the link as a QR code, for a phone's camera
	Offered bool          // a province account has no deadlines and no feed; the commune's is the chairman's
}

// feedStates reads which of the person's feeds are on, for the account page.
func (h *Handler) feedStates(c *gin.Context) (mine, commune feedData) {
	a := httpx.Actor(c)
	on, err := h.Store.CalendarFeedsOf(c.Request.Context(), a)
	if err != nil {
		h.Log.Error("calendar feed state", "err", err)
	}
	person := !a.IsProvinceViewer() && a.APITokenID == 0
	return feedData{Scope: models.FeedMine, On: on[models.FeedMine].On, Offered: person},
		feedData{Scope: models.FeedCommune, On: on[models.FeedCommune].On, Offered: person && a.MayFollowCommune()}
}

// calendarFeedSubmit turns a feed on (or gives it a new link) and shows the
// link this once.
func (h *Handler) calendarFeedSubmit(c *gin.Context) error {
	ctx, a := c.Request.Context(), httpx.Actor(c)
	scope := cmp.Or(c.PostForm("scope"), models.FeedMine)
	secret, err := h.Store.CreateCalendarFeed(ctx, a, scope)
	if err != nil {
		return err
	}
	u, err := h.Store.Profile(ctx, a)
	if err != nil {
		return err
	}
	shown, err := h.shownFeed(c, scope, h.FeedURL(c, secret))
	if err != nil {
		return err
	}
	mine, commune := h.feedStates(c)
	if scope == models.FeedCommune {
		commune = shown
	} else {
		mine = shown
	}
	f := newForm(nil)
	fillContact(f, u)
	c.Header("Cache-Control", "no-store")
	h.render(c, http.StatusOK, "account", &view{Title: "Tài khoản của tôi", Nav: "account", Form: f,
		Data: accountData{User: u, Feed: mine, CommuneFeed: commune}})
	return nil
}

// shownFeed is a feed just turned on, with its link, webcal:// link and QR code.
func (h *Handler) shownFeed(c *gin.Context, scope, link string) (feedData, error) {
	// Our own address with another scheme: safe to mark as a URL.
	webcal := template.URL("webcal" + strings.TrimPrefix(strings.TrimPrefix(link, "https"), "http"))
	id := "feed-qr"
	if scope == models.FeedCommune {
		id = "commune-feed-qr"
	}
	qr, err := qrSVG(link, id, tr(pageLang(c), "Mã QR của đường dẫn lịch"))
	return feedData{Scope: scope, On: true, URL: link, Webcal: webcal, QR: qr, Offered: true}, err
}

// calendarFeedOffSubmit turns a feed off.
func (h *Handler) calendarFeedOffSubmit(c *gin.Context) error {
	if err := h.Store.RevokeCalendarFeed(c.Request.Context(), httpx.Actor(c), c.PostForm("scope")); err != nil {
		return err
	}
	redirect(c, "/tai-khoan?flash=feed_off")
	return nil
}
