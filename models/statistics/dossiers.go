package statistics

import (
	"context"
	"math"
	"time"

	"github.com/lib/pq"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/calendar"
)

// Dossier breakdown dimensions.
const (
	DimChannel       = "channel"        // toàn trình, một phần trực tuyến, trực tiếp, BCCI
	DimField         = "field"          // hộ tịch, chứng thực, việc làm…
	DimLinkedGroup   = "linked_group"   // liên thông: birth group, death group
	DimNoAppointment = "no_appointment" // "Ngày không viết – Ngày không hẹn", by field
)

// DossierStats are the one-stop desk's dossier (hồ sơ) counts for a period.
type DossierStats struct {
	ID          int64         `json:"id" db:"id"`
	Period      string        `json:"period" db:"period"`
	PeriodStart calendar.Date `json:"period_start" db:"period_start"`
	PeriodEnd   calendar.Date `json:"period_end" db:"period_end"`
	Received    int           `json:"received" db:"received"`
	// CarriedOver is the backlog from the period before ("kỳ trước chuyển
	// sang"), which the period may also resolve.
	CarriedOver    int  `json:"carried_over" db:"carried_over"`
	Resolved       int  `json:"resolved" db:"resolved"`
	ResolvedOnTime *int `json:"resolved_on_time" db:"resolved_on_time"`
	// NoAppointment is the total of the Thursday model "Ngày không viết –
	// Ngày không hẹn"; its breakdown by field is NoAppointmentLines.
	NoAppointment      *int             `json:"no_appointment" db:"no_appointment"`
	AsOf               calendar.Date    `json:"as_of" db:"as_of"`
	Source             string           `json:"source" db:"source"`
	Note               string           `json:"note" db:"note"`
	RecordedBy         *int64           `json:"recorded_by" db:"recorded_by"`
	RecordedByName     string           `json:"recorded_by_name" db:"recorded_by_name"`
	RecordedAt         time.Time        `json:"recorded_at" db:"recorded_at"`
	Version            int              `json:"version" db:"version"`
	Channels           []DossierLine    `json:"channels" db:"-"`
	Fields             []DossierLine    `json:"fields" db:"-"`
	LinkedGroups       []DossierLine    `json:"linked_groups" db:"-"`
	NoAppointmentLines []DossierLine    `json:"no_appointment_fields" db:"-"`
	ResolvedRate       *float64         `json:"resolved_rate" db:"-"`
	OnTimeRate         *float64         `json:"on_time_rate" db:"-"`
	Warnings           []models.Warning `json:"warnings" db:"-"`
}

// DossierLine is one line of a breakdown. A line with a Parent is "of
// which" (28 of the partly-online dossiers went through BCCI) and is not a
// part of the total.
type DossierLine struct {
	Key      string  `json:"key" db:"key"`
	Label    string  `json:"label" db:"label"`
	Parent   *string `json:"parent" db:"parent_key"`
	Received *int    `json:"received" db:"received"`
	Resolved *int    `json:"resolved" db:"resolved"`
}

type dossierLineRow struct {
	StatID    int64  `db:"stat_id"`
	Dimension string `db:"dimension"`
	DossierLine
}

// DossierStatsOf returns the statistics recorded for exactly period p.
func (s *Store) DossierStatsOf(ctx context.Context, a *models.Actor, p Period) (*DossierStats, error) {
	if !a.CanReadStats() {
		return nil, models.ErrForbidden
	}
	var out *DossierStats
	err := s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		var err error
		out, err = s.DossierStatsIn(t, a.CommuneID, p)
		if err == nil && out == nil {
			err = models.ErrNotFound
		}
		return err
	})
	return out, err
}

// ListDossierStats lists the statistics whose period ends in year.
func (s *Store) ListDossierStats(ctx context.Context, a *models.Actor, year int) ([]DossierStats, error) {
	if !a.CanReadStats() {
		return nil, models.ErrForbidden
	}
	if err := checkStatsYear(year); err != nil {
		return nil, err
	}
	var out []DossierStats
	err := s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		var err error
		out, err = s.dossierStats(t, a.CommuneID, calendar.NewDate(year, 1, 1), calendar.NewDate(year, 12, 31))
		return err
	})
	return out, err
}

// DossierStatsIn reads the record of exactly period p, nil if none.
func (s *Store) DossierStatsIn(t *models.Tx, communeID int64, p Period) (*DossierStats, error) {
	list, err := s.dossierStats(t, communeID, p.End, p.End)
	if err != nil {
		return nil, err
	}
	for i := range list {
		if list[i].PeriodStart == p.Start {
			return &list[i], nil
		}
	}
	return nil, nil
}

// dossierStats reads the records whose period ends in [from, to] with their
// lines, rates and warnings.
func (s *Store) dossierStats(t *models.Tx, communeID int64, from, to calendar.Date) ([]DossierStats, error) {
	out := []DossierStats{}
	if err := t.Bind(s.dosQ.List).Select(&out, communeID, from, to); err != nil {
		return nil, err
	}
	ids := make(pq.Int64Array, len(out))
	byID := map[int64]*DossierStats{}
	for i := range out {
		ids[i], byID[out[i].ID] = out[i].ID, &out[i]
		d := &out[i]
		d.Channels, d.Fields, d.LinkedGroups, d.NoAppointmentLines = []DossierLine{}, []DossierLine{}, []DossierLine{}, []DossierLine{}
	}
	var lines []dossierLineRow
	if err := t.Bind(s.dosQ.Lines).Select(&lines, communeID, ids); err != nil {
		return nil, err
	}
	for _, l := range lines {
		d := byID[l.StatID]
		*d.lines(l.Dimension) = append(*d.lines(l.Dimension), l.DossierLine)
	}
	for i := range out {
		out[i].finish()
	}
	return out, nil
}

// lines is the breakdown of one dimension.
func (d *DossierStats) lines(dim string) *[]DossierLine {
	switch dim {
	case DimChannel:
		return &d.Channels
	case DimField:
		return &d.Fields
	case DimLinkedGroup:
		return &d.LinkedGroups
	}
	return &d.NoAppointmentLines
}

// Finish computes the rates and the warnings.
func (d *DossierStats) finish() {
	d.ResolvedRate = DossierRate(d.Resolved, d.Received, d.CarriedOver)
	if d.ResolvedOnTime != nil {
		d.OnTimeRate = ratio(*d.ResolvedOnTime, d.Resolved)
	}
	d.Warnings = d.check()
}

// DossierRate is the one definition of a resolution rate: resolved over what
// the period had to resolve, its own dossiers received plus the backlog
// carried over, in percent to two decimals; nil when there was nothing. The
// dossier page, every report format and the API all print this figure (a
// breakdown line has no backlog: carriedOver 0).
func DossierRate(resolved, received, carriedOver int) *float64 {
	return ratio(resolved, received+carriedOver)
}

// ratio is part/total in percent to two decimals, nil without a total.
func ratio(part, total int) *float64 {
	if total == 0 {
		return nil
	}
	r := math.Round(float64(part)*10000/float64(total)) / 100
	return &r
}
