package handlers_test

import (
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/models"
)

// Phone and desktop viewports.
const (
	phoneW, phoneH     = 390, 844
	desktopW, desktopH = 1280, 800
)

// TestBrowser runs the daily jobs in Chromium, in order, on one world: a
// hamlet team member reports from a phone, the chairman sees it counted,
// returns it with a new deadline and approves the team's request for more time,
// plans and assigns new work that reaches the team, and a form error is
// shown beside its field with the typed values kept.
func TestBrowser(t *testing.T) {
	e := newPageEnv(t)
	srv := httptest.NewServer(e.h)
	t.Cleanup(srv.Close)
	b := newBrowser(t, srv.URL)
	t.Run("team member reports 100% with a photo from a phone", func(t *testing.T) { browserReport(t, e, b) })
	t.Run("chairman returns with a new deadline, team asks for more time, chairman approves", func(t *testing.T) {
		browserReturnAndExtend(t, e, b)
	})
	t.Run("chairman assigns a task that reaches the hamlet team", func(t *testing.T) { browserAssign(t, e, b) })
	t.Run("form error beside its field keeps the typed values", func(t *testing.T) { browserFormError(t, e, b) })
}

func browserReport(t *testing.T, e *pageEnv, b *browser) {
	photo := filepath.Join(t.TempDir(), "anh-hop-dan.png")
	if err := os.WriteFile(photo, testPNG(t), 0o644); err != nil {
		t.Fatal(err)
	}
	phone := b.open(t, "phone", phoneW, phoneH)
	phone.signIn(e.team, testfix.Password, "#open-tasks")
	phone.look("my-tasks")
	phone.fitsWidth("my tasks")
	card := "#task-" + itoa(e.mine.ID)
	phone.check(strings.Contains(phone.text(card+" .badge"), "Chưa bắt đầu"), "the task is not listed as not started")
	phone.do("tap report", chromedp.Click(chromedp.CSS(card+" a.button")), chromedp.WaitVisible(chromedp.CSS("#f-percent")))
	phone.do("tap 100%", chromedp.Click(chromedp.CSS(`[data-set-percent="100"]`)))
	phone.check(value(phone, "read percent", chromedp.Value(chromedp.CSS("#f-percent"))) == "100", "the 100%% button did not set the percent")
	phone.do("fill the report",
		chromedp.SendKeys(chromedp.CSS("#f-note"), "Đã hướng dẫn 35 hộ cài VNeID"),
		chromedp.SetUploadFiles(chromedp.CSS("#f-files"), []string{photo}))
	phone.look("report-form")
	phone.fitsWidth("the report form")
	phone.do("send", chromedp.Click(chromedp.CSS("#send-report")), chromedp.WaitVisible(chromedp.CSS(".flash")))
	phone.look("task-after-report")
	phone.fitsWidth("the task page")
	phone.check(strings.Contains(phone.text(".meta .badge"), "Hoàn thành đúng hạn"), "the status did not change to done on time")
	// The thumbnail loads lazily: scroll to it, as a person would, and wait
	// for the browser to decode it.
	phone.do("see the photo", chromedp.ScrollIntoView(chromedp.CSS("#history .thumbs img")))
	width := value(phone, "photo loaded", chromedp.Evaluate[int](`new Promise(done => {
		const img = document.querySelector("#history .thumbs img");
		if (img.complete) { done(img.naturalWidth); return; }
		img.onload = () => done(img.naturalWidth);
		img.onerror = () => done(0);
	})`, chromedp.EvalAwaitPromise))
	phone.check(width == 40, "the evidence photo does not load (width %d)", width)
	// It is the server-made thumbnail, in a link to the original (issue 12).
	src := value(phone, "thumbnail and original", chromedp.Evaluate[string](`(() => {
		const img = document.querySelector("#history .thumbs img");
		return new URL(img.src).pathname + " " + new URL(img.closest("a").href).pathname;
	})()`))
	phone.check(strings.HasPrefix(src, "/api/v1/attachments/") && strings.Contains(src, "/thumbnail /tep/"),
		"the photo is not a thumbnail opening the original: %q", src)

	desk := b.open(t, "chairman", desktopW, desktopH)
	desk.signIn(e.user(models.RoleChairman), testfix.Password, "#kpis")
	desk.look("overview")
	desk.check(desk.text("#kpi-done") == "1", "the overview counts %q tasks done, want 1", desk.text("#kpi-done"))
	phoneOverview := b.open(t, "chairman-phone", phoneW, phoneH)
	phoneOverview.signIn(e.user(models.RoleChairman), testfix.Password, "#kpis")
	phoneOverview.look("overview")
	phoneOverview.fitsWidth("the overview")
}

