package handlers_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Browser tests: the real router on a real listener, driven by Debian's
// Chromium, headless. One browser serves every scenario; each scenario has
// its own browser context (own cookies), as two people on two phones would.
// A failing step leaves a screenshot in testdata/out/ (the path is in the
// failure message). With TIENDO_SCREENSHOTS=1 every page visited is also
// saved there, at the size it was viewed, for looking at the pages.

// screenshotDir is where screenshots go; ignored by git (testdata/.gitignore).
const screenshotDir = "testdata/out"

// chromiumPath finds the browser or fails the test: CI installs it
// (.ci/run), and a silent skip would hide that the pages went untested.
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, name := range []string{os.Getenv("TIENDO_CHROMIUM"), "chromium", "chromium-browser"} {
		if name == "" {
			continue
		}
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Fatal("Chromium is not installed, so the browser tests cannot run: install it with " +
		"`apt-get install chromium` (.ci/run does), or set TIENDO_CHROMIUM to its path")
	return ""
}

// browser is one headless Chromium shared by the scenarios of a test.
type browser struct {
	ctx  context.Context
	base string // the server's URL
}

func newBrowser(t *testing.T, base string) *browser {
	t.Helper()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chromiumPath(t)), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		// A closed network: nothing may phone home or wait for an update.
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("lang", "vi-VN"), chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1280, 800),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	return &browser{ctx: ctx, base: base}
}

// tab is one person's browser window of a given size.
type tab struct {
	t    *testing.T
	ctx  context.Context
	base string
	name string
	shot int
}

// open starts a fresh browser context (no cookies) with a viewport of w×h.
func (b *browser) open(t *testing.T, name string, w, h int64) *tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	tb := &tab{t: t, ctx: ctx, base: b.base, name: name}
	// The first action opens the browser context and its tab, which live as
	// long as the context of that call: so it runs on ctx itself, without
	// the per-step timeout of do, which would close them when it ended.
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(w, h, chromedp.EmulateScale(1))); err != nil {
		t.Fatalf("%s: open a browser context: %v", name, err)
	}
	return tb
}

// do runs steps, each bounded in time; a failure saves a screenshot and
// stops the test.
func (tb *tab) do(step string, steps ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, steps...); err != nil {
		tb.t.Fatalf("%s: %s: %v (screenshot: %s)", tb.name, step, err, tb.screenshot("FAILED-"+step))
	}
}

// value runs an action that returns a value, failing like do.
func value[T any](tb *tab, step string, a chromedp.Action[T]) T {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, 20*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		tb.t.Fatalf("%s: %s: %v (screenshot: %s)", tb.name, step, err, tb.screenshot("FAILED-"+step))
	}
	return v
}

// check fails the test with a screenshot unless ok.
func (tb *tab) check(ok bool, format string, args ...any) {
	tb.t.Helper()
	if !ok {
		msg := fmt.Sprintf(format, args...)
		tb.t.Fatalf("%s: %s (screenshot: %s)", tb.name, msg, tb.screenshot("FAILED-"+msg))
	}
}

var unsafeName = regexp.MustCompile(`[^a-zA-Z0-9_-]+`)

// screenshot saves the whole page and returns the file's path.
func (tb *tab) screenshot(label string) string {
	ctx, cancel := context.WithTimeout(tb.ctx, 10*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		return "none: " + err.Error()
	}
	tb.shot++
	name := fmt.Sprintf("%s-%s-%02d-%s.png", unsafeName.ReplaceAllString(tb.t.Name(), "_"), tb.name, tb.shot,
		unsafeName.ReplaceAllString(label, "_"))
	if len(name) > 150 {
		name = name[:146] + ".png"
	}
	path := filepath.Join(screenshotDir, name)
	if err := os.MkdirAll(screenshotDir, 0o755); err != nil {
		return "none: " + err.Error()
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		return "none: " + err.Error()
	}
	abs, _ := filepath.Abs(path)
	return abs
}

// look saves a screenshot when TIENDO_SCREENSHOTS is set, for people
// reviewing how the pages look.
func (tb *tab) look(label string) {
	if os.Getenv("TIENDO_SCREENSHOTS") != "" {
		tb.t.Logf("screenshot %s", tb.screenshot(label))
	}
}

// visit opens a path of the server and waits for sel.
func (tb *tab) visit(path, sel string) {
	tb.t.Helper()
	tb.do("open "+path, chromedp.Navigate(tb.base+path), chromedp.WaitVisible(chromedp.CSS(sel)))
}

// submit clicks sel, which loads another page, and waits until that page
// shows landing. Waiting for landing alone can be met by the page clicked
// on while the next one is still on its way, and the steps after it then
// read a page that is being torn down.
func (tb *tab) submit(step, sel, landing string) {
	tb.t.Helper()
	value(tb, step+": mark the page", chromedp.Evaluate[bool](`window.tiendoLeaving = true`))
	tb.do(step, chromedp.Click(chromedp.CSS(sel)))
	arrived := `!window.tiendoLeaving && document.readyState === "complete" && !!document.querySelector(` +
		strconv.Quote(landing) + `)`
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		ctx, cancel := context.WithTimeout(tb.ctx, 2*time.Second)
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](arrived))
		cancel()
		if err == nil && ok {
			tb.do(step+": "+landing, chromedp.WaitVisible(chromedp.CSS(landing)))
			return
		}
	}
	tb.t.Fatalf("%s: %s: no new page with %s (screenshot: %s)", tb.name, step, landing, tb.screenshot("FAILED-"+step))
}

// signIn uses the sign-in page and waits for the page it leads to.
func (tb *tab) signIn(user, password, landing string) {
	tb.t.Helper()
	tb.visit("/", "#f-username")
	tb.do("sign in as "+user,
		chromedp.SendKeys(chromedp.CSS("#f-username"), user),
		chromedp.SendKeys(chromedp.CSS("#f-password"), password),
		chromedp.Click(chromedp.CSS("form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(landing)))
}

// fitsWidth checks that the page does not scroll sideways at the viewport
// width: on a phone, content wider than the screen is content lost.
func (tb *tab) fitsWidth(page string) {
	tb.t.Helper()
	wide := value(tb, "measure "+page, chromedp.Evaluate[int]("document.documentElement.scrollWidth - window.innerWidth"))
	tb.check(wide <= 0, "%s is %d px wider than the screen", page, wide)
}

func (tb *tab) text(sel string) string {
	tb.t.Helper()
	return strings.TrimSpace(value(tb, "read "+sel, chromedp.Text(chromedp.CSS(sel))))
}
