package deadlines

import (
	"context"

	"github.com/lib/pq"
	"github.com/tiendo/tiendo/models"
)

// DeliverBatchToInbox is DeliverToInbox for a whole claimed batch: one
// statement marks every delivery whose claim still holds sent and writes its
// inbox row, so each notification still exists exactly when its delivery is
// sent. It returns the ids it delivered; the others lost their claim.
func (s *Store) DeliverBatchToInbox(ctx context.Context, ds []*Outbound, owner string) (map[int64]bool, error) {
	ids := make(pq.Int64Array, len(ds))
	attempts := make(pq.Int64Array, len(ds))
	titles := make(pq.StringArray, len(ds))
	bodies := make(pq.StringArray, len(ds))
	links := make(pq.StringArray, len(ds))
	for i, d := range ds {
		ids[i], attempts[i], titles[i], bodies[i], links[i] = d.ID, int64(d.Attempts), d.Title, d.Body, d.Link
	}
	var sent []int64
	err := s.AcrossCommunes(ctx, func(t *models.Tx) error {
		sent = sent[:0]
		return t.Bind(s.outBatchQ.Inbox).Select(&sent, ids, attempts, s.Clock().Now(), owner, titles, bodies, links)
	})
	out := make(map[int64]bool, len(sent))
	for _, id := range sent {
		out[id] = true
	}
	return out, err
}
