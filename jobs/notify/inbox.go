package notify

import (
	"context"

	"github.com/tiendo/tiendo/models/deadlines"
	"github.com/tiendo/tiendo/models/domain"
)

// Inbox writes the message into the recipient's in-app inbox in the same
// statement that marks the delivery sent, so it arrives exactly once.
type Inbox struct {
	Store *domain.Store
	// Owner names this process in the delivery log.
	Owner string
}

// Name implements Channel.
func (Inbox) Name() string { return "inbox" }

// Send implements Channel; it fails with models.ErrLeaseLost when another
// dispatcher took the delivery over, which then writes it instead.
func (c Inbox) Send(ctx context.Context, d *deadlines.Outbound) error {
	return c.Store.DeliverToInbox(ctx, d, c.Owner)
}

// RecordsSent implements Recorder.
func (Inbox) RecordsSent() {}

// SendBatch implements BatchRecorder: the whole batch in one statement.
func (c Inbox) SendBatch(ctx context.Context, ds []*deadlines.Outbound) (map[int64]bool, error) {
	return c.Store.DeliverBatchToInbox(ctx, ds, c.Owner)
}
