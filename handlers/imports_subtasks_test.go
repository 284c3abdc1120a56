package handlers_test

import (
	"net/http"
	"testing"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/imports"
	"github.com/tiendo/tiendo/models/plans"
)

// TestImportPlanWithSubtasks: the plans template's "Thuộc nhiệm vụ ở dòng"
// column forwards rows under a row above; the import writes the tree rolled
// up, and the plan's export, imported into another commune, gives the
// same tree back.
func TestImportPlanWithSubtasks(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	chair, office, hamlet := e.chairA(), e.A.Office.Name, e.A.Hamlet1.Name
	header := append(append([]string{}, planHeader...), "Đơn vị tính (target_unit)", "Thuộc nhiệm vụ ở dòng (parent_row)")
	row := func(cells ...string) []string {
		return append(cells, make([]string, len(header)-len(cells))...)[:len(header)]
	}
	file := csvOf(header,
		row("19/KH-UBND", "02/01/2024", "", "Chuyển đổi số", "Triển khai VNeID mức 2", "", "Triển khai VNeID mức 2",
			office, "01/09/2024", "31/12/2024", "1.000", "", "người", ""),
		row("", "", "", "", "", "", "VNeID – ấp 1", hamlet, "01/09/2024", "30/11/2024", "600", "", "người", "2"),
		row("", "", "", "", "", "", "VNeID – ấp 2", e.A.Hamlet2.Name, "01/09/2024", "30/11/2024", "400", "", "người", "2"),
	)
	var res imports.ImportResult
	e.upload(chair, "/api/v1/import/plans", "vneid.csv", file).expect(http.StatusCreated).decode(&res)
	if res.Plans != 1 || res.Tasks != 3 {
		t.Fatalf("imported %+v", res)
	}
	root := checkImportedTree(e, chair, res.PlanIDs[0])
	// The first hamlet reports: the parent follows, weighted by residents.
	e.do(user(e.A, models.RoleTeamMember), "POST", "/api/v1/tasks/"+itoa(root.SubtaskIDs[0])+"/progress",
		map[string]any{"percent": 50, "actual_value": 300}).expect(http.StatusCreated)
	if got := e.task(root.ID); got.Percent != 30 || *got.ActualValue != 300 {
		t.Fatalf("after the import, the parent does not roll up: %d %% %v", got.Percent, got.ActualValue)
	}
	// A row pointing below itself is refused by row and column.
	bad := csvOf(header, row("20/KH-UBND", "02/01/2024", "", "Khác", "Sai dòng", "", "Con", hamlet, "", "30/11/2024",
		"", "", "", "3"), row("", "", "", "", "", "", "Cha", office, "", "31/12/2024", "", "", "", ""))
	p := e.upload(chair, "/api/v1/import/plans", "sai.csv", bad).expectProblem(http.StatusBadRequest, "validation")
	if len(p.Errors) == 0 || p.Errors[0].Field != "row 2, column parent_row" {
		t.Fatalf("errors %+v", p.Errors)
	}
	// Round trip: the export's first sheet imports into commune B as a tree.
	x := e.do(chair, "GET", "/api/v1/plans/"+itoa(res.PlanIDs[0])+"/export?format=xlsx", nil).expect(http.StatusOK)
	chairB := user(e.B, models.RoleChairman)
	e.upload(chairB, "/api/v1/import/plans", "xuat.xlsx", x.Body.Bytes()).expect(http.StatusCreated).decode(&res)
	checkImportedTree(e, chairB, res.PlanIDs[0])
}

// checkImportedTree: the plan holds one task of its own with two sub-tasks.
func checkImportedTree(e *env, who string, planID int64) plans.Task {
	e.t.Helper()
	list := e.listTasks(who, "/api/v1/plans/"+itoa(planID)+"/tasks")
	var roots []plans.Task
	for _, task := range list.Items {
		if task.ParentID == nil {
			roots = append(roots, task)
		}
	}
	if len(list.Items) != 3 || len(roots) != 1 || len(roots[0].SubtaskIDs) != 2 {
		e.t.Fatalf("imported tree: %d tasks, roots %+v", len(list.Items), roots)
	}
	return roots[0]
}
