package handlers_test

import (
	"context"
	"database/sql"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/tiendo/tiendo/handlers"
	"github.com/tiendo/tiendo/handlers/httpx"
	"github.com/tiendo/tiendo/internal/config"
	"github.com/tiendo/tiendo/internal/pglocal"
	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/domain"
	"github.com/tiendo/tiendo/models/plans"
)

// Reads from a hot standby (issue 18): models/standby.go, standby_route.go.

// envOn is newEnv over the world w (one with a standby).
func envOn(t *testing.T, w *testfix.World) *env {
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	return &env{World: w, t: t, handler: handlers.New(w.Store, httpx.Options{Log: log}), tokens: map[string]string{}}
}

// TestEveryGETRouteWorksOnAStandby runs the authorization table against a
// standby that is the same database in read-only transactions:
// a GET that writes after its session check (a thumbnail cached on the way,
// a last-seen time) fails there with a 500, as on a real standby, and every
// status must be the one the table wants.
func TestEveryGETRouteWorksOnAStandby(t *testing.T) {
	f := newAuthzWorldOn(t, envOn(t, testfix.NewOnStandby(t)))
	checked := 0
	for _, r := range authzRoutes { // the writes too: later rows read what earlier ones wrote
		scopes := []scope{ownUnit, otherUnit, otherCommune}
		if r.target == noRow || r.target == ownSession {
			scopes = scopes[:1]
		}
		for _, role := range callers {
			w, set := r.want[role]
			if !set {
				w = want{401, 401, 401}
			}
			for _, s := range scopes {
				f.check(t, r, role, s, w[s])
				if r.method == http.MethodGet {
					checked++
				}
			}
		}
	}
	st := f.Standby.Stats(time.Now())
	if st.StandbyReads < int64(checked)/4 {
		t.Errorf("%d GET cases, %d read on the standby, %d on the primary: the standby was hardly used", checked, st.StandbyReads, st.PrimaryReads)
	}
}

// TestReadsFromARealStandby streams a real hot standby from a primary and
// checks, through the router: a user reads their own write at once (from the
// primary) while others read the standby until it has replayed it; a second
// tiendo process learns of the write from the cookie; a standby that stops
// replaying stops being read once it lags past its bound, and is read again
// once it catches up; row-level security holds on the standby.
func TestReadsFromARealStandby(t *testing.T) {
	primaryDSN, standby := streamingPair(t)
	standbyDSN, superStandby := standby.DSN("postgres"), standby.DSN("postgres")
	w := testfix.NewOn(t, primaryDSN, standbyDSN)
	e := envOn(t, w)
	chair, officer := e.chairA(), user(e.A, models.RoleOfficer)
	plan := e.mkPlan(chair, planIn(1, nil))
	task := e.mkTask(chair, plan.ID, taskIn(e.A.Office.ID, nil))
	chairB := user(e.B, models.RoleChairman)
	planB := e.mkPlan(chairB, planIn(2, nil))
	e.mkTask(chairB, planB.ID, taskIn(e.B.Office.ID, nil))
	report(t, e, officer, task.ID, 30)
	waitStandbyRead(t, e, w.Standby, chair, task.ID, 30)
	other := secondProcess(t, e, w, standbyDSN)

	pause(t, superStandby, "pg_wal_replay_pause")
	wrote := report(t, e, officer, task.ID, 60)
	before := w.Standby.Stats(time.Now()).StandbyReads
	if p := percentOf(t, e, chair, task.ID); p != 30 {
		t.Errorf("the chairman read %d%% while the standby is paused, want the standby's 30%%", p)
	}
	if got := w.Standby.Stats(time.Now()).StandbyReads; got != before+1 {
		t.Errorf("standby reads %d → %d, want one more", before, got)
	}
	if p := percentOf(t, e, officer, task.ID); p != 60 {
		t.Errorf("the officer read %d%% right after writing 60%%: not their own write", p)
	}
	if p := percentOf(t, other, officer, task.ID); p != 30 {
		t.Errorf("another process without the cookie read %d%%, want the standby's 30%%", p)
	}
	if p := percentOf(t, other, officer, task.ID, "Cookie", wrote.String()); p != 60 {
		t.Errorf("another process with the cookie read %d%%, want the officer's own 60%%", p)
	}

	deadline := time.Now().Add(w.Standby.Stats(time.Now()).MaxLag + 3*time.Second)
	for w.Standby.Stats(time.Now()).Usable && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if w.Standby.Stats(time.Now()).Usable {
		t.Fatal("a standby that stopped replaying is still read after its lag bound")
	}
	if p := percentOf(t, e, chair, task.ID); p != 60 {
		t.Errorf("with the standby lagging the chairman read %d%%, want the primary's 60%%", p)
	}
	pause(t, superStandby, "pg_wal_replay_resume")
	for !w.Standby.Stats(time.Now()).Usable && time.Now().Before(deadline.Add(10*time.Second)) {
		time.Sleep(50 * time.Millisecond)
	}
	before = w.Standby.Stats(time.Now()).StandbyReads
	if p := percentOf(t, e, chair, task.ID); p != 60 || w.Standby.Stats(time.Now()).StandbyReads != before+1 {
		t.Errorf("after catching up: %d%% (want 60), standby reads %d → %d (want one more)", p, before,
			w.Standby.Stats(time.Now()).StandbyReads)
	}
	standbyKeepsCommunesApart(t, standbyDSN, e.A.Info.ID, e.B.Info.ID)

	if err := standby.Stop(); err != nil {
		t.Fatal(err)
	}
	for w.Standby.Stats(time.Now()).Usable && time.Now().Before(deadline.Add(20*time.Second)) {
		time.Sleep(50 * time.Millisecond)
	}
	if p := percentOf(t, e, chair, task.ID); p != 60 {
		t.Errorf("with the standby down the chairman read %d%%, want the primary's 60%%", p)
	}
}

