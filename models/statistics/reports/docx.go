package reports

import (
	"archive/zip"
	"bytes"
	"embed"
	"encoding/xml"
	"strings"
	"text/template"
)

// The DOCX is the smallest OOXML package Word and LibreOffice open: content
// types, the package relationships, the document with its relationships,
// styles, two headers and core properties. Page numbers follow Decree
// 30/2020 (Appendix I): centred in the header, from the second page on (the
// first page's header, header2.xml, is empty; titlePg selects it). Writing it here keeps a dependency out for
// what is a few templates.

//go:embed docx/*.xml
var docxFiles embed.FS

// docxParts maps each package part to its template.
var docxParts = []struct{ name, tmpl string }{
	{"[Content_Types].xml", "content_types.xml"},
	{"_rels/.rels", "rels.xml"},
	{"docProps/core.xml", "core.xml"},
	{"word/_rels/document.xml.rels", "document_rels.xml"},
	{"word/styles.xml", "styles.xml"},
	{"word/header1.xml", "header1.xml"},
	{"word/header2.xml", "header2.xml"},
	{"word/document.xml", "document.xml"},
}

var docxTemplates = template.Must(template.New("docx").Funcs(template.FuncMap{
	"x": xmlText, "para": newDocxPara,
	"sections": func(list []docxSection, width int) map[string]any {
		return map[string]any{"List": list, "Width": width}
	},
}).ParseFS(docxFiles, "docx/*.xml"))

// A4 minus the margins of Decree 30/2020 (left 30 mm, right 15 mm), in twips.
const (
	textWidth = 11906 - 1701 - 850
	leftWidth = 3800
)

// docxView is what document.xml is executed with.
type docxView struct {
	Doc
	Nation, Motto                    string
	TextWidth, LeftWidth, RightWidth int
	// AuthorityRule and MottoRule indent the short rules under the issuing
	// body's name (a third of its column) and under the motto (its length).
	AuthorityRule, MottoRule int
	SignSpace                []int // empty lines left to sign in
	Sections                 []docxSection
	Appendix                 []docxSection
}

type docxSection struct {
	Title  string
	Level  int // 1: I., II.; 2: 1., 2.
	Blocks []docxBlock
}

type docxBlock struct {
	Para  string
	Table *docxTable
}

type docxTable struct {
	Grid []int
	Head []docxCell
	Rows [][]docxCell
}

type docxCell struct {
	Text, Align string
	Width       int
}

// docxPara is one paragraph of the "p" template.
type docxPara struct {
	Text, Style, Align      string
	Bold, Italic, Underline bool
	Size                    int
}

func newDocxPara(text, style, align string, bold, italic, underline bool, size int) docxPara {
	return docxPara{Text: text, Style: style, Align: align, Bold: bold, Italic: italic, Underline: underline, Size: size}
}

// DOCX renders the document as an editable Word file.
func DOCX(d Doc) ([]byte, error) {
	view := docxView{Doc: d, Nation: Nation, Motto: Motto, TextWidth: textWidth, LeftWidth: leftWidth,
		RightWidth: textWidth - leftWidth, AuthorityRule: leftWidth / 3, MottoRule: (textWidth - leftWidth - 3500) / 2,
		SignSpace: make([]int, 4)}
	view.Sections, view.Appendix = docxSections(d.Sections), docxSections(d.Appendix)
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	var part bytes.Buffer // a template writes in small pieces; deflate likes one
	for _, p := range docxParts {
		part.Reset()
		if err := docxTemplates.ExecuteTemplate(&part, p.tmpl, view); err != nil {
			return nil, err
		}
		w, err := z.Create(p.name)
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(part.Bytes()); err != nil {
			return nil, err
		}
	}
	if err := z.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func docxSections(sections []Section) []docxSection {
	var out []docxSection
	for _, s := range sections {
		ds := docxSection{Title: s.Title, Level: 1}
		if s.Sub {
			ds.Level = 2
		}
		for _, b := range s.Blocks {
			ds.Blocks = append(ds.Blocks, docxBlock{Para: b.Para, Table: newDocxTable(b.Table)})
		}
		out = append(out, ds)
	}
	return out
}

// newDocxTable sizes the columns in proportion to the table's widths.
func newDocxTable(t *Table) *docxTable {
	if t == nil {
		return nil
	}
	total := 0.0
	for _, w := range t.Widths {
		total += w
	}
	dt := &docxTable{}
	for i := range t.Header {
		w := textWidth / len(t.Header)
		if i < len(t.Widths) && total > 0 {
			w = int(t.Widths[i] / total * textWidth)
		}
		dt.Grid = append(dt.Grid, w)
	}
	widenNarrow(dt.Grid, minWidths(t))
	for i, h := range t.Header {
		dt.Head = append(dt.Head, docxCell{Text: h, Align: "center", Width: dt.Grid[i]})
	}
	for _, r := range t.Rows {
		var row []docxCell
		for i, c := range r {
			align := "left"
			if c.Num != nil {
				align = "right"
			}
			row = append(row, docxCell{Text: c.Text, Align: align, Width: dt.Grid[min(i, len(dt.Grid)-1)]})
		}
		dt.Rows = append(dt.Rows, row)
	}
	return dt
}

// minColumn keeps "STT", "Điểm" and "94,31%" on one line (twips).
const minColumn = 760

// minWidths is, per column, the width its longest header word needs in
// bold 12 pt (about 150 twips a character plus the cell margins), and its
// longest short value ("06/KH-UBND", "94,31%") in plain 12 pt: Word breaks
// a word that does not fit ("Ngưỡ/ng"), never at a space it can use.
func minWidths(t *Table) []int {
	out := make([]int, len(t.Header))
	for i, h := range t.Header {
		out[i] = minColumn
		for _, w := range strings.Fields(h) {
			out[i] = max(out[i], 150*len([]rune(w))+240)
		}
	}
	for _, r := range t.Rows {
		for i, c := range r {
			if n := len([]rune(c.Text)); i < len(out) && n <= 12 && !strings.Contains(c.Text, " ") {
				out[i] = max(out[i], 130*n+240)
			}
		}
	}
	return out
}

// widenNarrow brings every column to its minimum, taking the width from the
// columns above theirs in proportion to what each can spare, so short
// headers and rates do not break mid-word.
func widenNarrow(grid, least []int) {
	need, spare := 0, 0
	for i, w := range grid {
		if w < least[i] {
			need += least[i] - w
		} else {
			spare += w - least[i]
		}
	}
	if need == 0 || spare == 0 {
		return
	}
	need = min(need, spare)
	for i, w := range grid {
		if w < least[i] {
			grid[i] = least[i]
		} else {
			grid[i] = w - (w-least[i])*need/spare
		}
	}
}

// xmlText escapes s for XML character data and drops the characters XML 1.0
// cannot carry at all (most control characters).
func xmlText(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' || (r >= 0x20 && r != 0xFFFE && r != 0xFFFF) {
			return r
		}
		return -1
	}, s)
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}
