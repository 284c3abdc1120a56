package reports

import (
	"fmt"
	"strings"

	"github.com/tiendo/tiendo/models/plans"
	"github.com/tiendo/tiendo/models/statistics"
	"github.com/tiendo/tiendo/models/vn"
)

// Content lays the report out once for every format: the heading, "Kết
// quả đạt được" (the chairman's text, then the computed parts), the four
// other sections of a Vietnamese period report, the signature and, when
// asked for, the data-quality appendix.
func Content(r *statistics.Report) Doc {
	d := Doc{
		Authority:      upper(r.Commune.Authority()),
		AuthorityLines: []string{"ỦY BAN NHÂN DÂN", upper(r.Commune.Place())},
		Number:         "Số:        /BC-UBND",
		Place:          fmt.Sprintf("%s, ngày      tháng      năm %d", r.Commune.Name, r.Period.End.Year),
		Title:          "BÁO CÁO",
		Subtitle:       "Kết quả thực hiện kế hoạch, nhiệm vụ, chỉ tiêu " + r.Period.Label,
		Recipients:     []string{"- UBND cấp trên (báo cáo);", "- Lưu: VT."},
		SignFor:        "TM. ỦY BAN NHÂN DÂN",
		Signer:         "CHỦ TỊCH",
		SignerName:     r.Signer,
		Meta: []string{
			fmt.Sprintf("Kỳ báo cáo: %s (từ %s đến %s).", r.Period.Title(), r.Period.Start.VN(), r.Period.End.VN()),
			fmt.Sprintf("Ngày chốt số liệu: %s.", r.CutoffOn.VN()),
		},
	}
	var n statistics.NarrativeInput
	if r.Narrative != nil {
		n = r.Narrative.NarrativeInput
	}
	results := Section{Title: "I. " + upper(statistics.NarrativeSections[0].Title), Blocks: narrativeBlocks(n.Results, false)}
	d.Sections = append(d.Sections, results, plansSection(r), tasksSection(r), indicatorsSection(r), dossiersSection(r))
	for i, ns := range statistics.NarrativeSections[1:] {
		d.Sections = append(d.Sections, Section{Title: roman[i+2] + ". " + upper(ns.Title),
			Blocks: narrativeBlocks(n.Text(ns.Field), true)})
	}
	if r.WithQuality {
		d.Appendix = append(d.Appendix, qualitySection(r))
	}
	return d
}

var roman = map[int]string{2: "II", 3: "III", 4: "IV", 5: "V"}

// narrativeBlocks are the chairman's paragraphs (one per line written); an
// empty section prints a dotted line to fill in by hand when required.
func narrativeBlocks(text string, required bool) []Block {
	var out []Block
	for _, line := range strings.Split(text, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, para(line))
		}
	}
	if len(out) == 0 && required {
		out = append(out, para(strings.Repeat("…", 40)))
	}
	return out
}

// plansSection lists the plans issued in the period, with their warnings;
// plans of the period's year dated outside it (an early issue, or a slip
// such as the seed's 10/KH-UBND "11/3/2023") come under their own heading.
func plansSection(r *statistics.Report) Section {
	s := Section{Title: "1. Các kế hoạch đã ban hành", Sub: true}
	var in, out []statistics.ReportPlan
	for _, p := range r.Plans {
		if r.Period.Contains(p.IssuedOn) {
			in = append(in, p)
		} else {
			out = append(out, p)
		}
	}
	if len(in) == 0 {
		s.Blocks = append(s.Blocks, para("Trong kỳ không có kế hoạch nào được ban hành."))
	} else {
		s.Blocks = append(s.Blocks, para(fmt.Sprintf("Trong kỳ, %s đã ban hành %d kế hoạch: %s.",
			r.Commune.Short(), len(in), citePlans(in))), table(planTable("Kế hoạch", in)))
	}
	if len(out) > 0 {
		s.Blocks = append(s.Blocks, para(fmt.Sprintf("Kế hoạch của năm %d có ngày ban hành ngoài kỳ báo cáo "+
			"(%d kế hoạch, cần đối chiếu ngày ban hành): %s.", r.Period.Year, len(out), citePlans(out))),
			table(planTable("Kế hoạch ngoài kỳ", out)))
	}
	return s
}

