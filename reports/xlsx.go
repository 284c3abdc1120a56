package reports

import (
	"math"

	"github.com/xuri/excelize/v2"
)

// sheetName is the one printable sheet of the workbook.
const sheetName = "Báo cáo"

// xlsxWriter lays the document out row by row on one sheet, so the
// workbook prints like the DOCX; numbers stay numbers (counts with "#,##0",
// rates as fractions with "0.00%") for whoever computes with them.
type xlsxWriter struct {
	f      *excelize.File
	row    int
	cols   int
	widths []float64
	styles map[string]int
}

// XLSX renders the document as a workbook.
func XLSX(d Doc) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheetName); err != nil {
		return nil, err
	}
	w := &xlsxWriter{f: f, row: 1, cols: len(xlsxWidths), widths: xlsxWidths}
	if err := w.setUp(); err != nil {
		return nil, err
	}
	w.heading(d)
	for _, s := range d.Sections {
		w.row++
		w.line(s.Title, "section")
		for _, b := range s.Blocks {
			if b.Table != nil {
				w.table(b.Table)
			} else {
				w.line(b.Para, "para")
			}
		}
	}
	w.row++
	w.line("TM. ỦY BAN NHÂN DÂN — "+d.Signer, "bold")
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// xlsxWidths are the sheet's column widths (in characters): the line
// number, a wide text column, then narrower ones. Every table shares them,
// so long cells wrap and their rows are made tall enough (rowHeight).
var xlsxWidths = []float64{5, 32, 12, 12, 18, 12, 10, 9, 9}

// setUp sets column widths, A4 page and the cell styles.
func (w *xlsxWriter) setUp() error {
	for i, width := range w.widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := w.f.SetColWidth(sheetName, col, col, width); err != nil {
			return err
		}
	}
	// A4 landscape at 80 %: the nine columns fit the width, pages run on.
	a4, landscape, scale := 9, "landscape", uint(80)
	if err := w.f.SetPageLayout(sheetName, &excelize.PageLayoutOptions{Size: &a4, Orientation: &landscape,
		AdjustTo: &scale}); err != nil {
		return err
	}
	w.styles = map[string]int{}
	for name, st := range xlsxStyles() {
		id, err := w.f.NewStyle(st)
		if err != nil {
			return err
		}
		w.styles[name] = id
	}
	return nil
}

// heading writes the two-block national heading, the title and the meta lines.
func (w *xlsxWriter) heading(d Doc) {
	left, right := 3, w.cols-3
	w.pair(d.Authority, Nation, left, right, "bold")
	w.pair(d.Number, Motto, left, right, "center")
	w.pair("", d.Place, left, right, "italic")
	w.row++
	w.line(d.Title, "title")
	w.line(d.Subtitle, "bold")
	for _, m := range d.Meta {
		w.line(m, "italic")
	}
}

// pair writes a left block over columns 1..left and a right block over the rest.
func (w *xlsxWriter) pair(l, r string, left, right int, style string) {
	w.merge(1, left, l, style)
	w.merge(left+1, left+right, r, style)
	w.row++
}

// line writes text across the whole width, tall enough for its wrapping.
func (w *xlsxWriter) line(s, style string) {
	w.merge(1, w.cols, s, style)
	total := 0.0
	for _, x := range w.widths {
		total += x
	}
	w.fit(lines(s, total))
	w.row++
}

// fit makes the current row tall enough for n lines of wrapped text; a
// spreadsheet does not grow rows of merged or written cells by itself.
func (w *xlsxWriter) fit(n int) {
	if n > 1 {
		_ = w.f.SetRowHeight(sheetName, w.row, 15*float64(n))
	}
}

// lines estimates how many lines s wraps to in a column width characters wide.
func lines(s string, width float64) int {
	return int(math.Ceil(float64(len([]rune(s))) / width))
}

