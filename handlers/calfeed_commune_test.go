package handlers_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/tiendo/tiendo/models"
)

// TestCommuneCalendarFeed: the chairman may also follow the commune's
// overdue and due-soon tasks, whoever leads them, in a second feed beside
// their own (issue 17); nobody else may; each feed is turned off alone.
func TestCommuneCalendarFeed(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	chair, team := e.chairA(), user(e.A, models.RoleTeamMember)
	p := e.mkPlan(chair, planIn(42, nil))
	task := func(title, start, due string) string {
		return "task-" + itoa(e.mkTask(chair, p.ID, taskIn(e.A.Hamlet2.ID, map[string]any{"title": title,
			"start_on": start, "due_on": due})).ID) + "@tiendo"
	}
	late := task("Rà soát hộ nghèo ấp 2", "2024-09-01", "2024-09-20")
	soon := task("Tổng hợp ý kiến cử tri", "2024-09-01", "2024-10-02")
	later := task("Kế hoạch năm sau", "2024-09-01", "2024-11-29")

	commune := e.feedPathOf(chair, "?scope=commune")
	_, events := e.readFeed(commune)
	if _, ok := events[late]; !ok || len(events) != 2 {
		t.Fatalf("commune feed %v: want the overdue %s and the due-soon %s, not %s", keys(events), late, soon, later)
	}
	if _, ok := events[soon]; !ok {
		t.Errorf("commune feed %v lacks the due-soon %s", keys(events), soon)
	}
	own := e.feedPath(chair)
	if _, mine := e.readFeed(own); len(mine) != 0 {
		t.Errorf("the chairman's own feed lists another unit's tasks: %v", keys(mine))
	}

	e.do(team, "POST", "/api/v1/me/calendar-feed?scope=commune", nil).expectProblem(http.StatusForbidden, "forbidden")
	e.do(chair, "POST", "/api/v1/me/calendar-feed?scope=xa", nil).invalid("scope")
	e.do(chair, "DELETE", "/api/v1/me/calendar-feed?scope=commune", nil).expect(http.StatusNoContent)
	e.do("", "GET", commune, nil).expect(http.StatusNotFound)
	e.readFeed(own) // the chairman's own feed goes on
}

// feedPathOf turns on the feed query names (e.g. "?scope=commune"; "" is
// the person's own) and returns its path.
func (e *env) feedPathOf(user, query string) string {
	e.t.Helper()
	var out struct{ URL string }
	e.do(user, "POST", "/api/v1/me/calendar-feed"+query, nil).expect(http.StatusCreated).decode(&out)
	u, err := url.Parse(out.URL)
	if err != nil || u.Host == "" || !strings.HasPrefix(u.Path, "/lich/") || !strings.HasSuffix(u.Path, ".ics") {
		e.t.Fatalf("feed URL %q", out.URL)
	}
	return u.Path
}
