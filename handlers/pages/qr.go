package pages

import (
	"fmt"
	"html/template"
	"strings"

	qrcode "github.com/skip2/go-qrcode"
)

// qrSVG draws text as a QR code in inline SVG, one square per dark module
// (the quiet zone included), for a phone's camera to read off a laptop's
// screen: the calendar feed's link (issue 17). It is markup this function
// makes from numbers alone, so it is safe to mark as HTML.
func qrSVG(text, id, label string) (template.HTML, error) {
	q, err := qrcode.New(text, qrcode.Medium)
	if err != nil {
		return "", err
	}
	bits := q.Bitmap()
	var path strings.Builder
	for y, row := range bits {
		for x, dark := range row {
			if dark {
				fmt.Fprintf(&path, "M%d %dh1v1h-1z", x, y)
			}
		}
	}
	n := len(bits)
	return template.HTML(fmt.Sprintf(`<svg class="qr" id="%s" role="img" aria-label="%s" viewBox="0 0 %d %d" `+
		`width="220" height="220" shape-rendering="crispEdges"><rect width="%d" height="%d" fill="#fff"/>`+
		`<path d="%s" fill="#000"/></svg>`, template.HTMLEscapeString(id), template.HTMLEscapeString(label), n, n, n, n,
		path.String())), nil
}
