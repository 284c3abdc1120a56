package statistics_test

import (
	"context"
	"errors"
	"testing"

	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/statistics"
)

func ptr[T any](v T) *T { return &v }

func mustPeriod(t testing.TB, code string) statistics.Period {
	t.Helper()
	p, err := statistics.ParsePeriod(code)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestScore766(t *testing.T) {
	cases := []struct{ rate, threshold, max, want float64 }{
		{83.2, 80, 11, 11}, // at or above the threshold: full points
		{40, 80, 11, 5.5},  // below: rate × max ÷ threshold
		{0, 50, 6, 0},      // nothing done
		{150, 90, 18, 18},  // a slip above 100 % still earns only the maximum
		{49, 50, 6, 5.88},  // 49 × 6 ÷ 50
	}
	for _, c := range cases {
		if got := statistics.Score766(c.rate, c.threshold, c.max); got != c.want {
			t.Errorf("Score766(%v, %v, %v) = %v, want %v", c.rate, c.threshold, c.max, got, c.want)
		}
	}
}

func TestIndicatorTargetsValuesAndScore(t *testing.T) {
	t.Parallel()
	w := testfix.New(t)
	ctx := context.Background()
	officer := w.Actor(t, w.A, models.RoleOfficer)
	m9 := mustPeriod(t, "2024-M9")
	// The seed: digitization 83,2 % against a required 100 %.
	if _, err := w.Store.SetTarget(ctx, officer, "digitization", 2024, statistics.TargetInput{Low: ptr(100.0)}); err != nil {
		t.Fatal(err)
	}
	v, err := w.Store.RecordValue(ctx, officer, "digitization", m9, statistics.ValueInput{Rate: ptr(83.2),
		AsOf: testfix.Date("2024-08-31"), Source: "Cổng dịch vụ công"})
	if err != nil {
		t.Fatal(err)
	}
	if v.Value != 83.2 || len(v.Warnings) != 0 {
		t.Fatalf("value %+v", v)
	}
	// A fraction whose numerator exceeds its denominator is kept and flagged.
	v, err = w.Store.RecordValue(ctx, officer, "satisfaction", m9, statistics.ValueInput{Numerator: ptr(310.0), Denominator: ptr(300.0)})
	if err != nil {
		t.Fatal(err)
	}
	codes := map[string]bool{}
	for _, w := range v.Warnings {
		codes[w.Code] = true
	}
	if !codes["numerator_above_denominator"] || !codes["rate_above_100"] {
		t.Fatalf("warnings %+v", v.Warnings)
	}
	r, err := w.Store.BuildReport(ctx, officer, statistics.ReportOptions{Period: m9})
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range r.Indicators.Rows {
		if row.Code == "digitization" && (row.Met == nil || *row.Met || *row.Score != 11) {
			t.Errorf("digitization: met %v score %v; want not met (target 100) with full 11 points (threshold 80)", row.Met, row.Score)
		}
	}
	// A team member reads but may not record; another commune does not see the values.
	team := w.Actor(t, w.A, models.RoleTeamMember)
	if _, err := w.Store.RecordValue(ctx, team, "digitization", m9, statistics.ValueInput{Rate: ptr(90.0)}); !errors.Is(err, models.ErrForbidden) {
		t.Fatalf("team member recording: %v", err)
	}
	other, err := w.Store.IndicatorValues(ctx, w.Actor(t, w.B, models.RoleChairman), "", 2024)
	if err != nil || len(other) != 0 {
		t.Fatalf("commune B sees %d values (%v)", len(other), err)
	}
}

func TestCustomIndicatorCannotShadowBuiltin(t *testing.T) {
	t.Parallel()
	w := testfix.New(t)
	ctx := context.Background()
	chair := w.Actor(t, w.A, models.RoleChairman)
	_, err := w.Store.CreateIndicator(ctx, chair, statistics.NewIndicator{Code: "satisfaction", NameVI: "Trùng mã",
		Threshold: ptr(50.0)})
	var conflict *models.ConflictError
	if !errors.As(err, &conflict) {
		t.Fatalf("want conflict, got %v", err)
	}
	ind, err := w.Store.CreateIndicator(ctx, chair, statistics.NewIndicator{Code: "vneid_accounts",
		NameVI: "Tỷ lệ người dân kích hoạt tài khoản VNeID mức 2", Threshold: ptr(70.0), MaxPoints: 0})
	if err != nil {
		t.Fatal(err)
	}
	if ind.Builtin || ind.Group != "other" {
		t.Fatalf("custom indicator %+v", ind)
	}
	// Built-in thresholds can be changed, and restored with null.
	up, err := w.Store.UpdateIndicator(ctx, chair, "online_submission", 0, statistics.IndicatorPatch{Threshold: models.Some(ptr(60.0))})
	if err != nil || up.Threshold != 60 {
		t.Fatalf("threshold: %+v %v", up, err)
	}
	up, err = w.Store.UpdateIndicator(ctx, chair, "online_submission", 0, statistics.IndicatorPatch{Threshold: models.Some[*float64](nil)})
	if err != nil || up.Threshold != 50 {
		t.Fatalf("restore threshold: %+v %v", up, err)
	}
	_, err = w.Store.UpdateIndicator(ctx, chair, "online_submission", 0, statistics.IndicatorPatch{NameVI: models.Some("Tên khác")})
	var verr *models.ValidationError
	if !errors.As(err, &verr) {
		t.Fatalf("renaming a built-in: %v", err)
	}
}
