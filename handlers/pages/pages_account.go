package pages

import (
	"net/http"
	"slices"
	"strconv"

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

// userContactSubmit saves an account's name, e-mail, phone and title (admins).
func (h *Handler) userContactSubmit(c *gin.Context) error {
	u, err := h.managedUser(c)
	if err != nil {
		return err
	}
	f := newForm(postForm(c))
	name, email, phone, title := f.Value("full_name"), f.Value("email"), f.Value("phone"), f.Value("title")
	version, _ := strconv.Atoi(f.Value("version"))
	_, err = h.Store.UpdateUser(c.Request.Context(), httpx.Actor(c), u.ID, version,
		accounts.UserPatch{FullName: &name, Email: &email, Phone: &phone, Title: &title})
	if err == nil {
		redirect(c, adminUserURL(u.ID)+"?flash=saved")
		return nil
	}
	if !f.addError(err) {
		return err
	}
	return h.showUser(c, http.StatusUnprocessableEntity, u, f, nil)
}
