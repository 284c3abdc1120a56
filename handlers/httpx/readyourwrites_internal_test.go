package httpx

import (
	"context"
	"fmt"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/tiendo/tiendo/models"
)

// FuzzLastWriteCookie: whatever the cookie holds, reading it never fails the
// request, and only a positive number of milliseconds is believed.
func FuzzLastWriteCookie(f *testing.F) {
	for _, s := range []string{"1796312147569", "0", "-5", "abc", "", "99999999999999999999", "1e3"} {
		f.Add(s)
	}
	rw := ReadYourWrites{Window: 10 * time.Second}
	f.Fuzz(func(t *testing.T, v string) {
		req := httptest.NewRequest("GET", "/", nil)
		req.Header.Set("Cookie", lastWriteCookie+"="+v)
		ctx := rw.withLastWrite(context.Background(), req)
		if ctx == context.Background() {
			return
		}
		if c, err := req.Cookie(lastWriteCookie); err != nil || c.Value == "" || c.Value[0] == '-' || c.Value == "0" {
			t.Errorf("cookie %q believed", v)
		}
	})
}

// TestRecordedKeyIsAConflictToStopRetrying: the offline queue drops a report
// on this code (web/static/queue.js), so it must stay this code, without
// Retry-After.
func TestRecordedKeyIsAConflictToStopRetrying(t *testing.T) {
	p := ProblemFor(fmt.Errorf("claim: %w", models.ErrIdempotencyKeyRecorded))
	if p.Status != 409 || p.Code != "idempotency_key_recorded" || p.RetryAfter != 0 {
		t.Errorf("%+v", p)
	}
}
