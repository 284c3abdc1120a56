package models

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"errors"
	"time"
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
	Actor     *Actor
}

// dummyHash is checked when the username is unknown, so that the response
// time does not reveal which accounts exist.
var dummyHash, _ = HashPassword("tiendo-dummy-password", DefaultPasswordParams)

type credentialRow struct {
	ID           int64  `db:"id"`
	Username     string `db:"username"`
	PasswordHash string `db:"password_hash"`
	Disabled     bool   `db:"disabled"`
}

// Login checks a username and password and opens a new session.
func (s *Store) Login(ctx context.Context, username, password, ip, userAgent string) (*Login, error) {
	var u credentialRow
	err := s.q.UserByName.GetContext(ctx, &u, username)
	if errors.Is(err, sql.ErrNoRows) {
		_, _ = CheckPassword(password, dummyHash)
		return nil, ErrBadCredentials
	}
	if err != nil {
		return nil, err
	}
	ok, err := CheckPassword(password, u.PasswordHash)
	if err != nil {
		return nil, err
	}
	if !ok || u.Disabled {
		return nil, ErrBadCredentials
	}
	token, hash, err := newToken()
	if err != nil {
		return nil, err
	}
	now := s.clock.Now()
	expires := now.Add(SessionAbsolute)
	if _, err := s.q.InsertSession.ExecContext(ctx, hash, u.ID, now, expires, nullIP(ip), userAgent); err != nil {
		return nil, err
	}
	actor, err := s.Authenticate(ctx, token, ip)
	if err != nil {
		return nil, err
	}
	return &Login{Token: token, ExpiresAt: expires, Actor: actor}, nil
}

type sessionRow struct {
	LastSeenAt time.Time `db:"last_seen_at"`
	CreatedAt  time.Time `db:"created_at"`
	UserID     int64     `db:"user_id"`
	Username   string    `db:"username"`
	FullName   string    `db:"full_name"`
	MustChange bool      `db:"must_change_password"`
	CommuneInfo
	CommuneID int64 `db:"commune_id"`
}

// Authenticate resolves a session token (cookie or bearer) to its actor.
func (s *Store) Authenticate(ctx context.Context, token, ip string) (*Actor, error) {
	if token == "" || len(token) > 128 {
		return nil, ErrUnauthenticated
	}
	hash := hashToken(token)
	now := s.clock.Now()
	var r sessionRow
	err := s.q.SessionByHash.GetContext(ctx, &r, hash, now, now.Add(-SessionIdle))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrUnauthenticated
	}
	if err != nil {
		return nil, err
	}
	if now.Sub(r.LastSeenAt) > touchEvery {
		// Written at most once a minute: a write per request would cost more
		// than the idle expiry it serves.
		if _, err := s.q.TouchSession.ExecContext(ctx, hash, now); err != nil {
			return nil, err
		}
	}
	a := &Actor{UserID: r.UserID, Username: r.Username, FullName: r.FullName, MustChangePassword: r.MustChange,
		CommuneID: r.CommuneID, Commune: r.CommuneInfo, IP: ip}
	a.Commune.ID = r.CommuneID
	err = s.inCommune(ctx, a.CommuneID, func(t *tx) error {
		return t.stmt(s.q.MembershipsOf).Select(&a.Memberships, a.UserID)
	})
	return a, err
}

// Logout revokes the session behind token.
func (s *Store) Logout(ctx context.Context, token string) error {
	_, err := s.q.RevokeSession.ExecContext(ctx, hashToken(token), s.clock.Now())
	return err
}

func newToken() (token string, hash []byte, err error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", nil, err
	}
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, hashToken(token), nil
}

func hashToken(token string) []byte {
	h := sha256.Sum256([]byte(token))
	return h[:]
}

func nullIP(ip string) any {
	a := &Actor{IP: ip}
	return a.ipOrNil()
}
