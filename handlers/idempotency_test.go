package handlers_test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tiendo/tiendo/jobs"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/plans"
)

// progressCount is how many progress reports the task has.
func (e *env) progressCount(taskID int64) int {
	e.t.Helper()
	var page models.Page[plans.Progress]
	e.do(e.chairA(), "GET", "/api/v1/tasks/"+itoa(taskID)+"/progress", nil).expect(http.StatusOK).decode(&page)
	return len(page.Items)
}

func TestIdempotencyKeyReplaysTheFirstAnswer(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	chair, team := e.chairA(), user(e.A, models.RoleTeamMember)
	plan := e.mkPlan(chair, planIn(1, nil))
	task := e.mkTask(chair, plan.ID, taskIn(e.A.Hamlet1.ID, nil))
	path := "/api/v1/tasks/" + itoa(task.ID) + "/progress"
	body := map[string]any{"percent": 40, "note": "Đã hướng dẫn 20 hộ"}

	first := e.do(team, "POST", path, body, "Idempotency-Key", "bao-cao-2024-10-01-a").expect(http.StatusCreated)
	if first.Header().Get("Idempotent-Replayed") != "" {
		t.Fatal("the first answer claims to be a replay")
	}
	e.Clock.Set(e.Clock.Now().Add(time.Hour))
	again := e.do(team, "POST", path, body, "Idempotency-Key", "bao-cao-2024-10-01-a").expect(http.StatusCreated)
	if again.Header().Get("Idempotent-Replayed") != "true" || again.Body.String() != first.Body.String() ||
		again.Header().Get("ETag") != first.Header().Get("ETag") {
		t.Fatalf("replay differs: %q %s\nfirst %s", again.Header().Get("Idempotent-Replayed"), again.Body, first.Body)
	}
	// The structured-field form of the same key is the same key.
	e.do(team, "POST", path, body, "Idempotency-Key", `"bao-cao-2024-10-01-a"`).expect(http.StatusCreated)
	if n := e.progressCount(task.ID); n != 1 {
		t.Fatalf("%d reports after a replay, want 1", n)
	}
	// Another body, or another route, with the same key: refused, nothing written.
	e.do(team, "POST", path, map[string]any{"percent": 50}, "Idempotency-Key", "bao-cao-2024-10-01-a").
		expectProblem(http.StatusUnprocessableEntity, "idempotency_key_reused")
	e.do(team, "POST", "/api/v1/tasks/"+itoa(task.ID)+"/comments", map[string]any{"body": "x"},
		"Idempotency-Key", "bao-cao-2024-10-01-a").expectProblem(http.StatusUnprocessableEntity, "idempotency_key_reused")
	// Keys belong to an account: the chairman's same key is a new request.
	e.do(chair, "POST", path, body, "Idempotency-Key", "bao-cao-2024-10-01-a").expect(http.StatusCreated)
	if n := e.progressCount(task.ID); n != 2 {
		t.Fatalf("%d reports, want 2 (one per account)", n)
	}
	// A request refused before writing gives its key back for the corrected one.
	e.do(team, "POST", path, map[string]any{"percent": 140}, "Idempotency-Key", "k2").invalid("percent")
	e.do(team, "POST", path, map[string]any{"percent": 60}, "Idempotency-Key", "k2").expect(http.StatusCreated)
	if n := e.progressCount(task.ID); n != 3 {
		t.Fatalf("%d reports, want 3", n)
	}
	// After 24 hours the purge job forgets the key, and it may be used again.
	e.Clock.Set(e.Clock.Now().Add(25 * time.Hour))
	job := jobs.PurgeKeys{Store: e.JobsStore(t)}
	if detail, err := job.Run(context.Background(), e.Clock.Now()); err != nil || !strings.HasPrefix(detail, "3 ") {
		t.Fatalf("purge: %q %v, want 3 keys purged", detail, err)
	}
	e.do(team, "POST", path, body, "Idempotency-Key", "bao-cao-2024-10-01-a").expect(http.StatusCreated)
	if n := e.progressCount(task.ID); n != 4 {
		t.Fatalf("%d reports after the key expired, want 4", n)
	}
}

func TestIdempotencyKeyMalformed(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	chair := e.chairA()
	before := e.planCount()
	for _, key := range []string{"", "   ", strings.Repeat("k", 256), "khóa-có-dấu", "a\tb", `"unterminated`, `"a"b"`} {
		e.do(chair, "POST", "/api/v1/plans", planIn(1, nil), "Idempotency-Key", key).invalid("Idempotency-Key")
	}
	if e.planCount() != before {
		t.Fatal("a refused key created a plan")
	}
	e.do(chair, "POST", "/api/v1/plans", planIn(1, nil), "Idempotency-Key", strings.Repeat("k", 255)).
		expect(http.StatusCreated)
}

// Ten clients retry one report at once with one key: one report is
// recorded; every other answer is the replay (or, past the wait, a 409).
func TestIdempotencyKeyConcurrent(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	chair, team := e.chairA(), user(e.A, models.RoleTeamMember)
	plan := e.mkPlan(chair, planIn(1, nil))
	task := e.mkTask(chair, plan.ID, taskIn(e.A.Hamlet1.ID, nil))
	tok := e.token(team)
	body := []byte(`{"percent":70,"note":"Gửi lại khi mạng chập chờn"}`)
	var wg sync.WaitGroup
	recs := make([]*httptest.ResponseRecorder, 10)
	for i := range recs {
		wg.Go(func() {
			req := httptest.NewRequest("POST", "/api/v1/tasks/"+itoa(task.ID)+"/progress", bytes.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", "Bearer "+tok)
			req.Header.Set("Idempotency-Key", "0b4d8f0e-3c1a-4f5e-9d2b-7a6c5e4f3d2c")
			recs[i] = httptest.NewRecorder()
			e.handler.ServeHTTP(recs[i], req)
		})
	}
	wg.Wait()
	var created, replayed, inFlight int
	var firstBody string
	for _, r := range recs {
		switch {
		case r.Code == http.StatusCreated && r.Header().Get("Idempotent-Replayed") == "true":
			replayed++
			if firstBody != "" && r.Body.String() != firstBody {
				t.Errorf("replays differ: %s vs %s", r.Body, firstBody)
			}
			firstBody = r.Body.String()
		case r.Code == http.StatusCreated:
			created++
		case r.Code == http.StatusConflict && strings.Contains(r.Body.String(), "idempotency_key_in_flight"):
			inFlight++
		default:
			t.Errorf("answer %d %s", r.Code, r.Body)
		}
	}
	if created != 1 || created+replayed+inFlight != 10 {
		t.Fatalf("created %d, replayed %d, in flight %d; want exactly one created", created, replayed, inFlight)
	}
	if n := e.progressCount(task.ID); n != 1 {
		t.Fatalf("%d reports, want 1", n)
	}
}
