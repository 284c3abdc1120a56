package imports

import (
	"strings"

	"github.com/tiendo/tiendo/models/calendar"
	"github.com/tiendo/tiendo/models/plans"
	"github.com/tiendo/tiendo/models/vn"
)

// PlanImportColumns are the columns of the plans template: one row per
// task, the plan's columns filled on its first row (a row without a number
// continues the plan above; a plan without tasks is a row without a task).
var PlanImportColumns = []ImportColumn{
	{Key: "doc_number", Label: "Số, ký hiệu", Help: "ví dụ 06/KH-UBND; để trống: nhiệm vụ của kế hoạch ở dòng trên", Required: true},
	{Key: "issued_on", Label: "Ngày ban hành", Help: "dd/mm/yyyy", Date: true},
	{Key: "year", Label: "Năm kế hoạch", Help: "để trống: năm của ngày ban hành"},
	{Key: "kind", Label: "Loại kế hoạch", Help: "Cải cách hành chính, Thi đua, Tuyên truyền, Chuyển đổi số, Khác (hoặc mã)"},
	{Key: "plan_title", Label: "Trích yếu kế hoạch", Help: "nội dung kế hoạch"},
	{Key: "plan_summary", Label: "Tóm tắt", Help: "không bắt buộc"},
	{Key: "confirm_duplicate", Label: "Xác nhận trùng số", Help: "x nếu số đã dùng trong năm mà vẫn ghi nhận"},
	{Key: "task_title", Label: "Nhiệm vụ", Help: "để trống nếu dòng chỉ có kế hoạch"},
	{Key: "lead_unit", Label: "Đơn vị chủ trì", Help: "tên đơn vị như trong danh mục đơn vị của xã"},
	{Key: "supporting_units", Label: "Đơn vị phối hợp", Help: "các tên cách nhau bởi dấu ;"},
	{Key: "start_on", Label: "Ngày bắt đầu", Help: "dd/mm/yyyy; để trống: hôm nay", Date: true},
	{Key: "due_on", Label: "Thời hạn", Help: "dd/mm/yyyy", Date: true},
	{Key: "target_value", Label: "Chỉ tiêu", Help: "số, ví dụ 100 hoặc 83,2"},
	{Key: "target_unit", Label: "Đơn vị tính", Help: "ví dụ %, hồ sơ, buổi"},
	{Key: "indicators", Label: "Mã chỉ số", Help: "mã chỉ số nhiệm vụ đóng góp, cách nhau bởi dấu ;"},
	{Key: "parent_row", Label: "Thuộc nhiệm vụ ở dòng", Help: "số dòng (trong tệp này) của nhiệm vụ cấp trên cùng kế hoạch, " +
		"ở phía trên; để trống: nhiệm vụ của kế hoạch"},
}

// PlanDraft is a plan read from an import with its tasks, validated but
// not yet written.
type PlanDraft struct {
	Row   int
	Plan  plans.PlanInput
	Tasks []TaskDraft
}

// TaskDraft is one task row of an import.
type TaskDraft struct {
	Row        int
	Task       plans.TaskInput
	Indicators []string
	// ParentRow is the row of the task this one is a sub-task of (issue
	// 19); 0 for a task of the plan itself.
	ParentRow int
}

// ImportLookups resolve names in an import: units by name, plan kinds by
// code or name, both compared without case or diacritics.
type ImportLookups struct {
	Units map[string]int64
	Kinds map[string]string
	Today calendar.Date
}

// lookupKey is how names are compared: folded and lower-cased.
func lookupKey(s string) string {
	return strings.ToLower(vn.Fold(strings.Join(strings.Fields(s), " ")))
}

var planFields = map[string]string{"title": "plan_title", "summary": "plan_summary"}

var taskFields = map[string]string{"title": "task_title", "lead_unit_id": "lead_unit",
	"supporting_unit_ids": "supporting_units", "description": "task_title"}

