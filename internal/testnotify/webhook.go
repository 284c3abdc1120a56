package testnotify

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/tiendo/tiendo/jobs/notify"
	"github.com/tiendo/tiendo/models"
)

// Hook is one webhook request as the endpoint received it.
type Hook struct {
	ID        string
	Timestamp string
	Event     notify.WebhookEvent
	Body      []byte // as received: an event webhook's notify.Event
	Status    int    // what the endpoint answered
	SigErr    error  // nil when the signature checked out
}

// Webhook is an HTTP endpoint that checks each request's signature and
// answers with Respond (200 when nil).
type Webhook struct {
	URL    string
	Secret string
	// Clock is what "now" is for the timestamp check (nil: the wall clock).
	Clock models.Clock
	// Respond chooses the status of the n-th request (1-based).
	Respond func(n int) int
	// Delay, when set, is how long each answer takes.
	Delay time.Duration

	mu   sync.Mutex
	hits []Hook
}

// NewWebhook starts an endpoint, stopped when t ends.
func NewWebhook(t testing.TB, secret string) *Webhook {
	t.Helper()
	h := &Webhook{Secret: secret}
	srv := httptest.NewServer(http.HandlerFunc(h.serve))
	t.Cleanup(srv.Close)
	h.URL = srv.URL + "/tiendo"
	return h
}

func (h *Webhook) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	time.Sleep(h.Delay)
	now := time.Now()
	if h.Clock != nil {
		now = h.Clock.Now()
	}
	hit := Hook{ID: r.Header.Get("webhook-id"), Timestamp: r.Header.Get("webhook-timestamp"), Body: body,
		SigErr: notify.Verify(h.Secret, r.Header, body, now, 5*time.Minute)}
	_ = json.Unmarshal(body, &hit.Event)
	h.mu.Lock()
	n := len(h.hits) + 1
	hit.Status = http.StatusOK
	if h.Respond != nil {
		hit.Status = h.Respond(n)
	}
	h.hits = append(h.hits, hit)
	h.mu.Unlock()
	w.WriteHeader(hit.Status)
}

// Hits is a copy of the requests so far, in order.
func (h *Webhook) Hits() []Hook {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]Hook(nil), h.hits...)
}
