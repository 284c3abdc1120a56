package deadlines

import (
	"encoding/base64"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/lib/pq"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/netguard"
)

// SettingsInput is the body of PUT /settings: every field is required except
// webhook_secret, which keeps the stored secret when absent.
type SettingsInput struct {
	DueSoonDays       *[]int  `json:"due_soon_days"`
	DueToday          *bool   `json:"due_today"`
	OverdueFirstAfter *int    `json:"overdue_first_after"`
	OverdueEvery      *int    `json:"overdue_every"`
	EscalateAfter     *int    `json:"escalate_after"`
	StaleAfterDays    *int    `json:"stale_after_days"`
	DigestEnabled     *bool   `json:"digest_enabled"`
	DigestAt          *string `json:"digest_at"`
	EmailEnabled      *bool   `json:"email_enabled"`
	WebhookEnabled    *bool   `json:"webhook_enabled"`
	WebhookURL        *string `json:"webhook_url"`
	WebhookSecret     *string `json:"webhook_secret"`
}

// apply validates in against the stored settings cur and returns the new
// settings, or a ValidationError naming every bad field.
func (in *SettingsInput) apply(cur Settings, allowPrivate bool) (Settings, error) {
	v := &models.ValidationError{}
	out := cur
	out.DueSoonDays = validDueSoon(v, in.DueSoonDays)
	out.DueToday = required(v, "due_today", in.DueToday)
	out.OverdueFirstAfter = inRange(v, "overdue_first_after", in.OverdueFirstAfter, 1, 30)
	out.OverdueEvery = inRange(v, "overdue_every", in.OverdueEvery, 1, 30)
	out.EscalateAfter = inRange(v, "escalate_after", in.EscalateAfter, 0, 60)
	out.StaleAfterDays = inRange(v, "stale_after_days", in.StaleAfterDays, 0, 365)
	out.DigestEnabled = required(v, "digest_enabled", in.DigestEnabled)
	out.DigestAt = validClock(v, in.DigestAt)
	out.EmailEnabled = required(v, "email_enabled", in.EmailEnabled)
	out.WebhookEnabled = required(v, "webhook_enabled", in.WebhookEnabled)
	out.WebhookURL = validWebhookURL(v, in.WebhookURL, allowPrivate)
	if in.WebhookSecret != nil {
		out.webhookSecret = strings.TrimSpace(*in.WebhookSecret)
		if out.webhookSecret != "" && !validSecret(out.webhookSecret) {
			v.Add("webhook_secret", "too_weak", "khóa bí mật cần ít nhất 16 ký tự, hoặc dạng whsec_<base64>")
		}
	}
	out.WebhookSecretSet = out.webhookSecret != ""
	if out.WebhookEnabled && out.WebhookURL == "" && in.WebhookURL != nil {
		v.Add("webhook_url", "required", "cần địa chỉ webhook khi bật kênh webhook")
	}
	if out.WebhookEnabled && !out.WebhookSecretSet {
		v.Add("webhook_secret", "required", "cần khóa bí mật để ký webhook khi bật kênh webhook")
	}
	return out, v.Err()
}

func required[T any](v *models.ValidationError, field string, p *T) T {
	var zero T
	if p == nil {
		v.Add(field, "required", "thiếu trường %s", field)
		return zero
	}
	return *p
}

func inRange(v *models.ValidationError, field string, p *int, lo, hi int) int {
	n := required(v, field, p)
	if p != nil && (n < lo || n > hi) {
		v.Add(field, "out_of_range", "%s phải từ %d đến %d", field, lo, hi)
	}
	return n
}

// validDueSoon keeps the lead times distinct and largest first.
func validDueSoon(v *models.ValidationError, p *[]int) pq.Int64Array {
	days := required(v, "due_soon_days", p)
	out := pq.Int64Array{}
	for _, d := range days {
		if d < 1 || d > 30 {
			v.Add("due_soon_days", "out_of_range", "mỗi mốc nhắc trước hạn phải từ 1 đến 30 ngày làm việc")
			return out
		}
		out = append(out, int64(d))
	}
	slices.Sort(out)
	slices.Reverse(out)
	out = slices.Compact(out)
	if len(out) > 5 {
		v.Add("due_soon_days", "too_many", "tối đa 5 mốc nhắc trước hạn")
	}
	return out
}

func validClock(v *models.ValidationError, p *string) string {
	s := required(v, "digest_at", p)
	t, err := time.Parse("15:04", s)
	if p != nil && (err != nil || len(s) != 5) {
		v.Add("digest_at", "invalid", "giờ gửi phải có dạng HH:MM, ví dụ 07:30")
		return s
	}
	return t.Format("15:04")
}

// validWebhookURL accepts a full http(s) URL whose host is not, as written,
// the server itself or a private address (the dispatcher checks the resolved
// address again when it connects).
func validWebhookURL(v *models.ValidationError, p *string, allowPrivate bool) string {
	s := strings.TrimSpace(required(v, "webhook_url", p))
	if s == "" {
		return ""
	}
	u, err := url.Parse(s)
	switch {
	case err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || len(s) > 2000:
		v.Add("webhook_url", "invalid", "địa chỉ webhook phải là một URL http(s) đầy đủ")
	case !allowPrivate && netguard.CheckHost(u.Hostname()) != nil:
		v.Add("webhook_url", "private_address",
			"địa chỉ webhook không được trỏ vào máy chủ hoặc mạng nội bộ (127.0.0.1, 10.x, 192.168.x, 169.254.x…)")
	}
	return s
}

// validSecret accepts a Standard Webhooks secret (whsec_ + base64 of 24 to
// 64 bytes) or any other string of at least 16 characters, used as is.
func validSecret(s string) bool {
	if b64, ok := strings.CutPrefix(s, "whsec_"); ok {
		key, err := base64.StdEncoding.DecodeString(b64)
		return err == nil && len(key) >= 24 && len(key) <= 64
	}
	return len(s) >= 16 && len(s) <= 200
}

// WebhookKey is the HMAC key of a commune's webhook secret: the decoded
// bytes of a whsec_ secret, else the secret's own bytes.
func WebhookKey(secret string) []byte {
	if b64, ok := strings.CutPrefix(secret, "whsec_"); ok {
		if key, err := base64.StdEncoding.DecodeString(b64); err == nil {
			return key
		}
	}
	return []byte(secret)
}
