package reports

import (
	"github.com/xuri/excelize/v2"

	"github.com/tiendo/tiendo/models/plans"
	"github.com/tiendo/tiendo/models/statistics"
)

// provinceColumns head the province table's spreadsheet, as the page does.
var provinceColumns = []struct {
	title string
	width float64
}{{"Xã, phường", 24}, {"Tổng số nhiệm vụ", 11}, {"Hoàn thành đúng hạn", 12}, {"Hoàn thành quá hạn", 12},
	{"Đang thực hiện", 11}, {"Chưa bắt đầu", 11}, {"Quá hạn", 9}, {"Tỷ lệ hoàn thành", 11},
	{"Tỷ lệ đúng hạn", 11}, {"Điểm QĐ 766 (/100)", 11}, {"Chỉ tiêu chưa có số liệu", 11}, {"Báo cáo kỳ", 30}}

// ProvinceXLSX is the province page's table as a workbook: one row per
// commune, the province total last; counts as numbers, rates as fractions
// (printed 83,2%), A4 landscape fitted to the width.
func ProvinceXLSX(o *statistics.ProvinceOverview) (statistics.ReportFile, error) {
	f := excelize.NewFile()
	defer f.Close()
	sheet := "Tổng hợp"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return statistics.ReportFile{}, err
	}
	styles := map[string]int{}
	for name, st := range xlsxStyles() {
		id, err := f.NewStyle(st)
		if err != nil {
			return statistics.ReportFile{}, err
		}
		styles[name] = id
	}
	provinceHeading(f, sheet, styles, o)
	row := 3
	for _, c := range o.Communes {
		provinceRow(f, sheet, styles, row, c.Name, c.Tasks, []any{c.Score, c.NoData, c.Report.Text()})
		row++
	}
	provinceRow(f, sheet, styles, row, "Toàn tỉnh", o.Total, []any{"", "", ""})
	if err := printSetup(f, sheet); err != nil {
		return statistics.ReportFile{}, err
	}
	orientation := "landscape"
	_ = f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &orientation})
	buf, err := f.WriteToBuffer()
	if err != nil {
		return statistics.ReportFile{}, err
	}
	return statistics.ReportFile{Format: "xlsx", FileName: "tong-hop-" + slug(o.Province) + "-" + slug(o.Period.Code) + ".xlsx",
		ContentType: contentTypes["xlsx"], Content: buf.Bytes()}, nil
}

// provinceHeading writes the title (row 1) and the column headings (row 2).
func provinceHeading(f *excelize.File, sheet string, styles map[string]int, o *statistics.ProvinceOverview) {
	title := "TỔNG HỢP TIẾN ĐỘ CÁC XÃ, PHƯỜNG TỈNH " + upper(o.Province) + " — " + upper(o.Period.Label)
	_ = f.MergeCell(sheet, "A1", cellName(len(provinceColumns), 1))
	_ = f.SetCellStr(sheet, "A1", title)
	_ = f.SetCellStyle(sheet, "A1", "A1", styles["title"])
	for i, c := range provinceColumns {
		col, _ := excelize.ColumnNumberToName(i + 1)
		_ = f.SetColWidth(sheet, col, col, c.width)
		_ = f.SetCellStr(sheet, cellName(i+1, 2), c.title)
	}
	_ = f.SetCellStyle(sheet, "A2", cellName(len(provinceColumns), 2), styles["th"])
	_ = f.SetRowHeight(sheet, 2, 45)
}

// provinceRow writes one line: the name, the tally's counts and rates, then rest.
func provinceRow(f *excelize.File, sheet string, styles map[string]int, row int, name string, t plans.Tally, rest []any) {
	_ = f.SetCellStr(sheet, cellName(1, row), name)
	_ = f.SetCellStyle(sheet, cellName(1, row), cellName(1, row), styles["td"])
	counts := []int{t.Total, t.DoneOnTime, t.DoneLate, t.InProgress, t.NotStarted, t.Overdue}
	for i, n := range counts {
		_ = f.SetCellInt(sheet, cellName(2+i, row), int64(n))
	}
	_ = f.SetCellStyle(sheet, cellName(2, row), cellName(7, row), styles["int"])
	for i, r := range []*float64{t.CompletionRate, t.OnTimeRate} {
		if r != nil {
			_ = f.SetCellFloat(sheet, cellName(8+i, row), *r/100, 4, 64)
		}
	}
	_ = f.SetCellStyle(sheet, cellName(8, row), cellName(9, row), styles["pct"])
	for i, v := range rest {
		_ = f.SetCellValue(sheet, cellName(10+i, row), v)
	}
	_ = f.SetCellStyle(sheet, cellName(10, row), cellName(11, row), styles["num"])
	_ = f.SetCellStyle(sheet, cellName(12, row), cellName(12, row), styles["td"])
}

func cellName(col, row int) string {
	n, _ := excelize.CoordinatesToCellName(col, row)
	return n
}
