package models_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/jmoiron/sqlx"

	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/accounts"
	"github.com/tiendo/tiendo/models/plans"
)

// TestProvinceScopeReadsOnlyWhatItMay: a province's transaction reads the
// tables a dashboard and a sent report are made of, for the communes of its
// province only, and nothing of people, memberships or the audit log; it
// writes nothing but its report deadlines, which its communes read and do
// not write.
func TestProvinceScopeReadsOnlyWhatItMay(t *testing.T) {
	t.Parallel()
	w := testfix.New(t)
	ctx := context.Background()
	for _, c := range []*testfix.Commune{w.A, w.B} {
		a := w.Actor(t, c, models.RoleChairman)
		if _, err := w.Store.CreatePlan(ctx, a, plans.PlanInput{DocNumber: "01/KH-UBND",
			IssuedOn: testfix.Date("2024-01-05"), Kind: "other", Title: "Kế hoạch"}); err != nil {
			t.Fatal(err)
		}
	}
	in := func(key, value string, fn func(tx *sqlx.Tx)) {
		t.Helper()
		tx := w.DB.MustBeginTx(ctx, nil)
		defer tx.Rollback()
		tx.MustExec(`SELECT set_config($1, $2, true)`, key, value)
		fn(tx)
	}
	count := func(tx *sqlx.Tx, table string) int {
		t.Helper()
		var n int
		if err := tx.Get(&n, "SELECT count(*) FROM "+table); err != nil { // no WHERE on purpose
			t.Fatal(err)
		}
		return n
	}
	in("tiendo.province", "An Giang", func(tx *sqlx.Tx) {
		for _, table := range []string{"plans", "units"} {
			var communes int
			_ = tx.Get(&communes, "SELECT count(DISTINCT commune_id) FROM "+table)
			if communes != 2 {
				t.Errorf("An Giang reads %s of %d communes, want both", table, communes)
			}
		}
		for _, table := range []string{"memberships", "audit_log", "attachments", "deliveries", "notifications"} {
			if n := count(tx, table); n != 0 {
				t.Errorf("the province reads %d rows of %s", n, table)
			}
		}
	})
	in("tiendo.province", "Kiên Giang", func(tx *sqlx.Tx) {
		for _, table := range []string{"plans", "units", "report_versions"} {
			if n := count(tx, table); n != 0 {
				t.Errorf("another province reads %d rows of %s", n, table)
			}
		}
	})
	province, err := w.Store.CreateProvinceUser(ctx, accounts.NewProvinceUser{Province: "An Giang",
		Username: "tinh_ag", FullName: "Sở Nội vụ An Giang", Password: testfix.Password})
	if err != nil {
		t.Fatal(err)
	}
	deadline := `INSERT INTO report_deadlines (province, period, period_start, period_end, due_on, set_by, set_at)
		VALUES ($1, '2024-M9', '2024-01-01', '2024-09-30', '2024-09-20', $2, now())`
	in("tiendo.province", "An Giang", func(tx *sqlx.Tx) {
		if res, err := tx.Exec(`UPDATE plans SET title = 'x'`); err == nil {
			if n, _ := res.RowsAffected(); n != 0 {
				t.Errorf("the province rewrote %d plans", n)
			}
		}
		if _, err := tx.Exec(deadline, "Kiên Giang", province); err == nil || !strings.Contains(err.Error(), "row-level security") {
			t.Errorf("An Giang set Kiên Giang's deadline: %v", err)
		}
	})
	tx := w.DB.MustBeginTx(ctx, nil)
	tx.MustExec(`SELECT set_config('tiendo.province', 'An Giang', true)`)
	tx.MustExec(deadline, "An Giang", province)
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	in("tiendo.commune_id", strconv.FormatInt(w.A.Info.ID, 10), func(tx *sqlx.Tx) {
		if n := count(tx, "report_deadlines"); n != 1 {
			t.Errorf("the commune reads %d of its province's deadlines", n)
		}
		if _, err := tx.Exec(deadline, "An Giang", province); err == nil {
			t.Error("a commune wrote its province's deadline")
		}
	})
}
