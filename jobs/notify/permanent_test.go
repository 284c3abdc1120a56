package notify_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/tiendo/tiendo/internal/testnotify"
	"github.com/tiendo/tiendo/jobs/notify"
	"github.com/tiendo/tiendo/models"
)

// TestPermanentRefusals: an SMTP 5xx and an HTTP 4xx other than 408 and 429
// are refusals no retry changes; a 5xx answer, 408 and 429 are worth another try.
func TestPermanentRefusals(t *testing.T) {
	t.Parallel()
	clock := models.NewFixedClock(time.Date(2024, 9, 30, 7, 31, 0, 0, models.VietnamTime))
	srv := testnotify.NewSMTP(t)
	srv.RefuseRcpt = true
	email, err := notify.NewEmail(srv.URL(), clock)
	if err != nil {
		t.Fatal(err)
	}
	if err := email.Send(context.Background(), outbound()); !notify.IsPermanent(err) {
		t.Errorf("SMTP 550: %v, want a permanent refusal", err)
	}
	for status, permanent := range map[int]bool{
		http.StatusGone: true, http.StatusNotFound: true, http.StatusForbidden: true, http.StatusBadRequest: true,
		http.StatusRequestTimeout: false, http.StatusTooManyRequests: false, http.StatusBadGateway: false,
		http.StatusServiceUnavailable: false,
	} {
		rcv := testnotify.NewWebhook(t, "mot-khoa-bi-mat-du-dai-2024")
		rcv.Respond = func(int) int { return status }
		d := outbound()
		d.Channel, d.WebhookURL, d.WebhookSecret = "webhook", rcv.URL, rcv.Secret
		err := notify.Webhook{Clock: clock, AllowPrivate: true}.Send(context.Background(), d)
		if err == nil || notify.IsPermanent(err) != permanent {
			t.Errorf("HTTP %d: %v, want permanent %v", status, err, permanent)
		}
	}
}
