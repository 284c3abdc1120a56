package pages

import (
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tiendo/tiendo/models/calendar"
	"github.com/tiendo/tiendo/models/plans"
	"github.com/tiendo/tiendo/models/statistics"
	"github.com/tiendo/tiendo/models/vn"
	"github.com/tiendo/tiendo/web"
)

func TestFormatNumberVietnamese(t *testing.T) {
	f := 1234567.5
	for _, c := range []struct {
		lang string
		v    any
		dec  int
		want string
	}{
		{langVI, 1234.5, 2, "1.234,5"}, {langVI, 1000000, 0, "1.000.000"}, {langVI, 87.46, 1, "87,5"},
		{langVI, -1234.0, 2, "-1.234"}, {langVI, &f, 2, "1.234.567,5"}, {langVI, (*float64)(nil), 2, "—"},
		{langEN, 1234.5, 2, "1,234.5"}, {langVI, 0.0, 2, "0"}, {langVI, 999, 0, "999"},
	} {
		if got := formatNumber(c.lang, c.v, c.dec); got != c.want {
			t.Errorf("formatNumber(%s, %v) = %q, want %q", c.lang, c.v, got, c.want)
		}
	}
	if got := formatPercent(langVI, 62.5); got != "62,5%" {
		t.Errorf("percent %q", got)
	}
	if got := formatSize(langVI, 3*1<<20+1<<19); got != "3,5 MB" {
		t.Errorf("size %q", got)
	}
}

func TestParseTypedNumbersAndDates(t *testing.T) {
	f := newForm(url.Values{"a": {"1.250"}, "b": {"12,5"}, "c": {"1.234.567,89"}, "d": {"12.5"}, "e": {"abc"},
		"d1": {"30/09/2024"}, "d2": {"2024-09-30"}, "d3": {"30-9-2024"}, "d4": {"30092024"}, "d5": {"31/02/2024"}})
	for name, want := range map[string]float64{"a": 1250, "b": 12.5, "c": 1234567.89, "d": 12.5} {
		if got := f.parseNumber(name); got == nil || *got != want {
			t.Errorf("parseNumber(%s) = %v, want %v", f.Value(name), got, want)
		}
	}
	if f.parseNumber("e") != nil || f.Error("e") == "" {
		t.Error("a word was taken for a number")
	}
	want := calendar.NewDate(2024, 9, 30)
	for _, name := range []string{"d1", "d2", "d3", "d4"} {
		if got := f.parseDate(name); got != want {
			t.Errorf("parseDate(%s) = %v", f.Value(name), got)
		}
	}
	if !f.parseDate("d5").IsZero() || !strings.HasPrefix(f.Error("d5"), "Ngày không hợp lệ") {
		t.Errorf("31/02 accepted: %q", f.Error("d5"))
	}
}

