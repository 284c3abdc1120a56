package handlers_test

import (
	"bytes"
	"encoding/csv"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/imports"
	"github.com/tiendo/tiendo/models/plans"
	"github.com/tiendo/tiendo/models/statistics"
)

// upload posts data as the multipart field "file" of an import.
func (e *env) upload(user, path, name string, data []byte) response {
	e.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("file", name)
	_, _ = fw.Write(data)
	_ = mw.Close()
	return e.do(user, "POST", path, body.Bytes(), "Content-Type", mw.FormDataContentType())
}

// csvOf writes rows as CSV with semicolons, as Excel does in Vietnam.
func csvOf(rows ...[]string) []byte {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Comma = ';'
	_ = w.WriteAll(rows)
	return buf.Bytes()
}

var planHeader = []string{"Số, ký hiệu (doc_number)", "Ngày ban hành (issued_on)", "Năm kế hoạch (year)",
	"Loại kế hoạch (kind)", "Trích yếu kế hoạch (plan_title)", "Xác nhận trùng số (confirm_duplicate)",
	"Nhiệm vụ (task_title)", "Đơn vị chủ trì (lead_unit)", "Ngày bắt đầu (start_on)", "Thời hạn (due_on)",
	"Chỉ tiêu (target_value)", "Mã chỉ số (indicators)"}

func TestImportPlansAllOrNothing(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	chair := e.chairA() // imports create plans: the plan managers' right
	office := e.A.Office.Name
	bad := csvOf(planHeader,
		[]string{"06/KH-UBND", "31/01/2024", "", "Cải cách hành chính", "Cải cách hành chính năm 2024", "",
			"Số hóa hồ sơ", office, "01/02/2024", "30/06/2024", "100", "digitization"},
		[]string{"", "", "", "", "", "", "Rà soát TTHC", "Không có đơn vị này", "01/03/2024", "29/02/2024", "1.234", ""},
		[]string{"12/KH-UBND", "2024-03-29", "", "Chuyen doi so", "Ứng dụng CNTT, chuyển đổi số năm 2024", "", "", "", "", "", "", ""},
		[]string{"12/KH-UBND", "19/06/2024", "", "Cải cách hành chính", "Nâng cao hiệu quả quản trị", "", "", "", "", "", "", ""},
	)
	p := e.upload(chair, "/api/v1/import/plans", "ke-hoach.csv", bad).expectProblem(http.StatusBadRequest, "validation")
	fields := map[string]bool{}
	for _, f := range p.Errors {
		fields[f.Field] = true
	}
	for _, want := range []string{"row 3, column lead_unit", "row 3, column due_on", "row 5, column doc_number"} {
		if !fields[want] {
			t.Errorf("no error on %q: %+v", want, p.Errors)
		}
	}
	// Nothing was written, not even the rows that passed.
	var page models.Page[plans.Plan]
	e.do(chair, "GET", "/api/v1/plans?year=2024", nil).expect(http.StatusOK).decode(&page)
	if len(page.Items) != 0 {
		t.Fatalf("a failed import wrote %d plans", len(page.Items))
	}
	// Fixed (and the duplicate confirmed), it imports in one go.
	good := bytes.Replace(bad, []byte("Không có đơn vị này"), []byte(office), 1)
	good = bytes.Replace(good, []byte("29/02/2024"), []byte("30/09/2024"), 1)
	good = bytes.Replace(good, []byte("19/06/2024;;Cải cách hành chính;Nâng cao hiệu quả quản trị;"),
		[]byte("19/06/2024;;Cải cách hành chính;Nâng cao hiệu quả quản trị;x"), 1)
	var res imports.ImportResult
	e.upload(chair, "/api/v1/import/plans", "ke-hoach.csv", good).expect(http.StatusCreated).decode(&res)
	if res.Plans != 3 || res.Tasks != 2 {
		t.Fatalf("imported %+v", res)
	}
	var tasks models.Page[plans.Task]
	e.do(chair, "GET", "/api/v1/plans/"+itoa(res.PlanIDs[0])+"/tasks", nil).expect(http.StatusOK).decode(&tasks)
	if len(tasks.Items) != 2 || *tasks.Items[1].TargetValue != 1234 || *tasks.Items[0].TargetValue != 100 {
		t.Fatalf("tasks %+v", tasks.Items)
	}
	var links statistics.TaskIndicatorsInput
	e.do(chair, "GET", "/api/v1/tasks/"+itoa(tasks.Items[0].ID)+"/indicators", nil).expect(http.StatusOK).decode(&links)
	if len(links.Indicators) != 1 || links.Indicators[0] != "digitization" {
		t.Fatalf("indicator links %+v", links)
	}
}