func browserAssign(t *testing.T, e *pageEnv, b *browser) {
	desk := b.open(t, "chairman", desktopW, desktopH)
	desk.signIn(e.user(models.RoleChairman), testfix.Password, "#kpis")
	desk.visit("/ke-hoach", "#new-plan")
	desk.look("plans")
	desk.do("new plan", chromedp.Click(chromedp.CSS("#new-plan")), chromedp.WaitVisible(chromedp.CSS("#plan-form")))
	desk.do("fill the plan",
		chromedp.SendKeys(chromedp.CSS("#f-doc-number"), "15/KH-UBND"),
		chromedp.SetValue(chromedp.CSS("#f-issued-on"), "01/10/2024"),
		chromedp.SendKeys(chromedp.CSS("#f-title"), "Tuyên truyền dịch vụ công trực tuyến quý IV"),
		chromedp.SetValue(chromedp.CSS("#f-kind"), "propaganda"))
	desk.look("plan-form")
	desk.do("save the plan", chromedp.Click(chromedp.CSS("#save-plan")), chromedp.WaitVisible(chromedp.CSS("#add-task")))
	desk.do("add a task", chromedp.Click(chromedp.CSS("#add-task")), chromedp.WaitVisible(chromedp.CSS("#task-form")))
	desk.do("fill the task",
		chromedp.SendKeys(chromedp.CSS("#f-title"), "Phát tờ rơi tại ấp 1"),
		chromedp.SetValue(chromedp.CSS("#f-lead-unit-id"), itoa(e.A.Hamlet1.ID)),
		chromedp.SetValue(chromedp.CSS("#f-due-on"), "20/10/2024"),
		chromedp.Click(chromedp.CSS(`input[name=assignee_ids][value="`+itoa(e.A.Users[models.RoleTeamMember].ID)+`"]`)))
	desk.look("task-form")
	desk.do("save the task", chromedp.Click(chromedp.CSS("#save-task")), chromedp.WaitVisible(chromedp.CSS("#plan-tasks")))
	desk.look("plan")
	desk.check(strings.Contains(desk.text("#plan-tasks"), "Phát tờ rơi tại ấp 1"), "the new task is not in the plan")

	phone := b.open(t, "team", phoneW, phoneH)
	phone.signIn(e.team, testfix.Password, "#open-tasks")
	phone.check(strings.Contains(phone.text("#open-tasks"), "Phát tờ rơi tại ấp 1"), "the hamlet team does not see its new task")
	phone.visit("/ke-hoach", "#plan-list")
	phone.look("plans")
	phone.fitsWidth("the plan list")
	phone.do("open the plan", chromedp.Click(chromedp.CSS("#plan-list h3 a")), chromedp.WaitVisible(chromedp.CSS("#plan-tasks")))
	phone.look("plan")
	phone.fitsWidth("the plan page")
}

func browserFormError(t *testing.T, e *pageEnv, b *browser) {
	phone := b.open(t, "chairman-phone", phoneW, phoneH)
	phone.signIn(e.user(models.RoleChairman), testfix.Password, "#kpis")
	phone.visit("/ke-hoach/moi", "#plan-form")
	phone.do("fill with a bad number",
		chromedp.SendKeys(chromedp.CSS("#f-doc-number"), "KH số 5"),
		chromedp.SendKeys(chromedp.CSS("#f-title"), "Kế hoạch thi đua năm 2025"),
		chromedp.SetValue(chromedp.CSS("#f-kind"), "emulation"),
		chromedp.Click(chromedp.CSS("#save-plan")),
		chromedp.WaitVisible(chromedp.CSS("#f-doc-number-error")))
	phone.look("plan-form-error")
	phone.fitsWidth("the plan form")
	beside := value(phone, "error placement", chromedp.Evaluate[bool](
		`document.querySelector("#f-doc-number").closest(".field").contains(document.querySelector("#f-doc-number-error"))`))
	phone.check(beside, "the error is not beside its field")
	phone.check(value(phone, "aria", chromedp.AttributeValue(chromedp.CSS("#f-doc-number"), "aria-invalid")).Value == "true",
		"the field is not marked invalid")
	phone.check(value(phone, "title kept", chromedp.Value(chromedp.CSS("#f-title"))) == "Kế hoạch thi đua năm 2025", "the title was lost")
	phone.check(value(phone, "number kept", chromedp.Value(chromedp.CSS("#f-doc-number"))) == "KH số 5", "the number was lost")
	phone.check(value(phone, "kind kept", chromedp.Value(chromedp.CSS("#f-kind"))) == "emulation", "the kind was lost")
	// The summary's link moves the focus to the field, for keyboard users.
	phone.do("follow the summary link", chromedp.Click(chromedp.CSS(`#error-summary a[href="#f-doc-number"]`)))
	focused := value(phone, "focus", chromedp.Evaluate[string](`document.activeElement.id`))
	phone.check(focused == "f-doc-number", "the summary link focuses %q", focused)
}
