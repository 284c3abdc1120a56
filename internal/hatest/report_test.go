//go:build hatest

package hatest

import (
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"
)

// targetWritable is issue 18's bound on the time from the kill to the
// first acknowledged write.
const targetWritable = 30 * time.Second

func statusLine(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s×%d", k, m[k]))
	}
	return strings.Join(parts, " ")
}

// print writes the figures as the README's table.
func (r *result) print(t *testing.T) {
	writable := "none within " + maxWait.String()
	if r.writable {
		writable = r.toWritable.Round(100 * time.Millisecond).String()
	}
	rows := [][3]string{
		{"time from kill -9 to the first 201", "≤ " + targetWritable.String(), writable},
		{"  of which until the standby reported wait_primary", "", r.promoted.Round(100 * time.Millisecond).String()},
		{"acknowledged progress reports (201)", "", fmt.Sprint(r.acks)},
		{"  of which missing on the new primary", "0", fmt.Sprint(len(r.lost))},
		{"  reports written twice for one key", "0", fmt.Sprint(r.duplicates)},
		{"  reports of the load in the database", "", fmt.Sprint(r.written)},
		{"retried reports answered 409 idempotency_key_recorded", "", fmt.Sprint(r.recorded)},
		{"  of which not in the database", "0", fmt.Sprint(r.recorded - r.recordedIn)},
		{"retried reports never answered 201", "", fmt.Sprint(r.unanswered)},
		{"  of which written (the crash took the COMMIT's answer)", "", fmt.Sprint(r.answerLost)},
		{"  of which not written and still refused", "0", fmt.Sprint(r.unanswered - r.answerLost)},
		{"inbox reminders queued before the kill", "", fmt.Sprintf("%d (%d not yet delivered)", r.queued, r.unsent)},
		{"  of which not delivered exactly once", "0", fmt.Sprint(len(r.remindLost))},
		{"duplicate inbox rows", "0", fmt.Sprint(r.inboxDup)},
		{"reads showing another commune", "0", fmt.Sprint(len(r.leaks))},
		{"answers other than 2xx, 503, 409 in flight or recorded", "0", fmt.Sprint(len(r.odd))},
		{"write statuses", "no 500", statusLine(r.writes)},
		{"read statuses", "no 500", statusLine(r.reads)},
		{"  reads by server (tiendo_reads_total)", "", statusLine(r.readsBy)},
		{"old primary back as standby", "yes", fmt.Sprintf("%v, in %v", r.rejoined, r.rejoin.Round(time.Second))},
		{"then a switchover back to it, under the load", "yes", fmt.Sprintf("%v, in %v", r.switched, r.switchover.Round(time.Second))},
		{"  write statuses during the switchover", "no 500", statusLine(r.switchWrites)},
	}
	var b strings.Builder
	b.WriteString("\n| figure | target | measured |\n|---|---|---|\n")
	for _, row := range rows {
		fmt.Fprintf(&b, "| %s | %s | %s |\n", row[0], row[1], row[2])
	}
	t.Log(b.String() + "\n" + r.finalStates)
	if len(r.leftWhen) > 0 {
		t.Logf("retried reports never answered: %v", r.leftWhen)
	}
}

// judge fails the test on every target missed.
func (r *result) judge(t *testing.T) {
	if !r.writable || r.toWritable > targetWritable {
		t.Errorf("writable again after %v (reached: %v), want ≤ %v", r.toWritable, r.writable, targetWritable)
	}
	check := func(what string, n int, detail []string) {
		if n > 0 {
			t.Errorf("%s: %d %v", what, n, head(detail, 10))
		}
	}
	check("acknowledged reports lost", len(r.lost), r.lost)
	check("reports written twice", r.duplicates, nil)
	check("retried reports neither written nor answered", r.unanswered-r.answerLost, nil)
	check("reports answered 'recorded' but not in the database", r.recorded-r.recordedIn, r.recordedKeys)
	check("reminders not delivered exactly once", len(r.remindLost), []string{fmt.Sprint(r.remindLost)})
	check("duplicate inbox rows", r.inboxDup, nil)
	check("reads showing another commune", len(r.leaks), r.leaks)
	check("unexpected answers", len(r.odd), r.odd)
	if r.acks == 0 {
		t.Error("no write was acknowledged")
	}
	if !r.rejoined {
		t.Error("the old primary did not come back as a standby")
	}
	if !r.switched {
		t.Error("the switchover back to the old primary did not complete")
	}
}

func head[T any](s []T, n int) []T { return s[:min(n, len(s))] }
