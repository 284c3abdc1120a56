package handlers_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/models"
)

// browserReturnAndExtend follows browserReport (the team's task is reported
// 100 %): the chairman returns it with a note and a new deadline; the team
// sees the mark on its phone and asks for more time; the chairman approves,
// and the task shows the approved deadline beside the first one.
func browserReturnAndExtend(t *testing.T, e *pageEnv, b *browser) {
	path := "/nhiem-vu/" + itoa(e.mine.ID)
	desk := b.open(t, "chairman", desktopW, desktopH)
	desk.signIn(e.user(models.RoleChairman), testfix.Password, "#kpis")
	desk.visit(path, `form[action$="/danh-gia"]`)
	desk.do("return with a new deadline",
		chromedp.Click(chromedp.CSS(`input[name=decision][value=return]`)),
		chromedp.SendKeys(chromedp.CSS("#f-reason"), "Bổ sung danh sách hộ đã hướng dẫn"),
		chromedp.SetValue(chromedp.CSS("#f-new-due-on"), "31/10/2024"),
		chromedp.Click(chromedp.CSS(`form[action$="/danh-gia"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS("#returned-mark")))
	desk.look("task-returned")
	desk.check(strings.Contains(desk.text("#returned-mark"), "Bổ sung danh sách hộ"), "the return's note is not on the task")
	desk.check(strings.Contains(desk.text("#original-due"), "15/10/2024"), "the first deadline is not shown")

	phone := b.open(t, "team", phoneW, phoneH)
	phone.signIn(e.team, testfix.Password, "#open-tasks")
	phone.check(strings.Contains(phone.text("#returned-"+itoa(e.mine.ID)), "Bổ sung danh sách hộ"),
		"my tasks do not show the returned mark")
	phone.visit(path, "#extension-form")
	phone.do("ask for more time",
		chromedp.SetValue(chromedp.CSS("#f-ext-due-on"), "15/11/2024"),
		chromedp.SendKeys(chromedp.CSS("#f-ext-reason"), "Ấp đang mùa nước nổi"),
		chromedp.Click(chromedp.CSS("#extension-form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#pending-extension")))
	phone.look("extension-requested")
	phone.fitsWidth("the task page with a pending extension")

	desk.visit(path, "#approve-extension")
	desk.do("approve",
		chromedp.SendKeys(chromedp.CSS("#f-decision-note"), "Đồng ý, hoàn thành trước 15/11"),
		chromedp.Click(chromedp.CSS("#approve-extension")),
		chromedp.WaitVisible(chromedp.CSS(".flash")))
	desk.look("extension-approved")
	desk.check(strings.Contains(desk.text(".meta"), "15/11/2024"), "the approved deadline is not the task's")
	desk.check(strings.Contains(desk.text("#original-due"), "15/10/2024"), "the first deadline is lost")
	desk.check(strings.Contains(desk.text("#extensions"), "Đồng ý, hoàn thành trước 15/11"), "the decision is not in the history")
}
