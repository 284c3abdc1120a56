package handlers_test

import (
	"net/http"
	"testing"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/plans"
)

// FuzzExtensionBodies posts arbitrary bytes as a request for a later
// deadline and as a decision on it: whatever they are, the answer is a 4xx
// or a success that matches the document, never a 5xx. Without -fuzz it
// runs the seeds as a test.
func FuzzExtensionBodies(f *testing.F) {
	for _, seed := range []string{
		`{"due_on":"2025-01-31","reason":"Mùa nước nổi"}`, `{"due_on":"2024-02-30","reason":"x"}`,
		`{"due_on":"1900-01-01","reason":"x"}`, `{"due_on":null,"reason":null}`, `{"approve":true,"note":"Đồng ý"}`,
		`{"approve":"yes"}`, `{"reason":"\u0000"}`, `{}`, `[]`, `null`, ``, `{"a":`, "\xff",
	} {
		f.Add([]byte(seed))
	}
	e := newEnvTB(f)
	e.lenient = true
	chair := e.chairA()
	plan := e.mkPlan(chair, planIn(1, nil))
	task := e.mkTask(chair, plan.ID, taskIn(e.A.Hamlet1.ID, nil))
	team := user(e.A, models.RoleTeamMember)
	var x plans.Extension
	e.do(team, "POST", "/api/v1/tasks/"+itoa(task.ID)+"/extensions",
		map[string]any{"due_on": "2025-03-31", "reason": "Hạt giống"}).expect(http.StatusCreated).decode(&x)
	f.Fuzz(func(t *testing.T, body []byte) {
		for _, c := range []struct{ user, path string }{
			{team, "/api/v1/tasks/" + itoa(task.ID) + "/extensions"},
			{chair, "/api/v1/extensions/" + itoa(x.ID) + "/decision"},
		} {
			r := e.with(t).do(c.user, "POST", c.path, body)
			switch r.Code {
			case http.StatusOK, http.StatusCreated, http.StatusBadRequest, http.StatusConflict,
				http.StatusRequestEntityTooLarge:
			default:
				t.Fatalf("%s %q: unexpected %d %s", c.path, body, r.Code, r.Body)
			}
		}
	})
}
