package statistics

import (
	"context"
	"time"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/calendar"
)

// Narrative is what the chairman writes into a period's report, in the
// five sections of a Vietnamese period report. Version 0 means nothing has
// been written yet.
type Narrative struct {
	Period      string        `json:"period" db:"period"`
	PeriodStart calendar.Date `json:"period_start" db:"period_start"`
	PeriodEnd   calendar.Date `json:"period_end" db:"period_end"`
	NarrativeInput
	Version   int        `json:"version" db:"version"`
	UpdatedAt *time.Time `json:"updated_at" db:"updated_at"`
	ID        int64      `json:"-" db:"id"`
}

// NarrativeInput is the body of PUT /reports/{period}/narrative: the five
// sections, each free text (empty: not written).
type NarrativeInput struct {
	Results     string `json:"results" db:"results"`         // Kết quả đạt được
	Limitations string `json:"limitations" db:"limitations"` // Tồn tại, hạn chế
	Causes      string `json:"causes" db:"causes"`           // Nguyên nhân
	Directions  string `json:"directions" db:"directions"`   // Phương hướng, nhiệm vụ thời gian tới
	Proposals   string `json:"proposals" db:"proposals"`     // Kiến nghị, đề xuất
}

// NarrativeSections name the five fields as a report prints them, in order.
var NarrativeSections = []struct{ Field, Title string }{
	{"results", "Kết quả đạt được"}, {"limitations", "Tồn tại, hạn chế"}, {"causes", "Nguyên nhân"},
	{"directions", "Phương hướng, nhiệm vụ thời gian tới"}, {"proposals", "Kiến nghị, đề xuất"},
}

// Text is the section named by field.
func (in NarrativeInput) Text(field string) string {
	return map[string]string{"results": in.Results, "limitations": in.Limitations, "causes": in.Causes,
		"directions": in.Directions, "proposals": in.Proposals}[field]
}

// maxNarrative bounds one section: a few pages of text.
const maxNarrative = 20000

// Validate cleans every section (NFC, trimmed) and names each one too long.
func (in *NarrativeInput) Validate() error {
	v := &models.ValidationError{}
	for _, f := range []struct {
		name string
		s    *string
	}{{"results", &in.Results}, {"limitations", &in.Limitations}, {"causes", &in.Causes},
		{"directions", &in.Directions}, {"proposals", &in.Proposals}} {
		*f.s = models.CleanText(*f.s)
		models.CheckText(v, f.name, *f.s, maxNarrative, false)
	}
	return v.Err()
}

// ReportNarrative reads the narrative of period p; an empty one (version 0)
// when nothing was written. Every member may read it, as the report.
func (s *Store) ReportNarrative(ctx context.Context, a *models.Actor, p Period) (*Narrative, error) {
	if !a.CanReadStats() {
		return nil, models.ErrForbidden
	}
	var n *Narrative
	err := s.InCommune(ctx, a.CommuneID, func(t *models.Tx) (err error) {
		n, err = s.narrativeIn(t, a.CommuneID, p, false)
		return err
	})
	return n, err
}

// narrativeIn reads (and with lock, locks) the narrative of p.
func (s *Store) narrativeIn(t *models.Tx, communeID int64, p Period, lock bool) (*Narrative, error) {
	stmt := s.repQ.Narrative
	if lock {
		stmt = s.repQ.NarrativeLock
	}
	n := &Narrative{Period: p.Code, PeriodStart: p.Start, PeriodEnd: p.End}
	if err := t.Bind(stmt).Get(n, communeID, p.Start, p.End); err != nil && models.NotFound(err) != models.ErrNotFound {
		return nil, err
	}
	return n, nil
}

// PutReportNarrative writes the narrative of p. Those who manage the
// report (the chairmen, the admin) may; ifMatch (0: any) must be the
// current version.
func (s *Store) PutReportNarrative(ctx context.Context, a *models.Actor, p Period, ifMatch int, in NarrativeInput) (*Narrative, error) {
	if !a.CanWriteNarrative() {
		return nil, models.ErrForbidden
	}
	var out *Narrative
	err := s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		cur, err := s.narrativeIn(t, a.CommuneID, p, true)
		if err != nil {
			return err
		}
		if err := models.CheckIfMatch(ifMatch, cur.Version); err != nil {
			return err
		}
		if err := in.Validate(); err != nil {
			return err
		}
		out = &Narrative{}
		if err := t.Bind(s.repQ.UpsertNarrative).Get(out, a.CommuneID, p.Code, p.Start, p.End, in.Results,
			in.Limitations, in.Causes, in.Directions, in.Proposals, models.NullID(a.UserID), s.Clock().Now()); err != nil {
			return err
		}
		return s.Audit(t, a, "update", "report_narrative", out.ID, cur, out)
	})
	return out, err
}
