package pages

import (
	"fmt"
	"net/http"
	"sync"

	"github.com/gin-gonic/gin"
)

// MountAPIDocs registers /api/v1/docs, the reference page of doc (the API's
// openapi.json, which the router hands over, so that the pages need not
// import the API). The page is server-rendered HTML with the site's own
// stylesheet, no script and no outside asset, so it reads in a commune
// office without internet access. A document it cannot read stops the
// process (and every test) like a broken template does.
func (h *Handler) MountAPIDocs(r *gin.Engine, doc []byte) {
	ref, err := apiReference(doc)
	if err != nil {
		panic(fmt.Sprintf("openapi.json: %v", err))
	}
	h.PageGroup(r).GET("/api/v1/docs", h.Page(func(c *gin.Context) error {
		h.render(c, http.StatusOK, "api_docs", &view{Title: "Tài liệu API", Data: ref})
		return nil
	}))
}

// apiReference arranges a document once: every router of a test run mounts
// the same one.
func apiReference(doc []byte) (*apiDoc, error) {
	refMu.Lock()
	defer refMu.Unlock()
	if d, ok := refCache[string(doc)]; ok {
		return d, nil
	}
	d, err := buildAPIDoc(doc)
	if err == nil {
		refCache[string(doc)] = d
	}
	return d, err
}

var (
	refMu    sync.Mutex
	refCache = map[string]*apiDoc{}
)
