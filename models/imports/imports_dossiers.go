package imports

import (
	"context"
	"fmt"
	"strings"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/statistics"
)

// DossierImportColumns are the columns of the dossier statistics template,
// one line per row: a "total" row per period, then its breakdown lines.
var DossierImportColumns = []ImportColumn{
	{Key: "period", Label: "Kỳ báo cáo", Help: "2024-M9 (9 tháng), 2024-Q3, 2024-H1, 2024-Y, 2024-M05", Required: true},
	{Key: "section", Label: "Mục", Help: "total (Tổng), channel (Kênh), field (Lĩnh vực), linked_group (Liên thông), " +
		"no_appointment (Ngày không hẹn)", Required: true},
	{Key: "key", Label: "Mã dòng", Help: "kênh: online_full, online_partial, in_person, postal; lĩnh vực: civil_status, " +
		"certification, employment…; liên thông: birth, death; Ngày không hẹn: total cho tổng số"},
	{Key: "label", Label: "Tên dòng", Help: "để trống: tên có sẵn theo mã"},
	{Key: "parent", Label: "Thuộc dòng", Help: "mã dòng cha khi là \"trong đó\" (BCCI thuộc online_partial)"},
	{Key: "received", Label: "Tiếp nhận", Help: "số hồ sơ (liên thông: số trường hợp)"},
	{Key: "carried_over", Label: "Kỳ trước chuyển sang", Help: "số hồ sơ tồn kỳ trước, chỉ ở dòng total; để trống: 0"},
	{Key: "resolved", Label: "Đã giải quyết", Help: "số hồ sơ"},
	{Key: "resolved_on_time", Label: "Giải quyết đúng hạn", Help: "chỉ ở dòng total"},
	{Key: "as_of", Label: "Số liệu đến ngày", Help: "dd/mm/yyyy, chỉ ở dòng total", Date: true},
	{Key: "source", Label: "Nguồn", Help: "chỉ ở dòng total"},
	{Key: "note", Label: "Ghi chú", Help: "chỉ ở dòng total"},
}

// DossierDraft is one period of a dossier import; Rows maps each line of
// the input ("channels[0]", "" for the totals) to its spreadsheet row.
type DossierDraft struct {
	Period statistics.Period
	Input  statistics.DossierInput
	Rows   map[string]int
}

var sectionNames = map[string]string{"total": "total", "tong": "total", "channel": statistics.DimChannel, "kenh": statistics.DimChannel,
	"field": statistics.DimField, "linh vuc": statistics.DimField, "linked_group": statistics.DimLinkedGroup, "lien thong": statistics.DimLinkedGroup,
	"no_appointment": statistics.DimNoAppointment, "ngay khong hen": statistics.DimNoAppointment}

// ParseDossierRows reads and validates every row of a dossier import.
func ParseDossierRows(g Grid) ([]DossierDraft, error) {
	errs := &rowErrors{}
	if len(g.Rows) == 0 || len(g.Rows) > maxImportRows+1 || len(g.Rows[0]) > maxImportCols {
		errs.add(1, "period", "tệp phải có dòng tiêu đề và tối đa %d dòng", maxImportRows)
		return nil, errs.Err()
	}
	idx := columnIndex(g.Rows[0], DossierImportColumns, errs)
	var drafts []*DossierDraft
	byCode := map[string]*DossierDraft{}
	for i, raw := range g.Rows[1:] {
		c := cells{row: raw, idx: idx, num: i + 2, errs: errs}
		if blank(raw) {
			continue
		}
		p, err := statistics.ParsePeriod(c.get("period"))
		if err != nil {
			errs.add(c.num, "period", "%s", statistics.PeriodHelp)
			continue
		}
		d := byCode[p.Code]
		if d == nil {
			d = &DossierDraft{Period: p, Rows: map[string]int{}}
			byCode[p.Code], drafts = d, append(drafts, d)
		}
		d.addRow(c)
	}
	out := make([]DossierDraft, 0, len(drafts))
	for _, d := range drafts {
		if _, ok := d.Rows[""]; !ok {
			errs.add(2, "section", "kỳ %s thiếu dòng total (tổng số tiếp nhận, giải quyết)", d.Period.Code)
		} else if err := d.Input.Validate(); err != nil {
			d.relabel(err, errs)
		}
		out = append(out, *d)
	}
	return out, errs.Err()
}

