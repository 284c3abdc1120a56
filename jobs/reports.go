package jobs

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/tiendo/tiendo/models/domain"
	"github.com/tiendo/tiendo/models/statistics"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/statistics/reports"
)

// Reports builds each commune's periodic report on the period's data
// cut-off date (15th of the month before the period's last month unless the
// commune set otherwise), keeps the DOCX to sign and the XLSX, and tells
// the chairmen in their inbox through the outbox. The reports table's
// unique key is the claim: a period is built once, whichever replica or
// catch-up run gets there first.
type Reports struct {
	Store *domain.Store
}

// catchUpDays is how far back a cut-off still gets its report: a scheduler
// down for a few weeks catches up, a new installation does not build years.
const catchUpDays = 31

// scheduledFormats are the files kept per period: the editable Word
// document the chairman signs first, then the workbook.
var scheduledFormats = []string{"docx", "xlsx"}

// Name implements Job.
func (Reports) Name() string { return "reports" }

// Spec implements Job: every morning at 06:15, before the working day.
func (Reports) Spec() string { return "15 6 * * *" }

// Run implements Job. One commune's failure does not stop the others.
func (j Reports) Run(ctx context.Context, now time.Time) (string, error) {
	communes, err := j.Store.Communes(ctx)
	if err != nil {
		return "", err
	}
	built := 0
	var errs []error
	for _, c := range communes {
		n, err := j.runCommune(ctx, c, now)
		built += n
		if err != nil {
			errs = append(errs, fmt.Errorf("commune %s: %w", c.Code, err))
		}
	}
	return fmt.Sprintf("%d reports built", built), errors.Join(errs...)
}

// runCommune builds the commune's reports whose cut-off has come.
func (j Reports) runCommune(ctx context.Context, c models.CommuneInfo, now time.Time) (int, error) {
	a := models.SystemActor(&c)
	set, err := j.Store.ReportSettingsOf(ctx, a)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, p := range set.DuePeriods(c.Today(now), catchUpDays) {
		ok, err := j.build(ctx, a, p)
		if err != nil {
			return n, fmt.Errorf("%s: %w", p.Code, err)
		}
		if ok {
			n++
		}
	}
	return n, nil
}

// build makes, keeps and announces one period's report; false when it was
// already built.
func (j Reports) build(ctx context.Context, a *models.Actor, p statistics.Period) (bool, error) {
	if done, err := j.Store.ScheduledReportExists(ctx, a, p); err != nil || done {
		return false, err
	}
	r, err := j.Store.BuildReport(ctx, a, statistics.ReportOptions{Period: p, AtCutoff: true})
	if err != nil {
		return false, err
	}
	var files []statistics.ReportFile
	for _, format := range scheduledFormats {
		f, err := reports.Render(r, format)
		if err != nil {
			return false, err
		}
		files = append(files, f)
	}
	ids, err := j.Store.SaveScheduledReport(ctx, a, r, files)
	if err != nil || len(ids) == 0 {
		return false, err
	}
	_, err = j.Store.NotifyReportReady(ctx, a, r, ids)
	return true, err
}
