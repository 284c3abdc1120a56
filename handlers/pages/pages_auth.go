package pages

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/tiendo/tiendo/handlers/httpx"
	"github.com/tiendo/tiendo/models/accounts"
)

// loginPage shows the sign-in form; someone already signed in goes home.
func (h *Handler) loginPage(c *gin.Context) error {
	if _, err := h.Store.Authenticate(c.Request.Context(), httpx.RequestToken(c), c.ClientIP()); err == nil {
		redirect(c, safeNext(c.Query("next")))
		return nil
	}
	f := newForm(nil)
	f.values.Set("next", c.Query("next"))
	h.render(c, http.StatusOK, "login", &view{Title: "Đăng nhập", Form: f,
		Data: loginData{Expired: c.Query("het-han") == "1"}})
	return nil
}

// loginData is the Data of the sign-in page: Expired when a form was posted
// after the session ended (its content waits in the browser, app.js).
type loginData struct {
	Expired bool
}

// loginSubmit signs in with the same store call as the API and sets the same
// session cookie. A failure shows the form again with the username kept and
// the password emptied, as a password is never echoed back.
func (h *Handler) loginSubmit(c *gin.Context) error {
	f := newForm(postForm(c))
	user, pass := strings.TrimSpace(f.Value("username")), f.Value("password")
	if user == "" {
		f.add("username", "cần nhập tên đăng nhập")
	}
	if pass == "" {
		f.add("password", "cần nhập mật khẩu")
	}
	if !f.Invalid() {
		l, err := h.Store.Login(c.Request.Context(), user, pass, c.ClientIP(), c.Request.UserAgent())
		if err == nil {
			h.SetSessionCookie(c, l.Token, l.ExpiresAt)
			redirect(c, safeNext(f.Value("next")))
			return nil
		}
		if !f.addError(err) {
			return err
		}
	}
	f.values.Del("password")
	h.render(c, http.StatusUnprocessableEntity, "login", &view{Title: "Đăng nhập", Form: f, Data: loginData{}})
	return nil
}

// safeNext keeps a return path only when it stays on this site.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, `/\`) ||
		strings.HasPrefix(next, "/dang-nhap") {
		return "/"
	}
	return next
}

// logoutSubmit ends the session and clears the cookie, even if the session
// had already expired.
func (h *Handler) logoutSubmit(c *gin.Context) error {
	if tok := httpx.RequestToken(c); tok != "" {
		if err := h.Store.Logout(c.Request.Context(), tok); err != nil {
			return err
		}
	}
	h.SetSessionCookie(c, "", time.Time{})
	redirect(c, "/dang-nhap")
	return nil
}

// passwordPage shows the change-password form; an account that must change
// its password lands here after signing in.
func (h *Handler) passwordPage(c *gin.Context) error {
	h.render(c, http.StatusOK, "password", &view{Title: "Đổi mật khẩu", Form: newForm(nil)})
	return nil
}

// passwordSubmit changes the password through the accounts model. Every
// session ends, so the person gets a fresh cookie for the one they use.
func (h *Handler) passwordSubmit(c *gin.Context) error {
	f := newForm(postForm(c))
	in := accounts.PasswordChange{CurrentPassword: f.Value("current_password"), NewPassword: f.Value("new_password")}
	if in.NewPassword != "" && f.Value("new_password_confirm") != in.NewPassword {
		f.add("new_password_confirm", "mật khẩu nhập lại không khớp với mật khẩu mới")
	}
	if !f.Invalid() {
		l, err := h.Store.ChangePassword(c.Request.Context(), httpx.Actor(c), in, c.Request.UserAgent())
		if err == nil {
			h.SetSessionCookie(c, l.Token, l.ExpiresAt)
			redirect(c, "/?flash=password")
			return nil
		}
		if !f.addError(err) {
			return err
		}
	}
	f.values = url.Values{} // passwords are never shown again
	h.render(c, http.StatusUnprocessableEntity, "password", &view{Title: "Đổi mật khẩu", Form: f})
	return nil
}
