package httpx

import (
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/accounts"
	"github.com/tiendo/tiendo/models/plans"
)

// MaxBodyBytes bounds every request body.
const MaxBodyBytes = 1 << 20

// The session cookie's name and the gin context key of the signed-in actor.
const (
	sessionCookie = "tiendo_session"
	ActorKey      = "tiendo.actor"
)

// SecurityHeaders are sent on every response.
func SecurityHeaders(c *gin.Context) {
	SetSecurityHeaders(c.Writer.Header(), c.Request)
	c.Next()
}

// SetSecurityHeaders is securityHeaders for responses written outside gin,
// such as the cross-origin refusal.
func SetSecurityHeaders(h http.Header, r *http.Request) {
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'")
	if r.TLS != nil {
		h.Set("Strict-Transport-Security", "max-age=31536000")
	}
}

// LimitBody makes an oversized body fail while it is read, as a 413. The
// Limit is MaxBodyBytes except on the routes that take evidence files
// (bodyLimit, below).
func LimitBody(c *gin.Context) {
	if c.Request.Body != nil {
		c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, bodyLimit(c))
	}
	c.Next()
}

// PanicAnswerKey holds, for the routes that answer people rather than
// programs (handlers/pages/pages.go), how a panic is answered instead of problem+json.
const PanicAnswerKey = "tiendo.panicAnswer"

// RecoverMiddleware turns a panic into a logged 500: a problem document, or
// the answer the route's group set under panicAnswerKey (the HTML error
// Page). The panic and its stack go to the log only: a stack trace tells a
// stranger how the server is built and the person in front of it nothing.
func RecoverMiddleware(log *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		defer func() {
			r := recover()
			if r == nil {
				return
			}
			if r == http.ErrAbortHandler { // net/http's way to drop a connection on purpose
				panic(r)
			}
			log.Error("panic", "request_id", RequestID(c.Request.Context()), "method", c.Request.Method, "path", c.Request.URL.Path,
				"panic", fmt.Sprint(r), "stack", string(debug.Stack()))
			c.Abort()
			if c.Writer.Written() {
				return // part of an answer is out; nothing sensible can follow it
			}
			if answer, ok := c.Get(PanicAnswerKey); ok {
				answer.(gin.HandlerFunc)(c)
				return
			}
			WriteProblem(c, ProblemFor(nil))
		}()
		c.Next()
	}
}

// AccessLog writes one line per request.
func AccessLog(log *slog.Logger) gin.HandlerFunc {
	return func(c *gin.Context) {
		start := time.Now()
		c.Next()
		log.Info("http", "request_id", RequestID(c.Request.Context()), "method", c.Request.Method, "path", maskFeedPath(c.Request.URL.Path),
			"status", c.Writer.Status(), "ms", time.Since(start).Milliseconds())
	}
}

// RequestToken prefers an explicit bearer token over the cookie. A cookie
// only ever carries a session: an API token is for Authorization headers,
// which browsers do not attach on their own.
func RequestToken(c *gin.Context) string {
	if auth := c.GetHeader("Authorization"); auth != "" {
		if tok, ok := strings.CutPrefix(auth, "Bearer "); ok {
			return strings.TrimSpace(tok)
		}
		return ""
	}
	tok, _ := c.Cookie(sessionCookie)
	if accounts.IsAPIToken(tok) {
		return ""
	}
	return tok
}

// Actor is the authenticated caller; routes behind authenticate always have one.
func Actor(c *gin.Context) *models.Actor {
	return c.MustGet(ActorKey).(*models.Actor)
}

// MaxUploadBody bounds a progress report with its evidence: every file at
// its limit plus room for the form fields and multipart framing.
const MaxUploadBody = plans.MaxAttachmentsPerReport*plans.MaxAttachmentBytes + 1<<20

// uploadRoutes take evidence files, so limitBody allows them maxUploadBody
// instead of MaxBodyBytes.
var uploadRoutes = map[string]bool{"POST /nhiem-vu/:id/bao-cao": true, "POST /api/v1/tasks/:id/progress": true}

// bodyLimit is the request body limit of c's route.
func bodyLimit(c *gin.Context) int64 {
	if uploadRoutes[c.Request.Method+" "+c.FullPath()] && IsMultipart(c) {
		return MaxUploadBody
	}
	return MaxBodyBytes
}
