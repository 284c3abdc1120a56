package jobs

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/tiendo/tiendo/models/deadlines"
	"github.com/tiendo/tiendo/models/domain"

	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/internal/testnotify"
	"github.com/tiendo/tiendo/jobs/notify"
	"github.com/tiendo/tiendo/models"
)

// TestWebhookSettingsRefusePrivateDestinations: a commune admin cannot point
// the webhook at the server itself, cloud metadata or a private network
// unless the operator allows it.
func TestWebhookSettingsRefusePrivateDestinations(t *testing.T) {
	t.Parallel()
	w := testfix.New(t)
	store, err := domain.Open(w.DB, models.Options{Clock: w.Clock, Password: models.TestPasswordParams})
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	admin := w.Actor(t, w.A, models.RoleAdmin)
	put := func(url string) error {
		in := settingsInput(deadlines.DefaultSettings())
		on, secret := true, "mot-khoa-bi-mat-du-dai-2024"
		in.WebhookEnabled, in.WebhookURL, in.WebhookSecret = &on, &url, &secret
		_, err := store.PutSettings(context.Background(), admin, 0, in)
		return err
	}
	for _, url := range []string{"http://127.0.0.1:5432/", "http://localhost:8080/hook", "http://[::1]/x",
		"http://169.254.169.254/latest/meta-data/", "https://10.0.0.7/hook", "http://192.168.1.1/", "http://0.0.0.0/"} {
		var v *models.ValidationError
		if err := put(url); !errors.As(err, &v) || v.Fields[0].Field != "webhook_url" {
			t.Errorf("%s: %v, want a 400 naming webhook_url", url, err)
		}
	}
	if err := put("https://zalo-gateway.example.vn/hook"); err != nil {
		t.Fatalf("a public name: %v", err)
	}
}

// TestWebhookDialRefusesLoopback: a stored URL that leads home (a name that
// resolves to loopback, or one saved while allowed) is refused when dialled,
// the receiver hears nothing, and the delivery log says why in words that
// name no address or port.
func TestWebhookDialRefusesLoopback(t *testing.T) {
	t.Parallel()
	w := testfix.New(t)
	rcv := testnotify.NewWebhook(t, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
	rcv.Clock = w.Clock
	rcv.URL = strings.Replace(rcv.URL, "127.0.0.1", "localhost", 1)
	enableWebhook(t, w, w.A, rcv)
	w.Clock.Set(vn(9, 29, 10, 0))
	chair, p := newPlan(t, w, w.A, "33/KH-UBND")
	assign(t, w, chair, p, "Cập nhật cổng thông tin", "2024-10-15", w.A.Office.ID, w.A.Users[models.RoleOfficer].ID)
	store := w.JobsStore(t)
	plan(t, Reminders{Store: store}, w, vn(9, 29, 10, 0))
	d := newDispatch(t, store, "a", nil)
	d.Channels["webhook"] = notify.Webhook{Clock: store.Clock()}
	run(t, d)
	if n := len(rcv.Hits()); n != 0 {
		t.Fatalf("the receiver on loopback got %d requests", n)
	}
	got := deliveriesOf(t, w, w.A, deadlines.DeliveryFilter{Channel: "webhook"})[0]
	if got.Status != "failed" || !strings.Contains(got.LastError, "mạng nội bộ") ||
		strings.Contains(got.LastError, "127.0.0.1") || strings.Contains(got.LastError, "localhost") {
		t.Fatalf("delivery %s: %q", got.Status, got.LastError)
	}
}
