package handlers_test

import (
	"bytes"
	"crypto/sha256"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/emersion/go-ical"

	"github.com/tiendo/tiendo/handlers"
	"github.com/tiendo/tiendo/handlers/httpx"
	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/models"
)

// feedPath turns on user's calendar feed and returns the path of its URL.
func (e *env) feedPath(user string) string { return e.feedPathOf(user, "") }

// readFeed fetches a feed anonymously, as a calendar app does, and parses it
// back with go-ical; it returns the events by UID.
func (e *env) readFeed(path string) (*ical.Calendar, map[string]ical.Event) {
	e.t.Helper()
	r := e.do("", "GET", path, nil).expect(http.StatusOK)
	if ct := r.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/calendar") {
		e.t.Fatalf("content type %q", ct)
	}
	cal, err := ical.NewDecoder(bytes.NewReader(r.Body.Bytes())).Decode()
	if err != nil {
		e.t.Fatalf("parse the feed: %v\n%s", err, r.Body)
	}
	events := map[string]ical.Event{}
	for _, ev := range cal.Events() {
		uid, _ := ev.Props.Text(ical.PropUID)
		events[uid] = ev
	}
	return cal, events
}

func text(t *testing.T, c *ical.Component, name string) string {
	t.Helper()
	p := c.Props.Get(name)
	if p == nil {
		t.Fatalf("%s has no %s", c.Name, name)
	}
	return p.Value
}

