package pages

import (
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/tiendo/tiendo/handlers/httpx"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/accounts"
	"github.com/tiendo/tiendo/models/statistics"
)

// PageGroup is the router group of every page: the language, and the HTML
// error page as the answer to a panic.
func (h *Handler) PageGroup(r gin.IRouter) *gin.RouterGroup {
	return r.Group("", h.panicAsPage, pageLangMiddleware)
}

// panicAsPage makes recoverMiddleware answer a panic on a page with the
// HTML 500 page rather than problem+json.
func (h *Handler) panicAsPage(c *gin.Context) {
	c.Set(httpx.PanicAnswerKey, gin.HandlerFunc(func(c *gin.Context) {
		p := httpx.ProblemFor(nil)
		h.render(c, p.Status, "error", &view{Title: p.Title, Data: errorPage{Status: p.Status}})
	}))
	c.Next()
}

// Page adapts a page handler that returns its error; the error becomes an
// HTML error page (or a redirect to sign in), never a stack trace or JSON.
func (h *Handler) Page(fn func(*gin.Context) error) gin.HandlerFunc {
	return func(c *gin.Context) {
		if err := fn(c); err != nil {
			h.pageError(c, err)
		}
	}
}

// pageError answers a failed page the way the API would — same status, same
// meaning — as HTML. An expired session goes back to the sign-in page.
func (h *Handler) pageError(c *gin.Context, err error) {
	c.Abort()
	if errors.Is(err, models.ErrUnauthenticated) {
		redirect(c, loginURL(c))
		return
	}
	if errors.Is(err, accounts.ErrPasswordChangeRequired) {
		redirect(c, "/doi-mat-khau")
		return
	}
	p := httpx.ProblemFor(err)
	data := errorPage{Status: p.Status, Detail: capitalize(p.Detail)}
	switch {
	case p.Status >= 500:
		h.Log.Error("page failed", "method", c.Request.Method, "path", c.FullPath(), "err", err)
		data.Detail = "" // the log has the cause; the page never does
	case p.Status == 403 || p.Status == 404:
		data.Detail = "" // the page explains these in its own words
	}
	h.render(c, p.Status, "error", &view{Title: p.Title, Data: data})
}

// pageAuth resolves the session cookie to the actor or sends the person to
// sign in, coming back here afterwards. An account whose password an admin
// has set may only reach the page that replaces it.
func (h *Handler) pageAuth(c *gin.Context) {
	a, err := h.Store.Authenticate(c.Request.Context(), httpx.RequestToken(c), c.ClientIP())
	if err != nil {
		h.pageError(c, err)
		return
	}
	c.Set(httpx.ActorKey, a)
	if a.MustChangePassword && c.FullPath() != "/doi-mat-khau" {
		h.pageError(c, accounts.ErrPasswordChangeRequired)
		return
	}
	if a.IsProvinceViewer() && !provincePages[c.Request.Method+" "+c.FullPath()] { // pages_province.go
		h.pageError(c, statistics.ErrProvinceScope)
		return
	}
	c.Next()
}

// loginURL is the sign-in page, remembering the page asked for when it was
// a page one can come back to. A form posted after the session expired
// leads back to the page the form was on (its Referer), where app.js puts
// back what was typed, and the sign-in page says so (het-han).
func loginURL(c *gin.Context) string {
	if c.Request.Method != http.MethodGet {
		q := url.Values{}
		if httpx.RequestToken(c) != "" {
			q.Set("het-han", "1")
		}
		if next := sameSiteReferer(c); next != "" {
			q.Set("next", next)
		}
		if len(q) == 0 {
			return "/dang-nhap"
		}
		return "/dang-nhap?" + q.Encode()
	}
	if c.Request.URL.Path == "/" {
		return "/dang-nhap"
	}
	return "/dang-nhap?next=" + url.QueryEscape(c.Request.URL.RequestURI())
}

// sameSiteReferer is the path of the page a form was posted from, when that
// Page is on this site.
func sameSiteReferer(c *gin.Context) string {
	u, err := url.Parse(c.GetHeader("Referer"))
	if err != nil || u.Host != c.Request.Host || !strings.HasPrefix(u.Path, "/") {
		return ""
	}
	return u.RequestURI()
}

// errorPage is the Data of the error page.
type errorPage struct {
	Status int
	Detail string
}
