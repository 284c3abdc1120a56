package imports_test

import (
	"strings"
	"testing"

	"github.com/tiendo/tiendo/models/imports"
	"github.com/tiendo/tiendo/models/plans"
)

// parentHead is a plans template with the sub-task column (issue 19).
const parentHead = "doc_number;issued_on;kind;plan_title;task_title;lead_unit;start_on;due_on;target_value;parent_row\n"

// TestPlanImportSubtaskRows: "Thuộc nhiệm vụ ở dòng" makes a row a sub-task
// of a row above it in the same plan; a row below, of another plan, too
// deep or due after its parent is named by row and column.
func TestPlanImportSubtaskRows(t *testing.T) {
	t.Parallel()
	ok := parentHead +
		"19/KH-UBND;02/01/2024;other;VNeID;Triển khai VNeID;Văn phòng UBND xã;;31/12/2024;1000;\n" +
		";;;;Ấp 1;Tổ công nghệ số ấp 1;;30/11/2024;300;2\n" +
		";;;;Tổ 1 của ấp 1;Tổ công nghệ số ấp 1;;30/10/2024;100;3"
	drafts, err := imports.ParsePlanRows(gridOf(ok), fuzzLookups)
	if err != nil {
		t.Fatal(err)
	}
	var got []int
	for _, td := range drafts[0].Tasks {
		got = append(got, td.ParentRow)
	}
	if len(got) != 3 || got[0] != 0 || got[1] != 2 || got[2] != 3 {
		t.Fatalf("parent rows %v, want [0 2 3]", got)
	}
	bad := []struct{ rows, want string }{
		{";;;;Sau;Tổ công nghệ số ấp 1;;30/11/2024;;4\n;;;;Cha;Văn phòng UBND xã;;31/12/2024;;", "row 3, column parent_row"},
		{";;;;Trễ hơn;Tổ công nghệ số ấp 1;;31/01/2025;;2", "row 3, column due_on"},
		{";;;;A;Tổ công nghệ số ấp 1;;30/11/2024;;2\n;;;;B;Tổ công nghệ số ấp 1;;30/11/2024;;3\n" +
			";;;;C;Tổ công nghệ số ấp 1;;30/11/2024;;4", "row 5, column parent_row"},
		{"20/KH-UBND;02/01/2024;other;Khác;D;Tổ công nghệ số ấp 1;;30/11/2024;;2", "row 3, column parent_row"},
		{";;;;E;Tổ công nghệ số ấp 1;;30/11/2024;;hai", "row 3, column parent_row"},
	}
	for _, b := range bad {
		_, err := imports.ParsePlanRows(gridOf(parentHead+
			"19/KH-UBND;02/01/2024;other;VNeID;Triển khai VNeID;Văn phòng UBND xã;;31/12/2024;;\n"+b.rows), fuzzLookups)
		if err == nil || !strings.Contains(err.Error(), b.want) {
			t.Errorf("%q: error %v, want one naming %q", b.rows, err, b.want)
		}
	}
}

// FuzzPlanImportParents: whatever the parent column holds, a plan that
// passes has every sub-task under a task row above it of the same plan, at
// most three levels deep and not due after its parent.
func FuzzPlanImportParents(f *testing.F) {
	for _, s := range []string{
		"19/KH-UBND;02/01/2024;other;A;T;Văn phòng UBND xã;;31/12/2024;;\n;;;;S;Tổ công nghệ số ấp 1;;30/11/2024;;2",
		"19/KH-UBND;02/01/2024;other;A;T;Văn phòng UBND xã;;31/12/2024;;3",
		"19/KH-UBND;02/01/2024;other;A;T;Văn phòng UBND xã;;31/12/2024;;\n;;;;S;Văn phòng UBND xã;;31/12/2024;;-2",
		";;;;S;Tổ công nghệ số ấp 1;;30/11/2024;;1e9",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		drafts, err := imports.ParsePlanRows(gridOf(parentHead+s), fuzzLookups)
		if err != nil {
			checkRowErrors(t, err)
			return
		}
		for _, d := range drafts {
			level, due := map[int]int{}, map[int]plans.TaskInput{}
			for _, td := range d.Tasks {
				level[td.Row] = 1
				if td.ParentRow != 0 {
					parent, ok := due[td.ParentRow]
					if !ok || td.ParentRow >= td.Row || td.Task.DueOn.After(parent.DueOn) {
						t.Fatalf("row %d passed under row %d: %+v", td.Row, td.ParentRow, d.Tasks)
					}
					level[td.Row] = level[td.ParentRow] + 1
				}
				if level[td.Row] > plans.MaxTaskDepth {
					t.Fatalf("row %d is %d levels deep", td.Row, level[td.Row])
				}
				due[td.Row] = td.Task
			}
		}
	})
}
