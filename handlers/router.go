// Package handlers is tiendo's HTTP layer: routes, middleware, request
// binding and responses. It knows HTTP and no SQL; every decision about data
// is a domain.Store call.
package handlers

import (
	"context"
	"log/slog"
	"net/http"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/domain"

	"github.com/gin-gonic/gin"
)

// Options configure the HTTP layer.
type Options struct {
	Log *slog.Logger
	// SecureCookies marks the session cookie Secure even when this process
	// sees plain HTTP, for deployments behind a TLS-terminating proxy.
	SecureCookies bool
	// TrustedProxies are the addresses or CIDR ranges of reverse proxies whose
	// X-Forwarded-For is believed. None by default: the client address is then
	// the connection's, so no client can choose the address that sign-in
	// throttling counts against (or frame someone else's).
	TrustedProxies []string
	// Ready answers /readyz: database reachable and schema current. Nil
	// checks only that the store's database answers.
	Ready func(context.Context) error
}

type handler struct {
	store *domain.Store
	log   *slog.Logger
	opts  Options
}

func init() { gin.SetMode(gin.ReleaseMode) }

// New builds the whole HTTP handler of tiendo.
func New(store *domain.Store, opts Options) http.Handler {
	return crossOriginProtection(newEngine(store, opts))
}

