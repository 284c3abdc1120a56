package handlers_test

import (
	"context"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/xuri/excelize/v2"

	"github.com/tiendo/tiendo/internal/benchgen"
	"github.com/tiendo/tiendo/internal/config"
	"github.com/tiendo/tiendo/internal/demo"
	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/jobs"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/accounts"
	"github.com/tiendo/tiendo/models/deadlines"
	"github.com/tiendo/tiendo/models/statistics"
)

// provinceAccounts adds a province account of An Giang (the fixtures'
// province) and one of Kiên Giang.
func provinceAccounts(t *testing.T, e *env) (ag, kg string) {
	t.Helper()
	for _, p := range []accounts.NewProvinceUser{
		{Province: "An Giang", Username: "tinh_ag", FullName: "Sở Nội vụ An Giang", Password: testfix.Password},
		{Province: "Kiên Giang", Username: "tinh_kg", FullName: "Sở Nội vụ Kiên Giang", Password: testfix.Password},
	} {
		if _, err := e.Store.CreateProvinceUser(context.Background(), p); err != nil {
			t.Fatal(err)
		}
	}
	return "tinh_ag", "tinh_kg"
}

// someWork gives both communes tasks in several states.
func someWork(t *testing.T, e *env) (taskA int64) {
	t.Helper()
	planA := createPlanFor(t, e, e.A, "01/KH-UBND")
	done := createTaskFor(t, e, e.A, planA, "2024-10-15")
	createTaskFor(t, e, e.A, planA, "2024-09-25")
	e.do(user(e.A, models.RoleChairman), "POST", "/api/v1/tasks/"+itoa(done)+"/progress", map[string]any{"percent": 100})
	planB := createPlanFor(t, e, e.B, "01/KH-UBND")
	open := createTaskFor(t, e, e.B, planB, "2024-12-31")
	e.do(user(e.B, models.RoleChairman), "POST", "/api/v1/tasks/"+itoa(open)+"/progress", map[string]any{"percent": 30})
	return done
}

// TestProvinceSeesItsCommunesOnly: the province page shows each commune of
// the province with the figures its own dashboard shows for the same
// period; the drill-down is that dashboard, read-only; another province's
// account sees neither commune (404 on the drill-down).
func TestProvinceSeesItsCommunesOnly(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ag, kg := provinceAccounts(t, e)
	someWork(t, e)

	var o statistics.ProvinceOverview
	r := e.do(ag, "GET", "/api/v1/province/overview", nil)
	if r.Code != http.StatusOK {
		t.Fatalf("overview: %d %s", r.Code, r.Body)
	}
	r.decode(&o)
	if o.Period.Code != "2024-M9" || len(o.Communes) != 2 {
		t.Fatalf("30/9/2024 is the nine months' report, both communes: %s %+v", o.Period.Code, o.Communes)
	}
	for _, line := range o.Communes {
		c := e.A
		if line.ID == e.B.Info.ID {
			c = e.B
		}
		var dash statistics.Dashboard
		e.do(user(c, models.RoleChairman), "GET", "/api/v1/dashboard?period=2024-M9", nil).decode(&dash)
		if !reflect.DeepEqual(line.Tasks, dash.Tasks) || line.AsOf != dash.AsOf {
			t.Errorf("%s: province %+v as of %s, dashboard %+v as of %s", line.Name, line.Tasks, line.AsOf, dash.Tasks, dash.AsOf)
		}
		if line.Report.State != "not_started" || line.Max != 100 {
			t.Errorf("%s: report %+v, 766 max %v", line.Name, line.Report, line.Max)
		}
		var view statistics.ProvinceCommuneView
		r := e.do(ag, "GET", "/api/v1/province/communes/"+itoa(line.ID)+"?period=2024-M9", nil)
		r.decode(&view)
		if r.Code != http.StatusOK || !reflect.DeepEqual(view.Dashboard.Tasks, dash.Tasks) ||
			len(view.Dashboard.ByUnit) != len(dash.ByUnit) || view.Indicators.Score != line.Score {
			t.Errorf("drill-down of %s: %d %s", line.Name, r.Code, r.Body)
		}
		for _, secret := range []string{"@", "phone", "attachment", "/tep/"} {
			if strings.Contains(r.Body.String(), secret) {
				t.Errorf("drill-down of %s says %q: %s", line.Name, secret, r.Body)
			}
		}
		// Another province: neither the commune nor its figures.
		if r := e.do(kg, "GET", "/api/v1/province/communes/"+itoa(line.ID), nil); r.Code != http.StatusNotFound {
			t.Errorf("Kiên Giang opens %s: %d", line.Name, r.Code)
		}
	}
	if o.Total.Total != o.Communes[0].Tasks.Total+o.Communes[1].Tasks.Total {
		t.Errorf("total %+v", o.Total)
	}
	// The table as a spreadsheet: the same lines, the total last.
	x := e.do(ag, "GET", "/api/v1/province/overview?format=xlsx", nil)
	book, err := excelize.OpenReader(x.Body)
	if x.Code != http.StatusOK || err != nil {
		t.Fatalf("xlsx: %d %v", x.Code, err)
	}
	rows, _ := book.GetRows("Tổng hợp")
	if len(rows) != 5 || rows[2][0] != o.Communes[0].Name || rows[4][0] != "Toàn tỉnh" || rows[4][1] != itoa(int64(o.Total.Total)) {
		t.Errorf("xlsx rows: %q", rows)
	}
	e.do(kg, "GET", "/api/v1/province/overview", nil).decode(&o)
	if len(o.Communes) != 0 {
		t.Errorf("Kiên Giang sees %+v", o.Communes)
	}
	// A province account still reads no commune's rows directly.
	if r := e.do(ag, "GET", "/api/v1/reports/2024-M9/versions", nil); r.Code != http.StatusForbidden {
		t.Errorf("province account on a commune route: %d", r.Code)
	}
}

