package plans

import "github.com/tiendo/tiendo/models"

// taskRows scans list-tasks by hand (models.RowScanner).
var taskRows = models.NewRowScanner("list-tasks", (*Task).listDest)

// listDest is where list-tasks' columns go, in its SELECT's order.
func (t *Task) listDest() []any {
	return []any{&t.ID, &t.PlanID, &t.Title, &t.Description, &t.LeadUnitID, &t.StartOn, &t.DueOn,
		&t.TargetValue, &t.TargetUnit, &t.Weight, &t.Percent, &t.ActualValue, &t.Status,
		&t.CompletedAt, &t.CancelledAt, &t.LastProgressAt, &t.AcceptedAt, &t.AcceptedBy,
		&t.Version, &t.CreatedAt, &t.UpdatedAt, &t.SeriesID, &t.OccurrenceOn, &t.ReportEvery, &t.ReportGraceDays,
		&t.PlanSteeringUnitID, &t.OriginalDueOn, &t.ReturnedAt, &t.ReturnNote, &t.SupportingUnitIDs,
		&t.AssigneeIDs, &t.ParentID, &t.Depth, &t.ParentTitle, &t.SubtaskIDs, &t.RolledUp}
}
