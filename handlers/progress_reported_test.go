package handlers_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/plans"
)

// Reports made without a signal and sent later (issue 16): the device's
// time (reported_at) beside the server's, its bounds, and the answers to a
// report for a task that changed meanwhile.

// queuedReport is a multipart progress report as the app's queue sends it.
func queuedReport(fields map[string]string, photo []byte) (body []byte, contentType string) {
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for k, v := range fields {
		_ = mw.WriteField(k, v)
	}
	if photo != nil {
		fw, _ := mw.CreateFormFile("files", "anh-bai-boi.png")
		_, _ = fw.Write(photo)
	}
	_ = mw.Close()
	return b.Bytes(), mw.FormDataContentType()
}

// sendQueued posts a queued report as user with its own Idempotency-Key.
func (e *env) sendQueued(user string, taskID int64, key string, fields map[string]string, photo []byte) response {
	e.t.Helper()
	body, ct := queuedReport(fields, photo)
	return e.do(user, "POST", "/api/v1/tasks/"+itoa(taskID)+"/progress", body, "Content-Type", ct, "Idempotency-Key", key)
}

// teamTask is a task of hamlet 1, reported on by its digital team.
func (e *env) teamTask(plan int64, due string) plans.Task {
	e.t.Helper()
	return e.mkTask(e.chairA(), plan, taskIn(e.A.Hamlet1.ID, map[string]any{"due_on": due}))
}

func (e *env) progressRows(taskID int64) []plans.Progress {
	e.t.Helper()
	var out struct{ Items []plans.Progress }
	e.do(e.chairA(), "GET", "/api/v1/tasks/"+itoa(taskID)+"/progress", nil).expect(http.StatusOK).decode(&out)
	return out.Items
}

// TestReportedAtMakesAReportOnTime: the team reported 100 % on the
// deadline's afternoon with no signal and the phone sent it five days
// later: the task is done on time, completed at the device's time, and the
// history has both times. The same report sent without reported_at is late.
func TestReportedAtMakesAReportOnTime(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	team := user(e.A, models.RoleTeamMember)
	plan := e.mkPlan(e.chairA(), planIn(31, nil)).ID
	onTime, late := e.teamTask(plan, "2024-09-25"), e.teamTask(plan, "2024-09-25")
	made := "2024-09-25T15:10:00+07:00"
	var res plans.ProgressResult
	e.sendQueued(team, onTime.ID, "bao-cao-1", map[string]string{"percent": "100", "note": "Đã xong ở bãi bồi",
		"reported_at": made}, testPNG(t)).expect(http.StatusCreated).decode(&res)
	want, _ := time.Parse(time.RFC3339, made)
	if res.Progress.ReportedAt == nil || !res.Progress.ReportedAt.Equal(want) || !res.Progress.CreatedAt.Equal(testfix.Now) {
		t.Fatalf("reported_at %v, created_at %v", res.Progress.ReportedAt, res.Progress.CreatedAt)
	}
	if res.Task.Status != "done_on_time" || !res.Task.CompletedAt.Equal(want) {
		t.Fatalf("task %s completed %v, want done_on_time at the device's time", res.Task.Status, res.Task.CompletedAt)
	}
	e.do(team, "POST", "/api/v1/tasks/"+itoa(late.ID)+"/progress", map[string]any{"percent": 100}).
		expect(http.StatusCreated).decode(&res)
	if res.Task.Status != "done_late" || res.Progress.ReportedAt != nil {
		t.Fatalf("a report sent as made: %s, reported_at %v", res.Task.Status, res.Progress.ReportedAt)
	}
	var history struct{ Items []plans.HistoryEntry }
	e.do(team, "GET", "/api/v1/tasks/"+itoa(onTime.ID)+"/history", nil).expect(http.StatusOK).decode(&history)
	if len(history.Items) != 1 || history.Items[0].ReportedAt == nil || !history.Items[0].ReportedAt.Equal(want) ||
		!history.Items[0].CreatedAt.Equal(testfix.Now) {
		t.Fatalf("history %+v", history.Items)
	}
}

// TestReportedAtBounds: a device time in the future (beyond 5 minutes of
// clock skew), more than 7 days back, before the task's start or unreadable
// is a 400 naming reported_at and records nothing; 2 minutes ahead is taken
// as the server's time. The JSON body takes the field too.
func TestReportedAtBounds(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	team := user(e.A, models.RoleTeamMember)
	task := e.teamTask(e.mkPlan(e.chairA(), planIn(31, nil)).ID, "2024-12-31")
	now := testfix.Now
	for i, at := range []string{
		now.Add(10 * time.Minute).Format(time.RFC3339), // the phone's clock is wrong
		now.Add(-8 * 24 * time.Hour).Format(time.RFC3339),
		"2024-08-31T23:30:00+07:00", // the evening before the task starts, in Vietnam
		"hôm qua", "2024-09-29 10:00", "30/09/2024", "9999-01-01T00:00:00Z",
	} {
		p := e.sendQueued(team, task.ID, "bien-"+itoa(int64(i)), map[string]string{"percent": "40", "reported_at": at}, nil).invalid("reported_at")
		if p.Errors[0].Message == "" || len(e.progressRows(task.ID)) != 0 {
			t.Fatalf("%s: recorded anyway", at)
		}
	}
	e.do(team, "POST", "/api/v1/tasks/"+itoa(task.ID)+"/progress", map[string]any{"percent": 40, "reported_at": "hôm qua"}).
		invalid("reported_at")

	var res plans.ProgressResult
	e.sendQueued(team, task.ID, "lech-2-phut", map[string]string{"percent": "40",
		"reported_at": now.Add(2 * time.Minute).Format(time.RFC3339)}, nil).expect(http.StatusCreated).decode(&res)
	if !res.Progress.ReportedAt.Equal(now) {
		t.Fatalf("2 minutes of skew: reported_at %v, want the server's %v", res.Progress.ReportedAt, now)
	}
	e.do(team, "POST", "/api/v1/tasks/"+itoa(task.ID)+"/progress",
		map[string]any{"percent": 45, "reported_at": "2024-09-23T09:00:00+07:00"}).expect(http.StatusCreated).decode(&res)
	if res.Progress.ReportedAt == nil || res.Progress.ReportedAt.Format(time.RFC3339) != "2024-09-23T02:00:00Z" {
		t.Fatalf("JSON reported_at %v", res.Progress.ReportedAt)
	}
	if n := len(e.progressRows(task.ID)); n != 2 {
		t.Fatalf("%d reports, want 2", n)
	}
}

