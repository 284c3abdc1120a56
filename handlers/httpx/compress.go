package httpx

import (
	"strings"

	"github.com/gin-contrib/gzip"
	"github.com/gin-gonic/gin"
)

// Compress gzips text responses: a page or a JSON list shrinks to a fifth,
// which is what a hamlet team's phone on a weak 3G signal notices most.
// BestSpeed, because the server's CPU is shared by every commune of a
// province, and the first factor of five costs little. Errors go out plain
// (the middleware's choice), so problem documents read the same everywhere.
var Compress = gzip.Gzip(gzip.BestSpeed, gzip.WithCustomShouldCompressFn(compressible))

// compressible says whether c's response is worth compressing: evidence
// files, their thumbnails, XLSX and DOCX are compressed already, and compressing them again
// only spends CPU.
func compressible(c *gin.Context) bool {
	if !strings.Contains(c.GetHeader("Accept-Encoding"), "gzip") {
		return false
	}
	p := c.Request.URL.Path
	switch {
	case strings.HasPrefix(p, "/tep/"), strings.HasPrefix(p, "/api/v1/reports/built/"),
		strings.HasPrefix(p, "/api/v1/import/templates/"), strings.HasSuffix(p, "/export"),
		strings.HasSuffix(p, "/thumbnail"):
		return false
	case p == "/api/v1/reports":
		f := c.Query("format")
		return f != "xlsx" && f != "docx"
	}
	return true
}
