package handlers_test

import (
	"bytes"
	"context"
	"image"
	"image/color"
	_ "image/jpeg"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/tiendo/tiendo/internal/testfix"
)

// fieldNet stands between the phone and the server, as the mobile network
// of a hamlet does. off is no signal: every connection is dropped, also the
// service worker's, whatever the browser's own emulation covers. dropAnswers
// loses the answers to the next progress reports: the server records (or
// replays) them and the phone never hears back.
type fieldNet struct {
	h           http.Handler
	off         atomic.Bool
	dropAnswers atomic.Int32
	reports     atomic.Int32 // progress POSTs that reached the server
}

func (n *fieldNet) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if n.off.Load() {
		panic(http.ErrAbortHandler)
	}
	if r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/progress") {
		n.reports.Add(1)
		if n.dropAnswers.Add(-1) >= 0 {
			n.h.ServeHTTP(httptest.NewRecorder(), r)
			panic(http.ErrAbortHandler)
		}
	}
	n.h.ServeHTTP(w, r)
}

// offline switches the signal off or on: the browser's network emulation
// (pages and service worker, and navigator.onLine with its online event)
// and the field network together.
func (tb *tab) offline(n *fieldNet, off bool) {
	tb.t.Helper()
	n.off.Store(off) // the field first: the browser's online event sends at once
	tb.do("network offline="+map[bool]string{true: "yes", false: "no"}[off], chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		if _, err := cdp.Call(ctx, tg, network.Enable, network.EnableParams{}); err != nil {
			return err
		}
		// Chromium 148 answers the newer emulateNetworkConditionsByRule with
		// "invalid parameters"; the older command also moves navigator.onLine.
		if err := tg.Call(ctx, "Network.emulateNetworkConditions", map[string]any{
			"offline": off, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1}, nil); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, tg, network.OverrideNetworkState, network.OverrideNetworkStateParams{
			Offline: off, DownloadThroughput: -1, UploadThroughput: -1})
		return err
	}))
}

// waitFor polls a script until it is true.
func (tb *tab) waitFor(step, script string) {
	tb.t.Helper()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		ctx, cancel := context.WithTimeout(tb.ctx, 2*time.Second)
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](script))
		cancel()
		if err == nil && ok {
			return
		}
	}
	tb.t.Fatalf("%s: %s: never true: %s (screenshot: %s)", tb.name, step, script, tb.screenshot("FAILED-"+step))
}

