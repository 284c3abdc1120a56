package handlers_test

import (
	"net/http"
	"testing"

	"github.com/tiendo/tiendo/models"
)

// FuzzReportedAt sends arbitrary text as the device's time of a queued
// report, as multipart and in a JSON body: whatever it is, the answer is a
// 201 or a 400 naming reported_at (or another field the body broke), never
// a 5xx. Without -fuzz it runs the seeds as a test.
func FuzzReportedAt(f *testing.F) {
	for _, seed := range []string{
		"2024-09-29T10:00:00+07:00", "2024-09-30T02:00:00.123456789Z", "2024-09-30T01:59:59Z",
		"2024-09-29T10:00:00", "2024-13-01T00:00:00Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
		"2024-09-29T10:00:00+24:00", "1e9", "", " ", "\x00", "\xff", "hôm qua", `"`, "2024-09-29T10:00:00Z\n",
	} {
		f.Add(seed)
	}
	e := newEnvTB(f)
	e.lenient = true
	team := user(e.A, models.RoleTeamMember)
	task := e.mkTask(e.chairA(), e.mkPlan(e.chairA(), planIn(1, nil)).ID, taskIn(e.A.Hamlet1.ID, nil))
	path := "/api/v1/tasks/" + itoa(task.ID) + "/progress"
	f.Fuzz(func(t *testing.T, at string) {
		body, ct := queuedReport(map[string]string{"percent": "10", "reported_at": at}, nil)
		for _, r := range []response{
			e.with(t).do(team, "POST", path, body, "Content-Type", ct),
			e.with(t).do(team, "POST", path, map[string]any{"percent": 10, "reported_at": at}),
		} {
			switch r.Code {
			case http.StatusCreated, http.StatusBadRequest:
			default:
				t.Fatalf("%q: unexpected %d %s", at, r.Code, r.Body)
			}
		}
	})
}