func citePlans(plans []statistics.ReportPlan) string {
	var cites []string
	for _, p := range plans {
		cites = append(cites, fmt.Sprintf("Kế hoạch số %s ngày %s về %s", p.DocNumber, p.IssuedOn.VN(), lowerFirst(p.Title)))
	}
	return strings.Join(cites, "; ")
}

func planTable(name string, plans []statistics.ReportPlan) Table {
	t := Table{Name: name, Header: []string{"STT", "Số, ký hiệu", "Ngày ban hành", "Loại kế hoạch", "Trích yếu", "Ghi chú"},
		Widths: []float64{6, 15, 14, 16, 31, 22}}
	for i, p := range plans {
		var notes []string
		for _, w := range p.Warnings {
			notes = append(notes, w.Message)
		}
		t.Rows = append(t.Rows, []Cell{intCell(i + 1), text(p.DocNumber), text(p.IssuedOn.VN()), text(p.KindName),
			text(p.Title), text(strings.Join(notes, "; "))})
	}
	return t
}

// tasksSection summarises the task results, by plan kind and by unit, and
// lists the overdue tasks.
func tasksSection(r *statistics.Report) Section {
	s := Section{Title: "2. Kết quả thực hiện nhiệm vụ", Sub: true}
	s.Blocks = append(s.Blocks, para(taskSummary(r)), para(figuresNote))
	if r.Tasks.Forwarded > 0 {
		s.Blocks = append(s.Blocks, para(fmt.Sprintf(subtasksNote, vn.FormatInt(r.Tasks.Forwarded))))
	}
	tot := r.Tasks.Total
	if tot.Extended > 0 {
		s.Blocks = append(s.Blocks, para(fmt.Sprintf("Có %s nhiệm vụ được gia hạn; đúng hạn tính theo thời hạn đã được "+
			"duyệt, thời hạn ban đầu ghi trong ngoặc.", vn.FormatInt(tot.Extended))))
	}
	s.Blocks = append(s.Blocks, table(tallyTable("Theo loại kế hoạch", "Loại kế hoạch", r.Tasks.ByKind, tot)))
	s.Blocks = append(s.Blocks, table(tallyTable("Theo đơn vị chủ trì", "Đơn vị chủ trì", r.Tasks.ByUnit, r.Tasks.UnitTotal)))
	if len(r.Tasks.Overdue) == 0 {
		s.Blocks = append(s.Blocks, para("Không có nhiệm vụ quá hạn."))
		return s
	}
	s.Blocks = append(s.Blocks, para(fmt.Sprintf("Danh sách %d nhiệm vụ quá hạn:", len(r.Tasks.Overdue))))
	t := Table{Name: "Nhiệm vụ quá hạn", Header: []string{"STT", "Nhiệm vụ", "Kế hoạch", "Đơn vị chủ trì",
		"Thời hạn", "Số ngày quá hạn", "Tiến độ"}, Widths: []float64{6, 30, 16, 18, 15, 9, 9}}
	for i, o := range r.Tasks.Overdue {
		pct := float64(o.Percent)
		t.Rows = append(t.Rows, []Cell{intCell(i + 1), text(o.Title), text(o.DocNumber), text(o.LeadUnit),
			text(dueText(o)), intCell(o.DaysOverdue), pctCell(&pct)})
	}
	s.Blocks = append(s.Blocks, table(t))
	return s
}

// figuresNote states how every task figure is counted (DESIGN.md, "Task
// figures"): the same words on the dashboard.
const figuresNote = "Cách tính: nhiệm vụ trong kỳ là nhiệm vụ đã bắt đầu trước ngày cuối kỳ và chưa hoàn thành " +
	"trước ngày đầu kỳ, không tính nhiệm vụ đã hủy; tỷ lệ hoàn thành = số đã hoàn thành ÷ số nhiệm vụ trong kỳ; " +
	"tỷ lệ đúng hạn = số hoàn thành đúng hạn ÷ số nhiệm vụ đã đến hạn (đã hoàn thành hoặc quá hạn)."