// TestSentReportVersions: the chairman sends the nine months' report, the
// province sees version 1 and its files; a correction is version 2
// replacing 1; a retry with the same Idempotency-Key records nothing more;
// the other commune and the other province see neither.
func TestSentReportVersions(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ag, kg := provinceAccounts(t, e)
	someWork(t, e)
	chair := user(e.A, models.RoleChairman)

	r := e.do(chair, "POST", "/api/v1/reports/2024-M9/send", nil, "Idempotency-Key", "gui-9-thang")
	if r.Code != http.StatusCreated {
		t.Fatalf("send: %d %s", r.Code, r.Body)
	}
	var v1 statistics.ReportVersion
	r.decode(&v1)
	if v1.Version != 1 || v1.ReplacesVersion != nil || len(v1.Files) != 3 || !v1.SentAt.Equal(testfix.Now) {
		t.Fatalf("version 1: %+v", v1)
	}
	// A retry (lost answer) replays the first answer and sends nothing more.
	if r := e.do(chair, "POST", "/api/v1/reports/2024-M9/send", nil, "Idempotency-Key", "gui-9-thang"); r.Code != http.StatusCreated ||
		r.Header().Get("Idempotent-Replayed") != "true" {
		t.Fatalf("retry: %d %v %s", r.Code, r.Header(), r.Body)
	}
	var list struct {
		Items []statistics.ReportVersion `json:"items"`
	}
	e.do(ag, "GET", "/api/v1/province/reports?period=2024-M9", nil).decode(&list)
	if len(list.Items) != 1 || list.Items[0].Version != 1 || list.Items[0].CommuneID != e.A.Info.ID {
		t.Fatalf("province sees: %+v", list.Items)
	}
	for _, f := range list.Items[0].Files {
		r := e.do(ag, "GET", f.URL, nil)
		if f.Format == "json" {
			var sent statistics.Report
			r.decode(&sent)
			if sent.Period.Code != "2024-M9" || len(sent.Quality) != 0 || sent.Tasks.Total.Total == 0 {
				t.Errorf("the content as sent: %.300s", r.Body)
			}
		} else if r.Code != http.StatusOK || r.Body.Len() < 1000 || !strings.HasPrefix(r.Body.String(), "PK") {
			t.Errorf("province downloads %s: %d, %d bytes", f.URL, r.Code, r.Body.Len())
		}
		for _, other := range []string{kg, user(e.B, models.RoleChairman)} {
			if r := e.do(other, "GET", f.URL, nil); r.Code != http.StatusNotFound {
				t.Errorf("%s downloads %s: %d", other, f.URL, r.Code)
			}
		}
	}

	// A correction: version 2, replacing 1, with its reason.
	r = e.do(chair, "POST", "/api/v1/reports/2024-M9/send", map[string]any{"note": "Bổ sung số liệu hồ sơ"})
	var v2 statistics.ReportVersion
	r.decode(&v2)
	if r.Code != http.StatusCreated || v2.Version != 2 || v2.ReplacesVersion == nil || *v2.ReplacesVersion != 1 {
		t.Fatalf("correction: %d %s", r.Code, r.Body)
	}
	e.do(ag, "GET", "/api/v1/province/reports?period=2024-M9", nil).decode(&list)
	if len(list.Items) != 1 || list.Items[0].Version != 2 || *list.Items[0].ReplacesVersion != 1 {
		t.Fatalf("province sees after the correction: %+v", list.Items)
	}
	var pv statistics.PeriodVersions
	e.do(user(e.A, models.RoleTeamMember), "GET", "/api/v1/reports/2024-M9/versions", nil).decode(&pv)
	if len(pv.Versions) != 2 || pv.Versions[0].Version != 2 {
		t.Fatalf("commune's versions: %+v", pv.Versions)
	}
	e.do(user(e.B, models.RoleChairman), "GET", "/api/v1/reports/2024-M9/versions", nil).decode(&pv)
	if len(pv.Versions) != 0 {
		t.Fatalf("the other commune sees %+v", pv.Versions)
	}
	e.do(kg, "GET", "/api/v1/province/reports?period=2024-M9", nil).decode(&list)
	if len(list.Items) != 0 {
		t.Fatalf("Kiên Giang sees %+v", list.Items)
	}
	var o statistics.ProvinceOverview
	e.do(ag, "GET", "/api/v1/province/overview?period=2024-M9", nil).decode(&o)
	for _, c := range o.Communes {
		if want := map[bool]string{true: "sent", false: "not_started"}[c.ID == e.A.Info.ID]; c.Report.State != want ||
			(want == "sent" && c.Report.Version != 2) {
			t.Errorf("%s: %+v", c.Name, c.Report)
		}
	}
	// The sender is audited; the province was told (its inbox of sent reports).
	notices, err := e.Store.ProvinceNotices(context.Background(), provinceActor(t, e, ag), true)
	if err != nil || len(notices) != 2 {
		t.Fatalf("notices: %v %+v", err, notices)
	}
}