// TestCalendarFeed: an officer turns the feed on; a calendar app reads it
// without signing in and finds their open task as an all-day event on its
// deadline, with plan number, link and an alarm at 08:00 of the working day
// before; moving the deadline keeps the UID and raises SEQUENCE; a finished
// task leaves; a new secret, turning it off and a password change each make
// the old link a plain 404. Only a hash of the secret is stored, and the
// access log never shows it.
func TestCalendarFeed(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	var logs syncBuffer
	e.handler = handlers.New(e.Store, httpx.Options{Log: slog.New(slog.NewTextHandler(&logs, nil))})
	officer := user(e.A, models.RoleOfficer)
	officerID := e.A.Users[models.RoleOfficer].ID
	p := e.mkPlan(e.chairA(), planIn(41, map[string]any{"title": "Chuyển đổi số"}))
	mine := e.mkTask(e.chairA(), p.ID, taskIn(e.A.Office.ID, map[string]any{"title": "Cài VNeID cho người dân",
		"due_on": "2024-10-07", "assignee_ids": []int64{officerID}}))
	other := e.mkTask(e.chairA(), p.ID, taskIn(e.A.Hamlet2.ID, map[string]any{"title": "Việc của ấp khác"}))

	path := e.feedPath(officer)
	cal, events := e.readFeed(path)
	if tz, _ := cal.Props.Text("X-WR-TIMEZONE"); tz != "Asia/Ho_Chi_Minh" {
		t.Errorf("X-WR-TIMEZONE %q", tz)
	}
	uid := "task-" + strconv.FormatInt(mine.ID, 10) + "@tiendo"
	ev, ok := events[uid]
	if !ok || len(events) != 1 {
		t.Fatalf("events %v, want only %s (not task %d)", keys(events), uid, other.ID)
	}
	start := ev.Props.Get(ical.PropDateTimeStart)
	if start.Value != "20241007" || start.ValueType() != ical.ValueDate || text(t, ev.Component, ical.PropDateTimeEnd) != "20241008" {
		t.Errorf("DTSTART %v, DTEND %s: want the all-day 7 October", start, text(t, ev.Component, ical.PropDateTimeEnd))
	}
	summary, _ := ev.Props.Text(ical.PropSummary)
	desc, _ := ev.Props.Text(ical.PropDescription)
	link := "http://example.com/nhiem-vu/" + strconv.FormatInt(mine.ID, 10)
	if !strings.Contains(summary, "Cài VNeID cho người dân") || !strings.Contains(desc, "41/KH-UBND") ||
		!strings.Contains(desc, link) || text(t, ev.Component, ical.PropURL) != link {
		t.Errorf("SUMMARY %q, DESCRIPTION %q, URL %q", summary, desc, text(t, ev.Component, ical.PropURL))
	}
	if len(ev.Children) != 1 || text(t, ev.Children[0], ical.PropTrigger) != "20241004T010000Z" {
		t.Errorf("alarm %+v: want 08:00 (01:00Z) on Friday 4 October, the working day before Monday", ev.Children)
	}
	seq, _ := ev.Props.Get(ical.PropSequence).Int()

	e.do(e.chairA(), "PATCH", "/api/v1/tasks/"+itoa(mine.ID), map[string]any{"due_on": "2024-10-15"}).expect(http.StatusOK)
	_, events = e.readFeed(path)
	moved, ok := events[uid]
	if moved2, _ := moved.Props.Get(ical.PropSequence).Int(); !ok || moved2 <= seq ||
		moved.Props.Get(ical.PropDateTimeStart).Value != "20241015" {
		t.Errorf("after the move: %v, SEQUENCE %d → %d", ok, seq, moved2)
	}
	e.do(officer, "POST", "/api/v1/tasks/"+itoa(mine.ID)+"/progress", map[string]any{"percent": 100}).expect(http.StatusCreated)
	if _, events = e.readFeed(path); len(events) != 0 {
		t.Errorf("a finished task stays in the feed: %v", keys(events))
	}

	var stored []byte
	if err := e.DB.Get(&stored, `SELECT secret_hash FROM calendar_feeds WHERE user_id = $1`, officerID); err != nil {
		t.Fatal(err)
	}
	secret := strings.TrimSuffix(strings.TrimPrefix(path, "/lich/"), ".ics")
	if sum := sha256.Sum256([]byte(secret)); !bytes.Equal(stored, sum[:]) {
		t.Error("the stored secret is not its SHA-256")
	}
	if strings.Contains(logs.String(), secret) {
		t.Error("the access log shows a feed's secret")
	}

	again := e.feedPath(officer)
	e.do("", "GET", path, nil).expectProblem(http.StatusNotFound, "not_found")
	e.readFeed(again)
	e.do(officer, "DELETE", "/api/v1/me/calendar-feed", nil).expect(http.StatusNoContent)
	e.do("", "GET", again, nil).expectProblem(http.StatusNotFound, "not_found")
	e.do(officer, "DELETE", "/api/v1/me/calendar-feed", nil).expect(http.StatusNoContent)

	last := e.feedPath(officer)
	session := e.signIn(officer, testfix.Password)
	e.as(session, "POST", "/api/v1/me/password", map[string]string{"current_password": testfix.Password,
		"new_password": "mat-khau-moi-2024"}).expect(http.StatusOK)
	e.do("", "GET", last, nil).expectProblem(http.StatusNotFound, "not_found")
	e.do("", "GET", "/lich/"+secret, nil).expectProblem(http.StatusNotFound, "not_found")
}

func keys(m map[string]ical.Event) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// FuzzCalendarFeedPath: whatever follows /lich/, the answer is a feed or a
// 404, never a server error.
func FuzzCalendarFeedPath(f *testing.F) {
	e := newEnvTB(f)
	e.lenient = true
	for _, s := range []string{"abc.ics", ".ics", "x", strings.Repeat("a", 200) + ".ics", "%00.ics", "ấp.ics"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ee := e.with(t)
		u := &url.URL{Path: "/lich/" + strings.ReplaceAll(s, "/", "")}
		if r := ee.do("", "GET", u.EscapedPath(), nil); r.Code != http.StatusNotFound && r.Code != http.StatusBadRequest {
			t.Fatalf("GET %s: %d %s", u.EscapedPath(), r.Code, r.Body)
		}
	})
}
