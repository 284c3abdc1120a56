package demo

import (
	"fmt"
	"time"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/calendar"
	"github.com/tiendo/tiendo/models/plans"
)

// The demo's content is data, not code: each commune is a communeSpec of
// tables, and the loader in load.go walks them. Dates are written as the
// officials write them into a register (YYYY-MM-DD, and "YYYY-MM-DD HH:MM"
// local time for when something was recorded), so the tables read like the
// seed report they come from.

// communeSpec is one demo tenant with everything in it.
type communeSpec struct {
	code, name, province string
	since                string // when its accounts were provisioned
	author               string // the account that records plans and tasks
	units                []unitSpec
	users                []userSpec
	plans                []planSpec
	figures              []figuresSpec
}

// unitSpec is a unit; key is how the tables below refer to it.
type unitSpec struct {
	key, parent, kind, name string
}

// userSpec is an account; desc is printed next to the username at start-up.
type userSpec struct {
	username, fullName, desc string
	roles                    []roleSpec
}

// roleSpec is one membership: a unit key and the role held there.
type roleSpec struct {
	unit string
	role models.Role
}

// planSpec is a plan as its register entry reads, plus when it was entered.
// entered differs from issued only where the seed's issue date is a slip.
type planSpec struct {
	number, issued   string
	year             int
	kind, title      string
	summary          string
	entered          string
	confirmDuplicate bool
	refs             []refSpec
	tasks            []taskSpec
}

// refSpec is a legal basis (căn cứ); issued may be empty when the seed gives no date.
type refSpec struct {
	number, issued, issuer, title string
}

// taskSpec is a task with its history. A target of 0 means no measurable
// target; with one, every progress entry reports its val as the actual value.
type taskSpec struct {
	title      string
	lead       string
	support    []string
	assignees  []string
	start, due string
	target     float64
	unit       string
	log        []entry
	changes    []change
}

// entry is one progress report: when, by whom, the percentage, the actual
// value (for tasks with a target) and the reporter's note.
type entry struct {
	at   string
	by   string
	pct  int
	val  float64
	note string
}

// change is an edit of the task by its manager: a new deadline or a
// cancellation, with the reason appended to the task's description.
type change struct {
	at, by string
	due    string
	cancel bool
	note   string
}

// Common references, cited by several plans.
var (
	ref766 = refSpec{"766/QĐ-TTg", "2022-06-23", "Thủ tướng Chính phủ",
		"Phê duyệt Bộ chỉ số chỉ đạo, điều hành và đánh giá chất lượng phục vụ người dân, doanh nghiệp " +
			"trong thực hiện thủ tục hành chính, dịch vụ công theo thời gian thực trên môi trường điện tử"}
	ref2042 = refSpec{"2042/QĐ-UBND", "2021-09-06", "UBND tỉnh An Giang",
		"Danh mục thủ tục hành chính dịch vụ công trực tuyến mức độ 2, 3 và 4"}
	ref356 = refSpec{"356/KH-UBND", "2019-06-24", "UBND tỉnh An Giang",
		"Thực hiện “Ngày không viết” và “Ngày không hẹn” tại Bộ phận Tiếp nhận và Trả kết quả"}
	ref25 = refSpec{"25/2019/QĐ-UBND", "2019-07-15", "UBND tỉnh An Giang",
		"Biểu mẫu thực hiện thủ tục hành chính (06 biểu mẫu)"}
	// The seed cites 1032/QĐ-UBND without a date, so none is recorded.
	ref1032 = refSpec{"1032/QĐ-UBND", "", "UBND tỉnh An Giang",
		"Thủ tục hành chính thuộc thẩm quyền giải quyết của UBND cấp xã"}
	ref05 = refSpec{"05-CT/TW", "", "Bộ Chính trị",
		"Đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"}
)

// localTime reads "YYYY-MM-DD HH:MM" in Vietnam.
func localTime(s string) (time.Time, error) {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, models.VietnamTime)
	if err != nil {
		return time.Time{}, fmt.Errorf("demo data: thời điểm %q: %w", s, err)
	}
	return t, nil
}

// optDate reads YYYY-MM-DD; an empty string is the zero Date ("no date").
func optDate(s string) (calendar.Date, error) {
	if s == "" {
		return calendar.Date{}, nil
	}
	d, err := calendar.ParseDate(s)
	if err != nil {
		return d, fmt.Errorf("demo data: %w", err)
	}
	return d, nil
}

// references converts the refs of a plan.
func (p *planSpec) references() ([]plans.ReferenceInput, error) {
	out := make([]plans.ReferenceInput, len(p.refs))
	for i, r := range p.refs {
		d, err := optDate(r.issued)
		if err != nil {
			return nil, err
		}
		out[i] = plans.ReferenceInput{DocNumber: r.number, IssuedOn: d, Issuer: r.issuer, Title: r.title}
	}
	return out, nil
}
