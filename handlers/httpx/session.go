package httpx

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
)

// SetSessionCookie sets the signed-in session's cookie until expires.
func (h *Base) SetSessionCookie(c *gin.Context, token string, expires time.Time) {
	maxAge := -1
	if token != "" {
		// The store's clock, not the wall clock: under a moved clock (demo,
		// tests) the wall clock would expire the cookie at once.
		maxAge = max(1, int(expires.Sub(h.Store.Clock().Now()).Seconds()))
	}
	http.SetCookie(c.Writer, &http.Cookie{
		Name: sessionCookie, Value: token, Path: "/", MaxAge: maxAge, HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: h.Opts.SecureCookies || c.Request.TLS != nil,
	})
}
