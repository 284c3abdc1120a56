package models_test

import (
	"testing"

	"github.com/tiendo/tiendo/models"
)

// TestDossierInputCheckNamesFields: the checks a form runs before recording
// are the data-quality check's, each naming the field it is about.
func TestDossierInputCheckNamesFields(t *testing.T) {
	t.Parallel()
	n := func(v int) *int { return &v }
	in := models.DossierInput{Received: n(108), Resolved: n(100), ResolvedOnTime: n(101), NoAppointment: n(108),
		Channels: []models.DossierLine{{Key: "online_full", Received: n(60)}, {Key: "in_person", Received: n(40)}},
		NoAppointmentFields: []models.DossierLine{{Key: "civil_status", Received: n(75)}, {Key: "certification", Received: n(20)},
			{Key: "other", Received: n(18)}}}
	if err := in.Validate(); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, w := range in.Check() {
		got[w.Field] = w.Message
	}
	want := map[string]string{
		"resolved_on_time": "số giải quyết đúng hạn 101 lớn hơn số đã giải quyết 100",
		"received":         "Tiếp nhận theo kênh: 60 + 40 = 100, khác tổng số 108",
		"no_appointment":   "“Ngày không viết – Ngày không hẹn” theo lĩnh vực: 75 + 20 + 18 = 113, khác tổng số 108",
	}
	for field, msg := range want {
		if got[field] != msg {
			t.Errorf("%s: %q, want %q", field, got[field], msg)
		}
	}
	if len(got) != len(want) {
		t.Errorf("warnings %v", got)
	}
	ok := models.DossierInput{Received: n(10), Resolved: n(9), ResolvedOnTime: n(9)}
	if ws := ok.Check(); len(ws) != 0 {
		t.Errorf("consistent figures flagged: %v", ws)
	}
}
