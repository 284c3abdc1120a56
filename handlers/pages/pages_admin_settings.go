package pages

import (
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/tiendo/tiendo/handlers/httpx"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/deadlines"
)

// Reminders on the pages: the commune's reminder settings (/quan-tri/nhac-viec)
// and, further down, the task page's log of the reminders sent about a task.

// adminSettingsData is the Data of the reminder settings page.
type adminSettingsData struct {
	Settings   deadlines.Settings
	CanManage  bool
	SecretHint string
}

// settingsChecks are the settings' on/off fields, drawn as checkboxes.
var settingsChecks = []string{"due_today", "digest_enabled", "email_enabled", "webhook_enabled"}

// adminSettingsPage shows the commune's reminder rules and channels: a form
// for the admin, the same fields read-only for everyone else (who may read
// them through the API too). The webhook secret is never shown.
func (h *Handler) adminSettingsPage(c *gin.Context) error {
	s, err := h.Store.GetSettings(c.Request.Context(), httpx.Actor(c))
	if err != nil {
		return err
	}
	return h.showSettings(c, http.StatusOK, s, settingsForm(s))
}

// settingsForm fills the form with stored settings.
func settingsForm(s deadlines.Settings) *form {
	f := newForm(nil)
	days := make([]string, len(s.DueSoonDays))
	for i, d := range s.DueSoonDays {
		days[i] = strconv.FormatInt(d, 10)
	}
	f.values.Set("due_soon_days", strings.Join(days, ", "))
	for name, n := range map[string]int{"overdue_first_after": s.OverdueFirstAfter, "overdue_every": s.OverdueEvery,
		"escalate_after": s.EscalateAfter, "stale_after_days": s.StaleAfterDays, "version": s.Version} {
		f.values.Set(name, strconv.Itoa(n))
	}
	f.values.Set("digest_at", s.DigestAt)
	f.values.Set("webhook_url", s.WebhookURL)
	for name, on := range map[string]bool{"due_today": s.DueToday, "digest_enabled": s.DigestEnabled,
		"email_enabled": s.EmailEnabled, "webhook_enabled": s.WebhookEnabled} {
		if on {
			f.values.Set(name, "1")
		}
	}
	return f
}

func (h *Handler) showSettings(c *gin.Context, status int, s deadlines.Settings, f *form) error {
	d := &adminSettingsData{Settings: s, CanManage: httpx.Actor(c).IsAdmin(),
		SecretHint: "Ít nhất 16 ký tự, hoặc dạng whsec_…; cần khi bật webhook"}
	if s.WebhookSecretSet {
		d.SecretHint = "Đã có khóa bí mật; để trống để giữ nguyên"
	}
	h.render(c, status, "admin_settings", &view{Title: "Nhắc việc", Nav: "admin-settings", Form: f, Data: d})
	return nil
}

// settingsSubmit saves the form as PUT /settings would, guarded by the
// version the form was drawn from, so that two admins do not silently
// overwrite each other. An empty secret keeps the stored one.
func (h *Handler) settingsSubmit(c *gin.Context) error {
	ctx, a := c.Request.Context(), httpx.Actor(c)
	if err := a.MayAdminister(); err != nil {
		return err
	}
	f := newForm(postForm(c))
	in := settingsInput(f)
	version, _ := strconv.Atoi(f.Value("version"))
	if !f.Invalid() {
		_, err := h.Store.PutSettings(ctx, a, version, in)
		if err == nil {
			redirect(c, "/quan-tri/nhac-viec?flash=saved")
			return nil
		}
		if !f.addError(err) {
			return err
		}
	}
	f.values.Del("webhook_secret") // a secret is never sent back, even one just typed
	s, err := h.Store.GetSettings(ctx, a)
	if err != nil {
		return err
	}
	return h.showSettings(c, http.StatusUnprocessableEntity, s, f)
}

