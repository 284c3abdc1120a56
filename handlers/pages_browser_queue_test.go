package handlers_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/models"
)

// The queue's other answers (issue 16): a report the server refuses,
// signing out with reports queued, and Chromium's installability check.
// The field network and the phone's setup are in pages_browser_offline_test.go.

// TestBrowserQueuedReportForCancelledTask: while the report waits on the
// phone the chairman cancels the task. When the signal returns the server
// refuses it; the queue says why beside the report, offers to copy its text
// and to discard it, and records nothing.
func TestBrowserQueuedReportForCancelledTask(t *testing.T) {
	e, n, phone := offlineEnv(t)
	id := itoa(e.mine.ID)
	phone.offline(n, true)
	phone.queueReport(id, "60", "", "Đã phát tờ rơi ở ấp 1", "")
	rec := e.api(e.user(models.RoleChairman), "PATCH", "/api/v1/tasks/"+id, map[string]any{"cancelled": true})
	if rec.Code != http.StatusOK {
		t.Fatalf("cancel: %d %s", rec.Code, rec.Body)
	}
	e.Clock.Set(time.Now().Add(time.Minute))
	phone.offline(n, false)
	phone.waitFor("the refusal is shown", `!!document.querySelector("#outbox .queued.refused .problem")`)
	phone.look("conflict")
	problem := phone.text("#outbox .queued.refused .problem")
	phone.check(strings.Contains(problem, "Nhiệm vụ đã hủy") && strings.HasSuffix(problem, "— báo cáo chưa được ghi nhận"),
		"the refusal says %q", problem)
	phone.check(phone.text("#outbox-count") == "Báo cáo chưa được ghi nhận", "the queue head says %q", phone.text("#outbox-count"))
	phone.check(phone.text("#outbox [data-copy]") == "Chép nội dung" && phone.text("#outbox [data-drop]") == "Bỏ báo cáo",
		"no copy and discard buttons")
	phone.do("copy the text", chromedp.Click(chromedp.CSS("#outbox [data-copy]")), chromedp.WaitVisible(chromedp.CSS("#copied")))
	phone.do("discard it", chromedp.Click(chromedp.CSS("#outbox [data-drop]")))
	phone.waitFor("the queue is empty", `!document.querySelector("#outbox")`)
	phone.check(e.reportCount(t, e.mine.ID) == 0, "a report was recorded on a cancelled task")
}

// TestBrowserSignOutClearsTheDevice: a report is still in the queue (the
// server refused it: the task was cancelled). Signing out asks first;
// "no" keeps everything; "yes" empties the queue and the saved pages, so
// the next person on this phone finds neither, even with no signal.
func TestBrowserSignOutClearsTheDevice(t *testing.T) {
	e, n, phone := offlineEnv(t)
	id := itoa(e.mine.ID)
	phone.offline(n, true)
	phone.queueReport(id, "60", "", "Báo cáo của tổ ấp 1", "")
	if rec := e.api(e.user(models.RoleChairman), "PATCH", "/api/v1/tasks/"+id, map[string]any{"cancelled": true}); rec.Code != http.StatusOK {
		t.Fatalf("cancel: %d %s", rec.Code, rec.Body)
	}
	phone.offline(n, false)
	phone.waitFor("the refusal is shown", `!!document.querySelector("#outbox .queued.refused")`)

	value(phone, "answer no", chromedp.Evaluate[bool](`window.confirm = m => { window.asked = m; return false; }, true`))
	phone.do("sign out, then think again", chromedp.Click(chromedp.CSS("#sign-out")))
	phone.waitFor("asked", `!!window.asked`)
	asked := value(phone, "read the question", chromedp.Evaluate[string](`window.asked`))
	phone.check(asked == "Còn 1 báo cáo chưa gửi. Đăng xuất sẽ xóa các báo cáo này khỏi máy. Vẫn đăng xuất?", "asked %q", asked)
	phone.check(phone.text("#outbox-count") == "Báo cáo chưa được ghi nhận", "the queue went after 'no'")

	value(phone, "answer yes", chromedp.Evaluate[bool](`window.confirm = () => true, true`))
	phone.submit("sign out", "#sign-out", "#f-username")
	left := value(phone, "what is left on the phone", chromedp.Evaluate[string](`Promise.all([caches.has("tiendo-pages"),
		tiendoQueue.all()]).then(r => r[0] + " " + r[1].length)`, chromedp.EvalAwaitPromise))
	phone.check(left == "false 0", "after signing out the phone keeps pages and queue: %s", left)
	phone.offline(n, true)
	phone.visit("/nhiem-vu/"+id, "#not-saved")
	phone.look("signed-out-offline")
}

