package handlers_test

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/models"
)

// TestBrowserPeriodicReport: the chairman opens the periodic report on a
// desktop, chooses "9 tháng", sees the preview and finds the download
// links; printed, the page is the report alone; on a phone the statistics
// pages fit the screen.
func TestBrowserPeriodicReport(t *testing.T) {
	e := newPageEnv(t)
	e.recordFigures(t)
	srv := httptest.NewServer(e.h)
	t.Cleanup(srv.Close)
	b := newBrowser(t, srv.URL)

	desk := b.open(t, "chairman", desktopW, desktopH)
	desk.signIn(e.user(models.RoleChairman), testfix.Password, "#kpis")
	desk.do("open the reports from the navigation",
		chromedp.Click(chromedp.CSS(`nav a[href="/bao-cao-dinh-ky"]`)), chromedp.WaitVisible(chromedp.CSS("#report-filter")))
	desk.do("choose 9 months of 2024",
		chromedp.SetValue(chromedp.CSS("#f-ky"), "M9"), chromedp.SetValue(chromedp.CSS("#f-year"), "2024"))
	desk.submit("show the report", "#show-report", "#report-preview")
	desk.look("periodic-report")
	preview := desk.text("#report-preview")
	desk.check(strings.Contains(preview, "9 tháng đầu năm 2024"), "the preview is not the 9-month report: %.300s", preview)
	desk.check(strings.Contains(preview, "Mức độ hài lòng"), "the preview lacks the indicators")
	chosen := value(desk, "read the period", chromedp.Value(chromedp.CSS("#f-ky")))
	desk.check(chosen == "M9", "the period shows %q after the reload, want M9", chosen)
	href := value(desk, "download link", chromedp.AttributeValue(chromedp.CSS("#download-xlsx"), "href"))
	desk.check(strings.Contains(href.Value, "format=xlsx") && strings.Contains(href.Value, "period=2024-M9"),
		"the XLSX link is %q", href.Value)
	desk.check(desk.text("#download-docx") != "", "no DOCX link")
	desk.check(value(desk, "print button", chromedp.Evaluate[bool](`!!document.querySelector("#print-page").offsetParent`)),
		"no print button")
	// Printed, the page is the report alone: no navigation, choices or links.
	desk.do("print media", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
		return err
	}))
	desk.look("periodic-report-print")
	printed := value(desk, "printed layout", chromedp.Evaluate[string](`["header.top", "#report-filter", "#downloads", "#report-kpis", "#report-preview"]
		.map(s => s + ":" + getComputedStyle(document.querySelector(s)).display).join(" ")`))
	desk.check(printed == "header.top:none #report-filter:none #downloads:none #report-kpis:none #report-preview:block",
		"printed layout: %s", printed)

	phone := b.open(t, "chairman-phone", phoneW, phoneH)
	phone.signIn(e.user(models.RoleChairman), testfix.Password, "#kpis")
	phone.visit("/bao-cao-dinh-ky?year=2024&ky=M9", "#report-preview")
	phone.look("periodic-report")
	phone.fitsWidth("the periodic report")
	// The other statistics pages hold wide tables too: they scroll inside
	// their box, never the page.
	for path, sel := range map[string]string{"/chi-tieu?year=2024": "#indicator-form", "/ho-so?year=2024": "#dossier-list",
		"/chat-luong-du-lieu?year=2024": "main h1"} {
		phone.visit(path, sel)
		phone.look(path)
		phone.fitsWidth(path)
	}
}
