package accounts

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/calendar"
)

// APITokenPrefix starts every personal API token, so that a token pasted into
// a script, a log or a repository can be found by searching for it, and so
// that Authenticate knows which table to look in.
const APITokenPrefix = "tdo_"

// IsAPIToken reports whether a bearer credential is a personal API token
// rather than a session token.
func IsAPIToken(token string) bool { return strings.HasPrefix(token, APITokenPrefix) }

// APIToken describes a personal API token; the token itself is shown once,
// at creation, and never stored.
type APIToken struct {
	ID         int64          `json:"id" db:"id"`
	Name       string         `json:"name" db:"name"`
	CreatedAt  time.Time      `json:"created_at" db:"created_at"`
	LastUsedAt *time.Time     `json:"last_used_at" db:"last_used_at"`
	ExpiresOn  *calendar.Date `json:"expires_on" db:"expires_on"`
}

// CreatedAPIToken is a new token with its secret, returned only by CreateAPIToken.
type CreatedAPIToken struct {
	APIToken
	Token string `json:"token"`
}

// NewAPIToken is the input for CreateAPIToken. ExpiresOn is the last day the
// token works, in the commune's time zone; nil means until revoked.
type NewAPIToken struct {
	Name      string         `json:"name"`
	ExpiresOn *calendar.Date `json:"expires_on"`
}

// Validate checks a new token's fields against today in the commune.
func (in *NewAPIToken) Validate(today calendar.Date) error {
	v := &models.ValidationError{}
	in.Name = models.CleanText(in.Name)
	switch n := len([]rune(in.Name)); {
	case n == 0:
		v.Add("name", "required", "cần đặt tên cho khóa API")
	case n > 100:
		v.Add("name", "too_long", "tên khóa API tối đa 100 ký tự")
	}
	if in.ExpiresOn != nil && in.ExpiresOn.Before(today) {
		v.Add("expires_on", "in_past", "ngày hết hạn không được trước hôm nay")
	}
	return v.Err()
}

// CreateAPIToken issues a personal API token that acts as the actor. Only a
// signed-in person may: a token minting tokens would outlive its own expiry.
func (s *Store) CreateAPIToken(ctx context.Context, a *models.Actor, in NewAPIToken) (*CreatedAPIToken, error) {
	if a.UserID == 0 || a.APITokenID != 0 {
		return nil, models.ErrForbidden
	}
	if err := in.Validate(a.Commune.Today(s.Clock().Now())); err != nil {
		return nil, err
	}
	secret, err := randomToken()
	if err != nil {
		return nil, err
	}
	out := &CreatedAPIToken{Token: APITokenPrefix + secret}
	err = s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		err := t.Bind(s.accQ.InsertToken).Get(&out.APIToken, a.UserID, in.Name, hashToken(out.Token),
			s.Clock().Now(), in.ExpiresOn)
		if err != nil {
			return err
		}
		return s.Audit(t, a, "create", "api_token", out.ID, nil, out.APIToken)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// ListAPITokens lists the actor's tokens that are not revoked, newest first,
// expired ones included so that their owner sees why an integration stopped.
func (s *Store) ListAPITokens(ctx context.Context, a *models.Actor) ([]APIToken, error) {
	tokens := []APIToken{}
	err := s.Identity(ctx, func(on models.Binder) error {
		return on(s.accQ.ListTokens).SelectContext(ctx, &tokens, a.UserID)
	})
	return tokens, err
}

// RevokeAPIToken revokes one of the actor's own tokens; anyone else's is not
// found. A token may revoke itself.
func (s *Store) RevokeAPIToken(ctx context.Context, a *models.Actor, id int64) error {
	return s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		var tok APIToken
		if err := t.Bind(s.accQ.RevokeToken).Get(&tok, id, a.UserID, s.Clock().Now()); err != nil {
			return models.NotFound(err)
		}
		return s.Audit(t, a, "revoke", "api_token", id, tok, nil)
	})
}

type apiTokenRow struct {
	TokenID    int64        `db:"token_id"`
	LastUsedAt sql.NullTime `db:"last_used_at"`
	ownerRow
}

// apiTokenOwner finds the live token behind token and notes its use.
func (s *Store) apiTokenOwner(ctx context.Context, token string) (*ownerRow, int64, error) {
	now := s.Clock().Now()
	var r apiTokenRow
	err := s.Identity(ctx, func(on models.Binder) error {
		err := on(s.accQ.TokenByHash).GetContext(ctx, &r, hashToken(token), now)
		if errors.Is(err, sql.ErrNoRows) {
			return models.ErrUnauthenticated
		}
		if err != nil || (r.LastUsedAt.Valid && now.Sub(r.LastUsedAt.Time) <= touchEvery) {
			return err
		}
		// At most once a minute, as for sessions: last use is for people
		// deciding which tokens to revoke, not an access log.
		_, err = on(s.accQ.TouchToken).ExecContext(ctx, r.TokenID, now)
		return err
	})
	if err != nil {
		return nil, 0, err
	}
	return &r.ownerRow, r.TokenID, nil
}