// ParsePlanRows reads and validates every row of a plans import; the error,
// if any, lists every problem by row and column.
func ParsePlanRows(g Grid, l ImportLookups) ([]PlanDraft, error) {
	errs := &rowErrors{}
	if len(g.Rows) == 0 {
		errs.add(1, "doc_number", "tệp không có dòng tiêu đề")
		return nil, errs.Err()
	}
	if len(g.Rows) > maxImportRows+1 || len(g.Rows[0]) > maxImportCols {
		errs.add(1, "", "tệp quá lớn: tối đa %d dòng, %d cột", maxImportRows, maxImportCols)
		return nil, errs.Err()
	}
	idx := columnIndex(g.Rows[0], PlanImportColumns, errs)
	var drafts []PlanDraft
	byKey := map[string]int{}
	for i, raw := range g.Rows[1:] {
		c := cells{row: raw, idx: idx, num: i + 2, errs: errs}
		if blank(raw) {
			continue
		}
		d := planOfRow(c, l, &drafts, byKey)
		if d == nil {
			continue
		}
		if title := c.get("task_title"); title != "" {
			d.Tasks = append(d.Tasks, taskOfRow(c, l))
		}
	}
	for i := range drafts {
		checkParents(&drafts[i], errs)
	}
	if len(drafts) == 0 && len(errs.Fields) == 0 {
		errs.add(2, "doc_number", "tệp không có kế hoạch nào")
	}
	return drafts, errs.Err()
}

// planOfRow finds the plan a row belongs to, starting a new one when the
// row names a number not seen yet.
func planOfRow(c cells, l ImportLookups, drafts *[]PlanDraft, byKey map[string]int) *PlanDraft {
	number := c.get("doc_number")
	if number == "" {
		if len(*drafts) == 0 {
			c.errs.add(c.num, "doc_number", "cần nhập số, ký hiệu kế hoạch")
			return nil
		}
		return &(*drafts)[len(*drafts)-1]
	}
	key := strings.ToUpper(strings.Join(strings.Fields(number), "")) + "|" + c.get("issued_on")
	if i, ok := byKey[key]; ok {
		return &(*drafts)[i]
	}
	in := plans.PlanInput{DocNumber: number, IssuedOn: c.date("issued_on"), Kind: c.get("kind"),
		Title: c.get("plan_title"), Summary: c.get("plan_summary"), ConfirmDuplicate: c.yes("confirm_duplicate")}
	if y := c.number("year"); y != nil {
		in.Year = int(*y)
	}
	if in.Kind != "" {
		kind, ok := l.Kinds[lookupKey(in.Kind)]
		if !ok {
			c.errs.add(c.num, "kind", "không có loại kế hoạch %q", in.Kind)
		}
		in.Kind = kind
	}
	if err := in.Validate(); err != nil {
		c.errs.addFields(c.num, err, planFields)
	}
	byKey[key] = len(*drafts)
	*drafts = append(*drafts, PlanDraft{Row: c.num, Plan: in})
	return &(*drafts)[len(*drafts)-1]
}

// taskOfRow reads and validates the task of a row.
func taskOfRow(c cells, l ImportLookups) TaskDraft {
	in := plans.TaskInput{Title: c.get("task_title"), StartOn: c.date("start_on"), DueOn: c.date("due_on"),
		TargetValue: c.number("target_value"), TargetUnit: c.get("target_unit")}
	if name := c.get("lead_unit"); name != "" {
		id, ok := l.Units[lookupKey(name)]
		if !ok {
			c.errs.add(c.num, "lead_unit", "không có đơn vị %q trong xã", name)
		}
		in.LeadUnitID = id
	}
	for _, name := range splitList(c.get("supporting_units")) {
		id, ok := l.Units[lookupKey(name)]
		if !ok {
			c.errs.add(c.num, "supporting_units", "không có đơn vị %q trong xã", name)
			continue
		}
		in.SupportingUnitIDs = append(in.SupportingUnitIDs, id)
	}
	if err := in.Validate(l.Today, nil); err != nil {
		c.errs.addFields(c.num, err, taskFields)
	}
	d := TaskDraft{Row: c.num, Task: in, Indicators: splitList(c.get("indicators"))}
	if n := c.count("parent_row"); n != nil {
		d.ParentRow = *n
	}
	return d
}

// splitList splits "a; b" into trimmed, non-empty items.
func splitList(s string) []string {
	var out []string
	for _, part := range strings.Split(s, ";") {
		if p := strings.TrimSpace(part); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func blank(row []string) bool {
	for _, c := range row {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}