// subtasksNote says how forwarded work is counted (issue 19): once, as the
// plan's task in the totals and by plan kind, as the sub-tasks by unit.
const subtasksNote = "Nhiệm vụ được giao tiếp cho cấp dưới (%s nhiệm vụ con) chỉ tính một lần: số liệu chung và " +
	"theo loại kế hoạch tính nhiệm vụ gốc, với tiến độ tổng hợp từ các nhiệm vụ con; số liệu theo đơn vị chủ trì " +
	"tính nhiệm vụ trực tiếp thực hiện (nhiệm vụ không có nhiệm vụ con), nên tổng theo đơn vị có thể khác tổng chung."

// taskSummary states every figure with its period and its denominator.
func taskSummary(r *statistics.Report) string {
	t, n := r.Tasks.Total, vn.FormatInt
	out := fmt.Sprintf("%s (tính đến ngày %s) có %s nhiệm vụ thực hiện trong kỳ: hoàn thành đúng hạn %s, "+
		"hoàn thành quá hạn %s, đang thực hiện trong hạn %s, chưa bắt đầu %s, quá hạn %s (không tính %s nhiệm vụ đã hủy). "+
		"Tỷ lệ hoàn thành: %s/%s nhiệm vụ trong kỳ (%s); tỷ lệ hoàn thành đúng hạn: %s/%s nhiệm vụ đã đến hạn (%s).",
		r.Period.Title(), r.CutoffOn.VN(), n(t.Total), n(t.DoneOnTime), n(t.DoneLate), n(t.InProgress), n(t.NotStarted),
		n(t.Overdue), n(t.Cancelled), n(t.Done), n(t.Total), vn.FormatPercentPtr(t.CompletionRate),
		n(t.DoneOnTime), n(t.Due), vn.FormatPercentPtr(t.OnTimeRate))
	if t.Extended > 0 {
		out += fmt.Sprintf(" Có %s nhiệm vụ được gia hạn, đánh giá đúng hạn theo thời hạn đã gia hạn.", n(t.Extended))
	}
	return out
}

// tallyTable is one breakdown of the task results with a total line.
func tallyTable(name, first string, rows []statistics.TallyRow, total plans.Tally) Table {
	t := Table{Name: name, Header: []string{"STT", first, "Tổng số", "Hoàn thành đúng hạn", "Hoàn thành quá hạn",
		"Đang thực hiện trong hạn", "Chưa bắt đầu", "Quá hạn", "Tỷ lệ hoàn thành", "Tỷ lệ đúng hạn"},
		Widths: []float64{5, 21, 8, 10, 10, 10, 9, 8, 10, 10}}
	line := func(stt Cell, label string, x plans.Tally) []Cell {
		return []Cell{stt, text(label), intCell(x.Total), intCell(x.DoneOnTime), intCell(x.DoneLate),
			intCell(x.InProgress), intCell(x.NotStarted), intCell(x.Overdue), pctCell(x.CompletionRate), pctCell(x.OnTimeRate)}
	}
	for i, r := range rows {
		t.Rows = append(t.Rows, line(intCell(i+1), r.Name, r.Tally))
	}
	t.Rows = append(t.Rows, line(text(""), "Tổng cộng", total))
	return t
}

// lowerFirst lower-cases a title's first letter to run on in a sentence.
func lowerFirst(s string) string {
	r := []rune(s)
	if len(r) == 0 {
		return s
	}
	return strings.ToLower(string(r[0])) + string(r[1:])
}

// dueText is an overdue task's deadline, with the first one in brackets
// when an extension moved it.
func dueText(o statistics.OverdueTask) string {
	if o.OriginalDueOn == nil {
		return o.DueOn.VN()
	}
	return o.DueOn.VN() + " (ban đầu " + o.OriginalDueOn.VN() + ")"
}
