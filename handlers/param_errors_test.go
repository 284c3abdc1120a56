package handlers_test

import (
	"encoding/base64"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/tiendo/tiendo/models"
)

// cursorOf is a cursor as the store makes them: positional JSON, base64url.
func cursorOf(json string) string { return base64.RawURLEncoding.EncodeToString([]byte(json)) }

// TestEvery400NamesItsParameter (issue 13): whatever is wrong with a query
// parameter, the 400 names that parameter, never "" or another one.
func TestEvery400NamesItsParameter(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	chair := e.chairA()
	cases := []struct{ path, field string }{
		{"/api/v1/plans?q=%00", "q"},
		{"/api/v1/tasks?q=%00", "q"},
		{"/api/v1/tasks?=%0", "query"},
		{"/api/v1/tasks?=%00", "query"},
		{"/api/v1/plans?q=%zz", "q"},
		{"/api/v1/tasks?due_to=0000-01-01", "due_to"},
		{"/api/v1/tasks?due_from=9999-12-31", "due_from"},
		{"/api/v1/tasks?due_to=2024-02-30", "due_to"},
		{"/api/v1/plans?year=99999999999", "year"},
		{"/api/v1/plans?year=-5", "year"},
		{"/api/v1/plans?limit=0", "limit"},
		{"/api/v1/plans?cursor=%21%21", "cursor"},
		{"/api/v1/plans?cursor=" + cursorOf(`[99999999999,"2024-01-01",1]`), "cursor"},
		{"/api/v1/plans?cursor=" + cursorOf(`[2024,"0000-01-01",1]`), "cursor"},
		{"/api/v1/plans?cursor=" + cursorOf(`[2024,"2024-01-01",-1]`), "cursor"},
		{"/api/v1/plans?cursor=" + cursorOf(`[2024,"2024-01-01"]`), "cursor"},
		{"/api/v1/tasks?cursor=" + cursorOf(`["0000-01-01",1]`), "cursor"},
		{"/api/v1/tasks?cursor=" + cursorOf(`["99999-01-01",1]`), "cursor"},
		{"/api/v1/tasks?cursor=" + cursorOf(`["2024-01-01",1e30]`), "cursor"},
		{"/api/v1/audit?cursor=" + cursorOf(`[-1]`), "cursor"},
		{"/api/v1/audit?cursor=" + cursorOf(`[1e30]`), "cursor"},
		{"/api/v1/notifications?cursor=" + cursorOf(`["x"]`), "cursor"},
		{"/api/v1/calendar?year=99999999999", "year"},
		{"/api/v1/settings/calendar?year=0", "year"},
		{"/api/v1/province/rollup?year=3000", "year"},
		{"/api/v1/indicators?year=99999", "year"},
		{"/api/v1/dossiers?year=1800", "year"},
		{"/api/v1/calendar/add-working-days?from=2024-01-01&days=99999999999", "days"},
	}
	for _, c := range cases {
		r := e.do(chair, "GET", c.path, nil)
		if r.Code != http.StatusBadRequest {
			t.Errorf("%s: %d %s", c.path, r.Code, r.Body.String())
			continue
		}
		p := r.problem()
		for _, f := range p.Errors {
			if f.Field != c.field {
				t.Errorf("%s: the 400 names %q, want %q: %s", c.path, f.Field, c.field, r.Body.String())
			}
		}
	}
}

// TestWholeNumberSaysSo (issue 13): 99.5 for a whole-number field is a
// number, just not a whole one, and the message says so.
func TestWholeNumberSaysSo(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	chair, team := e.chairA(), user(e.A, models.RoleTeamMember)
	plan := e.mkPlan(chair, planIn(1, nil))
	task := e.mkTask(chair, plan.ID, taskIn(e.A.Hamlet1.ID, nil))
	p := e.do(team, "POST", "/api/v1/tasks/"+itoa(task.ID)+"/progress", map[string]any{"percent": 99.5}).invalid("percent")
	if msg := p.Errors[0].Message; !strings.Contains(msg, "phải là số nguyên") {
		t.Errorf("percent 99.5: %q, want it to say it must be a whole number", msg)
	}
	p = e.do(team, "POST", "/api/v1/tasks/"+itoa(task.ID)+"/progress", map[string]any{"percent": "50"}).invalid("percent")
	if msg := p.Errors[0].Message; !strings.Contains(msg, "số nguyên") {
		t.Errorf(`percent "50": %q`, msg)
	}
	if n := e.progressCount(task.ID); n != 0 {
		t.Errorf("%d reports recorded", n)
	}
}

// FuzzListQuery sends arbitrary query strings to the task and plan lists:
// the answer is a page, a 404 for a plan_id, or a 400 whose every error names a parameter the
// request carried, never a 5xx. Without -fuzz it runs the seeds as a test.
func FuzzListQuery(f *testing.F) {
	for _, seed := range []string{
		"q=%00", "q=%zz", "due_to=0000-01-01", "due_from=2024-02-30&due_to=2024-01-01", "year=99999999999",
		"limit=0", "limit=1&cursor=" + cursorOf(`["0000-01-01",1]`), "cursor=" + cursorOf(`[2024,"2024-01-01",1]`),
		"cursor=" + cursorOf(`[1e30]`), "status=overdue&unit_id=-1", "mine=maybe", "plan_id=1&plan_id=x",
	} {
		f.Add(seed)
	}
	e := newEnvTB(f)
	e.lenient = true
	chair := e.chairA()
	f.Fuzz(func(t *testing.T, raw string) {
		if strings.IndexFunc(raw, func(r rune) bool { return r <= ' ' || r == 0x7f || r == '#' }) >= 0 {
			return // not a query string a client can send: it would percent-encode these
		}
		for _, list := range []string{"/api/v1/tasks", "/api/v1/plans"} {
			r := e.with(t).do(chair, "GET", list+"?"+raw, nil)
			if r.Code == http.StatusOK || r.Code == http.StatusNotFound && strings.Contains(raw, "plan_id") {
				continue
			}
			if r.Code != http.StatusBadRequest {
				t.Fatalf("%s?%s: %d %s", list, raw, r.Code, r.Body)
			}
			for _, fe := range r.problem().Errors {
				// A key that does not decode is named as sent (invalid UTF-8 as U+FFFD, as JSON writes it).
				decoded, _ := url.QueryUnescape(raw)
				sent := runes(raw) + " " + runes(decoded)
				named := fe.Field == "query" || strings.Contains(sent, runes(fe.Field))
				if fe.Field == "" || !named {
					t.Fatalf("%s?%s: the 400 names %q: %s", list, raw, fe.Field, r.Body)
				}
			}
		}
	})
}

// runes is s with each invalid byte as U+FFFD, as encoding/json writes it.
func runes(s string) string {
	var b strings.Builder
	for _, r := range s {
		b.WriteRune(r)
	}
	return b.String()
}
