package statistics

import (
	"context"
	"slices"
	"time"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/calendar"
	"github.com/tiendo/tiendo/models/deadlines"
	"github.com/tiendo/tiendo/models/plans"
)

// The province's page (issue 20): every commune of the province on one line
// with the figures its own dashboard shows for the same period (the same
// dashboardIn, so the same Tally), its Decision 766 score and the state of
// the period's report. All of it is read in the province's transaction,
// through the province_read policies (migrations 00010 and 00032).

// ProvinceOverview is the province page's table.
type ProvinceOverview struct {
	Province string            `json:"province"`
	Period   Period            `json:"period"`
	Today    calendar.Date     `json:"today"`
	Deadline *ReportDeadline   `json:"deadline"`
	Communes []ProvinceCommune `json:"communes"`
	Total    plans.Tally       `json:"total"`
}

// ProvinceCommune is one commune's line.
type ProvinceCommune struct {
	ID     int64         `json:"id"`
	Code   string        `json:"code"`
	Name   string        `json:"name"`
	Kind   string        `json:"kind"`
	AsOf   calendar.Date `json:"as_of"`
	Tasks  plans.Tally   `json:"tasks"`
	Score  float64       `json:"score_766"`
	Max    float64       `json:"score_766_max"`
	NoData int           `json:"indicators_without_data"`
	Report ReportState   `json:"report"`
}

// ReportState is where a commune's report of the period stands:
// not_started, draft (the chairman has written some of it) or sent; Late
// when it was first sent after the deadline, Missing when the deadline has
// passed and nothing was sent.
type ReportState struct {
	State     string     `json:"state"`
	Version   int        `json:"version"`
	VersionID int64      `json:"version_id"`
	SentAt    *time.Time `json:"sent_at"`
	Late      bool       `json:"late"`
	Missing   bool       `json:"missing"`
}

type reportStateRow struct {
	CommuneID   int64      `db:"commune_id"`
	Drafted     bool       `db:"drafted"`
	FirstSentAt *time.Time `db:"first_sent_at"`
	LastID      *int64     `db:"last_id"`
	LastVersion *int       `db:"last_version"`
	LastSentAt  *time.Time `db:"last_sent_at"`
}

// CurrentReportPeriod is the period whose report is being prepared on day
// today: of the year's quarters, halves, nine months and the year, the one
// containing today that ends first, the longer one on a tie (30 September:
// the nine months, not the third quarter).
func CurrentReportPeriod(today calendar.Date) Period {
	var best Period
	for _, k := range []string{"Y", "M9", "H1", "H2", "Q1", "Q2", "Q3", "Q4"} {
		p, _ := namedPeriod(today.Year, k)
		if today.Before(p.Start) || today.After(p.End) {
			continue
		}
		if best.Code == "" || p.End.Before(best.End) || (p.End == best.End && p.Start.Before(best.Start)) {
			best = p
		}
	}
	return best
}

// ProvinceOverview reads the province page for period p.
func (s *Store) ProvinceOverview(ctx context.Context, a *models.Actor, p Period) (*ProvinceOverview, error) {
	if !a.IsProvinceViewer() {
		return nil, models.ErrForbidden
	}
	communes, cals, err := s.provinceCommunes(ctx, a.Commune.Province)
	if err != nil {
		return nil, err
	}
	now := s.Clock().Now()
	out := &ProvinceOverview{Province: a.Commune.Province, Period: p, Communes: []ProvinceCommune{},
		Today: calendar.DateOf(now.In(models.VietnamTime))}
	err = s.InProvince(ctx, a.Commune.Province, func(t *models.Tx) error {
		var states []reportStateRow
		if err := t.Bind(s.sentQ.States).Select(&states, a.Commune.Province, p.Start, p.End); err != nil {
			return err
		}
		if out.Deadline, err = s.deadlineIn(t, a.Commune.Province, p); err != nil {
			return err
		}
		out.Communes, err = s.communeLines(t, a, p, communes, cals, func(c models.CommuneInfo, today calendar.Date) ReportState {
			return reportState(states, c.ID, out.Deadline, today, c)
		})
		return err
	})
	if err != nil {
		return nil, err
	}
	out.Total = sumTallies(out.Communes)
	return out, nil
}

// communeLines are the communes' lines, each with its report's state.
func (s *Store) communeLines(t *models.Tx, a *models.Actor, p Period, communes []models.CommuneInfo,
	cals map[int64]*calendar.Calendar, state func(models.CommuneInfo, calendar.Date) ReportState) ([]ProvinceCommune, error) {
	now := s.Clock().Now()
	out := make([]ProvinceCommune, 0, len(communes))
	for _, c := range communes {
		w := deadlines.WindowAt(c, cals[c.ID], now)
		line, err := s.communeLine(t, a.Viewing(c), p, w, cals[c.ID])
		if err != nil {
			return nil, err
		}
		line.Report = state(c, w.Today)
		out = append(out, *line)
	}
	return out, nil
}

