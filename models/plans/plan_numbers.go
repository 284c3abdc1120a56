package plans

import (
	"context"

	"github.com/lib/pq"
	"github.com/tiendo/tiendo/models"
)

// PlanDocNumbers maps the ids of plans of the actor's commune to their
// document numbers (06/KH-UBND) with one statement, however many there are;
// ids of other communes' or unknown plans are simply absent. Lists of tasks
// that show each task's plan use it instead of a GetPlan per plan.
func (s *Store) PlanDocNumbers(ctx context.Context, a *models.Actor, ids []int64) (map[int64]string, error) {
	out := make(map[int64]string, len(ids))
	var rows []struct {
		ID        int64  `db:"id"`
		DocNumber string `db:"doc_number"`
	}
	err := s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		return t.Bind(s.planNumQ.DocNumbers).Select(&rows, a.CommuneID, pq.Int64Array(ids))
	})
	for _, r := range rows {
		out[r.ID] = r.DocNumber
	}
	return out, err
}
