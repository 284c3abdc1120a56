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
	h := &base{store: store, log: opts.Log, opts: opts}
	r := gin.New()
	r.HandleMethodNotAllowed = true
	if err := r.SetTrustedProxies(opts.TrustedProxies); err != nil {
		h.log.Error("trusted proxies ignored", "err", err)
		_ = r.SetTrustedProxies(nil)
	}
	r.Use(recoverMiddleware(h.log), accessLog(h.log), securityHeaders, limitBody, compress, transaction(beginOf(store), h.log), errorMiddleware(h.log), checkText)
	p := &pageHandler{h}
	r.NoRoute(p.noRoute) // a problem document, or an HTML page for a browser (pages.go)
	r.NoMethod(func(c *gin.Context) {
		writeProblem(c, Problem{Status: http.StatusMethodNotAllowed, Code: "method_not_allowed", Title: "Phương thức không được hỗ trợ"})
	})

	(&apiHandler{h}).mountAPI(r) // the JSON API and the health checks (api_routes.go)
	p.mountPages(r) // HTML pages for people (pages*.go, web/)
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