// settingsInput reads the form into the body PUT /settings takes.
func settingsInput(f *form) deadlines.SettingsInput {
	in := deadlines.SettingsInput{DueSoonDays: f.parseDays("due_soon_days"),
		OverdueFirstAfter: f.parseInt("overdue_first_after"), OverdueEvery: f.parseInt("overdue_every"),
		EscalateAfter: f.parseInt("escalate_after"), StaleAfterDays: f.parseInt("stale_after_days")}
	checks := make(map[string]*bool, len(settingsChecks))
	for _, name := range settingsChecks {
		on := f.Value(name) != ""
		checks[name] = &on
	}
	in.DueToday, in.DigestEnabled = checks["due_today"], checks["digest_enabled"]
	in.EmailEnabled, in.WebhookEnabled = checks["email_enabled"], checks["webhook_enabled"]
	at, url := strings.TrimSpace(f.Value("digest_at")), strings.TrimSpace(f.Value("webhook_url"))
	in.DigestAt, in.WebhookURL = &at, &url
	if secret := strings.TrimSpace(f.Value("webhook_secret")); secret != "" {
		in.WebhookSecret = &secret
	}
	return in
}

var daySeparators = regexp.MustCompile(`[\s,;]+`)

// parseDays reads a list of whole numbers typed as "3, 1" or "3 1"; empty
// is an empty list (no due-soon reminders).
func (f *form) parseDays(name string) *[]int {
	days := []int{}
	for _, s := range daySeparators.Split(strings.TrimSpace(f.Value(name)), -1) {
		if s == "" {
			continue
		}
		n, err := strconv.Atoi(s)
		if err != nil {
			f.add(name, "cần nhập các số ngày làm việc, cách nhau bởi dấu phẩy, ví dụ 3, 1")
			return nil
		}
		days = append(days, n)
	}
	return &days
}

// The delivery log of the task page: the outbox rows about one task, the
// evidence that a reminder did (or did not) reach its recipient. The store
// decides who reads which rows, as for GET /api/v1/deliveries?task_id=.

// deliveryRow is one delivery as the task page lists it, in its language.
type deliveryRow struct {
	ID        int64
	Kind      string
	Recipient string
	Channel   string
	Status    string // the raw status, for the row's class
	Label     string // the status in words
	Attempts  int
	Queued    time.Time
	Sent      *time.Time
	Next      *time.Time // the next attempt of a failed delivery
	Error     string     // the transport's error, which only the admin and chairman receive
}

// taskDeliveryLimit bounds the log on the page: a task reminded every few
// days for a year stays well under it.
const taskDeliveryLimit = 100

// taskDeliveries lists the reminders about task id that the actor may see,
// newest first.
func (h *Handler) taskDeliveries(c *gin.Context, id int64) ([]deliveryRow, error) {
	page, err := h.Store.ListDeliveries(c.Request.Context(), httpx.Actor(c),
		deadlines.DeliveryFilter{TaskID: id, Limit: taskDeliveryLimit})
	if err != nil {
		return nil, err
	}
	return deliveryRows(pageLang(c), page.Items), nil
}

// deliveryRows are deliveries as the pages list them, in lang.
func deliveryRows(lang string, items []deadlines.Delivery) []deliveryRow {
	out := make([]deliveryRow, len(items))
	for i, d := range items {
		out[i] = deliveryRow{ID: d.ID, Kind: kindLabel(lang, d.Kind), Recipient: d.RecipientName,
			Channel: labelIn(lang, models.ChannelLabels, d.Channel), Status: d.Status,
			Label:    labelIn(lang, models.DeliveryStatusLabels, d.Status),
			Attempts: d.Attempts, Queued: d.CreatedAt, Sent: d.SentAt, Error: d.LastError}
		if d.Status == "failed" {
			out[i].Next = d.NextAttemptAt
		}
	}
	return out
}

// kindLabel names a delivery kind in the page's language
// (models.DeliveryKindLabels, the one list of them).
func kindLabel(lang, kind string) string { return labelIn(lang, models.DeliveryKindLabels, kind) }
