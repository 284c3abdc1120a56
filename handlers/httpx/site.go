package httpx

import (
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/tiendo/tiendo/models/accounts"
)

// FeedURL is the address of the feed with secret on this site.
func (h *Base) FeedURL(c *gin.Context, secret string) string {
	return h.SiteURL(c).JoinPath(accounts.CalendarFeedPath, secret+".ics").String()
}

// SiteURL is this site as the caller reached it: https when the request
// came over TLS or the site sits behind a TLS proxy (SecureCookies).
func (h *Base) SiteURL(c *gin.Context) *url.URL {
	scheme := "http"
	if c.Request.TLS != nil || h.Opts.SecureCookies {
		scheme = "https"
	}
	return &url.URL{Scheme: scheme, Host: c.Request.Host, Path: "/"}
}

// maskFeedPath keeps a feed's secret out of the access log.
func maskFeedPath(path string) string {
	if strings.HasPrefix(path, accounts.CalendarFeedPath) {
		return accounts.CalendarFeedPath + "…"
	}
	return path
}
