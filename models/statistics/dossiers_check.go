package statistics

import (
	"fmt"
	"strings"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/vn"
)

// Breakdowns that must add up. Real reports often do not (the seed's
// Thursday figures: 75 + 20 + 18 = 113 against a total of 108), so these are
// warnings on the record and findings of the data-quality check, never a
// refusal to record what the source printed.

// Check lists what the data-quality check would flag in these figures once
// recorded (sums that do not add up, parts above their total), each with the
// field it is about, so that a form can ask before recording figures that
// contradict themselves. Call it after Validate, which normalises the lines.
func (in *DossierInput) Check() []models.Warning {
	d := DossierStats{Resolved: derefInt(in.Resolved), Received: derefInt(in.Received), CarriedOver: derefInt(in.CarriedOver),
		ResolvedOnTime: in.ResolvedOnTime, NoAppointment: in.NoAppointment, Channels: in.Channels,
		Fields: in.Fields, LinkedGroups: in.LinkedGroups, NoAppointmentLines: in.NoAppointmentFields}
	return d.check()
}

func derefInt(n *int) int {
	if n == nil {
		return 0
	}
	return *n
}

// check lists the sums that do not add up and the parts above their total.
func (d *DossierStats) check() []models.Warning {
	ws := []models.Warning{}
	add := func(field, code, msg string) {
		ws = append(ws, models.Warning{Code: code, Message: msg, Related: []int64{d.ID}, Field: field})
	}
	if total := d.Received + d.CarriedOver; d.Resolved > total {
		add("resolved", "numerator_above_denominator", fmt.Sprintf("số đã giải quyết %s lớn hơn số phải giải quyết %s "+
			"(tiếp nhận trong kỳ %s + kỳ trước chuyển sang %s)", vn.FormatInt(d.Resolved), vn.FormatInt(total),
			vn.FormatInt(d.Received), vn.FormatInt(d.CarriedOver)))
	}
	if d.ResolvedOnTime != nil && *d.ResolvedOnTime > d.Resolved {
		add("resolved_on_time", "part_above_total", fmt.Sprintf("số giải quyết đúng hạn %s lớn hơn số đã giải quyết %s",
			vn.FormatInt(*d.ResolvedOnTime), vn.FormatInt(d.Resolved)))
	}
	for _, b := range d.breakdowns() {
		if b.total == nil {
			continue
		}
		if msg, ok := sumMismatch(b.lines, *b.total, b.value); !ok {
			add(b.field, "parts_mismatch", b.name+": "+msg)
		}
	}
	for _, df := range dimFields {
		for _, msg := range subLinesAbove(*d.lines(df[0])) {
			add(df[1], "part_above_total", msg)
		}
	}
	return ws
}

// dimFields names the input field of each breakdown dimension, in the
// order the warnings list them.
var dimFields = [][2]string{{DimChannel, "channels"}, {DimField, "fields"}, {DimLinkedGroup, "linked_groups"},
	{DimNoAppointment, "no_appointment_fields"}}

// breakdown is one sum to verify: the parts of lines (by value) against
// total, the input field named in the warning.
type breakdown struct {
	name  string
	field string
	lines []DossierLine
	total *int
	value func(DossierLine) *int
}

func lineReceived(l DossierLine) *int { return l.Received }
func lineResolved(l DossierLine) *int { return l.Resolved }

func (d *DossierStats) breakdowns() []breakdown {
	return []breakdown{
		{"Tiếp nhận theo kênh", "received", d.Channels, &d.Received, lineReceived},
		{"Giải quyết theo kênh", "resolved", d.Channels, &d.Resolved, lineResolved},
		{"Tiếp nhận theo lĩnh vực", "received", d.Fields, &d.Received, lineReceived},
		{"Giải quyết theo lĩnh vực", "resolved", d.Fields, &d.Resolved, lineResolved},
		{"“Ngày không viết – Ngày không hẹn” theo lĩnh vực", "no_appointment", d.NoAppointmentLines, d.NoAppointment, lineReceived},
	}
}

// sumMismatch adds the top-level lines' values; with none given there is
// nothing to compare. It describes the sum when it differs from total.
func sumMismatch(lines []DossierLine, total int, value func(DossierLine) *int) (string, bool) {
	var parts []string
	sum := 0
	for _, l := range lines {
		if v := value(l); v != nil && l.Parent == nil {
			parts = append(parts, vn.FormatInt(*v))
			sum += *v
		}
	}
	if len(parts) == 0 || sum == total {
		return "", true
	}
	return fmt.Sprintf("%s = %s, khác tổng số %s", strings.Join(parts, " + "), vn.FormatInt(sum), vn.FormatInt(total)), false
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
					out = append(out, fmt.Sprintf("%s (%s) lớn hơn dòng cha %s (%s)", l.Label, vn.FormatInt(*c), p.Label, vn.FormatInt(*t)))
				}
			}
		}
	}
	return out
}
