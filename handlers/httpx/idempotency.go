package httpx

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/tiendo/tiendo/models"
)

// Exactly-once POSTs for API clients: the Idempotency-Key header of the IETF
// draft "The Idempotency-Key HTTP Header Field", with Stripe's semantics.
// The same key with the same request answers the first answer again (with
// Idempotent-Replayed: true); with another request, 422
// idempotency_key_reused; while the first is running, the others wait a
// little and then get 409 idempotency_key_in_flight. The claim and its fence
// live in models/idempotency.go. A route gets all of it with h.idem in
// router.go.

const (
	idempotencyHeader = "Idempotency-Key"
	replayedHeader    = "Idempotent-Replayed"
	maxIdempotencyKey = 255
)

// claimWait bounds how long a request waits for the first request with its
// key to finish before answering 409.
const claimWait = 5 * time.Second

// keptHeaders are the answer's headers kept for a replay.
var keptHeaders = []string{"Content-Type", "Location", "ETag"}

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
	if v == "" || len(v) > maxIdempotencyKey {
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
	return models.Invalid(idempotencyHeader, "invalid", "tiêu đề Idempotency-Key không hợp lệ: %s", msg)
}

// idem is the middleware of a POST that creates something: without the
// header it does nothing; with it, the request runs at most once per key.
func (h *APIHandler) idem(c *gin.Context) {
	values, present := c.Request.Header[http.CanonicalHeaderKey(idempotencyHeader)]
	if !present {
		c.Next()
		return
	}
	key, err := parseIdempotencyKey(values)
	if err != nil {
		fail(c, err)
		return
	}
	a := actor(c)
	if a.CommuneID == 0 { // province accounts create nothing in a commune
		c.Next()
		return
	}
	body, err := io.ReadAll(c.Request.Body)
	if err != nil {
		fail(c, err)
		return
	}
	c.Request.Body = io.NopCloser(bytes.NewReader(body))
	k := models.IdempotencyKey{Scope: models.ScopeAPI, Key: key,
		Fingerprint: fingerprint(c.Request.Method, c.Request.URL.Path, body)}
	claim, ans, err := h.claimWaiting(c, a, k)
	switch {
	case err != nil:
		fail(c, err)
	case ans != nil:
		replay(c, ans)
	default:
		h.runClaimed(c, claim, func(rec *recorder) bool { return rec.Status() < 300 })
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

// claimWaiting claims the key, waiting while another request holds it.
func (h *Base) claimWaiting(c *gin.Context, a *models.Actor, k models.IdempotencyKey) (*models.IdempotencyClaim, *models.IdempotentAnswer, error) {
	endTransaction(c) // the claim must be seen by a retry at once: see transaction.go
	deadline := time.Now().Add(claimWait)
	pause := 20 * time.Millisecond
	for {
		claim, ans, err := h.Store.ClaimIdempotencyKey(c.Request.Context(), a, k)
		if !errors.Is(err, models.ErrIdempotencyKeyInFlight) || time.Now().Add(pause).After(deadline) {
			return claim, ans, err
		}
		select {
		case <-c.Request.Context().Done():
			return nil, nil, c.Request.Context().Err()
		case <-time.After(pause):
		}
		pause = min(2*pause, 250*time.Millisecond)
	}
}

// runClaimed runs the rest of the chain under claim, then keeps its answer
// when ok says it succeeded, or gives the key back when nothing was written.
func (h *Base) runClaimed(c *gin.Context, claim *models.IdempotencyClaim, ok func(*recorder) bool) {
	ctx := c.Request.Context()
	c.Request = c.Request.WithContext(models.WithIdempotencyClaim(ctx, claim))
	rec := &recorder{ResponseWriter: c.Writer}
	c.Writer = rec
	c.Next()
	c.Request = c.Request.WithContext(ctx)
	succeeded := len(c.Errors) == 0 && rec.Written() && ok(rec)
	if !succeeded {
		released, err := h.Store.ReleaseIdempotencyKey(ctx, claim)
		if err != nil || released {
			logIf(h, err, "release idempotency key")
			return
		}
		// The write committed and then the handler failed: keep what was
		// answered, so a retry does not write again.
	}
	ans := models.IdempotentAnswer{Status: rec.Status(), Headers: map[string]string{}, Body: rec.body.Bytes()}
	for _, name := range keptHeaders {
		if v := rec.Header().Get(name); v != "" {
			ans.Headers[name] = v
		}
	}
	logIf(h, h.Store.CompleteIdempotencyKey(ctx, claim, ans), "complete idempotency key")
}

func logIf(h *Base, err error, msg string) {
	if err != nil {
		h.Log.Error(msg, "err", err)
	}
}

// replay answers the kept first answer again.
func replay(c *gin.Context, ans *models.IdempotentAnswer) {
	for k, v := range ans.Headers {
		c.Header(k, v)
	}
	c.Header(replayedHeader, "true")
	c.Status(ans.Status)
	if len(ans.Body) > 0 {
		_, _ = c.Writer.Write(ans.Body)
	}
	c.Abort()
}

// recorder keeps a copy of the body written through it.
type recorder struct {
	gin.ResponseWriter
	body bytes.Buffer
}

func (r *recorder) Write(b []byte) (int, error) {
	r.body.Write(b)
	return r.ResponseWriter.Write(b)
}

func (r *recorder) WriteString(s string) (int, error) {
	r.body.WriteString(s)
	return r.ResponseWriter.WriteString(s)
}
