// Package handlers is tiendo's HTTP layer on top: the middleware chain and
// the two rooms it mounts, the JSON API (handlers/api) and the pages for
// people (handlers/pages), over what both share (handlers/httpx: binding,
// problems, the request transaction, sessions, idempotency). It knows HTTP
// and no SQL; every decision about data is a domain.Store call.
package handlers

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"

	"github.com/tiendo/tiendo/handlers/api"
	"github.com/tiendo/tiendo/handlers/httpx"
	"github.com/tiendo/tiendo/handlers/pages"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/domain"

	"github.com/gin-gonic/gin"
)

func init() { gin.SetMode(gin.ReleaseMode) }

// Options configure the HTTP layer.
type Options = httpx.Options

// New builds the whole HTTP handler of tiendo.
func New(store *domain.Store, opts Options) http.Handler {
	return httpx.RequestIDs(httpx.ParseProxies(opts.TrustedProxies),
		crossOriginProtection(httpx.Compress(newEngine(store, opts))))
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
	h := &httpx.Base{Store: store, Log: opts.Log, Opts: opts}
	r := gin.New()
	r.HandleMethodNotAllowed = true
	if err := r.SetTrustedProxies(opts.TrustedProxies); err != nil {
		h.Log.Error("trusted proxies ignored", "err", err)
		_ = r.SetTrustedProxies(nil)
	}
	r.Use(httpx.Observe(opts.Observe), httpx.RecoverMiddleware(h.Log), httpx.AccessLog(h.Log), httpx.SecurityHeaders, httpx.LimitBody, httpx.Transaction(beginOf(store), readYourWrites(store, opts), h.Log), httpx.ErrorMiddleware(h.Log), httpx.CheckText)
	p := &pages.Handler{Base: h}
	r.NoRoute(p.NoRoute) // a problem document, or an HTML page for a browser (pages/pages.go)
	r.NoMethod(func(c *gin.Context) {
		httpx.WriteProblem(c, httpx.Problem{Status: http.StatusMethodNotAllowed, Code: "method_not_allowed", Title: "Phương thức không được hỗ trợ"})
	})

	(&api.Handler{Base: h}).Mount(r) // the JSON API and the health checks (api/api_routes.go)
	p.Mount(r)                       // HTML pages for people (pages/pages*.go, web/)
	p.MountAPIDocs(r, api.OpenAPI()) // the API reference, a page (pages/apidocs.go)
	return r
}

// readYourWrites is the cookie that sends a client's reads to the primary
// until the standby holds its last write; off without a standby.
func readYourWrites(s *domain.Store, opts Options) httpx.ReadYourWrites {
	if s == nil || s.StandbyMaxLag() == 0 {
		return httpx.ReadYourWrites{}
	}
	return httpx.ReadYourWrites{Window: s.StandbyMaxLag(), Secure: opts.SecureCookies, Note: s.NoteWrite}
}

// crossOriginProtection refuses cookie-authenticated writes from another
// site; API clients with bearer tokens send no browser headers and pass.
func crossOriginProtection(r http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		httpx.SetSecurityHeaders(w.Header(), req)
		w.Header().Set("Content-Type", httpx.ProblemType)
		w.WriteHeader(http.StatusForbidden)
		body, _ := json.Marshal(httpx.Problem{Type: "about:blank", Title: "Yêu cầu từ trang khác bị từ chối",
			Status: http.StatusForbidden, Code: "cross_origin", Instance: httpx.RequestID(req.Context())})
		_, _ = w.Write(body)
	}))
	return cop.Handler(r)
}

// beginOf is the store's request transaction; a router without a store (tests
// of the router alone) still gets one that opens nothing until asked.
func beginOf(s *domain.Store) httpx.BeginFunc {
	writes, reads := (*models.Store)(nil).BeginRequest, (*models.Store)(nil).BeginReads
	if s != nil {
		writes, reads = s.BeginRequest, s.BeginReads
	}
	return func(ctx context.Context, onlyReads bool) (context.Context, func(commit bool) error) {
		if onlyReads {
			return reads(ctx)
		}
		return writes(ctx)
	}
}
