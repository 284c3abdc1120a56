package handlers_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	qrcode "github.com/skip2/go-qrcode"

	"github.com/tiendo/tiendo/models"
)

var qrSVGField = regexp.MustCompile(`<svg class="qr" id="feed-qr"[^>]*>.*?</svg>`)

var feedURLField = regexp.MustCompile(`id="feed-url" readonly value="(http://example\.com(/lich/[A-Za-z0-9_-]+\.ics))"`)

// TestCalendarFeedPage: on "Tài khoản của tôi" a team member turns the
// phone calendar on and sees its link once, with a webcal:// link for the
// calendar app and a QR code of it for the phone's camera; the account page shows no link afterwards, only that it is
// on; "Tắt lịch" ends the link.
func TestCalendarFeedPage(t *testing.T) {
	t.Parallel()
	e := newPageEnv(t)
	team := e.user(models.RoleTeamMember)
	if page := e.get(team, "/tai-khoan").Body.String(); !strings.Contains(page, `id="feed-on"`) ||
		strings.Contains(page, `id="feed-off"`) {
		t.Fatalf("the account page offers no calendar, or offers to turn off one that is off")
	}
	on := e.post(team, "/tai-khoan/lich", url.Values{})
	m := feedURLField.FindStringSubmatch(on.Body.String())
	if on.Code != http.StatusOK || m == nil {
		t.Fatalf("turning the calendar on: %d, no link shown:\n%s", on.Code, on.Body)
	}
	if !strings.Contains(on.Body.String(), `href="webcal://example.com`+m[2]+`"`) {
		t.Error("no webcal:// link for the calendar app")
	}
	// The QR code is the link itself: as many dark modules as the code of
	// exactly that text has.
	q, err := qrcode.New(m[1], qrcode.Medium)
	if err != nil {
		t.Fatal(err)
	}
	dark := 0
	for _, row := range q.Bitmap() {
		for _, d := range row {
			dark += map[bool]int{true: 1}[d]
		}
	}
	svg := qrSVGField.FindString(on.Body.String())
	if svg == "" || strings.Count(svg, "h1v1h-1z") != dark {
		t.Errorf("the link's QR code: %d of %d modules in %.120q", strings.Count(svg, "h1v1h-1z"), dark, svg)
	}
	if feed := e.get("", m[2]); feed.Code != http.StatusOK || !strings.Contains(feed.Body.String(), "Hướng dẫn người dân cài VNeID") {
		t.Fatalf("the link: %d %s", feed.Code, feed.Body)
	}
	later := e.get(team, "/tai-khoan").Body.String()
	if strings.Contains(later, m[2]) || strings.Contains(later, `id="feed-qr"`) || !strings.Contains(later, `id="feed-on-note"`) {
		t.Error("the account page shows the link again, or not that the calendar is on")
	}
	off := e.post(team, "/tai-khoan/lich/tat", url.Values{})
	if off.Code != http.StatusSeeOther || off.Header().Get("Location") != "/tai-khoan?flash=feed_off" {
		t.Fatalf("turning it off: %d %s", off.Code, off.Header().Get("Location"))
	}
	if feed := e.get("", m[2]); feed.Code != http.StatusNotFound {
		t.Errorf("the link after turning it off: %d", feed.Code)
	}
}
