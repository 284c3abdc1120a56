package accounts

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"errors"
	"strings"
	"sync"
	"time"

	"github.com/tiendo/tiendo/models"
)

// Session lifetimes: a hamlet team member on a phone should not sign in every
// morning, but a lost phone must stop working within weeks.
const (
	SessionIdle     = 14 * 24 * time.Hour
	SessionAbsolute = 30 * 24 * time.Hour
	touchEvery      = time.Minute
)

// Login is the answer to a successful sign-in.
type Login struct {
	Token     string
	ExpiresAt time.Time
	Actor     *models.Actor
}

// dummyHashes holds, per cost setting, a hash that is checked when the
// username is unknown, so that the response takes as long as for an account
// that exists and its time does not reveal which accounts do.
var dummyHashes sync.Map // PasswordParams → string

func dummyHash(p models.PasswordParams) string {
	if h, ok := dummyHashes.Load(p); ok {
		return h.(string)
	}
	h, _ := models.HashPassword("tiendo-dummy-password", p) // fails only without randomness
	dummyHashes.Store(p, h)
	return h
}

type credentialRow struct {
	ID           int64         `db:"id"`
	CommuneID    sql.NullInt64 `db:"commune_id"`
	Username     string        `db:"username"`
	PasswordHash string        `db:"password_hash"`
	Disabled     bool          `db:"disabled"`
}

// Login checks a username and password and opens a new session. The
// throttle is consulted before the password, and every attempt, refused or
// not, is audited.
func (s *Store) Login(ctx context.Context, username, password, ip, userAgent string) (*Login, error) {
	username = strings.ToLower(strings.TrimSpace(username))
	at := attempt{Username: username, IP: ip}
	u, err := s.credentials(ctx, username)
	if err != nil {
		return nil, err
	}
	if u != nil {
		at.UserID, at.CommuneID = u.ID, u.CommuneID.Int64
	}
	if err := s.checkThrottle(ctx, username, ip); err != nil {
		return nil, s.failAttempt(ctx, at, "login_failed", "throttled", err)
	}
	reason, err := verifyLogin(u, password, s.Password)
	if err != nil {
		return nil, err
	}
	if reason != "" {
		return nil, s.failAttempt(ctx, at, "login_failed", reason, models.ErrBadCredentials)
	}
	return s.startSession(ctx, at, userAgent)
}

// credentials reads the account signing in; nil when there is none.
func (s *Store) credentials(ctx context.Context, username string) (*credentialRow, error) {
	var u credentialRow
	err := s.Identity(ctx, func(on models.Binder) error {
		return on(s.orgQ.UserByName).GetContext(ctx, &u, username)
	})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &u, nil
}

// verifyLogin checks the password (against a dummy hash for an unknown
// account, to take the same time) and says why the sign-in fails, or "".
func verifyLogin(u *credentialRow, password string, p models.PasswordParams) (reason string, err error) {
	if u == nil {
		_, _ = models.CheckPassword(password, dummyHash(p))
		return "unknown_user", nil
	}
	ok, err := models.CheckPassword(password, u.PasswordHash)
	switch {
	case err != nil:
		return "", err
	case !ok:
		return "wrong_password", nil
	case u.Disabled:
		return "disabled", nil
	}
	return "", nil
}

// startSession records the successful attempt, opens the session and audits
// the sign-in in one transaction of the account's commune.
func (s *Store) startSession(ctx context.Context, at attempt, userAgent string) (*Login, error) {
	var token string
	var expires time.Time
	err := s.InCommune(ctx, at.CommuneID, func(t *models.Tx) (err error) {
		if err = s.recordAttempt(t, at, true); err != nil {
			return err
		}
		if token, expires, err = s.openSession(t, at.UserID, at.IP, userAgent); err != nil {
			return err
		}
		return s.auditAttempt(t, at, "login", map[string]string{"username": at.Username})
	})
	if err != nil {
		return nil, err
	}
	s.pruneAttempts(ctx)
	actor, err := s.Authenticate(ctx, token, at.IP)
	if err != nil {
		return nil, err
	}
	return &Login{Token: token, ExpiresAt: expires, Actor: actor}, nil
}

// openSession stores a new session for user in t and returns its token.
func (s *Store) openSession(t *models.Tx, userID int64, ip, userAgent string) (string, time.Time, error) {
	token, hash, err := newSessionToken()
	if err != nil {
		return "", time.Time{}, err
	}
	now := s.Clock().Now()
	expires := now.Add(SessionAbsolute)
	_, err = t.Bind(s.orgQ.InsertSession).Exec(hash, userID, now, expires, nullIP(ip), userAgent)
	return token, expires, err
}

// ownerRow is the user and commune behind a session or an API token.
type ownerRow struct {
	UserID     int64  `db:"user_id"`
	Username   string `db:"username"`
	FullName   string `db:"full_name"`
	MustChange bool   `db:"must_change_password"`
	models.CommuneInfo
	CommuneID int64 `db:"commune_id"`
}

