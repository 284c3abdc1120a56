package handlers_test

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/accounts"
	"github.com/tiendo/tiendo/models/statistics"
)

// TestBrowserProvinceAndSentReports: on a phone (390×844) the province
// account lands on "Tổng hợp toàn tỉnh" with both communes and the figures
// of each commune's own overview; the chairman sends the nine months'
// report, then a correction; the province sees version 2 replacing 1 in the
// drill-down; every target is thumb-sized and nothing is wider than the screen.
func TestBrowserProvinceAndSentReports(t *testing.T) {
	e := newPageEnv(t)
	if _, err := e.Store.CreateProvinceUser(context.Background(), accounts.NewProvinceUser{Province: "An Giang",
		Username: "tinh_ag", FullName: "Sở Nội vụ An Giang", Password: testfix.Password}); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(e.h)
	t.Cleanup(srv.Close)
	b := newBrowser(t, srv.URL)

	prov := b.open(t, "province-phone", phoneW, phoneH)
	prov.signIn("tinh_ag", testfix.Password, "#communes")
	prov.look("province")
	prov.fitsWidth("the province page")
	prov.check(len(prov.smallTargets("/tinh")) == 0, "small targets on /tinh: %v", prov.smallTargets("/tinh"))
	for _, c := range []*testfix.Commune{e.A, e.B} {
		dash, err := e.Store.Dashboard(context.Background(), e.Actor(t, c, models.RoleChairman),
			statistics.ReportOptions{Period: mustPeriod(t, "2024-M9")})
		if err != nil {
			t.Fatal(err)
		}
		row := prov.text("#commune-" + itoa(c.Info.ID))
		prov.check(strings.Contains(row, c.Info.Name) && strings.Contains(row, "Nhiệm vụ: "+itoa(int64(dash.Tasks.Total))) &&
			strings.Contains(row, "Quá hạn: "+itoa(int64(dash.Tasks.Overdue))),
			"%s's row %q, its overview counts %d tasks, %d overdue", c.Info.Name, row, dash.Tasks.Total, dash.Tasks.Overdue)
	}

	chair := b.open(t, "chairman", desktopW, desktopH)
	chair.signIn(e.user(models.RoleChairman), testfix.Password, "#kpis")
	chair.visit("/bao-cao-dinh-ky?year=2024&ky=M9", "#send-form")
	chair.submit("send the report", "#send-report", "#sent-version-1")
	chair.do("write what the correction corrects", chromedp.SendKeys(chromedp.CSS("#f-note"), "Bổ sung số liệu hồ sơ"))
	chair.submit("send a correction", "#send-report", "#sent-version-2")
	chair.check(strings.Contains(chair.text("#sent-version-2"), "thay thế bản 1"), "version 2: %q", chair.text("#sent-version-2"))

	prov.visit("/tinh?period=2024-M9", "#notices")
	prov.submit("open the commune", "#commune-"+itoa(e.A.Info.ID)+" td.title a", "#sent")
	prov.look("province-commune")
	prov.fitsWidth("a commune seen from the province")
	prov.check(strings.Contains(prov.text("#version-2"), "thay thế bản 1"), "drill-down: %q", prov.text("#sent"))
	prov.check(len(prov.smallTargets("/tinh/xa")) == 0, "small targets on the drill-down: %v", prov.smallTargets("/tinh/xa"))
	links := value(prov, "task links", chromedp.Evaluate[int](`document.querySelectorAll('main a[href^="/nhiem-vu/"]').length`))
	prov.check(links == 0, "the drill-down links %d task pages", links)
}

func mustPeriod(t *testing.T, code string) statistics.Period {
	t.Helper()
	p, err := statistics.ParsePeriod(code)
	if err != nil {
		t.Fatal(err)
	}
	return p
}
