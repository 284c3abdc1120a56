package notify_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/tiendo/tiendo/internal/testnotify"
	"github.com/tiendo/tiendo/jobs/notify"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/deadlines"
)

// TestSignStandardWebhooksVector checks Sign against the example of the
// Standard Webhooks specification, so any of its verifier libraries accepts us.
func TestSignStandardWebhooksVector(t *testing.T) {
	t.Parallel()
	key := deadlines.WebhookKey("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
	got := notify.Sign(key, "msg_p5jXN8AQM9LWM0D4loKWxJek", "1614265330", []byte(`{"test": 2432232314}`))
	if want := "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="; got != want {
		t.Fatalf("signature %s, want %s", got, want)
	}
}

// TestWebhookSendAndVerify posts to a receiver that verifies the signature;
// a non-2xx answer is an error, and every attempt carries the same id.
func TestWebhookSendAndVerify(t *testing.T) {
	t.Parallel()
	clock := models.NewFixedClock(time.Date(2024, 9, 30, 7, 31, 0, 0, models.VietnamTime))
	rcv := testnotify.NewWebhook(t, "mot-khoa-bi-mat-du-dai-2024")
	rcv.Clock = clock
	rcv.Respond = func(n int) int {
		return map[bool]int{true: http.StatusServiceUnavailable, false: http.StatusNoContent}[n == 1]
	}
	d := outbound()
	d.Channel, d.WebhookURL, d.WebhookSecret = "webhook", rcv.URL, rcv.Secret
	hook := notify.Webhook{Clock: clock, AllowPrivate: true}
	if err := hook.Send(context.Background(), d); err == nil {
		t.Fatal("a 503 counted as delivered")
	}
	clock.Advance(time.Minute)
	if err := hook.Send(context.Background(), d); err != nil {
		t.Fatal(err)
	}
	hits := rcv.Hits()
	if len(hits) != 2 || hits[0].ID != hits[1].ID || hits[0].ID != notify.WebhookID(d) || hits[0].Timestamp == hits[1].Timestamp {
		t.Fatalf("want two attempts with one id and two timestamps: %+v", hits)
	}
	for _, h := range hits {
		if h.SigErr != nil {
			t.Errorf("signature: %v", h.SigErr)
		}
	}
	ev := hits[1].Event
	if ev.Type != "reminder.due_soon" || ev.Data.DeliveryID != 7 || ev.Data.Recipient.FullName != "Võ Thị Ngọc Hân" ||
		ev.Data.Body != d.Body {
		t.Errorf("event %+v", ev)
	}
	// A receiver with another secret rejects it.
	if err := notify.Verify("khoa-khac-hoan-toan-2024", http.Header{"Webhook-Id": {hits[0].ID},
		"Webhook-Timestamp": {hits[0].Timestamp}, "Webhook-Signature": {"v1,AAAA"}}, nil, clock.Now(), time.Minute); err == nil {
		t.Error("a wrong signature verified")
	}
}
