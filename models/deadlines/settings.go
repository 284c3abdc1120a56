package deadlines

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/lib/pq"
	"github.com/tiendo/tiendo/models"
)

// Settings are a commune's reminder rules and notification channels, as
// everyone in the commune may read them: the webhook secret is never shown,
// only whether one is set.
type Settings struct {
	// DueSoonDays are the working days before a deadline at which "due soon"
	// reminders go out, e.g. [3, 1].
	DueSoonDays pq.Int64Array `json:"due_soon_days" db:"due_soon_days"`
	DueToday    bool          `json:"due_today" db:"due_today"`
	// OverdueFirstAfter and OverdueEvery: the first overdue reminder on that
	// working day after the deadline, then one every OverdueEvery working days.
	OverdueFirstAfter int `json:"overdue_first_after" db:"overdue_first_after"`
	OverdueEvery      int `json:"overdue_every" db:"overdue_every"`
	// EscalateAfter is the working days overdue at which the chairmen are
	// told; 0 turns escalation off.
	EscalateAfter int `json:"escalate_after" db:"escalate_after"`
	// StaleAfterDays is the calendar days without a progress report after
	// which a task in progress is reminded as stale; 0 turns it off.
	StaleAfterDays int  `json:"stale_after_days" db:"stale_after_days"`
	DigestEnabled  bool `json:"digest_enabled" db:"digest_enabled"`
	// DigestAt (HH:MM, commune time) is when a working day's digest and
	// deadline reminders start going out.
	DigestAt         string     `json:"digest_at" db:"digest_at"`
	EmailEnabled     bool       `json:"email_enabled" db:"email_enabled"`
	WebhookEnabled   bool       `json:"webhook_enabled" db:"webhook_enabled"`
	WebhookURL       string     `json:"webhook_url" db:"webhook_url"`
	WebhookSecretSet bool       `json:"webhook_secret_set" db:"webhook_secret_set"`
	Version          int        `json:"version" db:"version"`
	UpdatedAt        *time.Time `json:"updated_at" db:"updated_at"`

	// webhookSecret stays inside the models package: the planner and the
	// dispatcher read it from the database, responses never carry it.
	webhookSecret string
}

// DefaultSettings are the rules of a commune that never changed them; they
// match the column defaults of commune_settings.
func DefaultSettings() Settings {
	return Settings{DueSoonDays: pq.Int64Array{3, 1}, DueToday: true, OverdueFirstAfter: 1, OverdueEvery: 3,
		EscalateAfter: 5, StaleAfterDays: 14, DigestEnabled: true, DigestAt: "07:30", EmailEnabled: true}
}

// settingsRow is a stored row, secret included.
type settingsRow struct {
	Settings
	CommuneID     int64  `db:"commune_id"`
	WebhookSecret string `db:"webhook_secret"`
}

func (r settingsRow) settings() Settings {
	s := r.Settings
	s.webhookSecret = r.WebhookSecret
	return s
}

// settingsIn reads the commune's settings in t; no row means the defaults.
func (s *Store) settingsIn(t *models.Tx, communeID int64) (Settings, error) {
	var r settingsRow
	err := t.Bind(s.setQ.Get).Get(&r, communeID)
	if errors.Is(err, sql.ErrNoRows) {
		return DefaultSettings(), nil
	}
	return r.settings(), err
}

// GetSettings returns the commune's reminder settings; everyone in the
// commune may read them (the webhook secret is never returned).
func (s *Store) GetSettings(ctx context.Context, a *models.Actor) (Settings, error) {
	var out Settings
	err := s.InCommune(ctx, a.CommuneID, func(t *models.Tx) (err error) {
		out, err = s.settingsIn(t, a.CommuneID)
		return err
	})
	return out, err
}

// PutSettings replaces the commune's reminder settings: the admin's task.
// ifMatch, when not zero, must equal the current version.
func (s *Store) PutSettings(ctx context.Context, a *models.Actor, ifMatch int, in SettingsInput) (Settings, error) {
	if !a.IsAdmin() {
		return Settings{}, models.ErrForbidden
	}
	var out Settings
	err := s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		cur, err := s.settingsIn(t, a.CommuneID)
		if err != nil {
			return err
		}
		if err := models.CheckIfMatch(ifMatch, cur.Version); err != nil {
			return err
		}
		if out, err = in.apply(cur, s.Options().AllowPrivateWebhooks); err != nil {
			return err
		}
		var r settingsRow
		if err := t.Bind(s.setQ.Upsert).Get(&r, a.CommuneID, out.DueSoonDays, out.DueToday, out.OverdueFirstAfter,
			out.OverdueEvery, out.EscalateAfter, out.StaleAfterDays, out.DigestEnabled, out.DigestAt, out.EmailEnabled,
			out.WebhookEnabled, out.WebhookURL, out.webhookSecret, models.NullID(a.UserID), s.Clock().Now()); err != nil {
			return err
		}
		out = r.settings()
		// Settings (not the row) in the audit log: the secret stays out of it.
		return s.Audit(t, a, "update", "settings", a.CommuneID, cur, out)
	})
	return out, err
}

// allSettings reads every commune's stored settings for the planner; a
// commune missing from the map uses DefaultSettings.
func (s *Store) allSettings(ctx context.Context) (map[int64]Settings, error) {
	var rows []settingsRow
	if err := s.setQ.All.SelectContext(ctx, &rows); err != nil {
		return nil, err
	}
	out := make(map[int64]Settings, len(rows))
	for _, r := range rows {
		out[r.CommuneID] = r.settings()
	}
	return out, nil
}