func TestImportTemplatesRoundTrip(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	chair := e.chairA()
	r := e.do(chair, "GET", "/api/v1/import/templates/plans.xlsx", nil).expect(http.StatusOK)
	f, err := excelize.OpenReader(bytes.NewReader(r.Body.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	// Fill the template as a user would, dates typed as text.
	row := []any{"08/KH-UBND", "01/03/2024", nil, "Thi đua", "Phát động phong trào thi đua năm 2024", nil, nil,
		"Phát động thi đua", e.A.Office.Name, nil, "01/03/2024", "15/03/2024"}
	_ = f.SetSheetRow("Dữ liệu", "A2", &row)
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	var res imports.ImportResult
	e.upload(chair, "/api/v1/import/plans", "mau.xlsx", buf.Bytes()).expect(http.StatusCreated).decode(&res)
	if res.Plans != 1 || res.Tasks != 1 {
		t.Fatalf("imported %+v", res)
	}
	// Export it again: the first sheet is the template's layout.
	x := e.do(chair, "GET", "/api/v1/plans/"+itoa(res.PlanIDs[0])+"/export?format=xlsx", nil).expect(http.StatusOK)
	// Issue 12: labels, not codes (the import reads the kind's name), and a
	// print setup that fits the width with the header repeated.
	text := xlsxText(t, x.Body.Bytes())
	if !strings.Contains(text, "08/KH-UBND\t01/03/2024\t2024\tThi đua") || strings.Contains(text, "emulation") ||
		!strings.Contains(text, "Nhập từ tệp\tKế hoạch") {
		t.Fatalf("export:\n%s", text)
	}
	if parts := zipParts(t, x.Body.Bytes()); !strings.Contains(parts["xl/workbook.xml"], "_xlnm.Print_Titles") ||
		!strings.Contains(parts["xl/worksheets/sheet2.xml"], `fitToWidth="1"`) {
		t.Errorf("the export lacks its print setup")
	}
	var exp imports.PlanExport
	e.do(chair, "GET", "/api/v1/plans/"+itoa(res.PlanIDs[0])+"/export", nil).expect(http.StatusOK).decode(&exp)
	if exp.Plan.DocNumber != "08/KH-UBND" || len(exp.Tasks) != 1 || len(exp.History) == 0 {
		t.Fatalf("export %+v", exp)
	}
	c := e.do(chair, "GET", "/api/v1/import/templates/dossiers.csv", nil).expect(http.StatusOK)
	if !strings.Contains(c.Body.String(), "Kỳ báo cáo (period)") {
		t.Fatalf("dossier template %q", c.Body.String())
	}
}

func TestImportDossiers(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	officer := user(e.A, models.RoleOfficer)
	data := csvOf([]string{"period", "section", "key", "label", "parent", "received", "resolved"},
		[]string{"2024-M9", "total", "", "", "", "988", "988"},
		[]string{"2024-M9", "Kênh", "online_full", "Toàn trình", "", "407", "406"},
		[]string{"2024-M9", "channel", "postal", "dịch vụ BCCI", "online_partial", "28", ""},
		[]string{"2024-M9", "channel", "online_partial", "", "", "557", "557"},
		[]string{"2024-M9", "Ngày không hẹn", "total", "", "", "108", ""},
		[]string{"2024-M9", "no_appointment", "civil_status", "", "", "75", ""},
	)
	var res imports.ImportResult
	e.upload(officer, "/api/v1/import/dossiers", "ho-so.csv", data).expect(http.StatusCreated).decode(&res)
	var d statistics.DossierStats
	e.do(officer, "GET", "/api/v1/dossiers/2024-M9", nil).expect(http.StatusOK).decode(&d)
	if res.Periods != 1 || d.Received != 988 || len(d.Channels) != 3 || *d.NoAppointment != 108 || len(d.Warnings) != 3 {
		t.Fatalf("imported %+v: %+v", res, d)
	}
	bad := csvOf([]string{"period", "section", "key", "received"},
		[]string{"2024-M13", "total", "", "1"}, []string{"2024-M9", "channel", "fax", "3"})
	p := e.upload(officer, "/api/v1/import/dossiers", "ho-so.csv", bad).expectProblem(http.StatusBadRequest, "validation")
	if len(p.Errors) < 2 || p.Errors[0].Field != "row 2, column period" {
		t.Fatalf("errors %+v", p.Errors)
	}
}

func TestImportPermissions(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	cases := []struct {
		role models.Role
		want int
	}{{models.RoleAdmin, 201}, {models.RoleChairman, 201}, {models.RoleOfficer, 403}, // as POST /plans
		{models.RoleSteeringMember, 403}, {models.RoleTeamMember, 403}}
	for i, c := range cases {
		data := csvOf([]string{"doc_number", "issued_on", "kind", "plan_title"},
			[]string{itoa(int64(20+i)) + "/KH-UBND", "01/04/2024", "other", "Kế hoạch nhập thử"})
		if r := e.upload(user(e.A, c.role), "/api/v1/import/plans", "p.csv", data); r.Code != c.want {
			t.Errorf("%s: %d, want %d: %s", c.role, r.Code, c.want, r.Body)
		}
	}
	data := csvOf([]string{"period", "section", "received", "resolved"}, []string{"2024-Q1", "total", "1", "1"})
	e.upload(user(e.A, models.RoleTeamMember), "/api/v1/import/dossiers", "d.csv", data).
		expectProblem(http.StatusForbidden, "forbidden")
	e.upload("", "/api/v1/import/plans", "p.csv", data).expectProblem(http.StatusUnauthorized, "unauthenticated")
}
