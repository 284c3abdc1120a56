package pages

import (
	"cmp"
	"errors"
	"net/http"
	"slices"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/tiendo/tiendo/handlers/httpx"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/statistics"
)

// indicatorsData is the Data of the indicators page.
type indicatorsData struct {
	Year     int
	Years    []int
	Periods  []statistics.Period // the columns: periods of the year with a value recorded
	Groups   []indicatorGroupView
	Options  []choice      // the form's choice of indicator: code and name
	PeriodOf []periodGroup // the form's choice of period
	CanWrite bool
}

// indicatorGroupView is one Decision 766 group with its indicators.
type indicatorGroupView struct {
	Name      string
	MaxPoints float64
	Rows      []indicatorRow
}

// indicatorRow is one indicator with its values per period and the score
// of the latest one.
type indicatorRow struct {
	statistics.Indicator
	Name   string
	Values []*statistics.IndicatorValue // one per column of Periods, nil where none
	Latest *statistics.IndicatorValue
	// Assessment judges the latest value: points by the 766 threshold,
	// đạt / chưa đạt by the commune's target of the year.
	Assessment statistics.Assessment
	// ScoreText and TargetText are the assessment in the page's language.
	ScoreText, TargetText string
}

// indicatorsPage lists the commune's indicators with the year's targets,
// the values recorded per period and the Decision 766 score of the latest
// one, and (for those who may record statistics) the form to record one.
func (h *Handler) indicatorsPage(c *gin.Context) error {
	f, year := h.recordQuery(c)
	return h.showIndicators(c, http.StatusOK, year, f)
}

// indicatorValueSubmit records one value from the form. Whoever may not
// record statistics gets the API's 403; an unknown indicator or period and
// the model's validation errors come back beside their fields.
func (h *Handler) indicatorValueSubmit(c *gin.Context) error {
	a := httpx.Actor(c)
	f, p, year, err := h.statsForm(c)
	if err != nil {
		return err
	}
	in := statistics.ValueInput{Rate: f.parseNumber("rate"), Numerator: f.parseNumber("numerator"),
		Denominator: f.parseNumber("denominator"), AsOf: f.parseDate("as_of"), Source: f.Value("source"),
		Note: f.Value("note")}
	if f.Value("indicator") == "" {
		f.add("indicator", "cần chọn chỉ tiêu")
	}
	if f.Invalid() {
		err := in.Validate()
		if f.Error("numerator") != "" || f.Error("denominator") != "" { // typed, but not as a number
			err = dropFindings(err, "denominator/incomplete", "rate/required")
		}
		f.addMissing(err)
	} else {
		_, err := h.Store.RecordValue(c.Request.Context(), a, f.Value("indicator"), p, in)
		switch {
		case err == nil:
			redirect(c, "/chi-tieu?year="+strconv.Itoa(year)+"&flash=saved#ind-"+f.Value("indicator"))
			return nil
		case errors.Is(err, models.ErrNotFound):
			f.add("indicator", "không có chỉ tiêu này")
		case !f.addError(err):
			return err
		}
	}
	return h.showIndicators(c, http.StatusUnprocessableEntity, year, f)
}

// showIndicators renders the page for year with the form f.
func (h *Handler) showIndicators(c *gin.Context, status, year int, f *form) error {
	ctx, a := c.Request.Context(), httpx.Actor(c)
	cat, err := h.Store.Indicators(ctx, a, year)
	if err != nil {
		return err
	}
	vals, err := h.Store.IndicatorValues(ctx, a, "", year)
	if err != nil {
		return err
	}
	lang := pageLang(c)
	d := &indicatorsData{Year: year, Years: recentYears(h.Today(a)), Periods: valuePeriods(vals),
		PeriodOf: periodGroups(lang), CanWrite: a.CanRecordStats()}
	for _, ind := range cat.All() {
		d.Options = append(d.Options, choice{Code: ind.Code, Label: localName(lang, ind.NameVI, ind.NameEN)})
	}
	for _, g := range cat.Groups {
		gv := indicatorGroupView{Name: localName(lang, g.NameVI, g.NameEN), MaxPoints: g.MaxPoints}
		for _, ind := range g.Indicators {
			gv.Rows = append(gv.Rows, newIndicatorRow(lang, year, ind, d.Periods, vals))
		}
		d.Groups = append(d.Groups, gv)
	}
	h.render(c, status, "indicators", &view{Title: "Chỉ tiêu", Nav: "indicators", Form: f, Data: d})
	return nil
}

// newIndicatorRow places ind's values under their columns and scores the
// latest (the longest period of the last end date: 9 months before Q3).
func newIndicatorRow(lang string, year int, ind statistics.Indicator, periods []statistics.Period, vals []statistics.IndicatorValue) indicatorRow {
	row := indicatorRow{Indicator: ind, Name: localName(lang, ind.NameVI, ind.NameEN),
		Values: make([]*statistics.IndicatorValue, len(periods))}
	for i := range vals {
		v := &vals[i]
		if v.Indicator != ind.Code {
			continue
		}
		if col := slices.IndexFunc(periods, func(p statistics.Period) bool { return p.Code == v.Period }); col >= 0 {
			row.Values[col] = v
		}
		if row.Latest == nil || newerValue(v, row.Latest) {
			row.Latest = v
		}
	}
	var latest *float64
	if row.Latest != nil {
		latest = &row.Latest.Value
	}
	row.Assessment = statistics.Assess(ind, year, latest)
	row.ScoreText, row.TargetText = row.Assessment.Words(wording(lang))
	return row
}

func newerValue(v, than *statistics.IndicatorValue) bool {
	if c := v.PeriodEnd.Compare(than.PeriodEnd); c != 0 {
		return c > 0
	}
	return v.PeriodStart.Before(than.PeriodStart)
}

// valuePeriods are the distinct periods of vals, by end date, the longer
// first among those ending together.
func valuePeriods(vals []statistics.IndicatorValue) []statistics.Period {
	var out []statistics.Period
	for _, v := range vals {
		if slices.ContainsFunc(out, func(p statistics.Period) bool { return p.Code == v.Period }) {
			continue
		}
		if p, err := statistics.ParsePeriod(v.Period); err == nil {
			out = append(out, p)
		}
	}
	slices.SortFunc(out, func(a, b statistics.Period) int {
		return cmp.Or(a.End.Compare(b.End), a.Start.Compare(b.Start))
	})
	return out
}

// localName is the English name on English pages when there is one.
func localName(lang, vi, en string) string {
	if lang == langEN && en != "" {
		return en
	}
	return vi
}

// wording words the models' judgements in the page's language.
func wording(lang string) statistics.Wording {
	return statistics.Wording{
		Tr:      func(format string, args ...any) string { return tr(lang, format, args...) },
		Number:  func(v float64, decimals int) string { return formatNumber(lang, v, decimals) },
		Percent: func(v float64) string { return formatNumber(lang, v, 2) + "%" },
	}
}
