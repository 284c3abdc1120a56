package handlers_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/tiendo/tiendo/jobs"
	"github.com/tiendo/tiendo/jobs/notify"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/accounts"
	"github.com/tiendo/tiendo/models/deadlines"
	"github.com/tiendo/tiendo/models/plans"
)

// testPNG is a small real photo stand-in: a 40×30 PNG.
func testPNG(t testing.TB) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 40, 30))
	for x := range 40 {
		for y := range 30 {
			img.Set(x, y, color.RGBA{R: uint8(x * 6), G: 120, B: uint8(y * 8), A: 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// reportWithFile reports 50 % with a photo as user and returns the file's
// Id, read back as reader (someone of the same commune).
func (e *pageEnv) reportWithFile(t *testing.T, user string, taskID int64, reader *models.Actor) int64 {
	t.Helper()
	rec := e.postFiles(user, "/nhiem-vu/"+itoa(taskID)+"/bao-cao", map[string]string{"percent": "50"},
		map[string][]byte{"anh.png": testPNG(t)})
	wantStatus(t, rec, http.StatusSeeOther)
	files, err := e.Store.ListAttachments(context.Background(), reader, taskID)
	if err != nil || len(files) == 0 {
		t.Fatalf("no file stored: %v", err)
	}
	return files[len(files)-1].ID
}

func TestReportWithPhotoCompletesTask(t *testing.T) {
	t.Parallel()
	e := newPageEnv(t)
	photo := testPNG(t)
	path := "/nhiem-vu/" + itoa(e.mine.ID) + "/bao-cao"
	wantBody(t, e.get(e.team, path), `name="percent"`, `value="0"`, `enctype="multipart/form-data"`, `data-set-percent="100"`)
	rec := e.postFiles(e.team, path, map[string]string{"percent": "100", "actual_value": "1.250", "note": "Đã xong ở ấp 1"},
		map[string][]byte{"họp dân.png": photo})
	wantStatus(t, rec, http.StatusSeeOther)
	if loc := rec.Header().Get("Location"); loc != "/nhiem-vu/"+itoa(e.mine.ID)+"?flash=reported" {
		t.Fatalf("location %q", loc)
	}
	task, _ := e.Store.GetTask(context.Background(), e.chairA, e.mine.ID)
	if task.Status != "done_on_time" || task.ActualValue == nil || *task.ActualValue != 1250 {
		t.Fatalf("task after report: %+v", task)
	}
	sum := sha256.Sum256(photo)
	page := e.get(e.team, "/nhiem-vu/"+itoa(e.mine.ID)+"?flash=reported")
	wantBody(t, page, "Đã ghi nhận báo cáo tiến độ.", "Hoàn thành đúng hạn", "Đã xong ở ấp 1", "họp dân.png",
		hex.EncodeToString(sum[:]), `<img src="/api/v1/attachments/`)
	// The file comes back byte for byte, typed from its content.
	files, _ := e.Store.ListAttachments(context.Background(), e.chairA, e.mine.ID)
	got := e.get(e.user(models.RoleSteeringMember), "/tep/"+itoa(files[0].ID))
	wantStatus(t, got, http.StatusOK)
	if got.Header().Get("Content-Type") != "image/png" || !bytes.Equal(got.Body.Bytes(), photo) {
		t.Fatalf("file: %q, %d bytes", got.Header().Get("Content-Type"), got.Body.Len())
	}
	// The chairman's overview counts it.
	wantBody(t, e.get(e.user(models.RoleChairman), "/tong-quan"), `id="kpi-done">1<`)
}

func TestReportErrorsKeepWhatWasTyped(t *testing.T) {
	t.Parallel()
	e := newPageEnv(t)
	path := "/nhiem-vu/" + itoa(e.mine.ID) + "/bao-cao"
	rec := e.postFiles(e.team, path, map[string]string{"percent": "120", "note": "Ghi chú của tôi"},
		map[string][]byte{"bao-cao.docx": []byte("PK\x03\x04 not a picture")})
	wantStatus(t, rec, http.StatusUnprocessableEntity)
	wantBody(t, rec, `id="f-percent-error"`, "Tỷ lệ hoàn thành phải từ 0 đến 100", `value="120"`,
		"Ghi chú của tôi", `id="f-files-error"`, "không phải ảnh", "Vui lòng chọn lại tệp minh chứng")
	if h, _ := e.Store.ListProgress(context.Background(), e.chairA, e.mine.ID); len(h) != 0 {
		t.Fatal("a refused report was recorded")
	}
	// Someone whose unit is not on the task may not report on it.
	wantStatus(t, e.postFiles(e.user(models.RoleOfficer), path, map[string]string{"percent": "10"}, nil), http.StatusForbidden)
}

func TestPlanFormKeepsValuesAndShowsErrors(t *testing.T) {
	t.Parallel()
	e := newPageEnv(t)
	chair := e.user(models.RoleChairman)
	rec := e.post(chair, "/ke-hoach", url.Values{"doc_number": {"KH so 5"}, "issued_on": {"2024-10-01"},
		"title": {"Tuyên truyền Ngày không viết"}, "kind": {""}, "status": {"active"},
		"references[0].doc_number": {"766/QĐ-TTg"}, "references[0].issued_on": {"23/6/2022"}})
	wantStatus(t, rec, http.StatusUnprocessableEntity)
	wantBody(t, rec, `id="f-doc-number-error"`, `id="f-kind-error"`, "Cần chọn loại kế hoạch",
		`value="Tuyên truyền Ngày không viết"`, `value="KH so 5"`, `value="766/QĐ-TTg"`, `href="#f-doc-number"`)
	// A number already used that year names the plan and offers to record it anyway.
	dup := url.Values{"doc_number": {"06/KH-UBND"}, "issued_on": {"2024-10-01"}, "title": {"Kế hoạch trùng số"},
		"kind": {"propaganda"}, "status": {"active"}}
	rec = e.post(chair, "/ke-hoach", dup)
	wantStatus(t, rec, http.StatusUnprocessableEntity)
	wantBody(t, rec, "đã được dùng cho kế hoạch “Chuyển đổi số năm 2024”", `name="confirm_duplicate"`)
	dup.Set("confirm_duplicate", "1")
	wantStatus(t, e.post(chair, "/ke-hoach", dup), http.StatusSeeOther)
	// Only managers may create plans.
	wantStatus(t, e.post(e.team, "/ke-hoach", dup), http.StatusForbidden)
}

func TestCreateTaskAssignsToHamlet(t *testing.T) {
	t.Parallel()
	e := newPageEnv(t)
	chair := e.user(models.RoleChairman)
	path := "/ke-hoach/" + itoa(e.plan.ID) + "/nhiem-vu"
	wantBody(t, e.get(chair, path+"/moi"), `name="lead_unit_id"`, "Tổ công nghệ số ấp 1", `name="assignee_ids"`)
	bad := e.post(chair, path, url.Values{"title": {"Rà soát hộ chưa có VNeID"}, "due_on": {"2024-08-01"},
		"start_on": {"2024-09-01"}, "lead_unit_id": {itoa(e.A.Hamlet1.ID)}, "supporting_unit_ids": {itoa(e.A.Hamlet1.ID)}})
	wantStatus(t, bad, http.StatusUnprocessableEntity)
	wantBody(t, bad, `id="f-due-on-error"`, `id="f-supporting-unit-ids-error"`, `value="Rà soát hộ chưa có VNeID"`)
	rec := e.post(chair, path, url.Values{"title": {"Rà soát hộ chưa có VNeID"}, "due_on": {"2024-11-30"},
		"lead_unit_id": {itoa(e.A.Hamlet1.ID)}, "supporting_unit_ids": {itoa(e.A.Hamlet2.ID)},
		"assignee_ids": {itoa(e.A.Users[models.RoleTeamMember].ID)}, "target_value": {"1.200"}, "target_unit": {"hộ"}})
	wantStatus(t, rec, http.StatusSeeOther)
	wantBody(t, e.get(e.team, "/viec-cua-toi"), "Rà soát hộ chưa có VNeID")
	// The hamlet-2 team does not lead it but supports it: it is theirs too.
	page, _ := e.Store.ListTasks(context.Background(), e.chairA, plans.TaskFilter{UnitID: e.A.Hamlet2.ID})
	if len(page.Items) != 1 || page.Items[0].TargetValue == nil || *page.Items[0].TargetValue != 1200 {
		t.Fatalf("hamlet 2 tasks %+v", page.Items)
	}
}

func TestEditPlanAndTask(t *testing.T) {
	t.Parallel()
	e := newPageEnv(t)
	chair := e.user(models.RoleChairman)
	form := e.get(chair, "/ke-hoach/"+itoa(e.plan.ID)+"/sua")
	wantBody(t, form, `value="06/KH-UBND"`, `name="version" value="1"`)
	rec := e.post(chair, "/ke-hoach/"+itoa(e.plan.ID), url.Values{"doc_number": {"06/KH-UBND"}, "issued_on": {"2024-01-31"},
		"title": {"Chuyển đổi số năm 2024 (sửa đổi)"}, "kind": {"digital_transformation"}, "status": {"active"}, "version": {"1"}})
	wantStatus(t, rec, http.StatusSeeOther)
	// A second save from the same (now stale) form is refused, not applied.
	stale := e.post(chair, "/ke-hoach/"+itoa(e.plan.ID), url.Values{"doc_number": {"06/KH-UBND"}, "issued_on": {"2024-01-31"},
		"title": {"Ghi đè"}, "kind": {"digital_transformation"}, "status": {"active"}, "version": {"1"}})
	wantStatus(t, stale, http.StatusUnprocessableEntity)
	wantBody(t, stale, "đã được người khác thay đổi")
	// The officer edits the office task's content but cannot reassign it.
	officer := e.user(models.RoleOfficer)
	tf := e.get(officer, "/nhiem-vu/"+itoa(e.office.ID)+"/sua")
	wantBody(t, tf, `name="lead_unit_id" required disabled`)
	rec = e.post(officer, "/nhiem-vu/"+itoa(e.office.ID), url.Values{"title": {"Báo cáo quý III/2024"},
		"due_on": {"2024-10-05"}, "start_on": {"2024-09-01"}, "version": {"1"}})
	wantStatus(t, rec, http.StatusSeeOther)
	task, _ := e.Store.GetTask(context.Background(), e.chairA, e.office.ID)
	if task.Title != "Báo cáo quý III/2024" || task.LeadUnitID != e.A.Office.ID || task.Status != "in_progress" && task.Status != "not_started" {
		t.Fatalf("edited task %+v", task)
	}
}

func TestClonePlanPage(t *testing.T) {
	t.Parallel()
	e := newPageEnv(t)
	chair := e.user(models.RoleChairman)
	path := "/ke-hoach/" + itoa(e.plan.ID) + "/nhan-ban"
	wantBody(t, e.get(chair, path), `value="Chuyển đổi số năm 2025"`, `value="31/01/2025"`)
	rec := e.post(chair, path, url.Values{"doc_number": {"02/KH-UBND"}, "issued_on": {"2025-01-15"},
		"title": {"Chuyển đổi số năm 2025"}})
	wantStatus(t, rec, http.StatusSeeOther)
	page := e.get(chair, rec.Header().Get("Location"))
	wantBody(t, page, "Đã nhân bản kế hoạch", "Dự thảo", "15/10/2025", "20/09/2025")
}

func TestCommentAndEvaluateFromTaskPage(t *testing.T) {
	t.Parallel()
	e := newPageEnv(t)
	path := "/nhiem-vu/" + itoa(e.mine.ID)
	empty := e.post(e.team, path+"/y-kien", url.Values{"body": {"  "}})
	wantStatus(t, empty, http.StatusUnprocessableEntity)
	wantBody(t, empty, `id="f-body-error"`)
	wantStatus(t, e.post(e.team, path+"/y-kien", url.Values{"body": {"Đã liên hệ trưởng ấp"}}), http.StatusSeeOther)
	e.reportWithFile(t, e.team, e.mine.ID, e.chairA)
	wantStatus(t, e.postFiles(e.team, path+"/bao-cao", map[string]string{"percent": "100"}, nil), http.StatusSeeOther)
	chair := e.user(models.RoleChairman)
	wantBody(t, e.get(chair, path), `action="`+path+`/danh-gia"`, "Nhật ký thay đổi")
	noReason := e.post(chair, path+"/danh-gia", url.Values{"decision": {"return"}})
	wantStatus(t, noReason, http.StatusUnprocessableEntity)
	wantBody(t, noReason, `id="f-reason-error"`, `value="return" checked`)
	wantStatus(t, e.post(chair, path+"/danh-gia", url.Values{"decision": {"accept"}}), http.StatusSeeOther)
	wantBody(t, e.get(e.team, path), "Đã liên hệ trưởng ấp", "Nghiệm thu")
	// The team member may not evaluate.
	wantStatus(t, e.post(e.team, path+"/danh-gia", url.Values{"decision": {"accept"}}), http.StatusForbidden)
}

func TestChangePasswordPage(t *testing.T) {
	t.Parallel()
	e := newPageEnv(t)
	mismatch := e.post(e.team, "/doi-mat-khau", url.Values{"current_password": {"mat-khau-thu-nghiem"},
		"new_password": {"mat-khau-moi-2024"}, "new_password_confirm": {"khac"}})
	wantStatus(t, mismatch, http.StatusUnprocessableEntity)
	wantBody(t, mismatch, `id="f-new-password-confirm-error"`)
	wrong := e.post(e.team, "/doi-mat-khau", url.Values{"current_password": {"sai-roi-1234"},
		"new_password": {"mat-khau-moi-2024"}, "new_password_confirm": {"mat-khau-moi-2024"}})
	wantBody(t, wrong, `id="f-current-password-error"`, "Mật khẩu hiện tại không đúng")
	ok := e.post(e.team, "/doi-mat-khau", url.Values{"current_password": {"mat-khau-thu-nghiem"},
		"new_password": {"mat-khau-moi-2024"}, "new_password_confirm": {"mat-khau-moi-2024"}})
	wantStatus(t, ok, http.StatusSeeOther)
	if !strings.Contains(ok.Header().Get("Set-Cookie"), "tiendo_session=") {
		t.Fatal("no fresh session after the change")
	}
}

func TestInboxMarksReadAndOpensTask(t *testing.T) {
	t.Parallel()
	e := newPageEnv(t)
	ctx := context.Background()
	// The reminder job and the inbox channel, as the scheduler runs them:
	// the officer is named on a task due today.
	officer, _ := e.officerTaskDueToday(t)
	e.runJob(t, jobs.Reminders{Store: e.JobsStore(t)})
	e.runJob(t, e.inboxDispatch(t))
	page := e.get(officer.Username, "/thong-bao")
	wantStatus(t, page, http.StatusOK)
	wantBody(t, page, `id="unread">`, "Chưa đọc", `action="/thong-bao/`)
	in, err := e.Store.ListNotifications(ctx, e.Actor(t, e.A, models.RoleOfficer), deadlines.NotificationFilter{})
	if err != nil || len(in.Items) == 0 {
		t.Fatalf("no notification: %v", err)
	}
	n := in.Items[0]
	rec := e.post(officer.Username, "/thong-bao/"+itoa(n.ID)+"/da-doc", nil)
	wantStatus(t, rec, http.StatusSeeOther)
	if n.TaskID != nil && rec.Header().Get("Location") != "/nhiem-vu/"+itoa(*n.TaskID) {
		t.Fatalf("location %q", rec.Header().Get("Location"))
	}
	// Another person's notification is not found.
	wantStatus(t, e.post(e.team, "/thong-bao/"+itoa(n.ID)+"/da-doc", nil), http.StatusNotFound)
}

// TestTaskFormReportCadence: the chairman asks for a monthly report through
// the task form; a grace that is not a number is shown next to its field,
// with the choice kept, and changes nothing.
func TestTaskFormReportCadence(t *testing.T) {
	t.Parallel()
	e := newPageEnv(t)
	chair := e.user(models.RoleChairman)
	path := "/nhiem-vu/" + itoa(e.mine.ID)
	fields := url.Values{"title": {e.mine.Title}, "lead_unit_id": {itoa(e.mine.LeadUnitID)}, "due_on": {"2024-10-15"},
		"start_on": {e.mine.StartOn.String()}, "version": {"1"}, "report_every": {"month"}, "report_grace_days": {"năm"}}
	bad := e.post(chair, path, fields)
	wantStatus(t, bad, http.StatusUnprocessableEntity)
	wantBody(t, bad, `id="f-report-grace-days-error"`, `<option value="month" selected>`)
	if task, _ := e.Store.GetTask(context.Background(), e.chairA, e.mine.ID); task.ReportEvery != nil || task.Version != 1 {
		t.Fatalf("a refused form changed the task: %+v", task)
	}
	fields.Set("report_grace_days", "5")
	wantStatus(t, e.post(chair, path, fields), http.StatusSeeOther)
	task, _ := e.Store.GetTask(context.Background(), e.chairA, e.mine.ID)
	if task.ReportEvery == nil || *task.ReportEvery != "month" || task.ReportGraceDays != 5 {
		t.Fatalf("saved: %+v", task)
	}
	wantBody(t, e.get(chair, path+"/sua"), `<option value="month" selected>`, `name="report_grace_days"`, `value="5"`)
	wantBody(t, e.get(chair, path), "Hằng tháng, chậm nhất 5 ngày làm việc sau mỗi kỳ")
}

// officerTaskDueToday gives the commune's officer a task due today (the
// fixtures' 30 September), so the reminder job has something to say.
func (e *pageEnv) officerTaskDueToday(t *testing.T) (*accounts.User, *plans.Task) {
	t.Helper()
	officer := e.A.Users[models.RoleOfficer]
	task := e.newTask(e.chairA, e.plan.ID, "Nộp báo cáo tháng 9", e.A.Office.ID, "2024-09-30")
	if _, err := e.Store.UpdateTask(context.Background(), e.chairA, task.ID, 0, plans.TaskPatch{
		AssigneeIDs: models.Some([]int64{officer.ID})}); err != nil {
		t.Fatal(err)
	}
	return officer, task
}

// inboxDispatch is the dispatcher as a replica runs it, with the inbox only.
func (e *pageEnv) inboxDispatch(t *testing.T) jobs.Dispatch {
	store := e.JobsStore(t)
	return jobs.Dispatch{Store: store, Owner: "test",
		Channels: map[string]notify.Channel{"inbox": notify.Inbox{Store: store, Owner: "test"}}}
}

// runJob runs a scheduled job once at the environment's clock.
func (e *pageEnv) runJob(t *testing.T, j jobs.Job) {
	t.Helper()
	if _, err := j.Run(context.Background(), e.Clock.Now()); err != nil {
		t.Fatal(err)
	}
}
