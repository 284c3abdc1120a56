package handlers_test

import (
	"net/http"
	"testing"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/statistics"
)

// TestSnapshotsQuery checks the trend endpoint's parameters; the counts
// themselves are the snapshot job's (jobs/snapshot_test.go).
func TestSnapshotsQuery(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	officer := user(e.A, models.RoleOfficer)
	var page models.Page[statistics.Snapshot]
	e.do(officer, "GET", "/api/v1/snapshots", nil).expect(http.StatusOK).decode(&page)
	if page.Items == nil || len(page.Items) != 0 {
		t.Errorf("no snapshot yet: %+v", page)
	}
	e.do(officer, "GET", "/api/v1/snapshots?plan_id=1&unit_id=2", nil).invalid("unit_id")
	e.do(officer, "GET", "/api/v1/snapshots?from=2024-10-01&to=2024-09-01", nil).invalid("to")
	e.do(officer, "GET", "/api/v1/snapshots?from=2023-01-01&to=2024-09-01", nil).invalid("from")
	e.do(officer, "GET", "/api/v1/snapshots?from=2024-13-01", nil).invalid("from")
}
