package reports

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"html/template"
)

//go:embed report.html
var reportHTML string

//go:embed report.css
var reportCSS string

var htmlTemplate = template.Must(template.New("report").Parse(reportHTML))

// HTMLContentSecurityPolicy allows the page its one inline style sheet (by
// hash) and nothing else: no script, no outside request.
var HTMLContentSecurityPolicy = func() string {
	sum := sha256.Sum256([]byte(reportCSS))
	return "default-src 'none'; style-src 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) +
		"'; frame-ancestors 'none'"
}()

// htmlView adds the national heading and the style sheet to the document.
type htmlView struct {
	Doc
	Nation, Motto string
	Style         template.CSS
}

// HTML renders the document as a printable A4 page: the browser's print
// dialog gives the paper copy, with the table headers repeated per page.
func HTML(d Doc) ([]byte, error) {
	var buf bytes.Buffer
	v := htmlView{Doc: d, Nation: Nation, Motto: Motto, Style: template.CSS(reportCSS)}
	if err := htmlTemplate.Execute(&buf, v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
