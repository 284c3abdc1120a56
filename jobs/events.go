package jobs

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/domain"
)

// Events plans the event webhooks' deliveries (models PlanEvents has the
// rules) every minute, so a chat bot hears of a report within a minute or
// two: it derives the events from the rows that record them and queues one
// delivery per subscribed endpoint, which Dispatch sends. A late or repeated
// run queues nothing twice.
type Events struct {
	Store *domain.Store
	// Lookback bounds how far back a run looks (deadlines.DefaultEventLookback).
	Lookback time.Duration
}

// Name implements Job.
func (Events) Name() string { return "events" }

// Spec implements Job.
func (Events) Spec() string { return "* * * * *" }

// Run implements Job.
func (j Events) Run(ctx context.Context, now time.Time) (string, error) {
	res, err := j.Store.PlanEvents(ctx, now, j.Lookback)
	if err != nil || res.Total() == 0 {
		return "", err
	}
	var parts []string
	for _, k := range models.EventTypes {
		if n := res[k]; n > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", k, n))
		}
	}
	return fmt.Sprintf("queued %d: %s", res.Total(), strings.Join(parts, ", ")), nil
}
