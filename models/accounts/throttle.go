package accounts

import (
	"context"
	"database/sql"
	"math"
	"time"

	"github.com/tiendo/tiendo/models"
)

// Sign-in throttling, after OWASP's authentication guidance: failures are
// counted per account and address, so that whoever guesses is refused while
// the account holder at another address still signs in. Two much higher
// ceilings stop distributed guessing at one account (many addresses) and
// password spraying from one address (many accounts) without letting anyone
// lock out the chairman, or a whole office behind one NAT address, with a
// handful of wrong passwords. Attempts are counted in PostgreSQL rather than
// in memory so that the limits hold across replicas and restarts.
const (
	// ThrottleWindow is how far back failures count.
	ThrottleWindow = 15 * time.Minute
	// MaxPairFailures is how many failures one account may have from one
	// address in the window: few enough to stop guessing, enough for a
	// mistyped password.
	MaxPairFailures = 5
	// MaxAccountFailures is how many failures one account may have in the
	// Window from all addresses together: the ceiling for guessing spread
	// over many addresses, which then locks the account for everyone.
	MaxAccountFailures = 30
	// MaxIPFailures is how many failures one address may have in the window,
	// across all accounts; a commune office behind one NAT address shares it,
	// so it is far above what a room of people mistyping reaches.
	MaxIPFailures = 100
	// attemptsKept is how long attempts stay in the table; only the window
	// matters, the rest is slack for slow clocks.
	attemptsKept = 24 * time.Hour
	// maxAttemptKey bounds the username stored for an attempt, so that a
	// megabyte "username" is not written to the table.
	maxAttemptKey = 100
)

// ThrottledError refuses a sign-in because of too many recent failures.
// RetryAfter is when the oldest failure that matters leaves the window.
type ThrottledError struct {
	RetryAfter time.Duration
}

func (e *ThrottledError) Error() string {
	return "đăng nhập sai quá nhiều lần; vui lòng thử lại sau"
}

// RetryAfterSeconds is RetryAfter rounded up to whole seconds, at least one,
// as the Retry-After header wants it.
func (e *ThrottledError) RetryAfterSeconds() int {
	return max(1, int(math.Ceil(e.RetryAfter.Seconds())))
}

// attempt is one sign-in (or password confirmation) to record.
type attempt struct {
	Username  string
	IP        string
	CommuneID int64 // 0: unknown account
	UserID    int64 // 0: unknown account
}

// attemptKey is the username as attempts store it: folded like logins fold
// it, and cut to a bounded length on a character boundary.
func attemptKey(username string) string {
	r := []rune(username)
	if len(r) > maxAttemptKey {
		r = r[:maxAttemptKey]
	}
	return string(r)
}

// checkThrottle answers a *ThrottledError when the account or the address has
// reached its limit of failures in the window. It runs before any password is
// verified, so a correct password does not get through a throttle either.
func (s *Store) checkThrottle(ctx context.Context, username, ip string) error {
	now := s.Clock().Now()
	var r struct {
		Pair    sql.NullTime `db:"pair_until"`
		Account sql.NullTime `db:"account_until"`
		IP      sql.NullTime `db:"ip_until"`
	}
	err := s.Identity(ctx, func(on models.Binder) error {
		return on(s.loginQ.Window).GetContext(ctx, &r, attemptKey(username), nullIP(ip), now.Add(-ThrottleWindow),
			MaxPairFailures, MaxAccountFailures, MaxIPFailures)
	})
	if err != nil {
		return err
	}
	var wait time.Duration
	for _, at := range []sql.NullTime{r.Pair, r.Account, r.IP} {
		if at.Valid {
			wait = max(wait, at.Time.Add(ThrottleWindow).Sub(now))
		}
	}
	if wait > 0 {
		return &ThrottledError{RetryAfter: wait}
	}
	return nil
}

// recordAttempt stores the outcome of an attempt in t. Rows older than
// attemptsKept are pruned afterwards by a call of its own; a prune that
// fails leaves its rows to the next attempt.
func (s *Store) recordAttempt(t *models.Tx, at attempt, success bool) error {
	_, err := t.Bind(s.loginQ.Insert).Exec(s.Clock().Now(), attemptKey(at.Username), nullIP(at.IP), success)
	return err
}

// pruneAttempts deletes a batch of attempts too old to matter. It is best
// effort: tables grow by one row per attempt and each attempt deletes up to
// a batch, so the backlog cannot build up.
func (s *Store) pruneAttempts(ctx context.Context) {
	_ = s.Identity(ctx, func(on models.Binder) error {
		_, err := on(s.loginQ.Prune).ExecContext(ctx, s.Clock().Now().Add(-attemptsKept))
		return err
	})
}

// failAttempt records a failed attempt (unless it was refused by the
// throttle, which must not extend its own lock) and audits it, then returns
// cause for the caller to answer with.
func (s *Store) failAttempt(ctx context.Context, at attempt, action, reason string, cause error) error {
	_, throttled := cause.(*ThrottledError)
	err := s.InCommune(ctx, at.CommuneID, func(t *models.Tx) error {
		if !throttled {
			if err := s.recordAttempt(t, at, false); err != nil {
				return err
			}
		}
		return s.auditAttempt(t, at, action, map[string]string{"username": at.Username, "reason": reason})
	})
	if err != nil {
		return err
	}
	s.pruneAttempts(ctx)
	return cause
}

// auditAttempt writes the audit row of a sign-in attempt. It carries the
// account's commune when the account exists, and none (visible only to the
// operator) when it does not; never a password.
func (s *Store) auditAttempt(t *models.Tx, at attempt, action string, after any) error {
	a := &models.Actor{CommuneID: at.CommuneID, UserID: at.UserID, IP: at.IP}
	return s.InsertAudit(t, a, action, "user", models.NullID(at.UserID), nil, after)
}
