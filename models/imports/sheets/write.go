package sheets

import (
	"bytes"
	"strconv"

	"github.com/xuri/excelize/v2"

	"github.com/tiendo/tiendo/models/csvsafe"
	"github.com/tiendo/tiendo/models/imports"
)

func itoa(n int) string { return strconv.Itoa(n) }

// TemplateCSV is an import template as CSV: the header row only, with a
// byte-order mark so Excel reads the Vietnamese headers.
func TemplateCSV(cols []imports.ImportColumn) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	w := csvsafe.NewWriter(&buf, 0)
	header := make([]string, len(cols))
	for i, c := range cols {
		header[i] = c.Header()
	}
	_ = w.Write(header)
	w.Flush()
	return buf.Bytes(), w.Error()
}

// TemplateXLSX is an import template as a workbook: the data sheet with its
// header (date columns kept as text, so "31/01/2024" stays what was typed)
// and a sheet explaining each column.
func TemplateXLSX(title string, cols []imports.ImportColumn) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", "Dữ liệu"); err != nil {
		return nil, err
	}
	header, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E7EEF7"}},
		Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	textStyle, _ := f.NewStyle(&excelize.Style{NumFmt: 49}) // "@": text
	for i, c := range cols {
		col, _ := excelize.ColumnNumberToName(i + 1)
		_ = f.SetCellStr("Dữ liệu", col+"1", c.Header())
		_ = f.SetColWidth("Dữ liệu", col, col, 22)
		if c.Date {
			_ = f.SetColStyle("Dữ liệu", col, textStyle)
		}
	}
	last, _ := excelize.ColumnNumberToName(len(cols))
	_ = f.SetCellStyle("Dữ liệu", "A1", last+"1", header)
	_ = f.SetPanes("Dữ liệu", &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
	if err := helpSheet(f, title, cols, header); err != nil {
		return nil, err
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// helpSheet explains every column of the template.
func helpSheet(f *excelize.File, title string, cols []imports.ImportColumn, header int) error {
	const s = "Hướng dẫn"
	if _, err := f.NewSheet(s); err != nil {
		return err
	}
	_ = f.SetCellStr(s, "A1", title)
	_ = f.SetSheetRow(s, "A3", &[]any{"Cột", "Mã", "Bắt buộc", "Cách ghi"})
	_ = f.SetCellStyle(s, "A3", "D3", header)
	for i, c := range cols {
		req := ""
		if c.Required {
			req = "có"
		}
		_ = f.SetSheetRow(s, "A"+itoa(i+4), &[]any{c.Label, c.Key, req, c.Help})
	}
	_ = f.SetColWidth(s, "A", "A", 24)
	_ = f.SetColWidth(s, "B", "C", 16)
	return f.SetColWidth(s, "D", "D", 80)
}
