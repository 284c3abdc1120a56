package handlers_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/tiendo/tiendo/models"
)

// TestWebhooksPage: the admin registers an endpoint on the page and sees
// its generated secret once (never again on the page); a mistake comes back
// beside its field; "Gửi thử" queues a sample event that shows in the
// page's list; it can be paused; removing the endpoint takes it off the page; an officer gets
// 403 for every action.
func TestWebhooksPage(t *testing.T) {
	t.Parallel()
	e := newPageEnv(t)
	admin, officer := e.user(models.RoleAdmin), e.user(models.RoleOfficer)
	bad := e.post(admin, "/quan-tri/webhook", url.Values{"url": {"ftp://x"}, "secret": {"ngan"}})
	wantStatus(t, bad, http.StatusUnprocessableEntity)
	wantBody(t, bad, `id="f-url-error"`, `id="f-events-error"`, `id="f-secret-error"`, `value="ftp://x"`)
	if strings.Contains(bad.Body.String(), `value="ngan"`) {
		t.Fatal("a typed secret was sent back")
	}
	made := e.post(admin, "/quan-tri/webhook", url.Values{"name": {"Zalo OA xã"},
		"url": {"https://zalo-bridge.example.vn/hook"}, "events": {"task.progress", "task.overdue"}})
	wantStatus(t, made, http.StatusOK)
	secret := regexp.MustCompile(`id="secret-value" readonly value="(whsec_[^"]+)"`).FindStringSubmatch(made.Body.String())
	if secret == nil || made.Header().Get("Cache-Control") != "no-store" {
		t.Fatalf("no secret shown once: %s", made.Body)
	}
	page := e.get(admin, "/quan-tri/webhook")
	wantBody(t, page, "Zalo OA xã", "Báo cáo tiến độ, Nhiệm vụ quá hạn", "Gửi thử")
	if strings.Contains(page.Body.String(), secret[1]) {
		t.Fatal("the page shows the secret again")
	}
	id := regexp.MustCompile(`id="endpoint-(\d+)"`).FindStringSubmatch(page.Body.String())[1]
	wantStatus(t, e.post(officer, "/quan-tri/webhook/"+id+"/gui-thu", nil), http.StatusForbidden)
	wantStatus(t, e.post(officer, "/quan-tri/webhook", url.Values{"url": {"https://a.example.vn/"},
		"events": {"task.progress"}}), http.StatusForbidden)
	wantStatus(t, e.post(admin, "/quan-tri/webhook/"+id+"/gui-thu", nil), http.StatusSeeOther)
	wantBody(t, e.get(admin, "/quan-tri/webhook?flash=webhook_test&lang=en"), "Send a test", "Test event", "Queued")
	wantStatus(t, e.post(officer, "/quan-tri/webhook/"+id+"/bat-tat", url.Values{"enabled": {"0"}}), http.StatusForbidden)
	wantStatus(t, e.post(admin, "/quan-tri/webhook/"+id+"/bat-tat", url.Values{"enabled": {"0"}}), http.StatusSeeOther)
	wantBody(t, e.get(admin, "/quan-tri/webhook"), "(đang tắt)", "Bật lại")
	wantStatus(t, e.post(officer, "/quan-tri/webhook/"+id+"/xoa", nil), http.StatusForbidden)
	wantStatus(t, e.post(admin, "/quan-tri/webhook/"+id+"/xoa", nil), http.StatusSeeOther)
	if strings.Contains(e.get(admin, "/quan-tri/webhook").Body.String(), `id="endpoint-`+id+`"`) {
		t.Fatal("a removed endpoint is still listed")
	}
}
