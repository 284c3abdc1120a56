package demo

import (
	"context"
	"fmt"
	"slices"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/calendar"
	"github.com/tiendo/tiendo/models/statistics"
)

// figuresSpec is what the one-stop desk copies from outside systems into
// tiendo for a period: the Decision 766 rates with the levels the province
// requires, and the dossier counts. Recording them in the demo lets a
// newcomer's first `make run` print the report the seed was typed from.
type figuresSpec struct {
	at, by   string // when and who recorded them
	period   string // e.g. 2024-M9 (the nine months)
	asOf     string // the day the source published the rates
	source   string
	rates    []rateSpec
	dossiers statistics.DossierInput
}

// rateSpec is one 766 rate and its required level (low, or low–high).
type rateSpec struct {
	code      string
	rate      float64
	low, high float64
}

// record writes f through the Store as its recorder would, so each figure
// leaves the same audit rows as one typed into the page.
func (l *loader) record(ctx context.Context, f *figuresSpec) error {
	a, err := l.actor(f.by)
	if err != nil {
		return err
	}
	p, err := statistics.ParsePeriod(f.period)
	if err != nil {
		return fmt.Errorf("demo data: kỳ %q: %w", f.period, err)
	}
	asOf, err := calendar.ParseDate(f.asOf)
	if err != nil {
		return fmt.Errorf("demo data: ngày %q: %w", f.asOf, err)
	}
	for _, r := range f.rates {
		if err := l.recordRate(ctx, a, p, r, asOf, f.source); err != nil {
			return fmt.Errorf("chỉ tiêu %s: %w", r.code, err)
		}
	}
	// The model normalises its input in place, lines too: each load works
	// on its own copy of the spec (loads run side by side in the tests).
	in := f.dossiers
	in.Channels, in.Fields = slices.Clone(in.Channels), slices.Clone(in.Fields)
	in.LinkedGroups, in.NoAppointmentFields = slices.Clone(in.LinkedGroups), slices.Clone(in.NoAppointmentFields)
	if _, err := l.store.RecordDossierStats(ctx, a, p, in); err != nil {
		return fmt.Errorf("số liệu hồ sơ %s: %w", f.period, err)
	}
	return nil
}

func (l *loader) recordRate(ctx context.Context, a *models.Actor, p statistics.Period, r rateSpec,
	asOf calendar.Date, source string) error {
	target := statistics.TargetInput{Low: &r.low}
	if r.high != 0 {
		target.High = &r.high
	}
	if _, err := l.store.SetTarget(ctx, a, r.code, p.Year, target); err != nil {
		return err
	}
	_, err := l.store.RecordValue(ctx, a, r.code, p, statistics.ValueInput{Rate: &r.rate, AsOf: asOf, Source: source})
	return err
}
