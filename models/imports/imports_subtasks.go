package imports

import "github.com/tiendo/tiendo/models/plans"

// checkParents holds the sub-task rows of one plan to what a forward holds
// (issue 19): the parent is a task row of the same plan above the row (so
// no cycle can be written), at most plans.MaxTaskDepth levels, and the
// sub-task is not due after it.
func checkParents(d *PlanDraft, errs *rowErrors) {
	depth := map[int]int{} // row → level of the plan's task rows read so far
	rows := map[int]TaskDraft{}
	for _, td := range d.Tasks {
		level := 1
		if td.ParentRow != 0 {
			parent, ok := rows[td.ParentRow]
			switch {
			case !ok:
				errs.add(td.Row, "parent_row", "dòng %d không phải nhiệm vụ của cùng kế hoạch ở phía trên", td.ParentRow)
				continue
			case depth[td.ParentRow] >= plans.MaxTaskDepth:
				errs.add(td.Row, "parent_row", "chỉ giao tiếp được tối đa %d cấp", plans.MaxTaskDepth)
				continue
			}
			level = depth[td.ParentRow] + 1
			if !td.Task.DueOn.IsZero() && td.Task.DueOn.After(parent.Task.DueOn) {
				errs.add(td.Row, "due_on", "thời hạn %s sau thời hạn của nhiệm vụ cấp trên ở dòng %d (%s)",
					td.Task.DueOn.VN(), td.ParentRow, parent.Task.DueOn.VN())
			}
		}
		depth[td.Row], rows[td.Row] = level, td
	}
}