// TestQueuedReportConflicts: a report made without a signal for a task that
// was cancelled, given to another unit or reported complete meanwhile is
// answered with a problem the app shows beside the queued report, and
// records nothing; a report made after the completion is a correction.
func TestQueuedReportConflicts(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	team, chair := user(e.A, models.RoleTeamMember), e.chairA()
	made := testfix.Now.Add(-3 * time.Hour).Format(time.RFC3339)
	fields := map[string]string{"percent": "60", "note": "Đã làm ở ấp", "reported_at": made}
	plan := e.mkPlan(chair, planIn(31, nil)).ID

	cancelled := e.teamTask(plan, "2024-12-31")
	e.do(chair, "PATCH", "/api/v1/tasks/"+itoa(cancelled.ID), map[string]any{"cancelled": true}).expect(http.StatusOK)
	p := e.sendQueued(team, cancelled.ID, "huy-1", fields, nil).expectProblem(http.StatusConflict, "conflict")
	if !strings.Contains(p.Detail, "đã hủy") || p.Errors[0].Field != "task" {
		t.Fatalf("cancelled: %+v", p)
	}

	moved := e.teamTask(plan, "2024-12-31")
	e.do(chair, "PATCH", "/api/v1/tasks/"+itoa(moved.ID), map[string]any{"lead_unit_id": e.A.Office.ID}).expect(http.StatusOK)
	e.sendQueued(team, moved.ID, "giao-lai-1", fields, nil).expectProblem(http.StatusForbidden, "forbidden")

	done := e.teamTask(plan, "2024-12-31")
	e.do(chair, "POST", "/api/v1/tasks/"+itoa(done.ID)+"/progress", map[string]any{"percent": 100}).expect(http.StatusCreated)
	p = e.sendQueued(team, done.ID, "xong-1", fields, nil).expectProblem(http.StatusConflict, "conflict")
	if !strings.Contains(p.Detail, "hoàn thành") {
		t.Fatalf("completed meanwhile: %+v", p)
	}
	for _, id := range []int64{cancelled.ID, moved.ID} {
		if n := len(e.progressRows(id)); n != 0 {
			t.Fatalf("task %d: %d reports recorded", id, n)
		}
	}
	if n := len(e.progressRows(done.ID)); n != 1 {
		t.Fatalf("completed task: %d reports, want the chairman's only", n)
	}
	// The refusal gave the key back; a report made after the completion is
	// a correction and is recorded.
	e.Clock.Set(testfix.Now.Add(time.Hour))
	later := map[string]string{"percent": "90", "reported_at": testfix.Now.Add(30 * time.Minute).Format(time.RFC3339)}
	e.sendQueued(team, done.ID, "xong-2", later, nil).expect(http.StatusCreated)
}

// TestQueuedReportFields: the multipart body reads as the JSON one — a
// plain decimal actual value (the app writes "1.250" typed on the phone as
// 1250), a whole percent — and names each field it cannot read.
func TestQueuedReportFields(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	team := user(e.A, models.RoleTeamMember)
	task := e.teamTask(e.mkPlan(e.chairA(), planIn(31, nil)).ID, "2024-12-31")
	e.sendQueued(team, task.ID, "hong-1", map[string]string{"percent": "sáu mươi", "actual_value": "1.250,5"}, nil).
		invalid("actual_value")
	e.sendQueued(team, task.ID, "hong-2", map[string]string{"percent": "60%"}, nil).invalid("percent")
	e.sendQueued(team, task.ID, "hong-3", map[string]string{"actual_value": "12"}, nil).invalid("percent")
	if n := len(e.progressRows(task.ID)); n != 0 {
		t.Fatalf("%d reports from unreadable bodies", n)
	}
	var res plans.ProgressResult
	e.sendQueued(team, task.ID, "dung-1", map[string]string{"percent": "60", "actual_value": "1250.5", "note": "Ấp 1"}, testPNG(t)).
		expect(http.StatusCreated).decode(&res)
	if res.Task.Percent != 60 || res.Task.ActualValue == nil || *res.Task.ActualValue != 1250.5 || res.Progress.Note != "Ấp 1" {
		t.Fatalf("recorded %+v", res)
	}
}

// TestQueuedReportNamesEveryFieldAtOnce: a percent out of range and a
// device time from the future are named in one answer.
func TestQueuedReportNamesEveryFieldAtOnce(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	task := e.teamTask(e.mkPlan(e.chairA(), planIn(31, nil)).ID, "2024-12-31")
	r := e.sendQueued(user(e.A, models.RoleTeamMember), task.ID, "ca-hai", map[string]string{"percent": "160",
		"reported_at": testfix.Now.Add(time.Hour).Format(time.RFC3339)}, nil)
	r.invalid("percent")
	r.invalid("reported_at")
}