type sessionRow struct {
	LastSeenAt  time.Time `db:"last_seen_at"`
	CreatedAt   time.Time `db:"created_at"`
	AuthVersion int64     `db:"auth_version"`
	ownerRow
}

// Authenticate resolves a bearer credential — a session token, or a personal
// API token recognised by its prefix — to its actor. A session seen in the
// last minute is answered from the session cache after one check in the
// database (session_cache.go); otherwise it is read whole.
func (s *Store) Authenticate(ctx context.Context, token, ip string) (*models.Actor, error) {
	a, err := s.authenticate(ctx, token, ip)
	if err == nil {
		// Checked on the primary; what the request reads next may come from
		// the standby (models/standby_route.go).
		s.Core().ReadFromStandby(ctx, a.UserID)
	}
	return a, err
}

// authenticate is Authenticate before the request's reads are placed.
func (s *Store) authenticate(ctx context.Context, token, ip string) (*models.Actor, error) {
	if token == "" || len(token) > 128 {
		return nil, models.ErrUnauthenticated
	}
	if IsAPIToken(token) {
		owner, tokenID, err := s.apiTokenOwner(ctx, token)
		if err != nil {
			return nil, err
		}
		return s.actorOf(ctx, owner, ip, tokenID)
	}
	hash := hashToken(token)
	if a, ok, err := s.cachedSession(ctx, hash, ip); ok || err != nil {
		return a, err
	}
	r, err := s.sessionOwner(ctx, hash)
	if err != nil {
		return nil, err
	}
	a, err := s.actorOf(ctx, &r.ownerRow, ip, 0)
	if err == nil && !a.IsProvinceViewer() {
		s.sessions.put(hash, r, a.Memberships)
	}
	return a, err
}

// actorOf is the actor of owner with its memberships (none for a province
// account, which reads roll-ups only).
func (s *Store) actorOf(ctx context.Context, owner *ownerRow, ip string, tokenID int64) (*models.Actor, error) {
	a := newActor(owner, ip, tokenID)
	if a.IsProvinceViewer() {
		return a, nil
	}
	err := s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		return t.Bind(s.orgQ.MembershipsOf).Select(&a.Memberships, a.UserID)
	})
	return a, err
}

// newActor is owner as an actor, before its memberships are known.
func newActor(owner *ownerRow, ip string, tokenID int64) *models.Actor {
	a := &models.Actor{UserID: owner.UserID, Username: owner.Username, FullName: owner.FullName,
		MustChangePassword: owner.MustChange, CommuneID: owner.CommuneID, Commune: owner.CommuneInfo, IP: ip,
		APITokenID: tokenID}
	a.Commune.ID = owner.CommuneID
	return a
}

// sessionOwner finds the live session behind a token's hash, enforcing both
// the idle and the absolute expiry, and moves its last-seen time on at most
// once a minute. LastSeenAt is then what the row holds.
func (s *Store) sessionOwner(ctx context.Context, hash []byte) (*sessionRow, error) {
	now := s.Clock().Now()
	var r sessionRow
	err := s.Identity(ctx, func(on models.Binder) error {
		err := on(s.orgQ.SessionByHash).GetContext(ctx, &r, hash, now, now.Add(-SessionIdle))
		if errors.Is(err, sql.ErrNoRows) {
			return models.ErrUnauthenticated
		}
		if err != nil || now.Sub(r.LastSeenAt) <= touchEvery {
			return err
		}
		// Written at most once a minute: a write per request would cost more
		// than the idle expiry it serves.
		_, err = on(s.orgQ.TouchSession).ExecContext(ctx, hash, now)
		r.LastSeenAt = now
		return err
	})
	if err != nil {
		return nil, err
	}
	return &r, nil
}

// Logout revokes the session behind token.
func (s *Store) Logout(ctx context.Context, token string) error {
	return s.Identity(ctx, func(on models.Binder) error {
		_, err := on(s.orgQ.RevokeSession).ExecContext(ctx, hashToken(token), s.Clock().Now())
		return err
	})
}

// newSessionToken makes a random session token that cannot be mistaken for
// an API token (base64url may begin with the prefix, rarely).
func newSessionToken() (token string, hash []byte, err error) {
	for {
		if token, err = randomToken(); err != nil {
			return "", nil, err
		}
		if !IsAPIToken(token) {
			return token, hashToken(token), nil
		}
	}
}

// randomToken is 256 random bits, base64url-encoded.
func randomToken() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return base64.RawURLEncoding.EncodeToString(b), nil
}

func hashToken(token string) []byte {
	h := sha256.Sum256([]byte(token))
	return h[:]
}

func nullIP(ip string) any {
	a := &models.Actor{IP: ip}
	return a.IPOrNil()
}