// secondProcess is another tiendo process on the same databases, sharing
// e's sign-ins: it has not seen the writes e's process makes.
func secondProcess(t *testing.T, e *env, w *testfix.World, standbyDSN string) *env {
	db, err := config.OpenStandby(standbyDSN, 2)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	sb := models.NewStandby(db, 10*time.Second, slog.New(slog.DiscardHandler))
	store, err := domain.Open(w.DB, models.Options{Clock: w.Clock, Password: models.TestPasswordParams, Standby: sb})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(store.Close)
	t.Cleanup(sb.Close)
	sb.Start(t.Context(), w.DB, time.Hour) // checked once: what it knows stays as it is now
	other := *e
	other.handler = handlers.New(store, httpx.Options{Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	return &other
}

// streamingPair starts a primary (migrated) and a hot standby streaming from
// it, each a private cluster of its own, and returns the primary's DSN and
// the standby (its DSN connects as the superuser).
func streamingPair(t *testing.T) (string, *pglocal.Cluster) {
	t.Helper()
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "sb-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	primary, err := pglocal.Start(ctx, pglocal.Options{DataDir: filepath.Join(dir, "p"), Fast: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = primary.Stop() })
	if err := config.Migrate(ctx, primary.DSN("postgres")); err != nil {
		t.Fatal(err)
	}
	standby, err := primary.StartStandby(ctx, filepath.Join(dir, "s"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = standby.Stop() })
	return primary.DSN("postgres"), standby
}

// pause calls a replay control function (pg_wal_replay_pause, _resume) on the standby.
func pause(t *testing.T, superStandby, fn string) {
	t.Helper()
	db, err := sqlx.Open("postgres", superStandby)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("SELECT " + fn + "()"); err != nil {
		t.Fatal(err)
	}
	// A pause is a request the startup process honours a little later.
	for end := time.Now().Add(10 * time.Second); fn == "pg_wal_replay_pause"; {
		if time.Now().After(end) {
			t.Fatal("the standby never paused its replay")
		}
		var state string
		if err := db.Get(&state, "SELECT pg_get_wal_replay_pause_state()"); err != nil {
			t.Fatal(err)
		}
		if state == "paused" {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// report records percent on task as user and returns the cookie the write set.
func report(t *testing.T, e *env, user string, task int64, percent int) *http.Cookie {
	t.Helper()
	res := e.do(user, "POST", "/api/v1/tasks/"+itoa(task)+"/progress", map[string]any{"percent": percent}).
		expect(http.StatusCreated)
	for _, c := range res.Result().Cookies() {
		if c.Name == "tiendo_ghi" {
			return c
		}
	}
	t.Fatalf("a write with a standby set no tiendo_ghi cookie: %v", res.Header()["Set-Cookie"])
	return nil
}

// percentOf reads the task's percent as user (with extra headers in pairs).
func percentOf(t *testing.T, e *env, user string, task int64, headers ...string) int {
	t.Helper()
	var got plans.Task
	e.do(user, "GET", "/api/v1/tasks/"+itoa(task), nil, headers...).expect(http.StatusOK).decode(&got)
	return got.Percent
}

// waitStandbyRead waits (a few seconds at most) until user reads percent
// from the standby: it has replayed every write user has made.
func waitStandbyRead(t *testing.T, e *env, sb *models.Standby, user string, task int64, percent int) {
	t.Helper()
	for end := time.Now().Add(10 * time.Second); time.Now().Before(end); time.Sleep(20 * time.Millisecond) {
		before := sb.Stats(time.Now()).StandbyReads
		if percentOf(t, e, user, task) == percent && sb.Stats(time.Now()).StandbyReads > before {
			return
		}
	}
	t.Fatalf("%s never read %d%% from the standby: %+v", user, percent, sb.Stats(time.Now()))
}

// standbyKeepsCommunesApart reads the standby as the request role: with
// commune a's scope no row of b shows, and with no scope no task at all.
func standbyKeepsCommunesApart(t *testing.T, standbyDSN string, a, b int64) {
	t.Helper()
	db, err := config.OpenStandby(standbyDSN, 1)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	count := func(scope string) (own, other int) {
		tx, err := db.BeginTxx(context.Background(), &sql.TxOptions{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback()
		if _, err := tx.Exec(`SELECT set_config('tiendo.commune_id', $1, true)`, scope); err != nil {
			t.Fatal(err)
		}
		err = tx.QueryRow(`SELECT count(*) FILTER (WHERE commune_id = $1), count(*) FILTER (WHERE commune_id <> $1)
			FROM (SELECT commune_id FROM tasks UNION ALL SELECT commune_id FROM plans) r`, a).Scan(&own, &other)
		if err != nil {
			t.Fatal(err)
		}
		return own, other
	}
	if own, other := count(itoa(a)); own == 0 || other != 0 {
		t.Errorf("on the standby as commune %d: %d own rows, %d of others (commune %d has some)", a, own, other, b)
	}
	if own, other := count(""); own+other != 0 {
		t.Errorf("on the standby with no commune: %d rows", own+other)
	}
}