// addRow adds one row to the period: the totals or a breakdown line.
func (d *DossierDraft) addRow(c cells) {
	section, ok := sectionNames[lookupKey(c.get("section"))]
	if !ok {
		c.errs.add(c.num, "section", "mục phải là total, channel, field, linked_group hoặc no_appointment")
		return
	}
	in := &d.Input
	key := c.get("key")
	switch {
	case section == "total":
		if _, dup := d.Rows[""]; dup {
			c.errs.add(c.num, "section", "kỳ %s có hai dòng total", d.Period.Code)
		}
		d.Rows[""] = c.num
		in.Received, in.Resolved, in.ResolvedOnTime = c.count("received"), c.count("resolved"), c.count("resolved_on_time")
		in.CarriedOver = c.count("carried_over")
		in.AsOf, in.Source, in.Note = c.date("as_of"), c.get("source"), c.get("note")
	case section == statistics.DimNoAppointment && (key == "" || key == "total"):
		d.Rows["no_appointment"] = c.num
		in.NoAppointment = c.count("received")
	default:
		line := statistics.DossierLine{Key: key, Label: c.get("label"), Received: c.count("received"), Resolved: c.count("resolved")}
		if p := c.get("parent"); p != "" {
			line.Parent = &p
		}
		field, lines := d.linesOf(section)
		d.Rows[fmt.Sprintf("%s[%d]", field, len(*lines))] = c.num
		*lines = append(*lines, line)
	}
}

// linesOf is the input's list for a section and its field name.
func (d *DossierDraft) linesOf(section string) (string, *[]statistics.DossierLine) {
	switch section {
	case statistics.DimChannel:
		return "channels", &d.Input.Channels
	case statistics.DimField:
		return "fields", &d.Input.Fields
	case statistics.DimLinkedGroup:
		return "linked_groups", &d.Input.LinkedGroups
	}
	return "no_appointment_fields", &d.Input.NoAppointmentFields
}

// relabel turns "channels[0].key" into the row and column it came from.
func (d *DossierDraft) relabel(err error, errs *rowErrors) {
	verr, ok := err.(*models.ValidationError)
	if !ok {
		return
	}
	for _, f := range verr.Fields {
		line, col, found := strings.Cut(f.Field, ".")
		if !found { // a total: its own row (no_appointment) or the total row
			line, col = f.Field, f.Field
		}
		row, ok := d.Rows[line]
		if !ok {
			row = d.Rows[""]
		}
		errs.add(row, col, "%s", f.Message)
	}
}

// ImportDossierStats records the statistics of every period of an import
// in one transaction, or nothing when any row is wrong.
func (s *Store) ImportDossierStats(ctx context.Context, a *models.Actor, g Grid) (*ImportResult, error) {
	if !a.CanRecordStats() {
		return nil, models.ErrForbidden
	}
	drafts, err := ParseDossierRows(g)
	if err != nil {
		return nil, err
	}
	res := &ImportResult{PlanIDs: []int64{}}
	err = s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		for _, d := range drafts {
			before, err := s.DossierStatsIn(t, a.CommuneID, d.Period)
			if err != nil {
				return err
			}
			id, err := s.WriteDossierStats(t, a, d.Period, &d.Input)
			if err != nil {
				return err
			}
			if err := s.Audit(t, a, "import", "dossier_stats", id, before, d.Input); err != nil {
				return err
			}
			res.Periods++
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return res, nil
}
