package statistics_test

import (
	"testing"

	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/statistics"
)

// TestDossierInputCheckNamesFields: the checks a form runs before recording
// are the data-quality check's, each naming the field it is about.
func TestDossierInputCheckNamesFields(t *testing.T) {
	t.Parallel()
	n := func(v int) *int { return &v }
	in := statistics.DossierInput{Received: n(108), Resolved: n(100), ResolvedOnTime: n(101), NoAppointment: n(108),
		Channels: []statistics.DossierLine{{Key: "online_full", Received: n(60)}, {Key: "in_person", Received: n(40)}},
		NoAppointmentFields: []statistics.DossierLine{{Key: "civil_status", Received: n(75)}, {Key: "certification", Received: n(20)},
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
	ok := statistics.DossierInput{Received: n(10), Resolved: n(9), ResolvedOnTime: n(9)}
	if ws := ok.Check(); len(ws) != 0 {
		t.Errorf("consistent figures flagged: %v", ws)
	}
}

// TestDossierRateCountsCarriedOver: the one rate is resolved over received
// plus carried over; more resolved than that is refused on resolved.
func TestDossierRateCountsCarriedOver(t *testing.T) {
	t.Parallel()
	n := func(v int) *int { return &v }
	if r := statistics.DossierRate(10, 5, 6); r == nil || *r != 90.91 {
		t.Errorf("10 of 5 + 6: %v, want 90.91", r)
	}
	if r := statistics.DossierRate(0, 0, 0); r != nil {
		t.Errorf("nothing to resolve: %v, want no rate", *r)
	}
	over := statistics.DossierInput{Received: n(5), Resolved: n(10)}
	err := over.Validate()
	if v, ok := err.(*models.ValidationError); !ok || len(v.Fields) != 1 || v.Fields[0].Field != "resolved" {
		t.Fatalf("10 resolved of 5: %v, want a 400 on resolved", err)
	}
	ok := statistics.DossierInput{Received: n(5), CarriedOver: n(6), Resolved: n(11)}
	if err := ok.Validate(); err != nil {
		t.Fatalf("11 of 5 + 6: %v", err)
	}
	if err := (&statistics.DossierInput{Received: n(5), CarriedOver: n(-1), Resolved: n(1)}).Validate(); err == nil {
		t.Error("a negative carried over is accepted")
	}
}
