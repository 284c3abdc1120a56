package handlers_test

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/internal/testnotify"
	"github.com/tiendo/tiendo/models"
)

// TestBrowserWebhooksPage: on a phone, the admin registers an endpoint (a
// local receiver) by ticking one event type, copies the secret shown once,
// presses "Gửi thử"; once the jobs run, the receiver has the signed sample
// and the page lists it as sent.
func TestBrowserWebhooksPage(t *testing.T) {
	e := newPageEnv(t)
	srv := httptest.NewServer(e.h)
	t.Cleanup(srv.Close)
	rcv := testnotify.NewWebhook(t, "")
	rcv.Clock = e.Clock
	b := newBrowser(t, srv.URL)
	phone := b.open(t, "admin", phoneW, phoneH)
	phone.signIn(e.user(models.RoleAdmin), testfix.Password, `a[href="/tai-khoan"]`)
	phone.visit("/quan-tri/webhook", "#new-endpoint")
	phone.do("fill the endpoint",
		chromedp.SendKeys(chromedp.CSS("#f-name"), "Cổng Zalo thử"),
		chromedp.SendKeys(chromedp.CSS("#f-url"), rcv.URL),
		chromedp.Click(chromedp.CSS(`input[name=events][value="task.progress"]`)))
	phone.submit("register", "#add-endpoint", "#new-secret")
	rcv.Secret = value(phone, "read the secret", chromedp.Value(chromedp.CSS("#secret-value")))
	phone.check(strings.HasPrefix(rcv.Secret, "whsec_"), "secret shown: %q", rcv.Secret)
	phone.fitsWidth("the webhooks page")
	phone.look("webhooks-secret")
	phone.submit("Gửi thử", "#endpoints button[id^=test-]", ".flash")
	runJobs(t, e.JobsStore(t))
	hits := rcv.Hits()
	phone.check(len(hits) == 1 && hits[0].SigErr == nil, "receiver: %d hits, %v", len(hits), hits)
	phone.visit("/quan-tri/webhook", "#event-log")
	phone.check(strings.Contains(phone.text("#event-log tbody tr"), "Đã gửi"), "log row %q", phone.text("#event-log tbody tr"))
	phone.fitsWidth("the webhooks page with its log")
	phone.look("webhooks-log")
}
