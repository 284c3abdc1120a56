package reports

import (
	"fmt"
	"strings"

	"github.com/tiendo/tiendo/models/statistics"
	"github.com/tiendo/tiendo/models/vn"
)

// indicatorsSection prints each indicator the way the seed report does
// ("Thanh toán trực tuyến (tỷ lệ quy định đạt 50%): xã đạt 90,83%"), a table
// with both judgements (766 points, the commune's target), and the total
// out of the full maximum.
func indicatorsSection(r *statistics.Report) Section {
	ir := r.Indicators
	return Section{Title: "3. Chỉ số phục vụ người dân, doanh nghiệp (Quyết định số 766/QĐ-TTg)", Sub: true, Blocks: []Block{
		para(indicatorSentence(r)),
		table(indicatorTable(ir)),
		para(ir.Summary),
		para("Điểm chấm theo ngưỡng của Quyết định số 766/QĐ-TTg (đạt ngưỡng được đủ điểm, dưới ngưỡng được " +
			"tỷ lệ × điểm tối đa ÷ ngưỡng); “đạt / chưa đạt” so với chỉ tiêu năm của xã."),
	}}
}

// indicatorSentence is the seed's sentence: each indicator with a value
// against the commune's yearly target, as of the report's cut-off date.
func indicatorSentence(r *statistics.Report) string {
	var lines []string
	for _, row := range r.Indicators.Rows {
		if row.Value == nil {
			continue
		}
		line := fmt.Sprintf("%s: xã đạt %s", row.Name, vn.FormatPercent(row.Value.Value))
		if row.Target != nil {
			line = fmt.Sprintf("%s (tỷ lệ quy định đạt %s): xã đạt %s", row.Name, statistics.TargetText(row.Target),
				vn.FormatPercent(row.Value.Value))
		}
		lines = append(lines, line)
	}
	if len(lines) == 0 {
		return "Chưa có số liệu chỉ số trong kỳ."
	}
	return "Theo số liệu trên hệ thống dịch vụ công đến ngày " + r.CutoffOn.VN() + ", kết quả thực hiện của xã như sau: " +
		strings.Join(lines, "; ") + "."
}

// indicatorTable lists every indicator: result, threshold, target, points
// and both judgements in words.
func indicatorTable(ir statistics.IndicatorResults) Table {
	t := Table{Name: "Chỉ số 766", Header: []string{"STT", "Chỉ tiêu", "Nhóm", "Kết quả", "Ngưỡng 766",
		"Chỉ tiêu năm của xã", "Điểm", "Điểm tối đa", "Đánh giá"}, Widths: []float64{5, 20, 11, 9, 9, 10, 7, 8, 26}}
	for i, row := range ir.Rows {
		var value *float64
		result, score := text(statistics.NoData), text("0")
		if row.Value != nil {
			value = &row.Value.Value
			result, score = pctCell(value), numCell(*row.Score)
		}
		threshold, target := row.Threshold, text("–")
		if row.Target != nil {
			low := row.Target.Low
			target = pctCell(&low)
			target.Text = statistics.TargetText(row.Target)
		}
		t.Rows = append(t.Rows, []Cell{intCell(i + 1), text(row.Name), text(row.GroupName), result, pctCell(&threshold),
			target, score, numCell(row.MaxPoints), text(row.Label)})
	}
	return t
}

// dossiersSection prints the dossier counts as the seed does ("Toàn trình
// 406/407 hồ sơ") and in tables.
func dossiersSection(r *statistics.Report) Section {
	s := Section{Title: "4. Tiếp nhận, giải quyết hồ sơ thủ tục hành chính", Sub: true}
	d := r.Dossiers
	if d == nil {
		s.Blocks = append(s.Blocks, para("Chưa có số liệu hồ sơ của kỳ báo cáo."))
		return s
	}
	s.Blocks = append(s.Blocks, para(dossierSummary(d)))
	if len(d.Channels) > 0 {
		s.Blocks = append(s.Blocks, table(lineTable("Theo kênh", "Kênh tiếp nhận", d.Channels, d)))
	}
	if len(d.Fields) > 0 {
		s.Blocks = append(s.Blocks, table(lineTable("Theo lĩnh vực", "Lĩnh vực", d.Fields, d)))
	}
	if len(d.LinkedGroups) > 0 {
		var parts []string
		for _, l := range d.LinkedGroups {
			parts = append(parts, fmt.Sprintf("nhóm %s: %s trường hợp", l.Label, vn.FormatInt(deref(l.Received))))
		}
		s.Blocks = append(s.Blocks, para(fmt.Sprintf("Về thực hiện %02d nhóm thủ tục liên thông điện tử: %s.",
			len(d.LinkedGroups), strings.Join(parts, "; "))))
	}
	if d.NoAppointment != nil || len(d.NoAppointmentLines) > 0 {
		s.Blocks = append(s.Blocks, para(noAppointmentText(d)))
	}
	return s
}

