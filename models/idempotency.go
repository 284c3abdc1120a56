package models

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// Exactly-once submissions. A request that carries an Idempotency-Key (or a
// page form's one-time token) first claims the key: a row in flight with a
// lease. The transaction that writes the record fences the claim (audit
// does it, since every write that matters audits): it commits only while the
// lease token is still the one this request claimed with, and once it has
// committed the key can never be claimed again. The answer is then kept for
// replay. A request that crashed before its write lets the key go when the
// lease runs out; one that crashed after it (a failover took the answer to
// its COMMIT) leaves a committed key without an answer: once the lease has
// run out, a retry is told it was recorded (ErrIdempotencyKeyRecorded),
// never recorded twice. See DESIGN.md, "Exactly once".

// IdempotencyTTL is how long a key and its answer are kept.
const IdempotencyTTL = 24 * time.Hour

// IdempotencyLease is how long a claim holds before another request with
// the same key may take it over (a crashed request must not block a key).
const IdempotencyLease = time.Minute

// Idempotency scopes: a client's header, or a page form's one-time token.
const (
	ScopeAPI  = "api"
	ScopeForm = "form"
)

// ErrIdempotencyKeyReused is the same key sent with another request.
var ErrIdempotencyKeyReused = errors.New("khóa Idempotency-Key đã được dùng cho một yêu cầu khác")

// ErrIdempotencyKeyInFlight is the same key while its first request is still
// being processed (or its answer was lost in a crash after it was recorded).
var ErrIdempotencyKeyInFlight = errors.New("yêu cầu với khóa Idempotency-Key này đang được xử lý; thử lại sau ít giây")

// ErrIdempotencyKeyRecorded is the same key whose first request was
// recorded but whose answer was lost (the server or the database failed
// between the commit and the answer): the client may stop retrying.
var ErrIdempotencyKeyRecorded = errors.New("yêu cầu với khóa Idempotency-Key này đã được ghi nhận, nhưng câu trả lời bị mất do sự cố máy chủ; tải lại để xem kết quả, không cần gửi lại")

// IdempotencyClaim is a live claim on a key, carried in the request's
// context so that the writing transaction can fence it.
type IdempotencyClaim struct {
	CommuneID int64
	ID        int64
	Token     string
}

// IdempotentAnswer is a kept first answer.
type IdempotentAnswer struct {
	Status     int
	Headers    map[string]string
	Body       []byte
	RecordedAt time.Time
}

// IdempotencyKey names a key: whose, which scope, and the request's
// fingerprint (a hash of method, path and body).
type IdempotencyKey struct {
	Scope       string
	Key         string
	Fingerprint []byte
}

type claimKey struct{}

// WithIdempotencyClaim returns ctx carrying c, for the writing transaction.
func WithIdempotencyClaim(ctx context.Context, c *IdempotencyClaim) context.Context {
	return context.WithValue(ctx, claimKey{}, c)
}

type keyState struct {
	ID          int64         `db:"id"`
	Fingerprint []byte        `db:"fingerprint"`
	LockedUntil time.Time     `db:"locked_until"`
	CreatedAt   time.Time     `db:"created_at"`
	CommittedAt sql.NullTime  `db:"committed_at"`
	Status      sql.NullInt64 `db:"status"`
	Headers     []byte        `db:"headers"`
	Body        []byte        `db:"body"`
}

// ClaimIdempotencyKey claims k for the actor. It returns the claim, or the
// kept answer of the first request with this key, or an error:
// ErrIdempotencyKeyReused (another request) or ErrIdempotencyKeyInFlight
// (the first is still running).
func (s *Store) ClaimIdempotencyKey(ctx context.Context, a *Actor, k IdempotencyKey) (*IdempotencyClaim, *IdempotentAnswer, error) {
	claim := &IdempotencyClaim{CommuneID: a.CommuneID, Token: newLeaseToken()}
	var answer *IdempotentAnswer
	now := s.Clock().Now()
	err := s.InCommune(ctx, a.CommuneID, func(t *Tx) error {
		err := t.Bind(s.idemQ.Claim).Get(&claim.ID, a.CommuneID, a.UserID, k.Scope, k.Key, k.Fingerprint,
			claim.Token, now.Add(IdempotencyLease), now, now.Add(IdempotencyTTL))
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		var st keyState
		if err := t.Bind(s.idemQ.State).Get(&st, a.CommuneID, a.UserID, k.Scope, k.Key); err != nil {
			return err
		}
		answer, err = st.answer(k, now)
		return err
	})
	if err != nil || answer != nil {
		return nil, answer, err
	}
	return claim, nil, nil
}

// answer is what a request meets when the key is held: the kept answer, or
// why not.
func (st *keyState) answer(k IdempotencyKey, now time.Time) (*IdempotentAnswer, error) {
	if k.Scope == ScopeAPI && string(st.Fingerprint) != string(k.Fingerprint) {
		return nil, ErrIdempotencyKeyReused
	}
	if !st.Status.Valid {
		if st.CommittedAt.Valid && now.After(st.LockedUntil) {
			return nil, ErrIdempotencyKeyRecorded
		}
		return nil, ErrIdempotencyKeyInFlight
	}
	ans := &IdempotentAnswer{Status: int(st.Status.Int64), Body: st.Body, RecordedAt: st.CreatedAt}
	if st.CommittedAt.Valid {
		ans.RecordedAt = st.CommittedAt.Time
	}
	if len(st.Headers) > 0 {
		if err := json.Unmarshal(st.Headers, &ans.Headers); err != nil {
			return nil, err
		}
	}
	return ans, nil
}

// CompleteIdempotencyKey keeps the first answer of a claimed key.
func (s *Store) CompleteIdempotencyKey(ctx context.Context, c *IdempotencyClaim, ans IdempotentAnswer) error {
	h, err := json.Marshal(ans.Headers)
	if err != nil {
		return err
	}
	return s.InCommune(ctx, c.CommuneID, func(t *Tx) error {
		_, err := t.Bind(s.idemQ.Complete).Exec(c.CommuneID, c.ID, c.Token, ans.Status, string(h), ans.Body, s.Clock().Now())
		return err
	})
}

// ReleaseIdempotencyKey gives back the key of a request that wrote nothing,
// and reports whether it did; false means the write committed and the key
// must keep an answer.
func (s *Store) ReleaseIdempotencyKey(ctx context.Context, c *IdempotencyClaim) (bool, error) {
	var n int64
	err := s.InCommune(ctx, c.CommuneID, func(t *Tx) error {
		res, err := t.Bind(s.idemQ.Release).Exec(c.CommuneID, c.ID, c.Token)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	return n == 1, err
}

// fenceClaim makes t commit only under the request's live claim, if it has
// one; audit calls it, so every audited write is fenced.
func (s *Store) fenceClaim(t *Tx) error {
	c, _ := t.Ctx.Value(claimKey{}).(*IdempotencyClaim)
	if c == nil {
		return nil
	}
	res, err := t.Bind(s.idemQ.Fence).Exec(c.CommuneID, c.ID, c.Token, s.Clock().Now())
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return errors.Join(ErrIdempotencyKeyInFlight, err)
	}
	return nil
}

// PurgeIdempotencyKeys deletes the keys of every commune whose time is up;
// only a jobs-pool store may call it (the statement spans communes).
func (s *Store) PurgeIdempotencyKeys(ctx context.Context, now time.Time) (int64, error) {
	res, err := s.idemQ.Purge.ExecContext(ctx, now)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

func newLeaseToken() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}
