package models_test

import (
	"context"
	"errors"
	"testing"

	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/plans"
)

// TestRequestTransaction holds the request's one transaction to what the
// HTTP layer relies on: nothing is seen by others before the end, a call
// that fails (409) leaves the request able to go on, a rollback undoes every
// call, and a call after the end runs on its own.
func TestRequestTransaction(t *testing.T) {
	t.Parallel()
	w := testfix.New(t)
	a := w.Actor(t, w.A, models.RoleChairman)
	plan := func(n string) plans.PlanInput {
		return plans.PlanInput{DocNumber: n + "/KH-UBND", IssuedOn: testfix.Date("2024-06-19"), Kind: "admin_reform",
			Title: "Kế hoạch " + n}
	}
	exists := func(id int64) bool {
		_, err := w.Store.GetPlan(context.Background(), a, id)
		if err != nil && !errors.Is(err, models.ErrNotFound) {
			t.Fatal(err)
		}
		return err == nil
	}

	ctx, end := w.Store.BeginRequest(context.Background())
	first, err := w.Store.CreatePlan(ctx, a, plan("31"))
	if err != nil {
		t.Fatal(err)
	}
	if exists(first.ID) {
		t.Fatal("another transaction sees the plan before the request ends")
	}
	var conflict *models.ConflictError
	if _, err := w.Store.CreatePlan(ctx, a, plan("31")); !errors.As(err, &conflict) {
		t.Fatalf("a second 31/KH-UBND in the same request: want a conflict, got %v", err)
	}
	if _, err := w.Store.GetPlan(ctx, a, first.ID); err != nil {
		t.Fatalf("after a failed call the request reads on: %v", err)
	}
	if err := end(true); err != nil {
		t.Fatal(err)
	}
	if !exists(first.ID) {
		t.Fatal("committed plan not seen")
	}
	after, err := w.Store.CreatePlan(ctx, a, plan("32"))
	if err != nil || !exists(after.ID) {
		t.Fatalf("a call after the end runs and commits on its own: %v", err)
	}

	ctx, end = w.Store.BeginRequest(context.Background())
	gone, err := w.Store.CreatePlan(ctx, a, plan("33"))
	if err != nil {
		t.Fatal(err)
	}
	if err := end(false); err != nil {
		t.Fatal(err)
	}
	if exists(gone.ID) {
		t.Fatal("a rolled-back request left its plan")
	}
}

// TestRequestTransactionFirstCallFails: the first call runs without a
// Savepoint; when it fails the request still goes on in a new transaction.
func TestRequestTransactionFirstCallFails(t *testing.T) {
	t.Parallel()
	w := testfix.New(t)
	a := w.Actor(t, w.A, models.RoleChairman)
	ctx, end := w.Store.BeginRequest(context.Background())
	if _, err := w.Store.GetPlan(ctx, a, 1<<40); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("want not found, got %v", err)
	}
	p, err := w.Store.CreatePlan(ctx, a, plans.PlanInput{DocNumber: "40/KH-UBND", IssuedOn: testfix.Date("2024-06-19"),
		Kind: "admin_reform", Title: "Kế hoạch 40"})
	if err != nil {
		t.Fatal(err)
	}
	if err := end(true); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Store.GetPlan(context.Background(), a, p.ID); err != nil {
		t.Fatalf("plan written after a failed first call: %v", err)
	}
}

// TestRequestTransactionKeepsTenants: one request reading as two communes
// (as the province paths and the tests' worlds do) sees each commune's rows
// only under its own scope.
func TestRequestTransactionKeepsTenants(t *testing.T) {
	t.Parallel()
	w := testfix.New(t)
	a, b := w.Actor(t, w.A, models.RoleChairman), w.Actor(t, w.B, models.RoleChairman)
	pa, err := w.Store.CreatePlan(context.Background(), a, plans.PlanInput{DocNumber: "41/KH-UBND",
		IssuedOn: testfix.Date("2024-06-19"), Kind: "admin_reform", Title: "Kế hoạch xã A"})
	if err != nil {
		t.Fatal(err)
	}
	ctx, end := w.Store.BeginRequest(context.Background())
	defer func() { _ = end(true) }()
	if _, err := w.Store.GetPlan(ctx, a, pa.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Store.GetPlan(ctx, b, pa.ID); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("commune B read A's plan in the same transaction: %v", err)
	}
	if _, err := w.Store.GetPlan(ctx, a, pa.ID); err != nil {
		t.Fatalf("A again after B: %v", err)
	}
}

// TestReadRequestGoesOnAfterAFailure: a read request (BeginReads) takes no
// savepoints, so a call that fails in the database (here a statement the
// server refuses) must not leave the request on an aborted transaction: the
// next call reads in a new one, and tenants stay apart across the two.
func TestReadRequestGoesOnAfterAFailure(t *testing.T) {
	t.Parallel()
	w := testfix.New(t)
	a, b := w.Actor(t, w.A, models.RoleChairman), w.Actor(t, w.B, models.RoleChairman)
	pa, err := w.Store.CreatePlan(context.Background(), a, plans.PlanInput{DocNumber: "42/KH-UBND",
		IssuedOn: testfix.Date("2024-06-19"), Kind: "admin_reform", Title: "Kế hoạch đọc"})
	if err != nil {
		t.Fatal(err)
	}
	ctx, end := w.Store.BeginReads(context.Background())
	defer func() { _ = end(true) }()
	if _, err := w.Store.GetPlan(ctx, a, pa.ID); err != nil {
		t.Fatal(err)
	}
	failed := w.Store.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		_, err := t.ExecContext(t.Ctx, "SELECT 1/0")
		return err
	})
	if failed == nil {
		t.Fatal("division by zero succeeded")
	}
	if _, err := w.Store.GetPlan(ctx, a, pa.ID); err != nil {
		t.Fatalf("after a failed call the read request reads on: %v", err)
	}
	if _, err := w.Store.GetPlan(ctx, b, pa.ID); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("commune B read A's plan after the restart: %v", err)
	}
}
