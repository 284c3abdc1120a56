package reports

import (
	"math"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// sheetName is the sheet with the whole report.
const sheetName = "Báo cáo"

// xlsxWriter lays the document out row by row on one sheet, so the
// workbook prints like the DOCX; numbers stay numbers (counts with "#,##0",
// rates as fractions with "0.00%") for whoever computes with them.
type xlsxWriter struct {
	f      *excelize.File
	sheet  string
	row    int
	cols   int
	widths []float64
	styles map[string]int
}

// XLSX renders the document as a workbook: the whole report on the first
// sheet, laid out like the DOCX down to "Nơi nhận" and the signature, then
// each table on a sheet of its own, with column widths that fit it and its
// header row repeated on every printed page.
func XLSX(d Doc) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheetName); err != nil {
		return nil, err
	}
	widths := sheetWidths(d)
	w := &xlsxWriter{f: f, sheet: sheetName, row: 1, cols: len(widths), widths: widths}
	if err := w.setUp(); err != nil {
		return nil, err
	}
	w.heading(d)
	w.sections(d.Sections)
	w.signature(d)
	w.sections(d.Appendix)
	if err := tableSheets(f, d, w.styles); err != nil {
		return nil, err
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// sections writes each section's title, paragraphs and tables.
func (w *xlsxWriter) sections(list []Section) {
	for _, s := range list {
		w.row++
		w.line(s.Title, map[bool]string{false: "section", true: "subsection"}[s.Sub])
		for _, b := range s.Blocks {
			if b.Table != nil {
				w.table(b.Table)
			} else {
				w.line(b.Para, "para")
			}
		}
	}
}

// signature writes "Nơi nhận" on the left and the signer on the right, with
// room to sign above the name, as the DOCX does.
func (w *xlsxWriter) signature(d Doc) {
	w.row++
	left := 3
	right := []string{d.SignFor, d.Signer, "", "", "", "", d.SignerName}
	leftLines := append([]string{"Nơi nhận:"}, d.Recipients...)
	for i := range max(len(right), len(leftLines)) {
		if i < len(leftLines) {
			style := "small"
			if i == 0 {
				style = "bolditalic"
			}
			w.merge(1, left, leftLines[i], style)
		}
		if i < len(right) {
			w.merge(left+1, w.cols, right[i], "bold")
		}
		w.row++
	}
}

// sheetWidths are the report sheet's column widths (in characters): per
// column, the widest any table asks for (each table's relative widths
// scaled to about 110 characters), so every table of the one sheet fits.
func sheetWidths(d Doc) []float64 {
	out := []float64{5, 30, 10, 10, 10, 10, 10, 10, 10}
	for _, s := range append(append([]Section{}, d.Sections...), d.Appendix...) {
		for _, b := range s.Blocks {
			if b.Table == nil {
				continue
			}
			for i, x := range tableWidths(b.Table) {
				if i >= len(out) {
					out = append(out, x)
				}
				out[i] = max(out[i], x)
			}
		}
	}
	return out
}

// tableWidths scales a table's relative widths to about 110 characters.
func tableWidths(t *Table) []float64 {
	total := 0.0
	for _, x := range t.Widths {
		total += x
	}
	out := make([]float64, len(t.Header))
	for i := range out {
		out[i] = 10
		if i < len(t.Widths) && total > 0 {
			out[i] = math.Max(5, math.Round(t.Widths[i]/total*110))
		}
	}
	return out
}

// setUp sets column widths, the print setup and the cell styles.
func (w *xlsxWriter) setUp() error {
	for i, width := range w.widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := w.f.SetColWidth(w.sheet, col, col, width); err != nil {
			return err
		}
	}
	if err := printSetup(w.f, w.sheet); err != nil {
		return err
	}
	if w.styles != nil {
		return nil
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

// printSetup prints a sheet on A4 portrait, fitted to the page width (as
// many pages down as it needs), with "Trang n/m" centred in the footer.
func printSetup(f *excelize.File, sheet string) error {
	fit := true
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	a4, portrait, wide, tall := 9, "portrait", 1, 0
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &a4, Orientation: &portrait,
		FitToWidth: &wide, FitToHeight: &tall}); err != nil {
		return err
	}
	return f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddFooter: "&CTrang &P/&N"})
}

// heading writes the two-block national heading, the title and the meta lines.
func (w *xlsxWriter) heading(d Doc) {
	left, right := 3, w.cols-3
	w.pair(d.AuthorityLines[0], Nation, left, right, "bold")
	w.pair(d.AuthorityLines[1], Motto, left, right, "bold")
	w.pair(d.Number, "", left, right, "center")
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
		_ = w.f.SetRowHeight(w.sheet, w.row, 15*float64(n))
	}
}

