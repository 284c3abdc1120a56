package handlers_test

import (
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/tiendo/tiendo/internal/testfix"
)

// TestBrowserReportSurvivesExpiryAndBack: a hamlet team member types a
// report on a phone and picks a photo; the session has expired when they
// send it. The sign-in page says the text is kept; after signing in the form
// has it back and asks for the photo again; the report is recorded once.
// Back and "Gửi báo cáo" again records nothing and says when it was
// recorded.
func TestBrowserReportSurvivesExpiryAndBack(t *testing.T) {
	e := newPageEnv(t)
	srv := httptest.NewServer(e.h)
	t.Cleanup(srv.Close)
	b := newBrowser(t, srv.URL)
	photo := filepath.Join(t.TempDir(), "anh-hop-dan.png")
	if err := os.WriteFile(photo, testPNG(t), 0o644); err != nil {
		t.Fatal(err)
	}
	note := "Đã hướng dẫn 35 hộ ấp 1 cài VNeID"
	form := "/nhiem-vu/" + itoa(e.mine.ID) + "/bao-cao"
	phone := b.open(t, "phone", phoneW, phoneH)
	phone.signIn(e.team, testfix.Password, "#open-tasks")
	phone.visit(form, "#f-percent")
	phone.do("type the report",
		chromedp.SetValue(chromedp.CSS("#f-percent"), ""), chromedp.SendKeys(chromedp.CSS("#f-percent"), "60"),
		chromedp.SendKeys(chromedp.CSS("#f-note"), note),
		chromedp.SetUploadFiles(chromedp.CSS("#f-files"), []string{photo}))

	e.Clock.Set(e.Clock.Now().Add(15 * 24 * time.Hour)) // the session is over
	phone.do("send after expiry", chromedp.Click(chromedp.CSS("#send-report")), chromedp.WaitVisible(chromedp.CSS("#session-expired")))
	phone.look("expired")
	phone.check(strings.Contains(phone.text("#session-expired"), "nội dung bạn vừa nhập vẫn được giữ"), "no expiry notice")
	phone.do("sign in again",
		chromedp.SendKeys(chromedp.CSS("#f-username"), e.team),
		chromedp.SendKeys(chromedp.CSS("#f-password"), testfix.Password),
		chromedp.Click(chromedp.CSS("form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS("#draft-restored")))
	phone.look("restored")
	phone.check(value(phone, "read note", chromedp.Value(chromedp.CSS("#f-note"))) == note, "the note is lost")
	phone.check(value(phone, "read percent", chromedp.Value(chromedp.CSS("#f-percent"))) == "60", "the percent is lost")
	phone.check(strings.Contains(phone.text("#draft-restored"), "anh-hop-dan.png"), "the page does not ask for the photo again: %q",
		phone.text("#draft-restored"))
	phone.check(e.reportCount(t, e.mine.ID) == 0, "a report was recorded before sign-in")

	phone.do("pick the photo again and send",
		chromedp.SetUploadFiles(chromedp.CSS("#f-files"), []string{photo}),
		chromedp.Click(chromedp.CSS("#send-report")), chromedp.WaitVisible(chromedp.CSS(".flash")))
	phone.check(e.reportCount(t, e.mine.ID) == 1, "want one report, have %d", e.reportCount(t, e.mine.ID))

	// history.back, not NavigateBack: Chromium may restore the page from its
	// back-forward cache, which fires no load event to wait for.
	value(phone, "back to the form", chromedp.Evaluate[bool]("history.back(), true"))
	value(phone, "send again", chromedp.Evaluate[bool](`new Promise(done => {
		const tap = () => {
			const b = document.querySelector("#send-report");
			if (!b) { setTimeout(tap, 50); return; }
			b.click();
			done(true);
		};
		tap();
	})`, chromedp.EvalAwaitPromise))
	phone.do("see it was recorded", chromedp.WaitVisible(chromedp.CSS("#recorded-message")))
	phone.look("already-recorded")
	phone.check(strings.Contains(phone.text("#recorded-message"), "Báo cáo này đã được ghi nhận lúc"), "no 'already recorded' message")
	phone.check(e.reportCount(t, e.mine.ID) == 1, "back + resend recorded again: %d reports", e.reportCount(t, e.mine.ID))
	phone.do("follow the link", chromedp.Click(chromedp.CSS("#recorded-link")), chromedp.WaitVisible(chromedp.CSS("#history")))
	phone.check(strings.Contains(phone.text("#history"), note), "the task's history does not show the report")

	// The draft is gone once recorded: a fresh form starts from the task.
	phone.visit(form, "#f-percent")
	phone.check(value(phone, "read note", chromedp.Value(chromedp.CSS("#f-note"))) == "", "the sent draft came back")
}
