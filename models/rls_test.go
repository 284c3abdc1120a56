package models_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/plans"
)

// TestRowLevelSecurity proves the defence in depth: even SQL that forgets its
// commune_id filter, run through the server's pool, sees only its commune.
func TestRowLevelSecurity(t *testing.T) {
	t.Parallel()
	w := testfix.New(t)
	ctx := context.Background()
	for _, c := range []*testfix.Commune{w.A, w.B} {
		a := w.Actor(t, c, models.RoleChairman)
		p, err := w.Store.CreatePlan(ctx, a, plans.PlanInput{DocNumber: "01/KH-UBND", IssuedOn: testfix.Date("2024-01-05"),
			Kind: "other", Title: "Kế hoạch của " + c.Info.Name})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Store.CreateTask(ctx, a, p.ID, plans.TaskInput{Title: "Việc", LeadUnitID: c.Office.ID,
			DueOn: testfix.Date("2024-12-31")}); err != nil {
			t.Fatal(err)
		}
	}
	count := func(commune int64, table string) int {
		t.Helper()
		tx := w.DB.MustBeginTx(ctx, nil)
		defer tx.Rollback()
		if commune != 0 {
			tx.MustExec(`SELECT set_config('tiendo.commune_id', $1, true)`, strconv.FormatInt(commune, 10))
		}
		var n int
		if err := tx.Get(&n, "SELECT count(*) FROM "+table); err != nil { // no WHERE on purpose
			t.Fatal(err)
		}
		return n
	}
	for _, table := range []string{"plans", "tasks", "units", "memberships", "audit_log"} {
		a, b := count(w.A.Info.ID, table), count(w.B.Info.ID, table)
		if a == 0 || b == 0 {
			t.Errorf("%s: each commune should see its own rows, got %d and %d", table, a, b)
		}
		if none := count(0, table); none != 0 {
			t.Errorf("%s: outside any commune %d rows are visible", table, none)
		}
	}
	var total int
	tx := w.DB.MustBeginTx(ctx, nil)
	defer tx.Rollback()
	tx.MustExec(`SELECT set_config('tiendo.commune_id', $1, true)`, strconv.FormatInt(w.A.Info.ID, 10))
	if err := tx.Get(&total, "SELECT count(*) FROM plans WHERE commune_id = $1", w.B.Info.ID); err != nil || total != 0 {
		t.Errorf("commune A reading B's plans by id: %d rows, %v", total, err)
	}
}

// TestHistoryIsAppendOnly checks that the server's role can neither rewrite
// nor erase progress and audit history.
func TestHistoryIsAppendOnly(t *testing.T) {
	t.Parallel()
	w := testfix.New(t)
	ctx := context.Background()
	a := w.Actor(t, w.A, models.RoleChairman)
	p, err := w.Store.CreatePlan(ctx, a, plans.PlanInput{DocNumber: "02/KH-UBND", IssuedOn: testfix.Date("2024-01-05"),
		Kind: "other", Title: "Kế hoạch"})
	if err != nil {
		t.Fatal(err)
	}
	task, err := w.Store.CreateTask(ctx, a, p.ID, plans.TaskInput{Title: "Việc", LeadUnitID: w.A.Office.ID, DueOn: testfix.Date("2024-12-31")})
	if err != nil {
		t.Fatal(err)
	}
	ten := 10
	if _, err := w.Store.ReportProgress(ctx, a, task.ID, plans.ProgressInput{Percent: &ten}); err != nil {
		t.Fatal(err)
	}
	for _, stmt := range []string{"UPDATE progress_updates SET percent = 99", "DELETE FROM progress_updates",
		"UPDATE audit_log SET action = 'x'", "DELETE FROM audit_log"} {
		tx := w.DB.MustBeginTx(ctx, nil)
		tx.MustExec(`SELECT set_config('tiendo.commune_id', $1, true)`, strconv.FormatInt(w.A.Info.ID, 10))
		_, err := tx.Exec(stmt)
		tx.Rollback()
		if err == nil || !strings.Contains(err.Error(), "permission denied") {
			t.Errorf("%s: want permission denied, got %v", stmt, err)
		}
	}
}

// identityTables carry a commune_id but no RLS, on purpose.
var identityTables = map[string]string{
	"users": "sign-in finds the account before it knows the commune (00002_rls.sql)",
}

// TestEveryTenantTableIsIsolated reads the catalogue, so that a table added
// by a later migration cannot forget its row-level security: every table
// with a commune_id column (but the identity tables) forces RLS and has a
// policy on tenant_id(), and the append-only histories grant the server no
// UPDATE or DELETE.
func TestEveryTenantTableIsIsolated(t *testing.T) {
	t.Parallel()
	w := testfix.New(t)
	var tables []struct {
		Name   string `db:"relname"`
		RLS    bool   `db:"relrowsecurity"`
		Forced bool   `db:"relforcerowsecurity"`
		Policy bool   `db:"has_policy"`
	}
	err := w.DB.Select(&tables, `
		SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity,
		       EXISTS (SELECT 1 FROM pg_policies p WHERE p.schemaname = 'public' AND p.tablename = c.relname
		               AND ('tiendo_app' = ANY (p.roles) OR 'public' = ANY (p.roles))
		               AND (p.qual LIKE '%tenant_id()%' OR p.with_check LIKE '%tenant_id()%')) AS has_policy
		FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
		  AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'commune_id' AND NOT a.attisdropped)`)
	if err != nil {
		t.Fatal(err)
	}
	if len(tables) < 10 {
		t.Fatalf("only %d tenant tables found: %+v", len(tables), tables)
	}
	for _, tb := range tables {
		if identityTables[tb.Name] != "" {
			continue
		}
		if !tb.RLS || !tb.Forced || !tb.Policy {
			t.Errorf("%s: rls %v, forced %v, a policy on tenant_id() %v", tb.Name, tb.RLS, tb.Forced, tb.Policy)
		}
	}
	for _, table := range []string{"progress_updates", "audit_log", "delivery_events"} {
		var grants []string
		if err := w.DB.Select(&grants, `SELECT privilege_type FROM information_schema.role_table_grants
			WHERE grantee = 'tiendo_app' AND table_name = $1 AND privilege_type IN ('UPDATE', 'DELETE', 'TRUNCATE')`,
			table); err != nil {
			t.Fatal(err)
		}
		if len(grants) != 0 {
			t.Errorf("%s is history, yet tiendo_app may %v", table, grants)
		}
	}
}
