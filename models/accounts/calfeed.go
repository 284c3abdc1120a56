package accounts

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/tiendo/tiendo/models"
)

// CalendarFeedPath is where a feed is served; the secret and ".ics" follow.
const CalendarFeedPath = "/lich/"

// CalendarFeed says whether the actor's private calendar feed is on. Its
// secret is shown once, when it is made, and never stored.
type CalendarFeed struct {
	On        bool       `json:"on"`
	CreatedAt *time.Time `json:"created_at"`
}

// CreateCalendarFeed turns the actor's calendar feed on and returns its new
// secret; a feed already on gets a new secret, and the old link stops. Only
// a signed-in person may: an integration's token does not manage the
// account's credentials.
func (s *Store) CreateCalendarFeed(ctx context.Context, a *models.Actor) (string, error) {
	if a.UserID == 0 || a.APITokenID != 0 || a.IsProvinceViewer() {
		return "", models.ErrForbidden
	}
	secret, err := randomToken()
	if err != nil {
		return "", err
	}
	now := s.Clock().Now()
	err = s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		if _, err := t.Bind(s.accQ.UpsertFeed).Exec(a.UserID, hashToken(secret), now); err != nil {
			return err
		}
		return s.Audit(t, a, "create", "calendar_feed", a.UserID, nil, map[string]bool{"on": true})
	})
	return secret, err
}

// RevokeCalendarFeed turns the actor's feed off; its link answers 404 from
// now on. Turning off a feed that is off changes nothing and is no error.
func (s *Store) RevokeCalendarFeed(ctx context.Context, a *models.Actor) error {
	if a.UserID == 0 || a.APITokenID != 0 || a.IsProvinceViewer() {
		return models.ErrForbidden
	}
	return s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		var created time.Time
		err := t.Bind(s.accQ.DeleteFeed).Get(&created, a.UserID)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return err
		}
		return s.Audit(t, a, "revoke", "calendar_feed", a.UserID, map[string]bool{"on": true}, nil)
	})
}

// CalendarFeedOf says whether the actor's feed is on, for the account page.
func (s *Store) CalendarFeedOf(ctx context.Context, a *models.Actor) (CalendarFeed, error) {
	var f CalendarFeed
	err := s.Identity(ctx, func(on models.Binder) error {
		var created time.Time
		err := on(s.accQ.FeedOf).GetContext(ctx, &created, a.UserID)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return nil
		case err != nil:
			return err
		}
		f = CalendarFeed{On: true, CreatedAt: &created}
		return nil
	})
	return f, err
}

// CalendarFeedActor is the person a feed's secret belongs to, with their
// roles, as whom the feed is read. A wrong, replaced or revoked secret, or a
// disabled account, is models.ErrNotFound: the link is simply not there.
func (s *Store) CalendarFeedActor(ctx context.Context, secret string) (*models.Actor, error) {
	if secret == "" || len(secret) > 128 {
		return nil, models.ErrNotFound
	}
	var r ownerRow
	err := s.Identity(ctx, func(on models.Binder) error {
		return on(s.accQ.FeedByHash).GetContext(ctx, &r, hashToken(secret))
	})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, models.ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	a := &models.Actor{UserID: r.UserID, Username: r.Username, FullName: r.FullName, MustChangePassword: r.MustChange,
		CommuneID: r.CommuneID, Commune: r.CommuneInfo}
	a.Commune.ID = r.CommuneID
	err = s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		return t.Bind(s.orgQ.MembershipsOf).Select(&a.Memberships, a.UserID)
	})
	return a, err
}
