// Package handlers is tiendo's HTTP layer: routes, middleware, request
// binding and responses. It knows HTTP and no SQL; every decision about data
// is a models.Store call.
package handlers

import (
	"log/slog"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/tiendo/tiendo/models"
)

// Options configure the HTTP layer.
type Options struct {
	Log *slog.Logger
	// SecureCookies marks the session cookie Secure even when this process
	// sees plain HTTP, for deployments behind a TLS-terminating proxy.
	SecureCookies bool
}

type handler struct {
	store *models.Store
	log   *slog.Logger
	opts  Options
}

func init() { gin.SetMode(gin.ReleaseMode) }

// New builds the whole HTTP handler of tiendo.
func New(store *models.Store, opts Options) http.Handler {
	if opts.Log == nil {
		opts.Log = slog.Default()
	}
	h := &handler{store: store, log: opts.Log, opts: opts}
	r := gin.New()
	r.HandleMethodNotAllowed = true
	r.Use(recoverMiddleware(h.log), accessLog(h.log), securityHeaders, limitBody, errorMiddleware(h.log))
	r.NoRoute(func(c *gin.Context) { fail(c, models.ErrNotFound) })
	r.NoMethod(func(c *gin.Context) {
		writeProblem(c, Problem{Status: http.StatusMethodNotAllowed, Code: "method_not_allowed", Title: "Phương thức không được hỗ trợ"})
	})

	r.GET("/healthz", wrap(h.healthz))
	r.GET("/readyz", wrap(h.readyz))
	api := r.Group("/api/v1")
	api.GET("/openapi.json", wrap(h.openapi))
	api.POST("/auth/login", wrap(h.login))
	api.POST("/auth/logout", wrap(h.logout))

	authed := api.Group("", h.authenticate)
	authed.GET("/me", wrap(h.me))
	authed.GET("/plans", wrap(h.listPlans))
	authed.POST("/plans", wrap(h.createPlan))
	authed.GET("/plans/:id", wrap(h.getPlan))
	authed.PATCH("/plans/:id", wrap(h.updatePlan))
	authed.DELETE("/plans/:id", wrap(h.deletePlan))
	authed.GET("/plans/:id/tasks", wrap(h.listPlanTasks))
	authed.POST("/plans/:id/tasks", wrap(h.createTask))
	authed.GET("/tasks", wrap(h.listTasks))
	authed.GET("/tasks/:id", wrap(h.getTask))
	authed.PATCH("/tasks/:id", wrap(h.updateTask))
	authed.DELETE("/tasks/:id", wrap(h.deleteTask))
	authed.GET("/tasks/:id/progress", wrap(h.listProgress))
	authed.POST("/tasks/:id/progress", wrap(h.reportProgress))
	authed.GET("/units", wrap(h.listUnits))
	authed.POST("/units", wrap(h.createUnit))
	authed.GET("/users", wrap(h.listUsers))
	authed.GET("/audit", wrap(h.listAudit))

	// Cookie-authenticated writes from another site are refused; API clients
	// with bearer tokens send no browser headers and pass.
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", problemType)
		w.WriteHeader(http.StatusForbidden)
		_, _ = w.Write([]byte(`{"type":"about:blank","title":"Yêu cầu từ trang khác bị từ chối","status":403,"code":"cross_origin"}`))
	}))
	return cop.Handler(r)
}
