package pages

import (
	"io/fs"
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/tiendo/tiendo/handlers/httpx"
	"github.com/tiendo/tiendo/models"
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
	mountOffline(r) // the installable app: manifest and service worker (pages_offline.go)
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
	a.GET("/nhiem-vu/:id/giao-tiep", h.Page(h.forwardPage))
	a.POST("/nhiem-vu/:id/giao-tiep", h.once, h.Page(h.forwardSubmit))
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
	h.mountProvincePages(a) // pages_province.go
	h.mountTrashPages(a)
	h.mountAdminPages(a)
}

// home sends each person to where their day starts: the province's page
// for a province account, the overview for those who steer, their own
// tasks for those who do the work.
func (h *Handler) home(c *gin.Context) error {
	to := "/viec-cua-toi"
	switch a := httpx.Actor(c); {
	case a.IsProvinceViewer():
		to = "/tinh" // pages_province.go
	case a.Steers():
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

// mountAdminPages registers the administration pages on the signed-in group.
// The administration pages (/quan-tri/…): accounts, units, the working-day
// calendar and the reminder settings. They call the same store methods as
// the API, so who may read and who may change is the models' decision: every
// member reads what the API lets them read, and only the admin sees the
// forms; a refused write is a 403 page, as the API answers 403.
func (h *Handler) mountAdminPages(a *gin.RouterGroup) {
	a.GET("/quan-tri/nguoi-dung", h.Page(h.adminUsersPage))
	a.POST("/quan-tri/nguoi-dung", h.Page(h.createUserSubmit))
	a.GET("/quan-tri/nguoi-dung/:id", h.Page(h.adminUserPage))
	a.POST("/quan-tri/nguoi-dung/:id/vai-tro", h.Page(h.membershipsSubmit))
	a.POST("/quan-tri/nguoi-dung/:id/lien-he", h.Page(h.userContactSubmit))
	a.POST("/quan-tri/nguoi-dung/:id/mat-khau", h.Page(h.resetPasswordSubmit))
	a.POST("/quan-tri/nguoi-dung/:id/khoa", h.Page(h.disableUserSubmit))
	a.GET("/quan-tri/don-vi", h.Page(h.adminUnitsPage))
	a.POST("/quan-tri/don-vi", h.Page(h.createUnitSubmit))
	a.GET("/quan-tri/lich", h.Page(h.adminCalendarPage))
	a.POST("/quan-tri/lich", h.Page(h.createOverrideSubmit))
	a.POST("/quan-tri/lich/:date/xoa", h.Page(h.deleteOverrideSubmit))
	a.GET("/quan-tri/nhac-viec", h.Page(h.adminSettingsPage))
	a.POST("/quan-tri/nhac-viec", h.Page(h.settingsSubmit))
	a.GET("/quan-tri/webhook", h.Page(h.adminWebhooksPage)) // pages_admin_webhooks.go
	a.POST("/quan-tri/webhook", h.Page(h.createWebhookSubmit))
	a.POST("/quan-tri/webhook/:id/gui-thu", h.Page(h.testWebhookSubmit))
	a.POST("/quan-tri/webhook/:id/bat-tat", h.Page(h.switchWebhookSubmit))
	a.POST("/quan-tri/webhook/:id/xoa", h.Page(h.deleteWebhookSubmit))
}

func (h *Handler) mountTrashPages(a *gin.RouterGroup) {
	a.POST("/ke-hoach/:id/xoa", h.Page(h.deletePlanSubmit))
	a.GET("/thung-rac", h.Page(h.trashPage))
	a.POST("/thung-rac/:id/khoi-phuc", h.Page(h.restorePlanSubmit))
}

// mountStatsPages registers the statistics pages on the signed-in group.
func (h *Handler) mountStatsPages(a *gin.RouterGroup) {
	a.GET("/bao-cao-dinh-ky", h.Page(h.periodicReportPage))
	a.POST("/bao-cao-dinh-ky/loi-van", h.Page(h.narrativeSubmit))
	a.POST("/bao-cao-dinh-ky/gui", h.once, h.Page(h.sendReportSubmit)) // pages_report_send.go
	a.GET("/chi-tieu", h.Page(h.indicatorsPage))
	a.POST("/chi-tieu", h.Page(h.indicatorValueSubmit))
	a.GET("/ho-so", h.Page(h.dossiersPage))
	a.POST("/ho-so", h.Page(h.dossierSubmit))
	a.GET("/chat-luong-du-lieu", h.Page(h.qualityPage))
}
