package pages

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/tiendo/tiendo/handlers/httpx"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/deadlines"
)

// The event webhooks page (/quan-tri/webhook): the commune's endpoints, a
// form to register one, "Gửi thử", switching off and removal per endpoint, and the latest
// event deliveries, so the person who pressed "Gửi thử" sees how it went.
// The store decides who may (admins and chairmen), as for /api/v1/webhooks.

// adminWebhooksData is the Data of the event webhooks page.
type adminWebhooksData struct {
	Endpoints  []endpointRow
	Types      []roleOption // the event types the form offers
	NewSecret  string       // the secret of the endpoint just registered, shown this once
	Deliveries []deliveryRow
}

// endpointRow is one endpoint as the page lists it.
type endpointRow struct {
	ID      int64
	Name    string
	URL     string
	Events  string // the types' names, in the page's language
	Enabled bool
}

// webhookDeliveryLimit bounds the page's list of recent event deliveries.
const webhookDeliveryLimit = 20

// adminWebhooksPage lists the endpoints with the registration form.
func (h *Handler) adminWebhooksPage(c *gin.Context) error {
	return h.showWebhooks(c, http.StatusOK, newForm(nil), "")
}

func (h *Handler) showWebhooks(c *gin.Context, status int, f *form, secret string) error {
	ctx, a, lang := c.Request.Context(), httpx.Actor(c), pageLang(c)
	eps, err := h.Store.ListEndpoints(ctx, a)
	if err != nil {
		return err
	}
	log, err := h.Store.ListDeliveries(ctx, a, deadlines.DeliveryFilter{Channel: models.ChannelEvent,
		Limit: webhookDeliveryLimit})
	if err != nil {
		return err
	}
	d := &adminWebhooksData{NewSecret: secret, Deliveries: deliveryRows(lang, log.Items)}
	for _, ep := range eps {
		names := make([]string, len(ep.Events))
		for i, e := range ep.Events {
			names[i] = labelIn(lang, models.EventTypeLabels, e)
		}
		d.Endpoints = append(d.Endpoints, endpointRow{ID: ep.ID, Name: ep.Name, URL: ep.URL,
			Events: strings.Join(names, ", "), Enabled: ep.Enabled})
	}
	for _, e := range models.EventTypes {
		d.Types = append(d.Types, roleOption{Value: e, Label: labelIn(lang, models.EventTypeLabels, e) + " (" + e + ")"})
	}
	if secret != "" {
		c.Header("Cache-Control", "no-store")
	}
	h.render(c, status, "admin_webhooks", &view{Title: "Webhook sự kiện", Nav: "admin-webhooks", Form: f, Data: d})
	return nil
}

// createWebhookSubmit registers an endpoint and shows its secret this once;
// a refused one comes back with every error beside its field.
func (h *Handler) createWebhookSubmit(c *gin.Context) error {
	f := newForm(postForm(c))
	name, url, events := f.Value("name"), strings.TrimSpace(f.Value("url")), f.values["events"]
	in := deadlines.EndpointInput{Name: &name, URL: &url, Events: &events}
	if secret := strings.TrimSpace(f.Value("secret")); secret != "" {
		in.Secret = &secret
	}
	ep, err := h.Store.CreateEndpoint(c.Request.Context(), httpx.Actor(c), in)
	if err == nil {
		return h.showWebhooks(c, http.StatusOK, newForm(nil), ep.Secret)
	}
	if !f.addError(err) {
		return err
	}
	f.values.Del("secret") // a secret is never sent back, even one just typed
	return h.showWebhooks(c, http.StatusUnprocessableEntity, f, "")
}

// testWebhookSubmit queues a sample event ("Gửi thử") for one endpoint.
func (h *Handler) testWebhookSubmit(c *gin.Context) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	if _, err := h.Store.SendTestEvent(c.Request.Context(), httpx.Actor(c), id); err != nil {
		return err
	}
	redirect(c, "/quan-tri/webhook?flash=webhook_test")
	return nil
}

// switchWebhookSubmit switches an endpoint off (no new event is queued for
// it) or on again, as PATCH /webhooks/{id} with enabled does.
func (h *Handler) switchWebhookSubmit(c *gin.Context) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	on := postForm(c).Get("enabled") == "1"
	if _, err := h.Store.UpdateEndpoint(c.Request.Context(), httpx.Actor(c), id, 0,
		deadlines.EndpointInput{Enabled: &on}); err != nil {
		return err
	}
	redirect(c, "/quan-tri/webhook?flash=saved")
	return nil
}

// deleteWebhookSubmit removes one endpoint.
func (h *Handler) deleteWebhookSubmit(c *gin.Context) error {
	id, err := httpx.PathID(c)
	if err != nil {
		return err
	}
	if err := h.Store.DeleteEndpoint(c.Request.Context(), httpx.Actor(c), id, 0); err != nil {
		return err
	}
	redirect(c, "/quan-tri/webhook?flash=deleted")
	return nil
}
