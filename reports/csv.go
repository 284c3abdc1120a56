package reports

import (
	"bytes"
	"encoding/csv"
)

// CSV writes the report as sections of rows: the heading lines, then for
// each section its title, its paragraphs and its tables (header first),
// separated by empty rows. Numbers are written the Vietnamese way, as the
// report prints them; a UTF-8 byte-order mark lets Excel read the
// diacritics.
func CSV(d Doc) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	w := csv.NewWriter(&buf)
	rows := [][]string{{d.Authority}, {Nation}, {Motto}, {d.Number}, {d.Place}, {d.Title}, {d.Subtitle}}
	for _, m := range d.Meta {
		rows = append(rows, []string{m})
	}
	for _, s := range d.Sections {
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

func texts(cells []Cell) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = c.Text
	}
	return out
}
