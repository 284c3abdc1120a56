package reports

import (
	"fmt"
	"slices"
	"strings"

	"github.com/tiendo/tiendo/models/statistics"
	"github.com/tiendo/tiendo/models/vn"
)

// Formats are the file formats a report renders to (besides JSON).
var Formats = []string{"xlsx", "csv", "docx", "html"}

var contentTypes = map[string]string{
	"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	"csv":  "text/csv; charset=utf-8",
	"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	"html": "text/html; charset=utf-8",
}

// ContentType is the media type of format.
func ContentType(format string) string { return contentTypes[format] }

// Options tune a rendering.
type Options struct {
	// Semicolon separates CSV fields with ";", which Excel with Vietnamese
	// regional settings expects ("Excel tiếng Việt").
	Semicolon bool
}

// Render prints r in format as a file named after the commune and period.
func Render(r *statistics.Report, format string) (statistics.ReportFile, error) {
	return RenderWith(r, format, Options{})
}

// RenderWith is Render with options.
func RenderWith(r *statistics.Report, format string, o Options) (statistics.ReportFile, error) {
	if !slices.Contains(Formats, format) {
		return statistics.ReportFile{}, fmt.Errorf("reports: unknown format %q", format)
	}
	d := Content(r)
	var (
		b   []byte
		err error
	)
	switch format {
	case "xlsx":
		b, err = XLSX(d)
	case "csv":
		b, err = CSVWith(d, o.Semicolon)
	case "docx":
		b, err = DOCX(d)
	case "html":
		b, err = HTML(d)
	}
	return statistics.ReportFile{Format: format, FileName: FileName(r, format), ContentType: contentTypes[format], Content: b}, err
}

// FileName is an ASCII file name such as bao-cao-vong-dong-2024-M9.xlsx:
// ASCII survives every mail client and Content-Disposition parser.
func FileName(r *statistics.Report, format string) string {
	return "bao-cao-" + strings.ToLower(slug(r.Commune.Name)) + "-" + slug(r.Period.Code) + "." + format
}

// slug folds Vietnamese to lower-case ASCII words joined by hyphens.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range vn.Fold(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r >= 'A' && r <= 'Z':
			b.WriteRune(r)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.Trim(b.String(), "-")
}
