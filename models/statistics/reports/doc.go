// Package reports renders a models.Report as a document people print, sign
// and edit: XLSX (excelize), CSV, DOCX (a minimal OOXML package written
// here, no dependency) and a printable A4 HTML page. Every format prints the
// same content, built once by Content, so the numbers cannot disagree.
package reports

import (
	"strings"

	"github.com/tiendo/tiendo/models/vn"
)

// Doc is a report laid out as an administrative document (Decree 30/2020):
// the heading, the title, then sections of paragraphs and tables.
type Doc struct {
	Authority string // ỦY BAN NHÂN DÂN XÃ VỌNG ĐÔNG
	// AuthorityLines is Authority as printed, one line each, never broken
	// inside a name: "ỦY BAN NHÂN DÂN" / "XÃ VỌNG ĐÔNG".
	AuthorityLines []string
	Number         string // Số:      /BC-UBND (the number is filled in when it is registered)
	Place          string // Vọng Đông, ngày … tháng … năm 2024
	Title          string // BÁO CÁO
	Subtitle       string // Kết quả thực hiện … 9 tháng đầu năm 2024
	Meta           []string
	Sections       []Section
	Recipients     []string // Nơi nhận
	SignFor        string   // TM. ỦY BAN NHÂN DÂN
	Signer         string   // CHỦ TỊCH
	SignerName     string   // the chairman's full name, below the room to sign
	// Appendix follows the signature (phụ lục): the data-quality findings
	// when asked for.
	Appendix []Section
}

// Section is a numbered part of the report.
type Section struct {
	Title  string
	Sub    bool // a numbered part (1., 2.) of the section before it
	Blocks []Block
}

// Block is a paragraph or a table; exactly one is set.
type Block struct {
	Para  string
	Table *Table
}

// Table is a titled grid; the first column is usually the line number (STT).
type Table struct {
	Name   string // short name, e.g. for a CSV section
	Header []string
	Rows   [][]Cell
	Widths []float64 // relative column widths
}

// Cell is a value: text, or a number the spreadsheet keeps as a number.
type Cell struct {
	Text string
	Num  *float64
	Kind string // "", "int", "pct": how Num prints and is formatted
}

// National heading of every administrative document.
const (
	Nation = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
	Motto  = "Độc lập - Tự do - Hạnh phúc"
)

func text(s string) Cell { return Cell{Text: s} }

func intCell(n int) Cell {
	f := float64(n)
	return Cell{Text: vn.FormatInt(n), Num: &f, Kind: "int"}
}

func optInt(n *int) Cell {
	if n == nil {
		return text("–")
	}
	return intCell(*n)
}

func pctCell(f *float64) Cell {
	if f == nil {
		return text("–")
	}
	return Cell{Text: vn.FormatPercent(*f), Num: f, Kind: "pct"}
}

func numCell(f float64) Cell {
	return Cell{Text: vn.FormatNumber(f, 2), Num: &f}
}

func upper(s string) string { return strings.ToUpper(s) }

func para(format string) Block { return Block{Para: format} }

func table(t Table) Block { return Block{Table: &t} }