// dossierSummary is the seed's sentence: received (and the backlog carried
// over, when there is one), resolved and the rate, then each channel as
// resolved/received.
func dossierSummary(d *statistics.DossierStats) string {
	received := fmt.Sprintf("Trong kỳ đã tiếp nhận %s hồ sơ.", vn.FormatInt(d.Received))
	if d.CarriedOver > 0 {
		received = fmt.Sprintf("Trong kỳ đã tiếp nhận %s hồ sơ, kỳ trước chuyển sang %s hồ sơ (tổng số phải giải quyết %s hồ sơ).",
			vn.FormatInt(d.Received), vn.FormatInt(d.CarriedOver), vn.FormatInt(d.Received+d.CarriedOver))
	}
	out := fmt.Sprintf("%s Kết quả giải quyết %s hồ sơ đạt %s.", received,
		vn.FormatInt(d.Resolved), vn.FormatPercentPtr(d.ResolvedRate))
	if d.ResolvedOnTime != nil {
		out += fmt.Sprintf(" Giải quyết đúng hạn %s hồ sơ (%s).", vn.FormatInt(*d.ResolvedOnTime),
			vn.FormatPercentPtr(d.OnTimeRate))
	}
	var parts []string
	for _, l := range d.Channels {
		if l.Parent != nil {
			continue
		}
		part := fmt.Sprintf("%s %s/%s hồ sơ", l.Label, optText(l.Resolved), optText(l.Received))
		for _, sub := range d.Channels {
			if sub.Parent != nil && *sub.Parent == l.Key {
				part += fmt.Sprintf(" (có %s hồ sơ %s)", optText(sub.Received), lowerFirst(sub.Label))
			}
		}
		parts = append(parts, part)
	}
	if len(parts) > 0 {
		out += " Trong đó: " + strings.Join(parts, "; ") + "."
	}
	return out
}

// noAppointmentText is the Thursday model's total and its breakdown.
func noAppointmentText(d *statistics.DossierStats) string {
	out := "Mô hình “Ngày không viết” và “Ngày không hẹn”: tổng số đã tiếp nhận " + optText(d.NoAppointment) + " hồ sơ."
	var parts []string
	for _, l := range d.NoAppointmentLines {
		parts = append(parts, fmt.Sprintf("%s: %s hồ sơ", lowerFirst(l.Label), optText(l.Received)))
	}
	if len(parts) > 0 {
		out += " Trong đó: " + strings.Join(parts, ", ") + "."
	}
	return out
}

// lineTable is a breakdown with the rate of each line and the total; the
// backlog carried over has a row of its own above the total, whose rate is
// the record's (models.DossierRate).
func lineTable(name, first string, lines []statistics.DossierLine, d *statistics.DossierStats) Table {
	t := Table{Name: name, Header: []string{"STT", first, "Tiếp nhận", "Đã giải quyết", "Tỷ lệ giải quyết"},
		Widths: []float64{6, 45, 14, 14, 14}}
	for i, l := range lines {
		label := l.Label
		if l.Parent != nil {
			label = "Trong đó: " + l.Label
		}
		var rate *float64
		if l.Received != nil && l.Resolved != nil {
			rate = statistics.DossierRate(*l.Resolved, *l.Received, 0)
		}
		t.Rows = append(t.Rows, []Cell{intCell(i + 1), text(label), optInt(l.Received), optInt(l.Resolved), pctCell(rate)})
	}
	if d.CarriedOver > 0 {
		t.Rows = append(t.Rows, []Cell{text(""), text("Kỳ trước chuyển sang"), intCell(d.CarriedOver), text(""), text("")})
	}
	t.Rows = append(t.Rows, []Cell{text(""), text("Tổng số"), intCell(d.Received + d.CarriedOver), intCell(d.Resolved),
		pctCell(d.ResolvedRate)})
	return t
}

// qualitySection is the optional appendix: the data-quality findings of
// the period's year, for the commune's own review.
func qualitySection(r *statistics.Report) Section {
	s := Section{Title: "PHỤ LỤC: KIỂM TRA CHẤT LƯỢNG SỐ LIỆU"}
	if len(r.Quality) == 0 {
		s.Blocks = append(s.Blocks, para("Không phát hiện số liệu mâu thuẫn."))
		return s
	}
	s.Blocks = append(s.Blocks, para(fmt.Sprintf("Phát hiện %d vấn đề cần rà soát, đối chiếu:", len(r.Quality))))
	t := Table{Name: "Chất lượng số liệu", Header: []string{"STT", "Mức độ", "Nội dung", "Bản ghi liên quan"},
		Widths: []float64{6, 12, 44, 38}}
	for i, f := range r.Quality {
		var recs []string
		for _, rec := range f.Records {
			recs = append(recs, rec.Label)
		}
		t.Rows = append(t.Rows, []Cell{intCell(i + 1), text(severityName[f.Severity]), text(f.Message),
			text(strings.Join(recs, "; "))})
	}
	s.Blocks = append(s.Blocks, table(t))
	return s
}

var severityName = map[string]string{"error": "Mâu thuẫn", "warning": "Cần xem lại", "info": "Lưu ý"}

func deref(n *int) int {
	if n == nil {
		return 0
	}
	return *n
}

func optText(n *int) string {
	if n == nil {
		return "–"
	}
	return vn.FormatInt(*n)
}
