package api

import (
	_ "embed"
	"net/http"

	"github.com/gin-gonic/gin"
	"github.com/tiendo/tiendo/handlers/httpx"
)

//go:embed openapi.json
var openapiDoc []byte

// OpenAPI is the API description served at /api/v1/openapi.json.
func OpenAPI() []byte { return openapiDoc }

// healthz says the process is alive; it touches nothing else.
func (h *Handler) healthz(c *gin.Context) error {
	return httpx.Respond(c, http.StatusOK, gin.H{"status": "ok"}, nil)
}

// readyz says whether this process can serve: database reachable, schema current.
func (h *Handler) readyz(c *gin.Context) error {
	if err := h.Opts.Ready(c.Request.Context()); err != nil {
		h.Log.Warn("not ready", "err", err)
		httpx.WriteProblem(c, httpx.Problem{Status: http.StatusServiceUnavailable, Code: "not_ready",
			Title: "Chưa sẵn sàng", Detail: "cơ sở dữ liệu chưa kết nối được hoặc chưa cập nhật lược đồ"})
		return nil
	}
	return httpx.Respond(c, http.StatusOK, gin.H{"status": "ready"}, nil)
}

func (h *Handler) openapi(c *gin.Context) error {
	c.Data(http.StatusOK, "application/json", openapiDoc)
	return nil
}
