package reports

import (
	"bytes"

	"github.com/tiendo/tiendo/models/csvsafe"
)

// CSV writes the report as sections of rows: the heading lines, then for
// each section its title, its paragraphs and its tables (header first),
// separated by empty rows. Numbers are written the Vietnamese way, as the
// report prints them; a UTF-8 byte-order mark lets Excel read the
// diacritics. A cell Excel would run as a formula (a plan titled
// "=HYPERLINK(…)") is written as text (csvsafe).
func CSV(d Doc) ([]byte, error) { return CSVWith(d, false) }

// CSVWith is CSV, its fields separated by ";" when semicolon is set.
func CSVWith(d Doc, semicolon bool) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	comma := ','
	if semicolon {
		comma = ';'
	}
	w := csvsafe.NewWriter(&buf, comma)
	var rows [][]string
	for _, l := range d.AuthorityLines {
		rows = append(rows, []string{l})
	}
	rows = append(rows, []string{Nation}, []string{Motto}, []string{d.Number}, []string{d.Place}, []string{d.Title},
		[]string{d.Subtitle})
	for _, m := range d.Meta {
		rows = append(rows, []string{m})
	}
	rows = append(rows, sectionRows(d.Sections)...)
	rows = append(rows, nil, []string{"Nơi nhận:"})
	for _, rcp := range d.Recipients {
		rows = append(rows, []string{rcp})
	}
	rows = append(rows, nil, []string{d.SignFor}, []string{d.Signer}, []string{d.SignerName})
	rows = append(rows, sectionRows(d.Appendix)...)
	for _, r := range rows {
		if r == nil {
			r = []string{""}
		}
		if err := w.Write(r); err != nil {
			return nil, err
		}
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}

// sectionRows are each section's title, paragraphs and tables (header
// first), after an empty row.
func sectionRows(sections []Section) [][]string {
	var rows [][]string
	for _, s := range sections {
		rows = append(rows, nil, []string{s.Title})
		for _, b := range s.Blocks {
			if b.Table == nil {
				rows = append(rows, []string{b.Para})
				continue
			}
			rows = append(rows, []string{b.Table.Name}, b.Table.Header)
			for _, r := range b.Table.Rows {
				rows = append(rows, texts(r))
			}
		}
	}
	return rows
}

func texts(cells []Cell) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = c.Text
	}
	return out
}