// newEngine registers every route. It is separate from New so that tests can
// list the routes (gin.Engine.Routes) and check each is in the authorization
// table; registering touches no store, so a nil store will do for that.
func newEngine(store *domain.Store, opts Options) *gin.Engine {
	if opts.Log == nil {
		opts.Log = slog.Default()
	}
	if opts.Ready == nil && store != nil {
		opts.Ready = store.Ping
	}
	h := &handler{store: store, log: opts.Log, opts: opts}
	r := gin.New()
	r.HandleMethodNotAllowed = true
	if err := r.SetTrustedProxies(opts.TrustedProxies); err != nil {
		h.log.Error("trusted proxies ignored", "err", err)
		_ = r.SetTrustedProxies(nil)
	}
	r.Use(recoverMiddleware(h.log), accessLog(h.log), securityHeaders, limitBody, compress, transaction(beginOf(store), h.log), errorMiddleware(h.log), checkText)
	r.NoRoute(h.noRoute) // a problem document, or an HTML page for a browser (pages.go)
	r.NoMethod(func(c *gin.Context) {
		writeProblem(c, Problem{Status: http.StatusMethodNotAllowed, Code: "method_not_allowed", Title: "Phương thức không được hỗ trợ"})
	})

	r.GET("/healthz", wrap(h.healthz))
	r.GET("/readyz", wrap(h.readyz))
	api := r.Group("/api/v1")
	api.GET("/openapi.json", wrap(h.openapi))
	api.POST("/auth/login", wrap(h.login))
	api.POST("/auth/logout", wrap(h.logout))

	// A POST that creates something takes h.idem (Idempotency-Key, idempotency.go)
	// before its handler; a page form that does takes h.once (pages_once.go).
	authed := api.Group("", h.authenticate)
	authed.GET("/me", wrap(h.me))
	authed.PATCH("/me", wrap(h.updateMe))
	authed.POST("/me/password", wrap(h.changePassword))
	authed.GET("/me/tokens", wrap(h.listTokens))
	authed.POST("/me/tokens", wrap(h.createToken))
	authed.DELETE("/me/tokens/:id", wrap(h.revokeToken))
	authed.GET("/plans", wrap(h.listPlans))
	authed.POST("/plans", h.idem, wrap(h.createPlan))
	authed.GET("/plans/:id", wrap(h.getPlan))
	authed.PATCH("/plans/:id", wrap(h.updatePlan))
	authed.DELETE("/plans/:id", wrap(h.deletePlan))
	authed.POST("/plans/:id/restore", wrap(h.restorePlan))
	authed.GET("/trash", wrap(h.listTrash))
	authed.GET("/plans/:id/tasks", wrap(h.listPlanTasks))
	authed.POST("/plans/:id/tasks", h.idem, wrap(h.createTask))
	authed.GET("/tasks", wrap(h.listTasks))
	authed.GET("/tasks/:id", wrap(h.getTask))
	authed.PATCH("/tasks/:id", wrap(h.updateTask))
	authed.DELETE("/tasks/:id", wrap(h.deleteTask))
	authed.GET("/tasks/:id/progress", wrap(h.listProgress))
	authed.POST("/tasks/:id/progress", h.idem, wrap(h.reportProgress))
	authed.POST("/tasks/:id/evaluation", h.idem, wrap(h.evaluateTask))
	authed.GET("/tasks/:id/comments", wrap(h.listComments))
	authed.POST("/tasks/:id/comments", h.idem, wrap(h.addComment))
	authed.GET("/tasks/:id/history", wrap(h.listTaskHistory))
	authed.GET("/attachments/:id/thumbnail", wrap(h.attachmentThumbnail))
	authed.POST("/tasks/:id/extensions", h.idem, wrap(h.requestExtension))
	authed.POST("/extensions/:id/decision", h.idem, wrap(h.decideExtension))
	authed.GET("/units", wrap(h.listUnits))
	authed.POST("/units", wrap(h.createUnit))
	authed.GET("/users", wrap(h.listUsers))
	authed.GET("/users/:id", wrap(h.getUser))
	authed.POST("/users", wrap(h.createUser))
	authed.PATCH("/users/:id", wrap(h.updateUser))
	authed.DELETE("/users/:id", wrap(h.disableUser))
	authed.POST("/users/:id/password", wrap(h.resetPassword))
	authed.PUT("/users/:id/memberships", wrap(h.setMemberships))
	authed.GET("/audit", wrap(h.listAudit))
	authed.GET("/province/rollup", wrap(h.provinceRollup))
	authed.GET("/calendar", wrap(h.getCalendar))
	authed.GET("/calendar/add-working-days", wrap(h.addWorkingDays))
	authed.GET("/settings/calendar", wrap(h.listCalendarOverrides))
	authed.POST("/settings/calendar", wrap(h.createCalendarOverride))
	authed.DELETE("/settings/calendar/:date", wrap(h.deleteCalendarOverride))
	authed.GET("/plans/:id/series", wrap(h.listSeries))
	authed.POST("/plans/:id/series", wrap(h.createSeries))
	authed.GET("/series/:id", wrap(h.getSeries))
	authed.PATCH("/series/:id", wrap(h.updateSeries))
	authed.DELETE("/series/:id", wrap(h.stopSeries))
	authed.GET("/snapshots", wrap(h.listSnapshots))
	// Indicators, dossier statistics, reports, data quality, import/export
	// (indicators.go, dossiers.go, reports.go, imports.go).
	authed.GET("/indicators", wrap(h.listIndicators))
	authed.POST("/indicators", wrap(h.createIndicator))
	authed.PATCH("/indicators/:code", wrap(h.updateIndicator))
	authed.PUT("/indicators/:code/targets/:year", wrap(h.setIndicatorTarget))
	authed.GET("/indicators/:code/values", wrap(h.listIndicatorValues))
	authed.PUT("/indicators/:code/values/:period", wrap(h.recordIndicatorValue))
	authed.GET("/tasks/:id/indicators", wrap(h.getTaskIndicators))
	authed.PUT("/tasks/:id/indicators", wrap(h.setTaskIndicators))
	authed.GET("/dossiers", wrap(h.listDossierStats))
	authed.GET("/dossiers/:period", wrap(h.getDossierStats))
	authed.PUT("/dossiers/:period", wrap(h.recordDossierStats))
	authed.GET("/dashboard", wrap(h.getDashboard))
	authed.GET("/reports", wrap(h.getReport))
	authed.GET("/reports/settings", wrap(h.getReportSettings))
	authed.PUT("/reports/settings", wrap(h.setReportSettings))
	authed.GET("/reports/built", wrap(h.listBuiltReports))
	authed.GET("/reports/built/:id", wrap(h.getBuiltReport))
	authed.GET("/reports/:period/narrative", wrap(h.getNarrative))
	authed.PUT("/reports/:period/narrative", wrap(h.putNarrative))
	authed.GET("/quality", wrap(h.getQuality))
	authed.GET("/import/templates/:name", wrap(h.getImportTemplate))
	authed.POST("/import/plans", wrap(h.importPlans))
	authed.POST("/import/dossiers", wrap(h.importDossiers))
	authed.GET("/plans/:id/export", wrap(h.exportPlan))
	// Reminders: settings, the outbox as evidence, the inbox (reminders.go).
	authed.GET("/settings", wrap(h.getSettings))
	authed.PUT("/settings", wrap(h.putSettings))
	authed.GET("/deliveries", wrap(h.listDeliveries))
	authed.GET("/deliveries/:id/events", wrap(h.listDeliveryEvents))
	authed.GET("/notifications", wrap(h.listNotifications))
	authed.POST("/notifications/:id/read", wrap(h.readNotification))
	authed.POST("/notifications/read-all", wrap(h.readAllNotifications))
	h.mountPages(r) // HTML pages for people (pages*.go, web/)
	return r
}

// crossOriginProtection refuses cookie-authenticated writes from another
// site; API clients with bearer tokens send no browser headers and pass.
func crossOriginProtection(r http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		setSecurityHeaders(w.Header(), req)
		w.Header().Set("Content-Type", problemType)
		w.WriteHeader(http.StatusForbidden)
		_, _ = w.Write([]byte(`{"type":"about:blank","title":"Yêu cầu từ trang khác bị từ chối","status":403,"code":"cross_origin"}`))
	}))
	return cop.Handler(r)
}

// beginOf is the store's request transaction; a router without a store (tests
// of the router alone) still gets one that opens nothing until asked.
func beginOf(s *domain.Store) beginFunc {
	if s == nil {
		return (*models.Store)(nil).BeginRequest
	}
	return s.BeginRequest
}
