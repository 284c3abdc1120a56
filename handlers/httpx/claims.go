package httpx

import (
	"bytes"
	"errors"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/tiendo/tiendo/models"
)

// ClaimWaiting claims the key, waiting while another request holds it.
func (h *Base) ClaimWaiting(c *gin.Context, a *models.Actor, k models.IdempotencyKey) (*models.IdempotencyClaim, *models.IdempotentAnswer, error) {
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

// RunClaimed runs the rest of the chain under claim, then keeps its answer
// when ok says it succeeded, or gives the key back when nothing was written.
func (h *Base) RunClaimed(c *gin.Context, claim *models.IdempotencyClaim, ok func(*Recorder) bool) {
	ctx := c.Request.Context()
	c.Request = c.Request.WithContext(models.WithIdempotencyClaim(ctx, claim))
	rec := &Recorder{ResponseWriter: c.Writer}
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

// Replay answers the kept first answer again.
func Replay(c *gin.Context, ans *models.IdempotentAnswer) {
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

// Recorder keeps a copy of the body written through it.
type Recorder struct {
	gin.ResponseWriter
	body bytes.Buffer
}

func (r *Recorder) Write(b []byte) (int, error) {
	r.body.Write(b)
	return r.ResponseWriter.Write(b)
}

func (r *Recorder) WriteString(s string) (int, error) {
	r.body.WriteString(s)
	return r.ResponseWriter.WriteString(s)
}

// The request header, the header that marks a replayed answer, and the
// longest key accepted.
const (
	IdempotencyHeader = "Idempotency-Key"
	replayedHeader    = "Idempotent-Replayed"
	MaxIdempotencyKey = 255
)

// claimWait bounds how long a request waits for the first request with its
// key to finish before answering 409.
const claimWait = 5 * time.Second

// keptHeaders are the answer's headers kept for a replay.
var keptHeaders = []string{"Content-Type", "Location", "ETag"}
