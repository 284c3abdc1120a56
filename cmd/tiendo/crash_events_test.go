package main

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/internal/testnotify"
	"github.com/tiendo/tiendo/jobs/notify"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/deadlines"
)

// seedEvents registers an event endpoint at rcv an hour before now (task
// progress only), records a progress report on every task of commune A half
// an hour before now, and plans the events as the `events` job would ten
// minutes before now: one event delivery per report. It returns how many were queued. The replicas
// plan again when they start, which must queue nothing more.
func seedEvents(t *testing.T, w *testfix.World, db *sqlx.DB, rcv *testnotify.Webhook, now time.Time) int {
	ctx := context.Background()
	w.Clock.Set(now.Add(-time.Hour))
	admin := w.Actor(t, w.A, models.RoleAdmin)
	types := []string{models.EventTaskProgress}
	if _, err := w.Store.CreateEndpoint(ctx, admin, deadlines.EndpointInput{URL: &rcv.URL, Secret: &rcv.Secret,
		Events: &types}); err != nil {
		t.Fatal(err)
	}
	db.MustExec(`INSERT INTO progress_updates (commune_id, task_id, author_id, percent, note, created_at)
		SELECT commune_id, id, $2, 30, 'Đã triển khai', $3 FROM tasks WHERE commune_id = $1`,
		w.A.Info.ID, w.A.Users[models.RoleOfficer].ID, now.Add(-30*time.Minute))
	// Planned ten minutes ago, so they are due before the reminders and the
	// first kills land among their sends.
	planned := now.Add(-10 * time.Minute)
	w.Clock.Set(planned)
	res, err := w.JobsStore(t).PlanEvents(ctx, planned, 0)
	if err != nil {
		t.Fatal(err)
	}
	var tasks int
	if err := db.Get(&tasks, `SELECT count(*) FROM tasks WHERE commune_id = $1`, w.A.Info.ID); err != nil {
		t.Fatal(err)
	}
	if res.Total() != tasks {
		t.Fatalf("planned %v events, want one per task (%d)", res, tasks)
	}
	return res.Total()
}

// checkEventIDs counts event ids at the receiver: every event delivery
// arrived (none lost), every copy is signed and carries its delivery's id
// in the header and the body, and each progress report is one event with
// one id (none doubled): repeats of an id are the at-least-once resends a
// receiver drops, never a second id for the same report.
func checkEventIDs(t *testing.T, db *sqlx.DB, rcv *testnotify.Webhook, want int) {
	t.Helper()
	var rows []struct {
		ID     string `db:"id"`
		Window string `db:"window_key"`
	}
	if err := db.Select(&rows, `SELECT replace(message_id::text, '-', '') AS id, window_key FROM deliveries
		WHERE channel = 'event'`); err != nil {
		t.Fatal(err)
	}
	ids, windows := map[string]int{}, map[string]bool{}
	for _, r := range rows {
		ids["msg_"+r.ID] = 0
		windows[r.Window] = true
	}
	if len(rows) != want || len(windows) != want {
		t.Fatalf("%d event deliveries for %d reports (%d distinct), want %d", len(rows), want, len(windows), want)
	}
	for _, h := range rcv.Hits() {
		var ev notify.Event
		if err := json.Unmarshal(h.Body, &ev); err != nil || h.SigErr != nil || ev.ID != h.ID {
			t.Fatalf("event %s: decode %v, signature %v, body id %q", h.ID, err, h.SigErr, ev.ID)
		}
		if _, ok := ids[h.ID]; !ok {
			t.Fatalf("an event with id %s matches no delivery", h.ID)
		}
		ids[h.ID]++
	}
	repeats := 0
	for id, n := range ids {
		if n == 0 {
			t.Errorf("event %s never arrived", strings.TrimPrefix(id, "msg_"))
		}
		repeats += max(n-1, 0)
	}
	t.Logf("%d events, %d requests received: every id arrived, %d repeats of an id already received",
		want, len(rcv.Hits()), repeats)
}
