package main

import (
	"strings"
	"testing"

	"github.com/jmoiron/sqlx"

	"github.com/tiendo/tiendo/internal/testnotify"
	"github.com/tiendo/tiendo/models/deadlines"
)

// webhookSettings are the default rules with the webhook switched on to hook.
func webhookSettings(hook *testnotify.Webhook) deadlines.SettingsInput {
	s := deadlines.DefaultSettings()
	days := []int{3, 1}
	on := true
	return deadlines.SettingsInput{DueSoonDays: &days, DueToday: &s.DueToday, OverdueFirstAfter: &s.OverdueFirstAfter,
		OverdueEvery: &s.OverdueEvery, EscalateAfter: &s.EscalateAfter, StaleAfterDays: &s.StaleAfterDays,
		DigestEnabled: &s.DigestEnabled, DigestAt: &s.DigestAt, EmailEnabled: &s.EmailEnabled,
		WebhookEnabled: &on, WebhookURL: &hook.URL, WebhookSecret: &hook.Secret}
}

// checkNothingLost: every delivery is sent, and the inbox holds exactly one
// notification per inbox delivery.
func checkNothingLost(t *testing.T, db *sqlx.DB, want int) {
	t.Helper()
	var byStatus []struct {
		Status string `db:"status"`
		N      int    `db:"n"`
	}
	if err := db.Select(&byStatus, `SELECT status, count(*) AS n FROM deliveries GROUP BY status`); err != nil {
		t.Fatal(err)
	}
	if len(byStatus) != 1 || byStatus[0].Status != "sent" || byStatus[0].N != want {
		t.Errorf("deliveries by status %+v, want all %d sent", byStatus, want)
	}
	var inbox struct {
		Deliveries int `db:"deliveries"`
		Notes      int `db:"notes"`
		Distinct   int `db:"distinct_deliveries"`
	}
	if err := db.Get(&inbox, `SELECT (SELECT count(*) FROM deliveries WHERE channel = 'inbox') AS deliveries,
		count(*) AS notes, count(DISTINCT delivery_id) AS distinct_deliveries FROM notifications`); err != nil {
		t.Fatal(err)
	}
	if inbox.Notes != inbox.Deliveries || inbox.Distinct != inbox.Notes {
		t.Errorf("inbox: %d deliveries, %d notifications (%d distinct)", inbox.Deliveries, inbox.Notes, inbox.Distinct)
	}
	var reclaimed int
	if err := db.Get(&reclaimed, `SELECT count(*) FROM delivery_events WHERE event = 'claimed' AND detail LIKE 'lease of % expired'`); err != nil {
		t.Fatal(err)
	}
	if reclaimed == 0 {
		t.Error("no delivery was reclaimed after a lease expired: the kills hit nothing in flight")
	}
	t.Logf("%d deliveries were reclaimed from killed replicas", reclaimed)
}

// checkExternalIDs: each email and webhook delivery arrived at least once,
// and every copy, repeats included, carries its delivery's own id.
func checkExternalIDs(t *testing.T, db *sqlx.DB, smtp *testnotify.SMTP, hook *testnotify.Webhook) {
	t.Helper()
	ids := func(channel string) map[string]bool {
		var rows []string
		if err := db.Select(&rows, `SELECT message_id::text FROM deliveries WHERE channel = $1`, channel); err != nil {
			t.Fatal(err)
		}
		out := map[string]bool{}
		for _, id := range rows {
			out[id] = false
		}
		return out
	}
	emails, hooks := ids("email"), ids("webhook")
	repeats := 0
	for _, m := range smtp.Messages() {
		id := strings.TrimSuffix(strings.TrimPrefix(m.MessageID, "<"), "@xa.example.vn>")
		seen, ok := emails[id]
		if !ok {
			t.Fatalf("an email with Message-ID %s matches no delivery", m.MessageID)
		}
		repeats += map[bool]int{true: 1}[seen]
		emails[id] = true
	}
	for _, h := range hook.Hits() {
		if h.SigErr != nil {
			t.Fatalf("webhook %s: %v", h.ID, h.SigErr)
		}
		id := strings.TrimPrefix(h.ID, "msg_")
		id = id[:8] + "-" + id[8:12] + "-" + id[12:16] + "-" + id[16:20] + "-" + id[20:]
		seen, ok := hooks[id]
		if !ok {
			t.Fatalf("a webhook with id %s matches no delivery", h.ID)
		}
		repeats += map[bool]int{true: 1}[seen]
		hooks[id] = true
	}
	for channel, m := range map[string]map[string]bool{"email": emails, "webhook": hooks} {
		for id, seen := range m {
			if !seen {
				t.Errorf("%s delivery %s never arrived", channel, id)
			}
		}
	}
	t.Logf("%d emails and %d webhooks arrived; %d were repeats of an earlier send, each with its delivery's id",
		len(smtp.Messages()), len(hook.Hits()), repeats)
}
