package plans

import (
	"fmt"
	"reflect"
	"slices"

	"github.com/jmoiron/sqlx"
)

// Task lists are scanned by hand: sqlx finds each row's field addresses by
// reflection, which was a tenth of the server's time on "my tasks" (issue
// 15's profile). The columns are checked by name on every query against
// the fields' db tags, so a column added to list-tasks and not here is an
// error, never a value in the wrong field.

// listDest is where list-tasks' columns go, in its SELECT's order.
func (t *Task) listDest() []any {
	return []any{&t.ID, &t.PlanID, &t.Title, &t.Description, &t.LeadUnitID, &t.StartOn, &t.DueOn,
		&t.TargetValue, &t.TargetUnit, &t.Weight, &t.Percent, &t.ActualValue, &t.Status,
		&t.CompletedAt, &t.CancelledAt, &t.LastProgressAt, &t.AcceptedAt, &t.AcceptedBy,
		&t.Version, &t.CreatedAt, &t.UpdatedAt, &t.SeriesID, &t.OccurrenceOn, &t.ReportEvery, &t.ReportGraceDays,
		&t.PlanSteeringUnitID, &t.OriginalDueOn, &t.ReturnedAt, &t.ReturnNote, &t.SupportingUnitIDs,
		&t.AssigneeIDs, &t.ParentID, &t.Depth, &t.ParentTitle, &t.SubtaskIDs, &t.RolledUp}
}

// listColumns are the db tags of listDest's fields, in order.
var listColumns = func() []string {
	var t Task
	base := reflect.ValueOf(&t).Elem()
	var names []string
	for _, p := range t.listDest() {
		addr := reflect.ValueOf(p).Pointer()
		for i := range base.NumField() {
			if base.Field(i).Addr().Pointer() == addr {
				names = append(names, base.Type().Field(i).Tag.Get("db"))
			}
		}
	}
	return names
}()

// scanTasks reads list-tasks' rows into tasks.
func scanTasks(rows *sqlx.Rows, tasks *[]Task) error {
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return err
	}
	if !slices.Equal(cols, listColumns) {
		return fmt.Errorf("plans: list-tasks returns %v, scanTasks reads %v", cols, listColumns)
	}
	for rows.Next() {
		*tasks = append(*tasks, Task{})
		if err := rows.Scan((&(*tasks)[len(*tasks)-1]).listDest()...); err != nil {
			return err
		}
	}
	return rows.Err()
}