// communeLine is one commune's figures: its dashboard's tally for p and its
// Decision 766 score.
func (s *Store) communeLine(t *models.Tx, v *models.Actor, p Period, w deadlines.Window, cal *calendar.Calendar) (*ProvinceCommune, error) {
	d, err := s.dashboardIn(t, v, ReportOptions{Period: p}, w, cal)
	if err != nil {
		return nil, err
	}
	ind, err := s.indicatorResults(t, v, p, w)
	if err != nil {
		return nil, err
	}
	c := v.Commune
	return &ProvinceCommune{ID: c.ID, Code: c.Code, Name: c.Name, Kind: c.Kind, AsOf: d.AsOf, Tasks: d.Tasks,
		Score: ind.Score, Max: ind.MaxTotal, NoData: ind.Missing}, nil
}

// reportState reads a commune's state from the rows of province-report-states.
func reportState(rows []reportStateRow, communeID int64, dl *ReportDeadline, today calendar.Date, c models.CommuneInfo) ReportState {
	st := ReportState{State: "not_started"}
	for _, r := range rows {
		if r.CommuneID != communeID {
			continue
		}
		if r.Drafted {
			st.State = "draft"
		}
		if r.LastID != nil {
			st.State, st.VersionID, st.Version, st.SentAt = "sent", *r.LastID, *r.LastVersion, r.LastSentAt
			st.Late = dl != nil && calendar.DateOf(r.FirstSentAt.In(c.Location())).After(dl.DueOn)
		}
	}
	st.Missing = st.State != "sent" && dl != nil && today.After(dl.DueOn)
	return st
}

// sumTallies is the province's total: the communes' counts added, and the
// rates derived from the sums by the one definition (plans.TallyOf).
func sumTallies(lines []ProvinceCommune) plans.Tally {
	counts, extended := plans.NewStatusCounts(), 0
	for _, l := range lines {
		for st, n := range l.Tasks.StatusCounts() {
			if st != "total" {
				counts.Add(st, n)
			}
		}
		extended += l.Tasks.Extended
	}
	t := plans.TallyOf(counts)
	t.Extended = extended
	return t
}

// sortCommunes orders communes by name as Vietnamese sorts them.
func sortCommunes(cs []models.CommuneInfo) {
	col := collate.New(language.Vietnamese)
	slices.SortStableFunc(cs, func(a, b models.CommuneInfo) int { return col.CompareString(a.Name, b.Name) })
}

// provinceCommunes are the communes of province, in the roll-up's order,
// with their working-day calendars.
func (s *Store) provinceCommunes(ctx context.Context, province string) ([]models.CommuneInfo, map[int64]*calendar.Calendar, error) {
	all, err := s.Communes(ctx)
	if err != nil {
		return nil, nil, err
	}
	var out []models.CommuneInfo
	for _, c := range all {
		if c.Province == province {
			out = append(out, c)
		}
	}
	sortCommunes(out)
	cals, err := s.CalendarsAt(ctx, out)
	if err != nil {
		return nil, nil, err
	}
	for _, c := range out {
		if cals[c.ID] == nil {
			cals[c.ID] = s.BuildCalendar(nil)
		}
	}
	return out, cals, nil
}

// ReportStateLabels name the states of a period's report for people.
var ReportStateLabels = map[string]models.Label{
	"not_started": {VI: "Chưa lập", EN: "Not started"},
	"draft":       {VI: "Đang soạn", EN: "Draft"},
	"sent":        {VI: "Đã gửi", EN: "Sent"},
}

// Text is the state as one Vietnamese phrase: "Đã gửi ngày 18/09/2024
// (bản 2), nộp muộn", "Chưa lập, quá hạn nộp".
func (st ReportState) Text() string {
	out := ReportStateLabels[st.State].VI
	if st.SentAt != nil {
		out += " ngày " + st.SentOn().VN()
		if st.Version > 1 {
			out += " (bản " + models.Itoa(st.Version) + ")"
		}
	}
	switch {
	case st.Late:
		out += ", nộp muộn"
	case st.Missing:
		out += ", quá hạn nộp"
	}
	return out
}

// SentOn is the day (in Vietnam) the latest version was sent; zero if none.
func (st ReportState) SentOn() calendar.Date {
	if st.SentAt == nil {
		return calendar.Date{}
	}
	return calendar.DateOf(st.SentAt.In(models.VietnamTime))
}
