package accounts

import (
	"cmp"
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

// CreateCalendarFeed turns the actor's calendar feed of scope on
// (models.FeedMine, also when empty, or FeedCommune for the chairman) and returns its new
// secret; a feed already on gets a new secret, and the old link stops. Only
// a signed-in person may: an integration's token does not manage the
// account's credentials.
func (s *Store) CreateCalendarFeed(ctx context.Context, a *models.Actor, scope string) (string, error) {
	scope = cmp.Or(scope, models.FeedMine)
	if err := checkFeedScope(a, scope); err != nil {
		return "", err
	}
	secret, err := randomToken()
	if err != nil {
		return "", err
	}
	now := s.Clock().Now()
	err = s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		if _, err := t.Bind(s.accQ.UpsertFeed).Exec(a.UserID, hashToken(secret), now, scope); err != nil {
			return err
		}
		return s.Audit(t, a, "create", "calendar_feed", a.UserID, nil, map[string]any{"on": true, "scope": scope})
	})
	return secret, err
}

// checkFeedScope: the person, not a token or a province account (403); a
// known scope (400 naming scope); the commune's only for the chairman (403).
func checkFeedScope(a *models.Actor, scope string) error {
	if a.UserID == 0 || a.APITokenID != 0 || a.IsProvinceViewer() {
		return models.ErrForbidden
	}
	if _, ok := models.FeedScopeLabels[scope]; !ok {
		return models.Invalid("scope", "invalid", "scope là mine (việc của tôi) hoặc commune (việc quá hạn, sắp đến hạn của xã)")
	}
	if scope == models.FeedCommune && !a.MayFollowCommune() {
		return models.ErrForbidden
	}
	return nil
}

// RevokeCalendarFeed turns the actor's feed of scope (empty: FeedMine) off; its link answers
// 404 from now on. Turning off a feed that is off changes nothing and is no
// error.
func (s *Store) RevokeCalendarFeed(ctx context.Context, a *models.Actor, scope string) error {
	scope = cmp.Or(scope, models.FeedMine)
	if err := checkFeedScope(a, scope); err != nil {
		return err
	}
	return s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		var created time.Time
		err := t.Bind(s.accQ.DeleteFeed).Get(&created, a.UserID, scope)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return err
		}
		return s.Audit(t, a, "revoke", "calendar_feed", a.UserID, map[string]any{"on": true, "scope": scope}, nil)
	})
}

// CalendarFeedsOf says which of the actor's feeds are on, by scope, for the
// account page.
func (s *Store) CalendarFeedsOf(ctx context.Context, a *models.Actor) (map[string]CalendarFeed, error) {
	out := map[string]CalendarFeed{}
	err := s.Identity(ctx, func(on models.Binder) error {
		var rows []struct {
			Scope     string    `db:"scope"`
			CreatedAt time.Time `db:"created_at"`
		}
		if err := on(s.accQ.FeedOf).SelectContext(ctx, &rows, a.UserID); err != nil {
			return err
		}
		for _, r := range rows {
			out[r.Scope] = CalendarFeed{On: true, CreatedAt: &r.CreatedAt}
		}
		return nil
	})
	return out, err
}

// CalendarFeedActor is the person a feed's secret belongs to, with their
// roles, as whom the feed is read, and the feed's scope. A wrong, replaced or
// revoked secret, or a disabled account, is models.ErrNotFound: the link is
// simply not there.
func (s *Store) CalendarFeedActor(ctx context.Context, secret string) (*models.Actor, string, error) {
	if secret == "" || len(secret) > 128 {
		return nil, "", models.ErrNotFound
	}
	var r struct {
		Scope string `db:"scope"`
		ownerRow
	}
	err := s.Identity(ctx, func(on models.Binder) error {
		return on(s.accQ.FeedByHash).GetContext(ctx, &r, hashToken(secret))
	})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, "", models.ErrNotFound
	}
	if err != nil {
		return nil, "", err
	}
	a, err := s.actorOf(ctx, &r.ownerRow, "", 0)
	if err == nil && r.Scope == models.FeedCommune && !a.MayFollowCommune() {
		err = models.ErrNotFound // no longer the chairman: the commune's feed is gone
	}
	return a, r.Scope, err
}