// TestBrowserInstallable: Chromium's own check finds nothing missing for
// "Thêm vào màn hình chính" (manifest parsed without errors, the icons, the
// start URL, a service worker that controls the page), and the manifest it
// read is ours.
func TestBrowserInstallable(t *testing.T) {
	e := newPageEnv(t)
	srv := httptest.NewServer(e.h)
	t.Cleanup(srv.Close)
	b := newBrowser(t, srv.URL)
	// The browser's own profile, not an off-the-record context as b.open
	// makes: Chromium does not install from those at all.
	ctx, cancel := chromedp.NewContext(b.ctx)
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(phoneW, phoneH, chromedp.EmulateScale(1))); err != nil {
		t.Fatal(err)
	}
	phone := &tab{t: t, ctx: ctx, base: b.base, name: "team"}
	phone.signIn(e.team, testfix.Password, "#open-tasks")
	phone.do("the worker is ready", chromedp.WaitVisible(chromedp.CSS("#offline-ready")))
	phone.do("reload under the worker", chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("#open-tasks")))
	phone.check(value(phone, "controlled", chromedp.Evaluate[bool](`!!navigator.serviceWorker.controller &&
		navigator.serviceWorker.controller.scriptURL.endsWith("/sw.js")`)), "the service worker does not control the page")
	var (
		manifest page.GetAppManifestResult
		errs     page.GetInstallabilityErrorsResult
	)
	phone.do("ask Chromium", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		var err error
		if manifest, err = cdp.Call(ctx, tg, page.GetAppManifest, page.GetAppManifestParams{}); err != nil {
			return err
		}
		errs, err = cdp.Call(ctx, tg, page.GetInstallabilityErrors, cdp.Empty{})
		return err
	}))
	phone.check(len(manifest.Errors) == 0 && manifest.Manifest != nil, "manifest errors: %+v", manifest.Errors)
	phone.check(manifest.Manifest.Name == "tiendo – Việc của tôi" && strings.HasSuffix(manifest.Manifest.StartURL, "/viec-cua-toi") &&
		strings.EqualFold(strings.TrimPrefix(manifest.Manifest.Display, "k"), "standalone"), "Chromium read %+v", manifest.Manifest)
	for _, e := range errs.InstallabilityErrors {
		t.Errorf("installability error %s %+v", e.ErrorID, e.ErrorArguments)
	}
}

// TestBrowserSavedPagesStayWithTheirAccount: the team member's session runs
// out without signing out and the chairman signs in on the same phone; with
// no signal the team member's saved task page is not shown to him.
func TestBrowserSavedPagesStayWithTheirAccount(t *testing.T) {
	e, n, phone := offlineEnv(t)
	id := itoa(e.mine.ID)
	phone.offline(n, true)
	phone.visit("/nhiem-vu/"+id, "#saved-mark") // the owner still reads it
	phone.offline(n, false)
	e.Clock.Set(e.Clock.Now().Add(15 * 24 * time.Hour)) // the session is over
	phone.signIn(e.user(models.RoleChairman), testfix.Password, "#kpis")
	phone.offline(n, true)
	phone.visit("/nhiem-vu/"+id, "#not-saved")
}