// lines estimates how many lines s wraps to in a column width characters wide.
func lines(s string, width float64) int {
	return int(math.Ceil(float64(len([]rune(s))) / width))
}

func (w *xlsxWriter) merge(from, to int, s, style string) {
	a, _ := excelize.CoordinatesToCellName(from, w.row)
	b, _ := excelize.CoordinatesToCellName(to, w.row)
	if s == "" {
		return
	}
	_ = w.f.SetCellStr(w.sheet, a, s)
	if to > from {
		_ = w.f.MergeCell(w.sheet, a, b)
	}
	_ = w.f.SetCellStyle(w.sheet, a, b, w.styles[style])
}

// table writes the header and the rows with borders; numeric cells keep
// their value.
func (w *xlsxWriter) table(t *Table) {
	tallest := 1
	for i, h := range t.Header {
		cell, _ := excelize.CoordinatesToCellName(i+1, w.row)
		_ = w.f.SetCellStr(w.sheet, cell, h)
		_ = w.f.SetCellStyle(w.sheet, cell, cell, w.styles["th"])
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
		_ = w.f.SetCellFloat(w.sheet, name, math.Round(*c.Num*1e4)/1e6, -1, 64)
		style = "pct"
	case c.Num != nil && c.Kind == "int":
		_ = w.f.SetCellInt(w.sheet, name, int64(*c.Num))
		style = "int"
	case c.Num != nil:
		_ = w.f.SetCellFloat(w.sheet, name, math.Round(*c.Num*100)/100, -1, 64)
		style = "num"
	default:
		_ = w.f.SetCellStr(w.sheet, name, c.Text)
	}
	_ = w.f.SetCellStyle(w.sheet, name, name, w.styles[style])
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
	// Rates print like the other formats: 83,2% and 90,83% in a Vietnamese
	// locale (the decimal mark is the reader's), the value kept a fraction.
	pctFmt, intFmt := "0.0#%", "#,##0"
	return map[string]*excelize.Style{
		"bold":       {Font: font(true, false, 12), Alignment: wrap("center")},
		"center":     {Font: font(false, false, 12), Alignment: wrap("center")},
		"italic":     {Font: font(false, true, 12), Alignment: wrap("center")},
		"title":      {Font: font(true, false, 14), Alignment: wrap("center")},
		"section":    {Font: font(true, false, 12), Alignment: wrap("left")},
		"subsection": {Font: font(true, true, 12), Alignment: wrap("left")},
		"bolditalic": {Font: font(true, true, 12), Alignment: wrap("left")},
		"small":      {Font: font(false, false, 11), Alignment: wrap("left")},
		"para":       {Font: font(false, false, 12), Alignment: wrap("justify")},
		"th": {Font: font(true, false, 11), Alignment: wrap("center"), Border: border,
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E7EEF7"}}},
		"td":  {Font: font(false, false, 11), Alignment: wrap("left"), Border: border},
		"int": {Font: font(false, false, 11), Alignment: wrap("right"), Border: border, CustomNumFmt: &intFmt},
		"pct": {Font: font(false, false, 11), Alignment: wrap("right"), Border: border, CustomNumFmt: &pctFmt},
		"num": {Font: font(false, false, 11), Alignment: wrap("right"), Border: border},
	}
}

// tableSheets puts each table on a sheet of its own: its name, its header
// (row 2, repeated on every printed page) and its rows, in columns as wide
// as that table needs.
func tableSheets(f *excelize.File, d Doc, styles map[string]int) error {
	used := map[string]bool{sheetName: true}
	for _, s := range append(append([]Section{}, d.Sections...), d.Appendix...) {
		for _, b := range s.Blocks {
			if b.Table == nil {
				continue
			}
			name := sheetTitle(b.Table.Name, used)
			if _, err := f.NewSheet(name); err != nil {
				return err
			}
			w := &xlsxWriter{f: f, sheet: name, row: 1, widths: tableWidths(b.Table), styles: styles}
			w.cols = len(w.widths)
			if err := w.setUp(); err != nil {
				return err
			}
			w.line(s.Title+" — "+b.Table.Name, "section")
			w.table(b.Table)
			if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: name,
				RefersTo: "'" + name + "'!$2:$2"}); err != nil {
				return err
			}
		}
	}
	return nil
}

// sheetTitle is a unique sheet name of at most 31 characters without the
// characters Excel refuses.
func sheetTitle(name string, used map[string]bool) string {
	base := []rune(strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) {
			return ' '
		}
		return r
	}, name))
	if len(base) > 27 {
		base = base[:27]
	}
	title := string(base)
	for i := 2; used[title]; i++ {
		title = string(base) + " " + strconv.Itoa(i)
	}
	used[title] = true
	return title
}
