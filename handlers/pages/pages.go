package pages

import (
	"errors"
	"io/fs"
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/tiendo/tiendo/handlers/httpx"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/accounts"
	"github.com/tiendo/tiendo/web"
)

// The web pages: server-rendered HTML for people, in Vietnamese first, that
// work on a phone and without JavaScript. Paths are Vietnamese words without
// diacritics, as people say them: /dang-nhap (sign in), /viec-cua-toi (my
// tasks), /ke-hoach (plans), /nhiem-vu (tasks), /tong-quan (overview).
//
// Pages use the same server-side session as the API (the tiendo_session
// cookie) and the same store methods, so every permission is the store's.
// Their forms are cookie-authenticated POSTs that CrossOriginProtection
// guards like the API's writes.

// Mount registers the pages and their static files on r.
func (h *Handler) Mount(r *gin.Engine) {
	r.GET("/static/*filepath", serveStatic)
	p := h.PageGroup(r)
	p.GET("/dang-nhap", h.Page(h.loginPage))
	p.POST("/dang-nhap", h.Page(h.loginSubmit))
	p.POST("/dang-xuat", h.Page(h.logoutSubmit))

	a := p.Group("", h.pageAuth)
	a.GET("/", h.Page(h.home))
	a.GET("/doi-mat-khau", h.Page(h.passwordPage))
	a.POST("/doi-mat-khau", h.Page(h.passwordSubmit))
	a.GET("/tai-khoan", h.Page(h.accountPage))
	a.POST("/tai-khoan", h.Page(h.accountSubmit))
	a.POST("/tai-khoan/lich", h.Page(h.calendarFeedSubmit)) // calfeed.go
	a.POST("/tai-khoan/lich/tat", h.Page(h.calendarFeedOffSubmit))
	a.GET("/viec-cua-toi", h.Page(h.myTasksPage))
	a.GET("/tong-quan", h.Page(h.overviewPage))
	a.GET("/ke-hoach", h.Page(h.plansPage))
	a.POST("/ke-hoach", h.once, h.Page(h.createPlanSubmit))
	a.GET("/ke-hoach/moi", h.Page(h.newPlanPage))
	a.GET("/ke-hoach/:id", h.Page(h.planPage))
	a.POST("/ke-hoach/:id", h.Page(h.updatePlanSubmit))
	a.GET("/ke-hoach/:id/sua", h.Page(h.editPlanPage))
	a.GET("/ke-hoach/:id/nhan-ban", h.Page(h.clonePlanPage))
	a.POST("/ke-hoach/:id/nhan-ban", h.once, h.Page(h.clonePlanSubmit))
	a.GET("/ke-hoach/:id/nhiem-vu/moi", h.Page(h.newTaskPage))
	a.POST("/ke-hoach/:id/nhiem-vu", h.once, h.Page(h.createTaskSubmit))
	a.GET("/nhiem-vu/:id", h.Page(h.taskPage))
	a.POST("/nhiem-vu/:id", h.Page(h.updateTaskSubmit))
	a.GET("/nhiem-vu/:id/sua", h.Page(h.editTaskPage))
	a.GET("/nhiem-vu/:id/bao-cao", h.Page(h.reportPage))
	a.POST("/nhiem-vu/:id/bao-cao", h.once, h.Page(h.reportSubmit))
	a.POST("/nhiem-vu/:id/y-kien", h.once, h.Page(h.commentSubmit))
	a.POST("/nhiem-vu/:id/danh-gia", h.once, h.Page(h.evaluateSubmit))
	a.POST("/nhiem-vu/:id/gia-han", h.once, h.Page(h.extensionRequestSubmit))
	a.POST("/nhiem-vu/:id/gia-han/:xid", h.once, h.Page(h.extensionDecideSubmit))
	a.GET("/tep/:id", h.Page(h.attachmentFile))
	a.GET("/thong-bao", h.Page(h.inboxPage))
	a.POST("/thong-bao/:id/da-doc", h.Page(h.inboxReadSubmit))
	a.POST("/thong-bao/da-doc-tat-ca", h.Page(h.inboxReadAllSubmit))
	h.mountStatsPages(a)
	h.mountTrashPages(a)
	h.mountAdminPages(a)
}

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

// errorPage is the Data of the error page.
type errorPage struct {
	Status int
	Detail string
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

// home sends each person to where their day starts: the overview for those
// who steer, their own tasks for those who do the work.
func (h *Handler) home(c *gin.Context) error {
	to := "/viec-cua-toi"
	if httpx.Actor(c).Steers() {
		to = "/tong-quan"
	}
	if f := c.Query("flash"); f != "" {
		to += "?flash=" + url.QueryEscape(f)
	}
	redirect(c, to)
	return nil
}

// NoRoute answers an unknown path: a problem document for the API and for
// clients that do not ask for HTML, an HTML page for a browser.
func (h *Handler) NoRoute(c *gin.Context) {
	if strings.HasPrefix(c.Request.URL.Path, "/api/") || !strings.Contains(c.GetHeader("Accept"), "text/html") {
		httpx.Fail(c, models.ErrNotFound)
		return
	}
	setPageLang(c)
	if a, err := h.Store.Authenticate(c.Request.Context(), httpx.RequestToken(c), c.ClientIP()); err == nil {
		c.Set(httpx.ActorKey, a) // so that the page still shows the navigation
	}
	h.pageError(c, models.ErrNotFound)
}

// staticFiles is web/static as a file system.
var staticFiles = must(fs.Sub(web.FS, "static"))

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// serveStatic serves the embedded CSS, JavaScript and icons. A URL carrying
// the file's current version may be cached for a year.
func serveStatic(c *gin.Context) {
	name := strings.TrimPrefix(c.Param("filepath"), "/")
	v, ok := assetVersions[name]
	if !ok {
		c.Status(http.StatusNotFound)
		return
	}
	if c.Query("v") == v {
		c.Header("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		c.Header("Cache-Control", "public, max-age=300")
	}
	http.ServeFileFS(c.Writer, c.Request, staticFiles, name)
}