func (w *xlsxWriter) merge(from, to int, s, style string) {
	a, _ := excelize.CoordinatesToCellName(from, w.row)
	b, _ := excelize.CoordinatesToCellName(to, w.row)
	_ = w.f.SetCellStr(sheetName, a, s)
	if to > from {
		_ = w.f.MergeCell(sheetName, a, b)
	}
	_ = w.f.SetCellStyle(sheetName, a, b, w.styles[style])
}

// table writes the header and the rows with borders; numeric cells keep
// their value.
func (w *xlsxWriter) table(t *Table) {
	tallest := 1
	for i, h := range t.Header {
		cell, _ := excelize.CoordinatesToCellName(i+1, w.row)
		_ = w.f.SetCellStr(sheetName, cell, h)
		_ = w.f.SetCellStyle(sheetName, cell, cell, w.styles["th"])
		tallest = max(tallest, lines(h, w.widths[min(i, len(w.widths)-1)]))
	}
	w.fit(tallest)
	w.row++
	for _, r := range t.Rows {
		tallest = 1
		for i, c := range r {
			w.cell(i+1, c)
			tallest = max(tallest, lines(c.Text, w.widths[min(i, len(w.widths)-1)]))
		}
		w.fit(tallest)
		w.row++
	}
}

func (w *xlsxWriter) cell(col int, c Cell) {
	name, _ := excelize.CoordinatesToCellName(col, w.row)
	style := "td"
	switch {
	case c.Num != nil && c.Kind == "pct":
		_ = w.f.SetCellFloat(sheetName, name, math.Round(*c.Num*1e4)/1e6, -1, 64)
		style = "pct"
	case c.Num != nil && c.Kind == "int":
		_ = w.f.SetCellInt(sheetName, name, int64(*c.Num))
		style = "int"
	case c.Num != nil:
		_ = w.f.SetCellFloat(sheetName, name, math.Round(*c.Num*100)/100, -1, 64)
		style = "num"
	default:
		_ = w.f.SetCellStr(sheetName, name, c.Text)
	}
	_ = w.f.SetCellStyle(sheetName, name, name, w.styles[style])
}

// xlsxStyles are the few cell styles the sheet uses, in Times New Roman as
// Decree 30/2020 asks of administrative documents.
func xlsxStyles() map[string]*excelize.Style {
	font := func(bold, italic bool, size float64) *excelize.Font {
		return &excelize.Font{Family: "Times New Roman", Size: size, Bold: bold, Italic: italic}
	}
	border := []excelize.Border{{Type: "left", Style: 1, Color: "000000"}, {Type: "right", Style: 1, Color: "000000"},
		{Type: "top", Style: 1, Color: "000000"}, {Type: "bottom", Style: 1, Color: "000000"}}
	wrap := func(h string) *excelize.Alignment {
		return &excelize.Alignment{Horizontal: h, Vertical: "top", WrapText: true}
	}
	pctFmt, intFmt := "0.00%", "#,##0"
	return map[string]*excelize.Style{
		"bold":    {Font: font(true, false, 12), Alignment: wrap("center")},
		"center":  {Font: font(false, false, 12), Alignment: wrap("center")},
		"italic":  {Font: font(false, true, 12), Alignment: wrap("center")},
		"title":   {Font: font(true, false, 14), Alignment: wrap("center")},
		"section": {Font: font(true, false, 12), Alignment: wrap("left")},
		"para":    {Font: font(false, false, 12), Alignment: wrap("justify")},
		"th": {Font: font(true, false, 11), Alignment: wrap("center"), Border: border,
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E7EEF7"}}},
		"td":  {Font: font(false, false, 11), Alignment: wrap("left"), Border: border},
		"int": {Font: font(false, false, 11), Alignment: wrap("right"), Border: border, CustomNumFmt: &intFmt},
		"pct": {Font: font(false, false, 11), Alignment: wrap("right"), Border: border, CustomNumFmt: &pctFmt},
		"num": {Font: font(false, false, 11), Alignment: wrap("right"), Border: border},
	}
}
