package httpx

import (
	"context"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/statistics"
	"github.com/tiendo/tiendo/models/statistics/reports"
)

// SendReport freezes period p's report as the commune's next sent version,
// with the DOCX and XLSX rendered from the same content (issue 20): what the
// API's POST and the reports page's "Gửi báo cáo" both do. The rendering
// sits here because the documents' package reads the statistics one, not
// the other way round.
func (b *Base) SendReport(ctx context.Context, a *models.Actor, p statistics.Period,
	in statistics.SendInput) (*statistics.ReportVersion, error) {
	r, err := b.Store.ReportToSend(ctx, a, p)
	if err != nil {
		return nil, err
	}
	files, err := reports.Sent(r)
	if err != nil {
		return nil, err
	}
	return b.Store.SendReport(ctx, a, r, in, files)
}
