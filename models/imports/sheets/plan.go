package sheets

import (
	"fmt"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/imports"
)

// PlanXLSX writes a plan export as a workbook. Its first sheet is in the
// import template's layout, so an exported plan can be imported again
// (into another commune, or after a reset); the others add what an import
// does not take: status, progress history and the audit trail.
func PlanXLSX(e *imports.PlanExport) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", "Dữ liệu"); err != nil {
		return nil, err
	}
	sheets := []struct {
		name   string
		header []string
		rows   [][]any
	}{
		{"Dữ liệu", importHeader(), importRows(e)},
		{"Nhiệm vụ", []string{"Mã", "Nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Ngày bắt đầu", "Thời hạn",
			"Chỉ tiêu", "Đơn vị tính", "Thực hiện", "Tiến độ (%)", "Trạng thái", "Hoàn thành lúc"}, taskRows(e)},
		{"Tiến độ", []string{"Mã nhiệm vụ", "Thời điểm", "Người báo cáo", "Tiến độ (%)", "Giá trị", "Ghi chú"}, progressRows(e)},
		{"Lịch sử", []string{"Thời điểm", "Người thực hiện", "Thao tác", "Đối tượng", "Mã"}, historyRows(e)},
	}
	for i, s := range sheets {
		if i > 0 {
			if _, err := f.NewSheet(s.name); err != nil {
				return nil, err
			}
		}
		if err := writeTable(f, s.name, s.header, s.rows); err != nil {
			return nil, err
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func writeTable(f *excelize.File, sheet string, header []string, rows [][]any) error {
	h := make([]any, len(header))
	for i, x := range header {
		h[i] = x
	}
	if err := f.SetSheetRow(sheet, "A1", &h); err != nil {
		return err
	}
	for i, r := range rows {
		if err := f.SetSheetRow(sheet, "A"+itoa(i+2), &r); err != nil {
			return err
		}
	}
	return layOut(f, sheet, header, rows)
}

// layOut sizes each column to its content (8 to 45 characters, longer text
// wrapped), and prints the sheet on A4 landscape, fitted to the page width,
// the header row repeated and "Trang n/m" in the footer: a plan prints on
// a few pages, not on many of clipped cells.
func layOut(f *excelize.File, sheet string, header []string, rows [][]any) error {
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	for col := range header {
		width := float64(len([]rune(header[col])))
		for _, r := range rows {
			if col < len(r) && r[col] != nil {
				width = max(width, float64(len([]rune(fmt.Sprint(r[col])))))
			}
		}
		name, _ := excelize.ColumnNumberToName(col + 1)
		if err := f.SetColWidth(sheet, name, name, min(max(width+2, 8), 45)); err != nil {
			return err
		}
	}
	last, _ := excelize.CoordinatesToCellName(max(len(header), 1), len(rows)+1)
	if err := f.SetCellStyle(sheet, "A1", last, wrap); err != nil {
		return err
	}
	fit := true
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	a4, landscape, wide, tall := 9, "landscape", 1, 0
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &a4, Orientation: &landscape,
		FitToWidth: &wide, FitToHeight: &tall}); err != nil {
		return err
	}
	if err := f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddFooter: "&CTrang &P/&N"}); err != nil {
		return err
	}
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: sheet,
		RefersTo: "'" + sheet + "'!$1:$1"})
}

func importHeader() []string {
	out := make([]string, len(imports.PlanImportColumns))
	for i, c := range imports.PlanImportColumns {
		out[i] = c.Header()
	}
	return out
}

// importRows lays the plan out as the import template does: the plan's
// columns on the first row, one task per row.
func importRows(e *imports.PlanExport) [][]any {
	p := e.Plan
	// The kind by its name: the import reads names (and codes) alike.
	first := map[string]any{"doc_number": p.DocNumber, "issued_on": p.IssuedOn.VN(), "year": p.Year, "kind": e.KindName,
		"plan_title": p.Title, "plan_summary": p.Summary}
	if p.DuplicateConfirmed {
		first["confirm_duplicate"] = "x"
	}
	line := func(vals map[string]any) []any {
		out := make([]any, len(imports.PlanImportColumns))
		for i, c := range imports.PlanImportColumns {
			out[i] = vals[c.Key]
		}
		return out
	}
	if len(e.Tasks) == 0 {
		return [][]any{line(first)}
	}
	var rows [][]any
	rowOf := map[int64]int{} // task → its row on the sheet (the header is row 1)
	for i, t := range e.Tasks {
		rowOf[t.ID] = i + 2
		vals := map[string]any{"task_title": t.Title, "lead_unit": t.LeadUnit, "supporting_units": t.SupportingUnits,
			"start_on": t.StartOn.VN(), "due_on": t.DueOn.VN(), "target_unit": t.TargetUnit, "indicators": t.Indicators}
		if t.ParentID != nil && rowOf[*t.ParentID] != 0 {
			vals["parent_row"] = rowOf[*t.ParentID]
		}
		if t.TargetValue != nil {
			vals["target_value"] = *t.TargetValue
		}
		if i == 0 {
			for k, v := range first {
				vals[k] = v
			}
		}
		rows = append(rows, line(vals))
	}
	return rows
}

func taskRows(e *imports.PlanExport) [][]any {
	var rows [][]any
	for _, t := range e.Tasks {
		rows = append(rows, []any{t.ID, t.Title, t.LeadUnit, t.SupportingUnits, t.StartOn.VN(), t.DueOn.VN(),
			optFloat(t.TargetValue), t.TargetUnit, optFloat(t.ActualValue), t.Percent, models.TaskStatusLabels[t.Status].VI,
			localTime(t.CompletedAt)})
	}
	return rows
}

func progressRows(e *imports.PlanExport) [][]any {
	var rows [][]any
	for _, p := range e.Progress {
		rows = append(rows, []any{p.TaskID, localTime(&p.CreatedAt), p.AuthorName, p.Percent, optFloat(p.ActualValue), p.Note})
	}
	return rows
}

func historyRows(e *imports.PlanExport) [][]any {
	var rows [][]any
	for _, h := range e.History {
		var id any
		if h.EntityID != nil {
			id = *h.EntityID
		}
		rows = append(rows, []any{localTime(&h.At), h.ActorName, models.NameOr(models.AuditActionNames, h.Action),
			models.NameOr(models.AuditEntityNames, h.Entity), id})
	}
	return rows
}

func optFloat(f *float64) any {
	if f == nil {
		return nil
	}
	return *f
}

// localTime writes an instant as people in Vietnam read it.
func localTime(t *time.Time) string {
	if t == nil {
		return ""
	}
	return t.In(models.VietnamTime).Format("02/01/2006 15:04")
}
