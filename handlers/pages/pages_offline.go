package pages

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io/fs"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
)

// The installable app (issue 16): a web app manifest and a service worker,
// both from the embedded assets. The worker is served at /sw.js, not under
// /static/, because a worker controls only the pages under its own path:
// at the root it controls every page, so "Việc của tôi" and the task pages
// open with no signal. Neither file names anything outside this site, which
// the Content-Security-Policy (default-src 'self') would refuse anyway.

// shellAssets are the static files every page needs; the worker keeps them
// on install, at their versioned URLs.
var shellAssets = []string{"app.css", "app.js", "queue.js", "offline.js", "outbox.js", "favicon.svg",
	"icons/icon-192.png", "icons/icon-512.png"}

// offlineFile is an embedded file as served: its bytes and a strong ETag.
type offlineFile struct {
	body  []byte
	etag  string
	ctype string
}

var (
	workerFile   = mustOfflineFile("sw.js", "text/javascript; charset=utf-8", workerReplacer())
	manifestFile = mustOfflineFile("manifest.webmanifest", "application/manifest+json", iconReplacer())
)

// workerReplacer fills in the worker's list of shell URLs and its version:
// a new deployment changes both, so browsers install the new worker and it
// drops the old shell.
func workerReplacer() *strings.Replacer {
	urls := make([]string, len(shellAssets))
	sum := sha256.New()
	for i, name := range shellAssets {
		urls[i] = assetURL(name)
		sum.Write([]byte(urls[i]))
	}
	list, _ := json.Marshal(urls)
	return strings.NewReplacer(`["__SHELL__"]`, string(list), "__VERSION__", hex.EncodeToString(sum.Sum(nil)[:4]))
}

// iconReplacer gives the manifest's icons their versioned URLs.
func iconReplacer() *strings.Replacer {
	var pairs []string
	for _, name := range shellAssets {
		if strings.HasPrefix(name, "icons/") {
			pairs = append(pairs, `"/static/`+name+`"`, `"`+assetURL(name)+`"`)
		}
	}
	return strings.NewReplacer(pairs...)
}

func mustOfflineFile(name, ctype string, r *strings.Replacer) offlineFile {
	b := must(fs.ReadFile(staticFiles, name))
	body := []byte(r.Replace(string(b)))
	sum := sha256.Sum256(body)
	return offlineFile{body: body, etag: `"` + hex.EncodeToString(sum[:8]) + `"`, ctype: ctype}
}

// mountOffline registers the manifest and the worker; both are public, as
// the browser fetches them without asking who is signed in.
func mountOffline(r gin.IRouter) {
	r.GET("/sw.js", workerFile.serve)
	r.GET("/manifest.webmanifest", manifestFile.serve)
}

// serve answers the file, or 304 to a browser that has this version. The
// browser checks the worker for updates on every visit (no-cache), so a
// deployment reaches phones on their next page with a signal.
func (f offlineFile) serve(c *gin.Context) {
	c.Header("Cache-Control", "no-cache")
	c.Header("ETag", f.etag)
	if c.GetHeader("If-None-Match") == f.etag {
		c.Status(http.StatusNotModified)
		return
	}
	c.Data(http.StatusOK, f.ctype, f.body)
}
