package imports_test

import (
	"strings"
	"testing"

	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/imports"
)

// gridOf splits text into rows (lines) of cells (";"), as a CSV file would arrive.
func gridOf(s string) imports.Grid {
	var g imports.Grid
	for _, line := range strings.Split(s, "\n") {
		g.Rows = append(g.Rows, strings.Split(line, ";"))
	}
	return g
}

var fuzzLookups = imports.ImportLookups{
	Units: map[string]int64{"van phong ubnd xa": 1, "to cong nghe so ap 1": 2},
	Kinds: map[string]string{"admin_reform": "admin_reform", "cai cach hanh chinh": "admin_reform", "other": "other"},
	Today: testfix.Date("2024-09-30"),
}

// FuzzParsePlanRows: any upload either yields plans or names its problems by
// row and column; it never panics, and every error points at a row.
func FuzzParsePlanRows(f *testing.F) {
	head := "doc_number;issued_on;kind;plan_title;task_title;lead_unit;start_on;due_on;target_value;indicators\n"
	for _, s := range []string{
		head + "06/KH-UBND;31/01/2024;Cải cách hành chính;CCHC 2024;Số hóa;Văn phòng UBND xã;01/02/2024;30/06/2024;83,2;digitization",
		head + ";;;;Rà soát;Tổ công nghệ số ấp 1;;31/12/2024;;",
		head + "12/KH-UBND;2024-03-29;other;A;;;;;;\n12/KH-UBND;19/06/2024;other;B;x;;;;1.234;",
		"Số, ký hiệu (doc_number);Thời hạn (due_on)\n01/KH-UBND;45322",
		"", ";;;\n;;;", head + strings.Repeat("x;", 70),
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		drafts, err := imports.ParsePlanRows(gridOf(s), fuzzLookups)
		if err != nil {
			checkRowErrors(t, err)
			return
		}
		for _, d := range drafts {
			if d.Plan.DocNumber == "" || d.Plan.Title == "" {
				t.Fatalf("a plan without number or title passed: %+v", d.Plan)
			}
			for _, td := range d.Tasks {
				if td.Task.DueOn.Before(td.Task.StartOn) || td.Task.LeadUnitID == 0 {
					t.Fatalf("an invalid task passed: %+v", td.Task)
				}
			}
		}
	})
}

// FuzzParseDossierRows: the same for dossier statistics.
func FuzzParseDossierRows(f *testing.F) {
	head := "period;section;key;label;parent;received;resolved\n"
	for _, s := range []string{
		head + "2024-M9;total;;;;988;988\n2024-M9;channel;online_full;Toàn trình;;407;406",
		head + "2024-M9;Ngày không hẹn;total;;;108;\n2024-M9;no_appointment;civil_status;;;75;",
		head + "2024-M9;channel;postal;BCCI;online_partial;28;\n2024-M9;total;;;;1;1",
		head + "2024-M13;total;;;;x;", "period\n2024-Q1",
		"period;section;received;carried_over;resolved\n2024-M9;total;5;6;10\n2024-Q1;total;5;;10",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		drafts, err := imports.ParseDossierRows(gridOf(s))
		if err != nil {
			checkRowErrors(t, err)
			return
		}
		for _, d := range drafts {
			if d.Input.Received == nil || d.Input.Resolved == nil || *d.Input.Received < 0 {
				t.Fatalf("a period without totals passed: %+v", d)
			}
			if c := d.Input.CarriedOver; c == nil || *c < 0 || *d.Input.Resolved > *d.Input.Received+*c {
				t.Fatalf("more resolved than received plus carried over passed: %+v", d.Input)
			}
		}
	})
}

func checkRowErrors(t *testing.T, err error) {
	t.Helper()
	verr, ok := err.(*models.ValidationError)
	if !ok || len(verr.Fields) == 0 {
		t.Fatalf("not a validation error: %v", err)
	}
	for _, f := range verr.Fields {
		if !strings.HasPrefix(f.Field, "row ") || f.Message == "" {
			t.Fatalf("error not located by row: %+v", f)
		}
	}
}