// provinceActor signs the province account in through the store.
func provinceActor(t *testing.T, e *env, name string) *models.Actor {
	t.Helper()
	a, err := e.Store.Authenticate(context.Background(), e.token(name), "")
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// TestReportDeadlineRemindsAndMarksLate: the province sets the nine
// months' deadline; the chairman is reminded (report_due) before it; once
// it has passed the province page marks the commune missing, and a report
// sent after it late.
func TestReportDeadlineRemindsAndMarksLate(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ag, _ := provinceAccounts(t, e)
	chair := user(e.A, models.RoleChairman)
	if r := e.do(ag, "PUT", "/api/v1/province/report-deadlines/2024-M9", map[string]any{"due_on": "2024-10-02"}); r.Code != http.StatusOK {
		t.Fatalf("deadline: %d %s", r.Code, r.Body)
	}
	if r := e.do(ag, "PUT", "/api/v1/province/report-deadlines/2024-M9", map[string]any{"due_on": "2023-01-01"}); r.Code != http.StatusBadRequest ||
		r.problem().Errors[0].Field != "due_on" {
		t.Fatalf("a deadline before the period: %d %s", r.Code, r.Body)
	}
	var pv statistics.PeriodVersions
	e.do(chair, "GET", "/api/v1/reports/2024-M9/versions", nil).decode(&pv)
	if pv.DueOn == nil || pv.DueOn.String() != "2024-10-02" {
		t.Fatalf("the commune sees the deadline: %+v", pv)
	}
	remind := func(at time.Time) []deadlines.Delivery {
		t.Helper()
		if _, err := (jobs.Reminders{Store: e.JobsStore(t)}).Run(context.Background(), at); err != nil {
			t.Fatal(err)
		}
		var page models.Page[deadlines.Delivery]
		e.do(chair, "GET", "/api/v1/deliveries?limit=200", nil).decode(&page)
		var out []deadlines.Delivery
		for _, d := range page.Items {
			if d.Kind == models.KindReportDue {
				out = append(out, d)
			}
		}
		return out
	}
	if got := remind(testfix.Now); len(got) != 1 {
		t.Fatalf("30/9, two days before: %+v", got)
	}
	if got := remind(testfix.Now.Add(2 * time.Hour)); len(got) != 1 {
		t.Fatalf("a second run queues nothing more: %+v", got)
	}
	late := testfix.Now.AddDate(0, 0, 3) // 3 October
	e.Clock.Set(late)
	var o statistics.ProvinceOverview
	e.do(ag, "GET", "/api/v1/province/overview?period=2024-M9", nil).decode(&o)
	for _, c := range o.Communes {
		if !c.Report.Missing || c.Report.Late {
			t.Errorf("%s after the deadline: %+v", c.Name, c.Report)
		}
	}
	if got := remind(late); len(got) != 2 {
		t.Fatalf("the day after: one more reminder, %+v", got)
	}
	e.do(chair, "POST", "/api/v1/reports/2024-M9/send", nil)
	e.do(ag, "GET", "/api/v1/province/overview?period=2024-M9", nil).decode(&o)
	for _, c := range o.Communes {
		if c.ID == e.A.Info.ID && (c.Report.State != "sent" || !c.Report.Late || c.Report.Missing) {
			t.Errorf("sent after the deadline: %+v", c.Report)
		}
	}
	// In January the page opens on last year's report when its deadline is near.
	e.Clock.Set(time.Date(2025, 1, 5, 9, 0, 0, 0, models.VietnamTime))
	delete(e.tokens, ag) // the session of September has expired
	o = statistics.ProvinceOverview{}
	e.do(ag, "GET", "/api/v1/province/overview", nil).decode(&o)
	if o.Period.Code != "2025-Q1" {
		t.Errorf("5/1/2025 with no deadline near: %s", o.Period.Code)
	}
	if r := e.do(ag, "PUT", "/api/v1/province/report-deadlines/2024-Y", map[string]any{"due_on": "2025-01-15"}); r.Code != http.StatusOK {
		t.Fatalf("the year's deadline: %d %s", r.Code, r.Body)
	}
	e.do(ag, "GET", "/api/v1/province/overview", nil).decode(&o)
	if o.Period.Code != "2024-Y" || o.Deadline == nil {
		t.Errorf("5/1/2025 with the year's report due on 15/1: %s %+v", o.Period.Code, o.Deadline)
	}
}

// TestProvinceEqualsDashboardsOnTheDemo: on the demo (30/9/2024), the demo
// province account's page shows both demo communes, each with the figures
// its chairman's dashboard shows for the same period, for every period.
func TestProvinceEqualsDashboardsOnTheDemo(t *testing.T) {
	t.Parallel()
	e := dataEnv(t, func(dsn string) {
		db, err := config.ConnectApp(context.Background(), dsn)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		if _, err := demo.Load(context.Background(), db, demo.Options{Password: testfix.Password,
			PasswordParams: models.TestPasswordParams}); err != nil {
			t.Fatal(err)
		}
	})
	chairOf := map[int64]string{}
	for _, who := range []string{"chutich", "chutich2"} {
		var me struct{ Commune models.CommuneInfo }
		e.do(who, "GET", "/api/v1/me", nil).decode(&me)
		chairOf[me.Commune.ID] = who
	}
	nonEmpty := false
	for _, period := range []string{"2024-M9", "2024-Q3", "2024-H1", "2024-Y", "2023-Y"} {
		var o statistics.ProvinceOverview
		if r := e.do("tinhag", "GET", "/api/v1/province/overview?period="+period, nil); r.Code != http.StatusOK {
			t.Fatalf("%s: %d %s", period, r.Code, r.Body)
		} else {
			r.decode(&o)
		}
		if len(o.Communes) != 2 {
			t.Fatalf("%s: communes %+v", period, o.Communes)
		}
		// The demo's province awaits the nine months' report by 2 October.
		if (period == "2024-M9") != (o.Deadline != nil && o.Deadline.DueOn.String() == "2024-10-02") {
			t.Errorf("%s: deadline %+v", period, o.Deadline)
		}
		for _, line := range o.Communes {
			var dash statistics.Dashboard
			e.do(chairOf[line.ID], "GET", "/api/v1/dashboard?period="+period, nil).decode(&dash)
			var rep statistics.Report
			e.do(chairOf[line.ID], "GET", "/api/v1/reports?period="+period, nil).decode(&rep)
			if !reflect.DeepEqual(line.Tasks, dash.Tasks) || line.Score != rep.Indicators.Score ||
				line.NoData != rep.Indicators.Missing {
				t.Errorf("%s %s: province %+v score %v (%d without data); dashboard %+v, report score %v (%d)", period,
					line.Name, line.Tasks, line.Score, line.NoData, dash.Tasks, rep.Indicators.Score, rep.Indicators.Missing)
			}
			nonEmpty = nonEmpty || line.Tasks.Total > 0 && line.Score > 0
		}
	}
	if !nonEmpty {
		t.Fatal("the demo gave the province nothing to compare")
	}
}

// TestProvinceEqualsDashboardsOnGeneratedData: over benchgen's tiny preset
// spread over two provinces, each province account sees exactly its own
// communes, each with its dashboard's figures.
func TestProvinceEqualsDashboardsOnGeneratedData(t *testing.T) {
	t.Parallel()
	o := benchgen.Presets["tiny"]
	o.Provinces = 2
	e := dataEnv(t, func(dsn string) {
		owner := sqlx.MustConnect("postgres", dsn)
		defer owner.Close()
		jobsDB, err := config.ConnectAs(context.Background(), dsn, config.JobsRole, 2)
		if err != nil {
			t.Fatal(err)
		}
		defer jobsDB.Close()
		o.Password, o.PasswordParams = testfix.Password, models.TestPasswordParams
		if _, err := benchgen.Generate(context.Background(), owner, jobsDB, o); err != nil {
			t.Fatal(err)
		}
	})
	seen := 0
	for p := 1; p <= o.Provinces; p++ {
		var ov statistics.ProvinceOverview
		e.do(benchgen.ProvinceUsername(p), "GET", "/api/v1/province/overview?period=2024-M9", nil).decode(&ov)
		for _, line := range ov.Communes {
			n, _ := strconv.Atoi(strings.TrimPrefix(line.Code, benchgen.CodePrefix))
			if (n-1)%o.Provinces+1 != p {
				t.Errorf("%s sees %s of another province", benchgen.ProvinceUsername(p), line.Code)
			}
			var dash statistics.Dashboard
			e.do(benchgen.Username(n, 0), "GET", "/api/v1/dashboard?period=2024-M9", nil).decode(&dash)
			if !reflect.DeepEqual(line.Tasks, dash.Tasks) || dash.Tasks.Total == 0 {
				t.Errorf("%s: province %+v, dashboard %+v", line.Code, line.Tasks, dash.Tasks)
			}
			seen++
		}
	}
	if seen != o.Communes {
		t.Errorf("the provinces saw %d communes of %d", seen, o.Communes)
	}
}