func TestSafeNext(t *testing.T) {
	for in, want := range map[string]string{"/ke-hoach?year=2024": "/ke-hoach?year=2024", "//evil.example": "/",
		`/\evil.example`: "/", "https://evil.example": "/", "": "/", "/dang-nhap?next=/": "/"} {
		if got := safeNext(in); got != want {
			t.Errorf("safeNext(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestStackedBarLeavesOutCancelled(t *testing.T) {
	c := plans.StatusCounts{"done_on_time": 1, "overdue": 3, "cancelled": 4}
	bar := stackedBar(c)
	if len(bar) != 2 || bar[0].Status != "done_on_time" || bar[0].W != 25 || bar[1].X != 25 || bar[1].W != 75 {
		t.Fatalf("bar %+v", bar)
	}
	if stackedBar(plans.StatusCounts{}) != nil {
		t.Fatal("an empty bar has segments")
	}
}

func TestTimelineSpansWholeMonths(t *testing.T) {
	d := calendar.NewDate
	tasks := []plans.Task{{Title: "a", StartOn: d(2024, 9, 10), DueOn: d(2024, 9, 20), Status: "overdue"},
		{Title: "b", StartOn: d(2024, 9, 1), DueOn: d(2024, 11, 30), Status: "not_started"}}
	tl := buildTimeline(tasks, d(2024, 9, 30))
	if len(tl.Ticks) != 3 || tl.Ticks[0].Label != "T9/24" || tl.Ticks[1].Label != "T10" || !tl.ShowToday {
		t.Fatalf("ticks %+v today %v", tl.Ticks, tl.ShowToday)
	}
	if tl.Rows[1].X1 != timelineLeft || tl.Rows[1].X2 > timelineWidth || tl.Rows[0].X2 >= tl.TodayX {
		t.Fatalf("rows %+v today %v", tl.Rows, tl.TodayX)
	}
	if buildTimeline(nil, d(2024, 9, 30)) != nil {
		t.Fatal("a timeline without tasks")
	}
}

// TestTimelineIsBoundedWhateverTheDates: a task stored with absurd dates (as
// before dates were bounded) draws a handful of year ticks, not 120,000.
func TestTimelineIsBoundedWhateverTheDates(t *testing.T) {
	d := calendar.NewDate
	tasks := []plans.Task{{Title: "a", StartOn: d(1, 1, 1), DueOn: d(9999, 12, 31), Status: "not_started"},
		{Title: "b", StartOn: d(2024, 9, 1), DueOn: d(2024, 11, 30), Status: "not_started"}}
	tl := buildTimeline(tasks, d(2024, 9, 30))
	if n := len(tl.Ticks); n == 0 || n > maxTicks+1 {
		t.Fatalf("%d ticks", n)
	}
	for _, tk := range tl.Ticks {
		if tk.X < timelineLeft || tk.X > timelineWidth || tk.Label == "" {
			t.Fatalf("tick %+v", tk)
		}
	}
}

// TestEnglishCatalogueIsUsed keeps the catalogue honest: every entry must be
// text that a template or a page handler still says.
func TestEnglishCatalogueIsUsed(t *testing.T) {
	var all strings.Builder
	_ = fs.WalkDir(web.FS, "templates", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := fs.ReadFile(web.FS, p)
			all.Write(b)
		}
		return nil
	})
	// Pages also translate texts the models hand them (narrative section
	// titles, dossier channels), so the models' sources count as said.
	sources, _ := filepath.Glob("pages*.go")
	models, _ := filepath.Glob("../../models/*.go")
	domains, _ := filepath.Glob("../../models/*/*.go")
	for _, p := range append(append(append(sources, models...), domains...), "../httpx/problem.go") {
		if strings.HasSuffix(p, "_test.go") {
			continue
		}
		b, _ := os.ReadFile(p)
		all.Write(b)
	}
	for vi := range english {
		if !strings.Contains(all.String(), `"`+vi+`"`) {
			t.Errorf("english has %q, which no page says", vi)
		}
	}
}

func TestEveryPageRendersInBothLanguages(t *testing.T) {
	for _, lang := range languages {
		for _, name := range []string{"login", "password", "my_tasks", "report", "task", "plans", "plan",
			"plan_form", "plan_clone", "task_form", "overview", "error", "inbox"} {
			if pageTemplates[lang][name] == nil {
				t.Errorf("%s: page %s is missing", lang, name)
			}
		}
	}
}

func TestTrendPlotsRates(t *testing.T) {
	d := calendar.NewDate
	snaps := []statistics.Snapshot{
		{Day: d(2024, 9, 1), Counts: plans.StatusCounts{"total": 4, "done_on_time": 1, "overdue": 1}},
		{Day: d(2024, 9, 30), Counts: plans.StatusCounts{"total": 4, "done_on_time": 2, "done_late": 2}},
	}
	c := buildTrend("vi", snaps)
	if c == nil || len(c.Rows) != 2 || *c.Rows[1].Rate != 100 || *c.Rows[0].OnTime != 50 ||
		c.Rows[1].RateText != "100%" || c.Rows[0].DayText != "01/09/2024" {
		t.Fatalf("trend %+v", c)
	}
	// 25 % done on the first day, 100 % on the last, left edge to right edge.
	if c.Lines[0].Points != "40.0,147.0 630.0,12.0" {
		t.Fatalf("rate line %q", c.Lines[0].Points)
	}
	if buildTrend("vi", snaps[:1]) != nil {
		t.Fatal("one day drew a line")
	}
}

// TestLatenessSaidOneWay: the task lists and the notices say lateness alike.
func TestLatenessSaidOneWay(t *testing.T) {
	if latenessVI != vn.LatenessFormat {
		t.Fatalf("pages say %q, notices %q", latenessVI, vn.LatenessFormat)
	}
}

// TestDashTasksSayTheFirstDeadline: an extended task on the overview's lists
// says its first deadline (the rows once dropped it) and how late it is.
func TestDashTasksSayTheFirstDeadline(t *testing.T) {
	d := calendar.NewDate
	first := d(2024, 9, 10)
	rows := dashTasks("vi", []statistics.OverdueTask{{ID: 1, Title: "A", DueOn: d(2024, 9, 20), OriginalDueOn: &first},
		{ID: 2, Title: "B", DueOn: d(2024, 10, 3)}}, "overdue", d(2024, 9, 30))
	if rows[0].FirstDue != "10/09/2024" || rows[0].Due != "20/09/2024" || rows[0].Note != "quá hạn 10 ngày" {
		t.Errorf("extended row %+v", rows[0])
	}
	if rows[1].FirstDue != "" {
		t.Errorf("a row never extended says a first deadline: %+v", rows[1])
	}
}
