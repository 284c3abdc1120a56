package pages

import (
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/tiendo/tiendo/handlers/httpx"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/calendar"
	"github.com/tiendo/tiendo/models/statistics"
)

// The statistics pages: the periodic report (/bao-cao-dinh-ky), the
// indicators of Decision 766 (/chi-tieu), the one-stop desk's dossier counts
// (/ho-so) and the data-quality findings (/chat-luong-du-lieu). They read
// through the same store methods as /api/v1/reports, /indicators, /dossiers
// and /quality, so they answer 403 and 404 exactly as those do.

// periodGroup is an <optgroup> of periods of one kind.
type periodGroup struct {
	Label   string
	Options []choice
}

// periodGroups are the named periods of a year (models.PeriodsOfYear) in
// the page's language.
func periodGroups(lang string) []periodGroup {
	var out []periodGroup
	for _, g := range models.PeriodsOfYear() {
		pg := periodGroup{Label: labelIn(lang, models.PeriodKindLabels, g.Kind)}
		for _, p := range g.Periods {
			pg.Options = append(pg.Options, choice{p.Suffix, p.Label.In(lang == langEN)})
		}
		out = append(out, pg)
	}
	return out
}

// statsYear reads ?year= for a statistics page: this year when absent, and
// an error on the form (the page still shows this year) when it is not a
// Year the store accepts.
func (h *Handler) statsYear(f *form, a *models.Actor) int {
	today := h.Today(a)
	y := f.parseInt("year")
	switch {
	case y == nil:
		return today.Year
	case *y < 2000 || *y > 2100:
		f.add("year", "năm phải từ 2000 đến 2100")
		return today.Year
	}
	return *y
}

// recordQuery reads the query of a page that records figures: its year, and
// the period the form starts on (the latest ended one of that year unless
// ?period= names one).
func (h *Handler) recordQuery(c *gin.Context) (*form, int) {
	a := httpx.Actor(c)
	f := newForm(c.Request.URL.Query())
	year := h.statsYear(f, a)
	if f.Value("period") == "" {
		f.values.Set("period", defaultPeriod(h.Today(a), year))
	}
	return f, year
}

// formPeriod reads a period field holding a full code (2024-M9); a bad or
// missing one is an error on the field.
func formPeriod(f *form, name string) (statistics.Period, bool) {
	if f.Value(name) == "" {
		f.add(name, "cần chọn kỳ báo cáo")
		return statistics.Period{}, false
	}
	p, err := statistics.ParsePeriod(f.Value(name))
	if err != nil {
		f.add(name, "kỳ báo cáo không hợp lệ")
		return statistics.Period{}, false
	}
	return p, true
}

// defaultPeriod is the period a record form starts on: the last provincial
// report period (quarter, 6 or 9 months, year) that ends by today, or
// the first quarter of a year not yet reached.
func defaultPeriod(today calendar.Date, year int) string {
	y := strconv.Itoa(year)
	if year < today.Year {
		return y + "-Y"
	}
	best := y + "-Q1"
	for _, rest := range []string{"Q1", "H1", "Q3", "M9"} {
		if p, err := statistics.ParsePeriod(y + "-" + rest); err == nil && !p.End.After(today) {
			best = p.Code
		}
	}
	return best
}

// recordRef links a record a finding or a warning names to its page.
func recordRef(r statistics.RecordRef, year int) string {
	switch r.Kind {
	case "plan":
		return planURL(r.ID)
	case "task":
		return taskURL(r.ID)
	case "indicator_value":
		return "/chi-tieu?year=" + strconv.Itoa(year)
	case "dossier_stats":
		return "/ho-so?year=" + strconv.Itoa(year)
	}
	return ""
}

// statsForm opens a posted statistics form: the API's 403 for whoever may not
// record statistics, else the form, its period (field errors on f when it is
// not one) and the year the page shows next, the period's or this year.
func (h *Handler) statsForm(c *gin.Context) (*form, statistics.Period, int, error) {
	a := httpx.Actor(c)
	if err := a.MayRecordStats(); err != nil {
		return nil, statistics.Period{}, 0, err
	}
	f := newForm(postForm(c))
	p, ok := formPeriod(f, "period")
	year := h.Today(a).Year
	if ok {
		year = p.Year
	}
	return f, p, year, nil
}
