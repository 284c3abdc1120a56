package plans

import (
	"github.com/tiendo/tiendo/models/calendar"
)

// Horizon exposes Rule.horizon.
func (r Rule) Horizon(today calendar.Date) calendar.Date { return r.horizon(today) }

// Occurrences exposes Rule.occurrences as "nominal start due" lines.
func (r Rule) Occurrences(from, to, startsOn calendar.Date, cal *calendar.Calendar) []string {
	var out []string
	for _, o := range r.occurrences(from, to, startsOn, cal) {
		out = append(out, o.On.String()+" "+o.Start.String()+" "+o.Due.String())
	}
	return out
}
