package api

import (
	"bytes"
	"crypto/sha256"
	"io"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/tiendo/tiendo/handlers/httpx"
	"github.com/tiendo/tiendo/models"
)

// Exactly-once POSTs for API clients: the Idempotency-Key header of the IETF
// draft "The Idempotency-Key HTTP Header Field", with Stripe's semantics.
// The same key with the same request answers the first answer again (with
// Idempotent-Replayed: true); with another request, 422
// idempotency_key_reused; while the first is running, the others wait a
// little and then get 409 idempotency_key_in_flight. The claim and its fence
// live in models/idempotency.go. A route gets all of it with h.idem in
// api_routes.go.

// parseIdempotencyKey reads the header's values: exactly one, 1–255
// printable ASCII characters. The draft defines the value as a structured
// field string ("…"); a bare value, as Stripe takes it, is accepted too.
func parseIdempotencyKey(values []string) (string, error) {
	if len(values) != 1 {
		return "", badKey("gửi đúng một tiêu đề Idempotency-Key")
	}
	v := strings.TrimSpace(values[0])
	if strings.HasPrefix(v, `"`) {
		s, ok := unquoteSFString(v)
		if !ok {
			return "", badKey("chuỗi trong ngoặc kép không hợp lệ")
		}
		v = s
	}
	if v == "" || len(v) > httpx.MaxIdempotencyKey {
		return "", badKey("khóa dài từ 1 đến 255 ký tự")
	}
	for i := 0; i < len(v); i++ {
		if v[i] < 0x20 || v[i] > 0x7e {
			return "", badKey("khóa chỉ gồm ký tự ASCII in được")
		}
	}
	return v, nil
}

// unquoteSFString reads an RFC 8941 string: "…" with \" and \\ escapes.
func unquoteSFString(v string) (string, bool) {
	if len(v) < 2 || !strings.HasSuffix(v, `"`) {
		return "", false
	}
	var b strings.Builder
	in := v[1 : len(v)-1]
	for i := 0; i < len(in); i++ {
		switch c := in[i]; c {
		case '\\':
			if i+1 >= len(in) || (in[i+1] != '"' && in[i+1] != '\\') {
				return "", false
			}
			i++
			b.WriteByte(in[i])
		case '"':
			return "", false
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), true
}

func badKey(msg string) error {
	return models.Invalid(httpx.IdempotencyHeader, "invalid", "tiêu đề Idempotency-Key không hợp lệ: %s", msg)
}

// idem is the middleware of a POST that creates something: without the
// header it does nothing; with it, the request runs at most once per key.
func (h *Handler) idem(c *gin.Context) {
	values, present := c.Request.Header[http.CanonicalHeaderKey(httpx.IdempotencyHeader)]
	if !present {
		c.Next()
		return
	}
	key, err := parseIdempotencyKey(values)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	a := httpx.Actor(c)
	if a.CommuneID == 0 { // province accounts create nothing in a commune
		c.Next()
		return
	}
	body, err := io.ReadAll(c.Request.Body)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.Request.Body = io.NopCloser(bytes.NewReader(body))
	k := models.IdempotencyKey{Scope: models.ScopeAPI, Key: key,
		Fingerprint: fingerprint(c.Request.Method, c.Request.URL.Path, body)}
	claim, ans, err := h.ClaimWaiting(c, a, k)
	switch {
	case err != nil:
		httpx.Fail(c, err)
	case ans != nil:
		httpx.Replay(c, ans)
	default:
		h.RunClaimed(c, claim, func(rec *httpx.Recorder) bool { return rec.Status() < 300 })
	}
}

// fingerprint identifies a request: the same key may not be reused for
// another route or another body.
func fingerprint(method, path string, body []byte) []byte {
	h := sha256.New()
	h.Write([]byte(method + " " + path + "\n"))
	h.Write(body)
	return h.Sum(nil)
}
