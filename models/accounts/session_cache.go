package accounts

import (
	"context"
	"errors"
	"strconv"
	"sync"
	"time"

	"github.com/tiendo/tiendo/models"
)

// The session cache (issue 15). Every signed-in request used to read its
// session, account and commune, then its memberships: two statements and
// their rows, for facts that change a few times a year. The cache keeps them
// per session, and a request it answers runs one check instead, in the
// round trip that sets its tenant scope anyway (models.EnterCommune): the
// session is not revoked or expired and the account's auth_version is the
// one cached. Every change the cached facts depend on moves that version
// (triggers of migration 00036), whichever process or command makes it, so
// the cache never answers for a revoked session, a disabled account or a
// membership taken away. The last-seen time is written at most once a minute:
// an entry older than that is read again from the start, which writes it.

// sessionCacheSize bounds the cache; when full it starts again empty, which
// costs each live session one full read.
const sessionCacheSize = 20000

// cachedSessionEntry is what a request needs of its session.
type cachedSessionEntry struct {
	owner       ownerRow
	memberships []models.Membership
	version     int64
	lastSeen    time.Time
}

// sessionCache maps a token's SHA-256 to its entry.
type sessionCache struct {
	mu sync.Mutex
	m  map[string]*cachedSessionEntry
}

func (c *sessionCache) get(hash []byte) *cachedSessionEntry {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.m[string(hash)]
}

func (c *sessionCache) put(hash []byte, r *sessionRow, ms []models.Membership) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= sessionCacheSize {
		c.m = make(map[string]*cachedSessionEntry)
	}
	c.m[string(hash)] = &cachedSessionEntry{owner: r.ownerRow, memberships: ms, version: r.AuthVersion,
		lastSeen: r.LastSeenAt}
}

func (c *sessionCache) drop(hash []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.m, string(hash))
}

// cachedSession answers a session from the cache after the check; ok is
// false when it cannot (no entry, one older than a minute, or the check
// found something changed: the entry is dropped and the caller reads the
// session from the start).
func (s *Store) cachedSession(ctx context.Context, hash []byte, ip string) (*models.Actor, bool, error) {
	e := s.sessions.get(hash)
	now := s.Clock().Now()
	if e == nil || now.Sub(e.lastSeen) > touchEvery || now.Before(e.lastSeen) {
		return nil, false, nil
	}
	live := false
	err := s.EnterCommune(ctx, e.owner.CommuneID, func(t *models.Tx) error {
		res, err := t.Bind(s.orgQ.EnterSession).ExecContext(t.Ctx, hash, now, now.Add(-SessionIdle),
			strconv.FormatInt(e.owner.CommuneID, 10), e.version)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		live = n == 1
		if err == nil && !live {
			// Nothing was set: the transaction must not go on as the commune.
			return models.ErrUnauthenticated
		}
		return err
	})
	if !live {
		s.sessions.drop(hash)
		if errors.Is(err, models.ErrUnauthenticated) {
			err = nil
		}
		return nil, false, err
	}
	a := newActor(&e.owner, ip, 0)
	a.Memberships = append([]models.Membership(nil), e.memberships...)
	return a, true, err
}
