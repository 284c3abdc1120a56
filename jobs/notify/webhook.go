package notify

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/deadlines"
	"github.com/tiendo/tiendo/models/netguard"
)

// Webhook posts each delivery as JSON to the commune's webhook URL, signed
// the Standard Webhooks way: headers webhook-id (the same on every retry of
// a delivery), webhook-timestamp (Unix seconds of this attempt) and
// webhook-signature "v1,<base64 HMAC-SHA256 of id.timestamp.body>" under the
// commune's secret. Any 2xx answer is delivered; anything else is retried.
// A commune admin chooses the URL, so the client connects only to public
// addresses (checked when dialling, after name resolution) unless
// AllowPrivate, and the delivery log, which the admin reads, gets a generic
// reason for a failed connection while the operator's log gets the detail.
type Webhook struct {
	Client       *http.Client // nil: a client for AllowPrivate (webhookClient)
	Clock        models.Clock
	AllowPrivate bool         // TIENDO_WEBHOOK_ALLOW_PRIVATE: tests and intranets
	Log          *slog.Logger // nil: slog.Default()
}

// webhookClient gives up after ten seconds, follows no redirect (a 3xx is an
// answer that does not say the message arrived; following one could also
// lead inside) and uses no proxy from the environment, which would dial on
// its behalf past the address check.
func webhookClient(allowPrivate bool) *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.Proxy = nil
	t.DialContext = netguard.DialContext(allowPrivate)
	return &http.Client{
		Timeout:       10 * time.Second,
		Transport:     t,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

var (
	publicClient = webhookClient(false)
	anyClient    = webhookClient(true)
)

// errUnreachable is what the delivery log says of a failed connection.
var errUnreachable = errors.New("webhook: không kết nối được tới địa chỉ nhận (chi tiết trong nhật ký máy chủ) / " +
	"could not connect (details in the server log)")

// Name implements Channel.
func (Webhook) Name() string { return "webhook" }

// WebhookEvent is the JSON body of a webhook delivery.
type WebhookEvent struct {
	Type      string      `json:"type"`      // "reminder." + kind
	Timestamp time.Time   `json:"timestamp"` // when the reminder was queued
	Data      WebhookData `json:"data"`
}

// WebhookData is what a receiver needs to pass the reminder on (to Zalo, an
// SMS gateway…) without calling back.
type WebhookData struct {
	DeliveryID int64            `json:"delivery_id"`
	CommuneID  int64            `json:"commune_id"`
	Commune    string           `json:"commune"`
	Kind       string           `json:"kind"`
	TaskID     *int64           `json:"task_id"`
	Recipient  WebhookRecipient `json:"recipient"`
	Title      string           `json:"title"`
	Body       string           `json:"body"`
	Link       string           `json:"link"`
	Facts      json.RawMessage  `json:"facts"`
}

// WebhookRecipient names the person a reminder is for.
type WebhookRecipient struct {
	ID       int64  `json:"id"`
	Username string `json:"username"`
	FullName string `json:"full_name"`
	Email    string `json:"email"`
}

// WebhookID is the webhook-id of delivery d, the same on every attempt.
func WebhookID(d *deadlines.Outbound) string {
	return "msg_" + strings.ReplaceAll(d.MessageID, "-", "")
}

// Send implements Channel.
func (w Webhook) Send(ctx context.Context, d *deadlines.Outbound) error {
	if d.WebhookURL == "" || d.WebhookSecret == "" {
		return errors.New("webhook: the commune has no webhook URL and secret")
	}
	body, err := json.Marshal(WebhookEvent{Type: "reminder." + d.Kind, Timestamp: d.CreatedAt, Data: WebhookData{
		DeliveryID: d.ID, CommuneID: d.CommuneID, Commune: d.CommuneName, Kind: d.Kind, TaskID: d.TaskID,
		Recipient: WebhookRecipient{ID: d.RecipientID, Username: d.RecipientUsername, FullName: d.RecipientName,
			Email: d.RecipientEmail},
		Title: d.Title, Body: d.Body, Link: d.Link, Facts: d.Payload}})
	if err != nil {
		return err
	}
	req, err := signedRequest(ctx, d, w.Clock.Now(), body)
	if err != nil {
		return err
	}
	return w.post(req, d.ID)
}

// signedRequest is the POST of body to d's webhook, with the id, timestamp
// and signature headers both kinds of webhook carry (README, "Webhooks").
func signedRequest(ctx context.Context, d *deadlines.Outbound, now time.Time, body []byte) (*http.Request, error) {
	id, ts := WebhookID(d), strconv.FormatInt(now.Unix(), 10)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, d.WebhookURL, bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("webhook: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "tiendo-webhook/1")
	req.Header.Set("webhook-id", id)
	req.Header.Set("webhook-timestamp", ts)
	req.Header.Set("webhook-signature", Sign(deadlines.WebhookKey(d.WebhookSecret), id, ts, body))
	return req, nil
}

func (w Webhook) post(req *http.Request, delivery int64) error {
	client := w.Client
	switch {
	case client != nil:
	case w.AllowPrivate:
		client = anyClient
	default:
		client = publicClient
	}
	resp, err := client.Do(req)
	if err != nil {
		log := w.Log
		if log == nil {
			log = slog.Default()
		}
		log.Warn("webhook: connection failed", "delivery", delivery, "host", req.URL.Host, "err", err)
		if errors.Is(err, netguard.ErrForbidden) {
			return fmt.Errorf("webhook: %w", netguard.ErrForbidden)
		}
		return errUnreachable
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 4096))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		// The status only: the body of an answer is the receiver's, not ours to show.
		err := fmt.Errorf("webhook: HTTP %d", resp.StatusCode)
		if permanentStatus(resp.StatusCode) {
			return &PermanentError{Err: err}
		}
		return err
	}
	return nil
}

// permanentStatus: a 4xx says the request itself is refused (gone, not
// found, forbidden), except 408 (timeout) and 429 (slow down), which ask
// for another try.
func permanentStatus(code int) bool {
	return code >= 400 && code < 500 && code != http.StatusRequestTimeout && code != http.StatusTooManyRequests
}

// Sign is the Standard Webhooks signature of one attempt.
func Sign(key []byte, id, timestamp string, body []byte) string {
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(id + "." + timestamp + "."))
	mac.Write(body)
	return "v1," + base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

// Verify checks a received webhook as a receiver should: one of the
// signatures (space-separated) matches and the timestamp is within
// tolerance of now.
func Verify(secret string, h http.Header, body []byte, now time.Time, tolerance time.Duration) error {
	ts, err := strconv.ParseInt(h.Get("webhook-timestamp"), 10, 64)
	if err != nil {
		return errors.New("webhook: bad timestamp")
	}
	if d := now.Sub(time.Unix(ts, 0)); d > tolerance || d < -tolerance {
		return errors.New("webhook: timestamp outside tolerance")
	}
	want := Sign(deadlines.WebhookKey(secret), h.Get("webhook-id"), h.Get("webhook-timestamp"), body)
	for _, sig := range strings.Fields(h.Get("webhook-signature")) {
		if hmac.Equal([]byte(sig), []byte(want)) {
			return nil
		}
	}
	return errors.New("webhook: no matching signature")
}
