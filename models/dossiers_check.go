package models

import (
	"fmt"
	"strings"
)

// Breakdowns that must add up. Real reports often do not (the seed's
// Thursday figures: 75 + 20 + 18 = 113 against a total of 108), so these are
// warnings on the record and findings of the data-quality check, never a
// refusal to record what the source printed.

// check lists the sums that do not add up and the parts above their total.
func (d *DossierStats) check() []Warning {
	ws := []Warning{}
	add := func(code, msg string) {
		ws = append(ws, Warning{Code: code, Message: msg, Related: []int64{d.ID}})
	}
	if d.ResolvedOnTime != nil && *d.ResolvedOnTime > d.Resolved {
		add("part_above_total", fmt.Sprintf("số giải quyết đúng hạn %s lớn hơn số đã giải quyết %s",
			FormatInt(*d.ResolvedOnTime), FormatInt(d.Resolved)))
	}
	for _, b := range d.breakdowns() {
		if b.total == nil {
			continue
		}
		if msg, ok := sumMismatch(b.lines, *b.total, b.value); !ok {
			add("parts_mismatch", b.name+": "+msg)
		}
	}
	for _, dim := range []string{DimChannel, DimField, DimLinkedGroup, DimNoAppointment} {
		for _, msg := range subLinesAbove(*d.lines(dim)) {
			add("part_above_total", msg)
		}
	}
	return ws
}

// breakdown is one sum to verify: the parts of lines (by value) against total.
type breakdown struct {
	name  string
	lines []DossierLine
	total *int
	value func(DossierLine) *int
}

func lineReceived(l DossierLine) *int { return l.Received }
func lineResolved(l DossierLine) *int { return l.Resolved }

func (d *DossierStats) breakdowns() []breakdown {
	return []breakdown{
		{"Tiếp nhận theo kênh", d.Channels, &d.Received, lineReceived},
		{"Giải quyết theo kênh", d.Channels, &d.Resolved, lineResolved},
		{"Tiếp nhận theo lĩnh vực", d.Fields, &d.Received, lineReceived},
		{"Giải quyết theo lĩnh vực", d.Fields, &d.Resolved, lineResolved},
		{"“Ngày không viết – Ngày không hẹn” theo lĩnh vực", d.NoAppointmentLines, d.NoAppointment, lineReceived},
	}
}

// sumMismatch adds the top-level lines' values; with none given there is
// nothing to compare. It describes the sum when it differs from total.
func sumMismatch(lines []DossierLine, total int, value func(DossierLine) *int) (string, bool) {
	var parts []string
	sum := 0
	for _, l := range lines {
		if v := value(l); v != nil && l.Parent == nil {
			parts = append(parts, FormatInt(*v))
			sum += *v
		}
	}
	if len(parts) == 0 || sum == total {
		return "", true
	}
	return fmt.Sprintf("%s = %s, khác tổng số %s", strings.Join(parts, " + "), FormatInt(sum), FormatInt(total)), false
}

// subLinesAbove names the "of which" lines larger than their parent.
func subLinesAbove(lines []DossierLine) []string {
	var out []string
	for _, l := range lines {
		if l.Parent == nil {
			continue
		}
		for _, p := range lines {
			if p.Key != *l.Parent {
				continue
			}
			for _, val := range []func(DossierLine) *int{lineReceived, lineResolved} {
				if c, t := val(l), val(p); c != nil && t != nil && *c > *t {
					out = append(out, fmt.Sprintf("%s (%s) lớn hơn dòng cha %s (%s)", l.Label, FormatInt(*c), p.Label, FormatInt(*t)))
				}
			}
		}
	}
	return out
}
