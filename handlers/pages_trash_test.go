package handlers_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/models"
)

// TestTrashPages drives the plan's delete and the bin's restore as forms:
// the plan page asks "Xóa kế hoạch này cùng 2 nhiệm vụ?" to those who may
// delete and shows nothing to the others, who are refused if they post
// anyway; a restore whose number was taken meanwhile says so on the bin's
// Page and changes nothing.
func TestTrashPages(t *testing.T) {
	t.Parallel()
	e := newPageEnv(t)
	chair, officer := e.user(models.RoleChairman), e.user(models.RoleOfficer)
	planPath := "/ke-hoach/" + itoa(e.plan.ID)
	wantBody(t, e.get(chair, planPath), "Xóa kế hoạch này cùng 2 nhiệm vụ?", `action="`+planPath+`/xoa"`)
	if strings.Contains(e.get(officer, planPath).Body.String(), "/xoa") {
		t.Error("the officer is offered the plan's delete")
	}
	wantStatus(t, e.post(officer, planPath+"/xoa", url.Values{"version": {"1"}}), http.StatusForbidden)
	wantStatus(t, e.post(chair, planPath+"/xoa", url.Values{"version": {"0"}}), http.StatusSeeOther)
	wantStatus(t, e.get(chair, planPath), http.StatusNotFound)

	bin := e.get(chair, "/thung-rac?flash=trashed")
	wantBody(t, bin, "Đã chuyển kế hoạch", "06/KH-UBND", e.A.Users[models.RoleChairman].FullName, "30/10/2024")
	wantStatus(t, e.post(officer, "/thung-rac/"+itoa(e.plan.ID)+"/khoi-phuc", nil), http.StatusForbidden)

	e.newPlan(e.chairA, "06/KH-UBND", "Kế hoạch khác lấy cùng số")
	taken := e.post(chair, "/thung-rac/"+itoa(e.plan.ID)+"/khoi-phuc", nil)
	wantStatus(t, taken, http.StatusConflict)
	wantBody(t, taken, "06/KH-UBND nay đã được dùng cho kế hoạch", `id="trash-`+itoa(e.plan.ID)+`"`)
}

// TestBrowserDeleteAndRestorePlan: in Chromium the chairman opens the
// delete on the plan page, reads how many tasks go with it, confirms, finds
// the plan in the bin and restores it with its tasks.
func TestBrowserDeleteAndRestorePlan(t *testing.T) {
	e := newPageEnv(t)
	srv := httptest.NewServer(e.h)
	t.Cleanup(srv.Close)
	b := newBrowser(t, srv.URL)
	desk := b.open(t, "chairman", desktopW, desktopH)
	desk.signIn(e.user(models.RoleChairman), testfix.Password, "#kpis")
	desk.visit("/ke-hoach/"+itoa(e.plan.ID), "#delete-plan")
	desk.check(!visible(desk, "#delete-plan-confirm"), "the delete button shows before the question is opened")
	desk.do("open the delete", chromedp.Click(chromedp.CSS("#delete-plan > summary")),
		chromedp.WaitVisible(chromedp.CSS("#delete-plan-confirm")))
	desk.look("plan-delete-confirm")
	desk.check(strings.Contains(desk.text("#delete-plan form"), "Xóa kế hoạch này cùng 2 nhiệm vụ?"),
		"the confirmation does not name the 2 tasks: %q", desk.text("#delete-plan form"))
	desk.do("confirm", chromedp.Click(chromedp.CSS("#delete-plan-confirm")),
		chromedp.WaitVisible(chromedp.CSS("#trash-"+itoa(e.plan.ID))))
	desk.look("trash")
	row := desk.text("#trash-" + itoa(e.plan.ID))
	desk.check(strings.Contains(row, "06/KH-UBND") && strings.Contains(row, "2"), "the bin's row is %q", row)
	desk.do("restore", chromedp.Click(chromedp.CSS("#trash-"+itoa(e.plan.ID)+" button")),
		chromedp.WaitVisible(chromedp.CSS("#plan-tasks")))
	desk.check(strings.Contains(desk.text(".flash"), "Đã khôi phục"), "no confirmation of the restore")
	desk.check(strings.Contains(desk.text("#plan-figures"), "2 nhiệm vụ"), "the restored plan shows %q", desk.text("#plan-figures"))
}

// visible reports whether sel is displayed (a closed details hides its form).
func visible(tb *tab, sel string) bool {
	return value(tb, "is "+sel+" visible", chromedp.Evaluate[bool](
		`(() => { const el = document.querySelector(`+"`"+sel+"`"+`); return !!el && el.checkVisibility(); })()`))
}
