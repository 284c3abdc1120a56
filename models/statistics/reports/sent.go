package reports

import "github.com/tiendo/tiendo/models/statistics"

// Sent renders the files kept with a sent version (statistics.SentFormats)
// from the very report that is frozen, so the files and the JSON content
// cannot disagree.
func Sent(r *statistics.Report) ([]statistics.ReportFile, error) {
	out := make([]statistics.ReportFile, 0, len(statistics.SentFormats))
	for _, format := range statistics.SentFormats {
		f, err := RenderWith(r, format, Options{})
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, nil
}