// bigPhoto is a 2400×1800 PNG, as a phone's camera might give.
func bigPhoto(t *testing.T) string {
	img := image.NewRGBA(image.Rect(0, 0, 2400, 1800))
	for x := range 2400 {
		for y := range 1800 {
			img.Set(x, y, color.RGBA{R: uint8(x / 10), G: uint8(y / 8), B: 90, A: 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "anh-ho-dan.png")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// offlineEnv is a hamlet team member's phone with "Việc của tôi" saved,
// the server's clock on the phone's (so the device time of a report is
// within its bounds).
func offlineEnv(t *testing.T) (*pageEnv, *fieldNet, *tab) {
	e := newPageEnv(t)
	e.Clock.Set(time.Now())
	n := &fieldNet{h: e.h}
	srv := httptest.NewServer(n)
	t.Cleanup(srv.Close)
	b := newBrowser(t, srv.URL)
	phone := b.open(t, "team", phoneW, phoneH)
	phone.signIn(e.team, testfix.Password, "#open-tasks")
	phone.do("keep the tasks on the phone", chromedp.WaitVisible(chromedp.CSS("#offline-ready")))
	return e, n, phone
}

// queueReport fills the progress form of task id with no signal and sends
// it, landing on the task's saved page with the queue.
func (tb *tab) queueReport(id, percent, value, note, photo string) {
	tb.t.Helper()
	tb.visit("/nhiem-vu/"+id, "#saved-mark")
	tb.do("open the form", chromedp.Click(chromedp.CSS("#report-link")), chromedp.WaitVisible(chromedp.CSS("#f-percent")))
	tb.do("type the report",
		chromedp.SetValue(chromedp.CSS("#f-percent"), ""), chromedp.SendKeys(chromedp.CSS("#f-percent"), percent),
		chromedp.SendKeys(chromedp.CSS("#f-note"), note))
	if value != "" {
		tb.do("type the actual value", chromedp.SendKeys(chromedp.CSS("#f-actual-value"), value))
	}
	if photo != "" {
		tb.do("pick a photo", chromedp.SetUploadFiles(chromedp.CSS("#f-files"), []string{photo}))
	}
	tb.submit("send without signal", "#send-report", "#outbox-count")
}

// TestBrowserReportWithoutSignal: a hamlet team member opens "Việc của tôi"
// with a signal, loses it, opens a task (the saved copy, marked so), reports
// 60 % with a photo; the queue shows it and survives a reload; when the
// signal returns it is sent once, with the device's time, the photo at most
// 1600 px as JPEG, and the queue is empty.
func TestBrowserReportWithoutSignal(t *testing.T) {
	e, n, phone := offlineEnv(t)
	id := itoa(e.mine.ID)
	phone.look("my-tasks-saved")
	phone.offline(n, true)
	made := time.Now()
	phone.queueReport(id, "60", "1.250", "Đã hướng dẫn 12 hộ ở bãi bồi", bigPhoto(t))
	phone.look("queued")
	saved := phone.text("#saved-mark")
	phone.check(regexp.MustCompile(`^Đã lưu lúc \d\d:\d\d, chưa cập nhật$`).MatchString(saved), "saved mark %q", saved)
	phone.check(phone.text("#outbox-count") == "1 báo cáo chờ gửi", "queue says %q", phone.text("#outbox-count"))
	phone.check(strings.HasPrefix(phone.text("#pending-mark"), "Chờ gửi: 60%"), "task mark %q", phone.text("#pending-mark"))
	phone.check(e.reportCount(t, e.mine.ID) == 0 && n.reports.Load() == 0, "a report reached the server with no signal")

	phone.do("reload with no signal", chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS("#outbox-count")))
	phone.check(phone.text("#outbox-count") == "1 báo cáo chờ gửi", "after a reload the queue says %q", phone.text("#outbox-count"))

	e.Clock.Set(time.Now().Add(20 * time.Minute)) // the signal comes back later
	phone.offline(n, false)
	phone.waitFor("sent when the signal returns", `!document.querySelector("#outbox") && !!document.querySelector("#outbox-sent")`)
	phone.look("sent")
	phone.check(e.reportCount(t, e.mine.ID) == 1, "want one report, have %d", e.reportCount(t, e.mine.ID))
	e.checkReportedAt(t, e.mine.ID, made)
	if task, err := e.Store.GetTask(context.Background(), e.chairA, e.mine.ID); err != nil || task.ActualValue == nil || *task.ActualValue != 1250 {
		t.Fatalf("the actual value typed 1.250 arrived as %v (%v)", task.ActualValue, err)
	}
	e.checkShrunkPhoto(t, e.mine.ID)
	phone.visit("/viec-cua-toi", "#open-tasks")
	phone.check(value(phone, "queue after", chromedp.Evaluate[bool](`!document.querySelector("#outbox, .pending-mark")`)),
		"the queue is not empty after sending")
}

// TestBrowserReportAnswerLost: the signal drops while the report is being
// sent — the server has recorded it, the phone never hears back. The report
// stays queued; "Gửi ngay" sends it again with the same Idempotency-Key, and
// the task has exactly one report.
func TestBrowserReportAnswerLost(t *testing.T) {
	e, n, phone := offlineEnv(t)
	id := itoa(e.mine.ID)
	phone.offline(n, true)
	phone.queueReport(id, "60", "", "Báo cáo khi sóng chập chờn", "")
	// Two answers are lost: Chromium itself sends a POST again once when a
	// kept-alive connection breaks before the answer, so the second loss is
	// that retry's and the report stays in the queue.
	n.dropAnswers.Store(2)
	phone.offline(n, false)
	phone.waitFor("the sends were tried and failed", `!!document.querySelector("#send-now") && !document.querySelector("#outbox-sent")`)
	for deadline := time.Now().Add(20 * time.Second); n.dropAnswers.Load() > 0 && time.Now().Before(deadline); {
		time.Sleep(50 * time.Millisecond)
	}
	phone.waitFor("the send is over", `!document.querySelector("#send-now[disabled]")`)
	phone.check(e.reportCount(t, e.mine.ID) == 1, "the first send did not reach the server")
	phone.check(phone.text("#outbox-count") == "1 báo cáo chờ gửi", "the report left the queue without an answer: %q", phone.text("#outbox-count"))
	phone.look("answer-lost")
	phone.do("send again", chromedp.Click(chromedp.CSS("#send-now")))
	phone.waitFor("sent again", `!document.querySelector("#outbox")`)
	phone.check(n.reports.Load() >= 3, "%d sends reached the server, want at least 3", n.reports.Load())
	phone.check(e.reportCount(t, e.mine.ID) == 1, "want exactly one report, have %d", e.reportCount(t, e.mine.ID))
}

// checkShrunkPhoto: the photo of the task's report reached the server as a
// JPEG at most 1600 px on its longest side.
func (e *pageEnv) checkShrunkPhoto(t *testing.T, taskID int64) {
	t.Helper()
	page := e.get(e.team, "/nhiem-vu/"+itoa(taskID)).Body.String()
	m := regexp.MustCompile(`href="/tep/(\d+)"`).FindStringSubmatch(page)
	if m == nil {
		t.Fatal("the report has no photo")
	}
	_, content, err := e.Store.GetAttachment(context.Background(), e.chairA, mustID(t, m[1]))
	if err != nil {
		t.Fatal(err)
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(content))
	if err != nil || format != "jpeg" || max(cfg.Width, cfg.Height) != 1600 {
		t.Fatalf("the photo arrived as %s %dx%d (%v), want JPEG with its longest side 1600 px", format, cfg.Width, cfg.Height, err)
	}
}

// checkReportedAt: the task's one report carries the device's time (when
// the report was made, before it was queued), and the task page shows it
// beside the time the server received it.
func (e *pageEnv) checkReportedAt(t *testing.T, taskID int64, made time.Time) {
	t.Helper()
	ps, err := e.Store.ListProgress(context.Background(), e.chairA, taskID)
	if err != nil || len(ps) != 1 {
		t.Fatalf("%d reports (%v)", len(ps), err)
	}
	at := ps[0].ReportedAt
	if at == nil || at.Before(made.Add(-time.Second)) || at.After(made.Add(time.Minute)) || !at.Before(ps[0].CreatedAt) {
		t.Fatalf("reported_at %v, made at %v, received %v", at, made, ps[0].CreatedAt)
	}
	page := e.get(e.team, "/nhiem-vu/"+itoa(taskID)).Body.String()
	if !strings.Contains(page, "Báo cáo lúc ") || !strings.Contains(page, "hệ thống nhận lúc ") {
		t.Fatal("the task history does not show both times")
	}
}

func mustID(t *testing.T, s string) int64 {
	t.Helper()
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return id
}
