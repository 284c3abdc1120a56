package deadlines

import (
	"crypto/rand"
	"encoding/base64"
	"slices"
	"strings"

	"github.com/lib/pq"

	"github.com/tiendo/tiendo/models"
)

// EndpointInput is the body of POST /webhooks (url and events required) and
// of PATCH /webhooks/{id} (every field optional). A secret left out of a
// creation is generated and shown once in its answer; one left out of an
// update keeps the stored secret.
type EndpointInput struct {
	Name    *string   `json:"name"`
	URL     *string   `json:"url"`
	Secret  *string   `json:"secret"`
	Events  *[]string `json:"events"`
	Enabled *bool     `json:"enabled"`
}

// endpointDraft is a validated endpoint about to be written; Secret nil
// keeps the stored one.
type endpointDraft struct {
	Name    string
	URL     string
	Secret  *string
	Events  pq.StringArray
	Enabled bool
}

// apply validates in over cur (the stored endpoint, or the defaults of a new
// one) and names every bad field. creating makes url and events required.
func (in *EndpointInput) apply(cur Endpoint, creating, allowPrivate bool) (endpointDraft, error) {
	v := &models.ValidationError{}
	out := endpointDraft{Name: cur.Name, URL: cur.URL, Events: cur.Events, Enabled: cur.Enabled}
	if in.Name != nil {
		out.Name = models.CleanText(*in.Name)
		models.CheckText(v, "name", out.Name, 200, false)
	}
	if in.URL != nil || creating {
		if out.URL = validEndpointURL(v, in.URL, allowPrivate); out.URL == "" && in.URL != nil {
			v.Add("url", "required", "cần địa chỉ nhận sự kiện (URL http(s) đầy đủ)")
		}
	}
	if in.Events != nil || creating {
		out.Events = validEvents(v, in.Events)
	}
	if in.Enabled != nil {
		out.Enabled = *in.Enabled
	}
	if in.Secret != nil {
		s := strings.TrimSpace(*in.Secret)
		if !validSecret(s) {
			v.Add("secret", "too_weak", "khóa bí mật cần 16–200 ký tự, hoặc dạng whsec_<base64 của 24–64 byte>")
		}
		out.Secret = &s
	}
	return out, v.Err()
}

// validEndpointURL is the reminder webhook's rule (a full http(s) URL, not
// the server itself nor a private network as written) under the field "url".
func validEndpointURL(v *models.ValidationError, p *string, allowPrivate bool) string {
	inner := &models.ValidationError{}
	s := validWebhookURL(inner, p, allowPrivate)
	for _, f := range inner.Fields {
		if f.Code == "required" {
			f.Message = "cần địa chỉ nhận sự kiện (URL http(s) đầy đủ)"
		}
		f.Field = "url"
		v.Fields = append(v.Fields, f)
	}
	return s
}

// validEvents keeps the known event types, each once, in EventTypes order.
func validEvents(v *models.ValidationError, p *[]string) pq.StringArray {
	if p == nil || len(*p) == 0 {
		v.Add("events", "required", "chọn ít nhất một loại sự kiện")
		return nil
	}
	out := pq.StringArray{}
	for _, e := range models.EventTypes {
		if slices.Contains(*p, e) {
			out = append(out, e)
		}
	}
	for _, e := range *p {
		if !slices.Contains(models.EventTypes, e) {
			v.Add("events", "invalid", "loại sự kiện %q không có; dùng: %s", e, strings.Join(models.EventTypes, ", "))
			break
		}
	}
	return out
}

// newEndpointSecret is a Standard Webhooks secret of 32 random bytes.
func newEndpointSecret() string {
	key := make([]byte, 32)
	_, _ = rand.Read(key) // crypto/rand.Read never fails (Go 1.24)
	return "whsec_" + base64.StdEncoding.EncodeToString(key)
}
