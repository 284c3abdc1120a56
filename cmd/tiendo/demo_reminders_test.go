package main

import (
	"reflect"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/tiendo/tiendo/internal/testdb"
	"github.com/tiendo/tiendo/internal/testnotify"
)

// demoMorning is the acceptance date: Monday 30 September 2024, 08:00, the
// last day of the nine months the demo's report covers.
const demoMorning = "2024-09-30T08:00:00+07:00"

// TestDemoReminders loads the demo communes with the real binary, gives every
// account an email address, then runs `tiendo jobs run reminders` and
// `tiendo jobs run dispatch` at demoMorning. The deliveries must be exactly
// what an independent reading of the rules (demoOracle) expects, and be
// visible in the inbox, at the SMTP server and in the delivery log.
func TestDemoReminders(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the real binary")
	}
	t.Parallel()
	dsn := testdb.NewDSN(t)
	smtp := testnotify.NewSMTP(t)
	env := []string{"DATABASE_URL=" + dsn, "TIENDO_DATA_DIR=" + t.TempDir(), "TIENDO_SMTP_URL=" + smtp.URL(),
		"TIENDO_DEMO_PASSWORD=mat-khau-demo-2024"}
	runCmd(t, env, "demo")
	db := sqlx.MustConnect("postgres", dsn)
	t.Cleanup(func() { db.Close() })
	db.MustExec(`UPDATE users SET email = username || '@demo.example.vn'`)
	now, _ := time.Parse(time.RFC3339, demoMorning)
	want := demoOracle(t, db, now)
	runCmd(t, env, "jobs", "run", "reminders", "--now", demoMorning)
	runCmd(t, env, "jobs", "run", "dispatch", "--now", demoMorning)

	got := map[string]int{}
	var rows []struct {
		Kind    string `db:"kind"`
		Channel string `db:"channel"`
		Status  string `db:"status"`
		N       int    `db:"n"`
	}
	if err := db.Select(&rows, `SELECT kind, channel, status, count(*) AS n FROM deliveries GROUP BY 1, 2, 3`); err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if r.Status != "sent" {
			t.Errorf("%d %s/%s deliveries are %s", r.N, r.Kind, r.Channel, r.Status)
		}
		got[r.Channel+"/"+r.Kind] += r.N
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("deliveries per channel/kind:\n got  %v\n want %v", got, want)
	}
	// The numbers themselves, so that a change of the demo or of the rules is
	// noticed here. Each is reminders × recipients, on the planner's first
	// run (so every overdue task gets the reminder of its current window):
	// 3 deliveries of tasks due today, 5 overdue, 10 escalations (5 tasks
	// overdue by 5+ working days × Vọng Đông's 2 chairmen), 1 stale task and
	// 5 people's digests. Nothing was assigned in the week before. The
	// hamlet-3 team has no account, so its overdue task reminds the officer
	// of its supporting unit (Văn hóa – Xã hội), who gets a digest too. The
	// province wants the 9-month report by 2/10 (issue 20) and no commune has
	// sent it: 3 report_due, one per chairman of the two communes.
	pinned := map[string]int{"due_today": 3, "overdue": 5, "escalation": 10, "stale": 1, "digest": 5, "report_due": 3}
	if !reflect.DeepEqual(inboxOnly(got), pinned) {
		t.Errorf("inbox deliveries per kind on %s: %v; pinned %v", demoMorning, inboxOnly(got), pinned)
	}
	checkDemoEvidence(t, db, smtp, got)
}

func inboxOnly(m map[string]int) map[string]int {
	out := map[string]int{}
	for k, n := range m {
		if len(k) > 6 && k[:6] == "inbox/" {
			out[k[6:]] = n
		}
	}
	return out
}

// checkDemoEvidence: one notification per inbox delivery, one email per
// email delivery (each with its own Message-ID), and a queued → claimed →
// sent log for every delivery.
func checkDemoEvidence(t *testing.T, db *sqlx.DB, smtp *testnotify.SMTP, got map[string]int) {
	t.Helper()
	var notes, emails int
	for k, n := range got {
		switch k[:5] {
		case "inbox":
			notes += n
		case "email":
			emails += n
		}
	}
	var inbox int
	if err := db.Get(&inbox, `SELECT count(*) FROM notifications`); err != nil || inbox != notes {
		t.Errorf("%d notifications for %d inbox deliveries (%v)", inbox, notes, err)
	}
	ids := map[string]bool{}
	for _, m := range smtp.Messages() {
		ids[m.MessageID] = true
	}
	if len(smtp.Messages()) != emails || len(ids) != emails {
		t.Errorf("SMTP server got %d emails (%d ids) for %d email deliveries", len(smtp.Messages()), len(ids), emails)
	}
	var badLogs int
	if err := db.Get(&badLogs, `SELECT count(*) FROM deliveries d WHERE (SELECT string_agg(event, ' ' ORDER BY id)
		FROM delivery_events e WHERE e.delivery_id = d.id) <> 'queued claimed sent'`); err != nil || badLogs != 0 {
		t.Errorf("%d deliveries without a queued → claimed → sent log (%v)", badLogs, err)
	}
	t.Logf("on %s: %v; %d notifications, %d emails", demoMorning, inboxOnly(got), inbox, len(smtp.Messages()))
}
