package statistics

import (
	"context"
	"fmt"
	"time"

	"github.com/lib/pq"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/calendar"
	"github.com/tiendo/tiendo/models/deadlines"
	"github.com/tiendo/tiendo/models/plans"
)

// ProvinceRollup is the province_viewer's view: task results per commune of
// the province and their total.
type ProvinceRollup struct {
	Province string          `json:"province"`
	Year     int             `json:"year"`
	Communes []CommuneRollup `json:"communes"`
	Total    RollupFigures   `json:"total"`
}

// CommuneRollup is one commune's line of a roll-up.
type CommuneRollup struct {
	ID   int64  `json:"id"`
	Code string `json:"code"`
	Name string `json:"name"`
	Kind string `json:"kind"`
	RollupFigures
}

// RollupFigures are status counts and the rates derived from them.
type RollupFigures struct {
	TaskCounts     plans.StatusCounts `json:"task_counts"`
	CompletionRate *float64           `json:"completion_rate"`
	Figures        plans.Tally        `json:"figures"`
}

// ErrProvinceScope refuses a province account anything but its roll-ups.
var ErrProvinceScope = fmt.Errorf("%w: tài khoản cấp tỉnh chỉ xem số liệu tổng hợp của tỉnh", models.ErrForbidden)

type rollupRow struct {
	ID     int64  `db:"id"`
	Code   string `db:"code"`
	Name   string `db:"name"`
	Kind   string `db:"kind"`
	Status string `db:"status"`
	N      int    `db:"n"`
}

// ProvinceRollup counts, for every commune of the actor's province, the
// tasks its yearly report counts (period_tasks for the year, as of today
// or the year's end on each commune's own calendar). Only province
// accounts may ask, and they see counts, never rows. Year 0 is this year.
func (s *Store) ProvinceRollup(ctx context.Context, a *models.Actor, year int) (*ProvinceRollup, error) {
	if !a.IsProvinceViewer() {
		return nil, models.ErrForbidden
	}
	if year != 0 && (year < 1900 || year > 2100) {
		return nil, models.Invalid("year", "out_of_range", "năm phải từ 1900 đến 2100")
	}
	now := s.Clock().Now()
	if year == 0 {
		year = now.In(models.VietnamTime).Year()
	}
	ws, err := s.provinceWindows(ctx, a.Commune.Province, year, now)
	if err != nil {
		return nil, err
	}
	var rows []rollupRow
	err = s.InProvince(ctx, a.Commune.Province, func(t *models.Tx) error {
		return t.Bind(s.provinceQ.Rollup).Select(&rows, a.Commune.Province, ws.ids, ws.asOf, ws.today, ws.soon, ws.tz, year)
	})
	if err != nil {
		return nil, err
	}
	return buildRollup(a.Commune.Province, year, rows), nil
}

// rollupWindows are the per-commune as-of arrays of province-rollup.
type rollupWindows struct {
	ids                   pq.Int64Array
	asOf, today, soon, tz pq.StringArray
}

// provinceWindows is each commune's as-of day for the year: today, or 31
// December once the year is over, with its due-soon horizon.
func (s *Store) provinceWindows(ctx context.Context, province string, year int, now time.Time) (*rollupWindows, error) {
	all, err := s.Communes(ctx)
	if err != nil {
		return nil, err
	}
	var communes []models.CommuneInfo
	for _, c := range all {
		if c.Province == province {
			communes = append(communes, c)
		}
	}
	cals, err := s.CalendarsAt(ctx, communes)
	if err != nil {
		return nil, err
	}
	ws := &rollupWindows{}
	for _, c := range communes {
		cal := cals[c.ID]
		if cal == nil {
			cal = s.BuildCalendar(nil)
		}
		day := minDate(deadlines.WindowAt(c, cal, now).Today, calendar.NewDate(year, time.December, 31))
		end := endOfDay(day, c.Location().String())
		w := deadlines.WindowAt(c, cal, end)
		ws.ids = append(ws.ids, c.ID)
		ws.asOf = append(ws.asOf, end.Format(time.RFC3339Nano))
		ws.today, ws.soon, ws.tz = append(ws.today, w.Today.String()), append(ws.soon, w.Soon.String()), append(ws.tz, w.TZ)
	}
	return ws, nil
}

func buildRollup(province string, year int, rows []rollupRow) *ProvinceRollup {
	r := &ProvinceRollup{Province: province, Year: year, Communes: []CommuneRollup{},
		Total: RollupFigures{TaskCounts: plans.NewStatusCounts()}}
	for _, row := range rows {
		n := len(r.Communes)
		if n == 0 || r.Communes[n-1].ID != row.ID {
			r.Communes = append(r.Communes, CommuneRollup{ID: row.ID, Code: row.Code, Name: row.Name,
				Kind: row.Kind, RollupFigures: RollupFigures{TaskCounts: plans.NewStatusCounts()}})
			n++
		}
		if row.Status != "" {
			r.Communes[n-1].TaskCounts.Add(row.Status, row.N)
			r.Total.TaskCounts.Add(row.Status, row.N)
		}
	}
	for i := range r.Communes {
		r.Communes[i].Figures = plans.TallyOf(r.Communes[i].TaskCounts)
		r.Communes[i].CompletionRate = r.Communes[i].Figures.CompletionRate
	}
	r.Total.Figures = plans.TallyOf(r.Total.TaskCounts)
	r.Total.CompletionRate = r.Total.Figures.CompletionRate
	return r
}
