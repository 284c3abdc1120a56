package accounts_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/tiendo/tiendo/models/accounts"
	"github.com/tiendo/tiendo/models/domain"

	"github.com/jmoiron/sqlx"

	"github.com/tiendo/tiendo/internal/config"
	"github.com/tiendo/tiendo/internal/testdb"
	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/models"
)

// ownerWorld is a store on a fresh database with one commune and one user,
// plus a connection as the owner, which sees what row-level security hides
// from the server (audit rows without a commune).
type ownerWorld struct {
	store   *domain.Store
	clock   *models.FixedClock
	owner   *sqlx.DB
	commune *models.CommuneInfo
}

func newOwnerWorld(t *testing.T) *ownerWorld {
	t.Helper()
	ctx := context.Background()
	dsn := testdb.NewDSN(t)
	app, err := config.ConnectApp(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { app.Close() })
	owner, err := sqlx.Connect("postgres", dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { owner.Close() })
	w := &ownerWorld{clock: models.NewFixedClock(testfix.Now), owner: owner}
	if w.store, err = domain.Open(app, models.Options{Clock: w.clock, Password: models.TestPasswordParams}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(w.store.Close)
	if w.commune, err = w.store.CreateCommune(ctx, accounts.NewCommune{Code: "X", Name: "Xã thử", Kind: "xa", Province: "An Giang"}); err != nil {
		t.Fatal(err)
	}
	_, err = w.store.CreateUser(ctx, models.SystemActor(w.commune), accounts.NewUser{Username: "can_bo", FullName: "Cán bộ",
		Password: testfix.Password})
	if err != nil {
		t.Fatal(err)
	}
	return w
}

type auditRow struct {
	CommuneID *int64  `db:"commune_id"`
	ActorID   *int64  `db:"actor_id"`
	IP        *string `db:"ip"`
	Action    string  `db:"action"`
	Reason    string  `db:"reason"`
}

func (w *ownerWorld) audit(t *testing.T) []auditRow {
	t.Helper()
	var rows []auditRow
	err := w.owner.Select(&rows, `SELECT commune_id, actor_id, host(ip) AS ip, action,
		coalesce(after->>'reason', '') AS reason FROM audit_log WHERE entity = 'user' AND action LIKE 'login%' ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func TestLoginAuditsEveryAttempt(t *testing.T) {
	t.Parallel()
	w := newOwnerWorld(t)
	ctx := context.Background()
	if _, err := w.store.Login(ctx, "ai_do", "sai-mat-khau-1", "203.0.113.5", "test"); !errors.Is(err, models.ErrBadCredentials) {
		t.Fatalf("unknown user: %v", err)
	}
	if _, err := w.store.Login(ctx, "can_bo", "sai-mat-khau-1", "203.0.113.5", "test"); !errors.Is(err, models.ErrBadCredentials) {
		t.Fatalf("wrong password: %v", err)
	}
	if _, err := w.store.Login(ctx, " CAN_BO ", testfix.Password, "203.0.113.5", "test"); err != nil {
		t.Fatalf("right password: %v", err)
	}
	rows := w.audit(t)
	if len(rows) != 3 {
		t.Fatalf("audit rows: %+v", rows)
	}
	unknown, wrong, ok := rows[0], rows[1], rows[2]
	if unknown.CommuneID != nil || unknown.ActorID != nil || unknown.Action != "login_failed" || unknown.Reason != "unknown_user" {
		t.Errorf("unknown user: %+v", unknown)
	}
	if wrong.CommuneID == nil || *wrong.CommuneID != w.commune.ID || wrong.ActorID == nil || wrong.Reason != "wrong_password" {
		t.Errorf("wrong password: %+v", wrong)
	}
	if ok.Action != "login" || ok.CommuneID == nil || ok.IP == nil || *ok.IP != "203.0.113.5" {
		t.Errorf("success: %+v", ok)
	}
}

// TestThrottledAttemptsAreAuditedNotCounted: a refusal is audited but not
// counted as a failure, or a throttle would keep extending itself.
func TestThrottledAttemptsAreAuditedNotCounted(t *testing.T) {
	t.Parallel()
	w := newOwnerWorld(t)
	ctx := context.Background()
	for range accounts.MaxPairFailures {
		_, _ = w.store.Login(ctx, "can_bo", "sai-mat-khau-1", "203.0.113.5", "test")
	}
	w.clock.Advance(5 * time.Minute)
	for range 3 {
		_, err := w.store.Login(ctx, "can_bo", testfix.Password, "203.0.113.5", "test")
		var te *accounts.ThrottledError
		if !errors.As(err, &te) || te.RetryAfter != 10*time.Minute {
			t.Fatalf("want throttled for 10 minutes, got %v", err)
		}
	}
	var attempts int
	if err := w.owner.Get(&attempts, `SELECT count(*) FROM login_attempts`); err != nil || attempts != accounts.MaxPairFailures {
		t.Fatalf("attempts stored: %d, %v", attempts, err)
	}
	rows := w.audit(t)
	if len(rows) != accounts.MaxPairFailures+3 || rows[len(rows)-1].Reason != "throttled" {
		t.Fatalf("audit rows: %+v", rows)
	}
}

func TestOldAttemptsArePruned(t *testing.T) {
	t.Parallel()
	w := newOwnerWorld(t)
	w.owner.MustExec(`INSERT INTO login_attempts (at, username, ip, success)
		SELECT $1::timestamptz - n * interval '1 minute', 'cu', '203.0.113.1', false FROM generate_series(1, 50) n`,
		testfix.Now.Add(-25*time.Hour))
	w.owner.MustExec(`INSERT INTO login_attempts (at, username, ip, success) VALUES ($1, 'moi', '203.0.113.1', false)`,
		testfix.Now.Add(-time.Hour))
	if _, err := w.store.Login(context.Background(), "can_bo", testfix.Password, "203.0.113.5", "test"); err != nil {
		t.Fatal(err)
	}
	var left []string
	if err := w.owner.Select(&left, `SELECT username FROM login_attempts ORDER BY id`); err != nil {
		t.Fatal(err)
	}
	if len(left) != 2 || left[0] != "moi" || left[1] != "can_bo" {
		t.Fatalf("attempts left: %v", left)
	}
}

func TestRetryAfterSeconds(t *testing.T) {
	t.Parallel()
	for d, want := range map[time.Duration]int{time.Millisecond: 1, 1200 * time.Millisecond: 2, 15 * time.Minute: 900} {
		if got := (&accounts.ThrottledError{RetryAfter: d}).RetryAfterSeconds(); got != want {
			t.Errorf("%v: %d, want %d", d, got, want)
		}
	}
}
