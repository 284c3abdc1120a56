package reports

import (
	"fmt"
	"strings"

	"github.com/tiendo/tiendo/models"
)

// indicatorsSection prints each indicator the way the seed report does
// ("Thanh toán trực tuyến (tỷ lệ quy định đạt 50%): xã đạt 90,83%") and a
// table with the Decision 766 score.
func indicatorsSection(r *models.Report) Section {
	ir := r.Indicators
	return Section{Title: "III. CHỈ SỐ PHỤC VỤ NGƯỜI DÂN, DOANH NGHIỆP (QUYẾT ĐỊNH SỐ 766/QĐ-TTg)", Blocks: []Block{
		para(indicatorSentence(ir)),
		table(indicatorTable(ir)),
		para(fmt.Sprintf("Tổng điểm theo Bộ chỉ số: %s/%s điểm của các chỉ tiêu có số liệu (tối đa %s điểm; "+
			"%d chỉ tiêu chưa có số liệu).", models.FormatNumber(ir.Score, 2), models.FormatNumber(ir.MaxRecorded, 2),
			models.FormatNumber(ir.MaxTotal, 2), ir.Missing)),
	}}
}

// indicatorSentence is the seed's sentence: the publication date, then each
// indicator with a value against its required rate.
func indicatorSentence(ir models.IndicatorResults) string {
	var lines []string
	asOf := ""
	for _, row := range ir.Rows {
		if row.Value == nil {
			continue
		}
		if !row.Value.AsOf.IsZero() && asOf == "" {
			asOf = row.Value.AsOf.VN()
		}
		lines = append(lines, fmt.Sprintf("%s (tỷ lệ quy định đạt %s): xã đạt %s", row.Name, targetText(row),
			models.FormatPercent(row.Value.Value)))
	}
	if len(lines) == 0 {
		return "Chưa có số liệu chỉ số trong kỳ."
	}
	lead := "Kết quả thực hiện của xã như sau: "
	if asOf != "" {
		lead = "Theo số liệu công bố trên hệ thống dịch vụ công ngày " + asOf + ", kết quả thực hiện của xã như sau: "
	}
	return lead + strings.Join(lines, "; ") + "."
}

// indicatorTable lists every indicator: result, target, threshold, met, score.
func indicatorTable(ir models.IndicatorResults) Table {
	t := Table{Name: "Chỉ số 766", Header: []string{"STT", "Chỉ tiêu", "Nhóm", "Kết quả", "Chỉ tiêu năm",
		"Ngưỡng 766", "Đánh giá", "Điểm", "Tối đa"}, Widths: []float64{6, 26, 13, 13, 11, 9, 10, 8, 8}}
	for i, row := range ir.Rows {
		var value *float64
		result, score := "Chưa có số liệu", text("–")
		if row.Value != nil {
			value, result = &row.Value.Value, "Không đạt"
			if *row.Met {
				result = "Đạt"
			}
			score = numCell(*row.Score)
		}
		threshold := row.Threshold
		t.Rows = append(t.Rows, []Cell{intCell(i + 1), text(row.Name), text(row.GroupName), pctCell(value),
			text(targetText(row)), pctCell(&threshold), text(result), score, numCell(row.MaxPoints)})
	}
	return t
}

// targetText is the yearly target as the province words it ("50%", "từ 90 -
// 100%"), or the 766 threshold when the year has none.
func targetText(row models.IndicatorResult) string {
	t := row.Target
	switch {
	case t == nil:
		return models.FormatPercent(row.Threshold)
	case t.High != nil && *t.High != t.Low:
		return "từ " + models.FormatNumber(t.Low, 2) + " - " + models.FormatPercent(*t.High)
	}
	return models.FormatPercent(t.Low)
}

// dossiersSection prints the dossier counts as the seed does ("Toàn trình
// 406/407 hồ sơ") and in tables.
func dossiersSection(r *models.Report) Section {
	s := Section{Title: "IV. TIẾP NHẬN, GIẢI QUYẾT HỒ SƠ THỦ TỤC HÀNH CHÍNH"}
	d := r.Dossiers
	if d == nil {
		s.Blocks = append(s.Blocks, para("Chưa có số liệu hồ sơ của kỳ báo cáo."))
		return s
	}
	s.Blocks = append(s.Blocks, para(dossierSummary(d)))
	if len(d.Channels) > 0 {
		s.Blocks = append(s.Blocks, table(lineTable("Theo kênh", "Kênh tiếp nhận", d.Channels, d.Received, d.Resolved)))
	}
	if len(d.Fields) > 0 {
		s.Blocks = append(s.Blocks, table(lineTable("Theo lĩnh vực", "Lĩnh vực", d.Fields, d.Received, d.Resolved)))
	}
	if len(d.LinkedGroups) > 0 {
		var parts []string
		for _, l := range d.LinkedGroups {
			parts = append(parts, fmt.Sprintf("nhóm %s: %s trường hợp", l.Label, models.FormatInt(deref(l.Received))))
		}
		s.Blocks = append(s.Blocks, para(fmt.Sprintf("Về thực hiện %02d nhóm thủ tục liên thông điện tử: %s.",
			len(d.LinkedGroups), strings.Join(parts, "; "))))
	}
	if d.NoAppointment != nil || len(d.NoAppointmentLines) > 0 {
		s.Blocks = append(s.Blocks, para(noAppointmentText(d)))
	}
	return s
}

// dossierSummary is the seed's sentence: received, resolved and the rate,
// then each channel as resolved/received.
func dossierSummary(d *models.DossierStats) string {
	out := fmt.Sprintf("Trong kỳ đã tiếp nhận %s hồ sơ. Kết quả giải quyết %s hồ sơ đạt %s.",
		models.FormatInt(d.Received), models.FormatInt(d.Resolved), models.FormatPercentPtr(d.ResolvedRate))
	if d.ResolvedOnTime != nil {
		out += fmt.Sprintf(" Giải quyết đúng hạn %s hồ sơ (%s).", models.FormatInt(*d.ResolvedOnTime),
			models.FormatPercentPtr(d.OnTimeRate))
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
func noAppointmentText(d *models.DossierStats) string {
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

// lineTable is a breakdown with the rate of each line and the total.
func lineTable(name, first string, lines []models.DossierLine, received, resolved int) Table {
	t := Table{Name: name, Header: []string{"STT", first, "Tiếp nhận", "Đã giải quyết", "Tỷ lệ giải quyết"},
		Widths: []float64{6, 45, 14, 14, 14}}
	for i, l := range lines {
		label := l.Label
		if l.Parent != nil {
			label = "Trong đó: " + l.Label
		}
		var rate *float64
		if l.Received != nil && l.Resolved != nil && *l.Received > 0 {
			x := float64(*l.Resolved) * 100 / float64(*l.Received)
			rate = &x
		}
		t.Rows = append(t.Rows, []Cell{intCell(i + 1), text(label), optInt(l.Received), optInt(l.Resolved), pctCell(rate)})
	}
	var rate *float64
	if received > 0 {
		x := float64(resolved) * 100 / float64(received)
		rate = &x
	}
	t.Rows = append(t.Rows, []Cell{text(""), text("Tổng số"), intCell(received), intCell(resolved), pctCell(rate)})
	return t
}

// qualitySection lists the data-quality findings of the period's year.
func qualitySection(r *models.Report) Section {
	s := Section{Title: "V. KIỂM TRA CHẤT LƯỢNG SỐ LIỆU"}
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
	return models.FormatInt(*n)
}
