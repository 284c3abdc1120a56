// Package csvsafe writes CSV that a spreadsheet opens as data, never as
// formulas (OWASP "CSV Injection"): every CSV the product writes goes
// through Writer.
package csvsafe

import (
	"encoding/csv"
	"io"
	"regexp"
)

// number is a plain number as the product prints it ("-3", "83,2",
// "-1.234,5", "12.5 %"): spreadsheets read these as numbers, not formulas,
// so a leading sign must survive for them to stay numbers.
var number = regexp.MustCompile(`^[+-]?[0-9]+([.,][0-9]+)*( ?%)?$`)

// Cell neutralises a cell a spreadsheet would run as a formula: one that
// starts with =, +, -, @, a tab or a carriage return gets a leading single
// quote, which Excel and LibreOffice show as text. Plain numbers stay as
// they are.
func Cell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		if number.MatchString(s) {
			return s
		}
		return "'" + s
	}
	return s
}

// Writer is a csv.Writer whose every cell goes through Cell.
type Writer struct {
	*csv.Writer
}

// NewWriter writes CSV to w, separated by comma (a Rune, e.g. ';', overrides).
func NewWriter(w io.Writer, comma rune) *Writer {
	cw := csv.NewWriter(w)
	if comma != 0 {
		cw.Comma = comma
	}
	return &Writer{cw}
}

// Write writes one record, each cell neutralised.
func (w *Writer) Write(record []string) error {
	safe := make([]string, len(record))
	for i, s := range record {
		safe[i] = Cell(s)
	}
	return w.Writer.Write(safe)
}

// WriteAll writes records, each cell neutralised, and flushes.
func (w *Writer) WriteAll(records [][]string) error {
	for _, r := range records {
		if err := w.Write(r); err != nil {
			return err
		}
	}
	w.Flush()
	return w.Error()
}
