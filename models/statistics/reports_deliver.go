package statistics

import (
	"context"
	"encoding/json"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/calendar"
)

// ReportNotice is the payload of a report notice: what the inbox message
// is written from (jobs/notify).
type ReportNotice struct {
	Period   string        `json:"period"`
	Label    string        `json:"label"`
	CutoffOn calendar.Date `json:"cutoff_on"`
	Files    []int64       `json:"files"` // ids of the kept files, DOCX first
}

// NotifyReportReady queues an inbox notice of the built report to the
// commune's chairmen and returns how many were queued (0 when they already
// were). Run by the scheduler (jobs pool).
func (s *Store) NotifyReportReady(ctx context.Context, a *models.Actor, r *Report, files []int64) (int, error) {
	payload, err := json.Marshal(ReportNotice{Period: r.Period.Code, Label: r.Period.Label, CutoffOn: r.CutoffOn,
		Files: files})
	if err != nil {
		return 0, err
	}
	var n int
	err = s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		return t.Bind(s.repQ.Notify).Get(&n, a.CommuneID, r.Period.Code, string(payload), s.Clock().Now())
	})
	return n, err
}
