package handlers_test

import (
	"net/http"
	"testing"
)

// TestReportLowerCheckedWithTheTaskLocked: the progress form's post reads the
// task once, in its store call, which refuses a lowered percent unless it is
// confirmed; a form with typing mistakes still names the lowered percent
// with them, and the JSON API takes a lower figure as it comes.
func TestReportLowerCheckedWithTheTaskLocked(t *testing.T) {
	t.Parallel()
	e := newPageEnv(t)
	path := "/nhiem-vu/" + itoa(e.mine.ID) + "/bao-cao"
	wantStatus(t, e.postFiles(e.team, path, map[string]string{"percent": "60"}, nil), http.StatusSeeOther)

	both := e.postFiles(e.team, path, map[string]string{"percent": "30", "actual_value": "-3"}, nil)
	wantStatus(t, both, http.StatusUnprocessableEntity)
	wantBody(t, both, "thấp hơn lần báo cáo trước (60%); nếu đúng là vậy", `id="f-actual-value-error"`,
		`name="confirm_lower"`)
	if n := e.reportCount(t, e.mine.ID); n != 1 {
		t.Fatalf("%d reports, want 1", n)
	}

	wantStatus(t, e.api(e.team, "POST", "/api/v1/tasks/"+itoa(e.mine.ID)+"/progress", map[string]any{"percent": 20}),
		http.StatusCreated)
	if n := e.reportCount(t, e.mine.ID); n != 2 {
		t.Fatalf("%d reports after the API's lower report, want 2", n)
	}
}
