// Package sheets reads and writes the tabular files people exchange with
// tiendo: uploads to import (XLSX or CSV), the import templates, and plan
// exports. Validation of what the cells mean is the models' job; this
// package only turns files into grids of text and back.
package sheets

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/imports"
)

// Limits of one upload, so a hostile file cannot exhaust memory.
const (
	maxRows        = 5001
	maxCols        = 60
	maxUnzipped    = 64 << 20
	maxUnzippedXML = 32 << 20
)

var (
	errFormat   = models.Invalid("file", "unsupported", "tệp phải là .xlsx hoặc .csv (UTF-8)")
	errEncoding = models.Invalid("file", "encoding", "tệp CSV phải được lưu với mã hóa UTF-8")
	errTooLarge = models.Invalid("file", "too_large", "tệp có quá nhiều dòng hoặc cột (tối đa 5.000 dòng, 60 cột)")
)

// Read turns an upload into a grid: an XLSX workbook's first sheet (raw
// values, so dates arrive as day numbers rather than in the viewer's
// format) or a CSV file.
func Read(data []byte) (imports.Grid, error) {
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return readXLSX(data)
	}
	return ReadCSV(data)
}

func readXLSX(data []byte) (imports.Grid, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit: maxUnzipped, UnzipXMLSizeLimit: maxUnzippedXML})
	if err != nil {
		return imports.Grid{}, errFormat
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return imports.Grid{}, errFormat
	}
	rows, err := f.Rows(sheets[0])
	if err != nil {
		return imports.Grid{}, errFormat
	}
	defer rows.Close()
	var g imports.Grid
	for rows.Next() {
		if len(g.Rows) == maxRows {
			return imports.Grid{}, errTooLarge
		}
		cols, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return imports.Grid{}, errFormat
		}
		if len(cols) > maxCols {
			return imports.Grid{}, errTooLarge
		}
		g.Rows = append(g.Rows, cols)
	}
	return g, nil
}

// ReadCSV reads UTF-8 CSV with or without a byte-order mark, separated by
// commas, semicolons (what Excel writes where "," is the decimal mark, as
// in Vietnam) or tabs, whichever the header line uses most.
func ReadCSV(data []byte) (imports.Grid, error) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if !utf8.Valid(data) {
		return imports.Grid{}, errEncoding
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = separator(data)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	var g imports.Grid
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return g, nil
		}
		if err != nil {
			return imports.Grid{}, models.Invalid("file", "malformed", "tệp CSV không đọc được: %s", csvReason(err))
		}
		if len(g.Rows) == maxRows || len(rec) > maxCols {
			return imports.Grid{}, errTooLarge
		}
		g.Rows = append(g.Rows, rec)
	}
}

// separator guesses the field separator from the first line.
func separator(data []byte) rune {
	line, _, _ := bytes.Cut(data, []byte("\n"))
	best, n := ',', bytes.Count(line, []byte(","))
	for _, c := range []rune{';', '\t'} {
		if k := bytes.Count(line, []byte(string(c))); k > n {
			best, n = c, k
		}
	}
	return best
}

// csvReason keeps the line number of a parse error and drops Go's wording.
func csvReason(err error) string {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return "dòng " + itoa(pe.Line)
	}
	return strings.TrimSpace(err.Error())
}
