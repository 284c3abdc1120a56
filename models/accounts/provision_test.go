package accounts_test

import (
	"context"
	"errors"
	"testing"

	"github.com/tiendo/tiendo/internal/testfix"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/accounts"
)

func newTenant(code, admin string) accounts.NewTenant {
	return accounts.NewTenant{
		Commune: accounts.NewCommune{Code: code, Name: "Vĩnh Hanh", Kind: "xa", Province: "An Giang"},
		Admin:   accounts.NewUser{Username: admin, FullName: "Nguyễn Văn Quản", Password: "tam-thoi-2024-ab"},
	}
}

// TestProvisionCommune: the operator registers a commune whose admin signs
// in (and must change the password), sees the office, and finds both acts
// in the audit log as the system's.
func TestProvisionCommune(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	w := testfix.New(t)
	got, err := w.Store.ProvisionCommune(ctx, newTenant("30301", "quantri.vh"))
	if err != nil {
		t.Fatal(err)
	}
	if got.Office.Name != "Văn phòng UBND xã Vĩnh Hanh" || len(got.Admin.Memberships) != 1 ||
		got.Admin.Memberships[0].Role != models.RoleAdmin {
		t.Fatalf("provisioned %+v", got)
	}
	login, err := w.Store.Login(ctx, "quantri.vh", "tam-thoi-2024-ab", "127.0.0.1", "test")
	if err != nil {
		t.Fatal(err)
	}
	a := login.Actor
	if !a.MustChangePassword || a.CommuneID != got.Commune.ID || !a.IsAdmin() {
		t.Fatalf("admin %+v", a)
	}
	units, err := w.Store.ListUnits(ctx, a)
	if err != nil || len(units) != 1 || units[0].ID != got.Office.ID {
		t.Fatalf("units %+v, %v", units, err)
	}
	page, err := w.Store.ListAudit(ctx, a, models.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	entities := map[string]bool{}
	for _, e := range page.Items {
		entities[e.Entity] = e.ActorID == nil
	}
	if !entities["unit"] || !entities["user"] {
		t.Fatalf("audit by the system: %v", entities)
	}
}

// TestProvisionCommuneIsAllOrNothing: a refused provisioning leaves no
// commune behind, so the corrected command can be run again.
func TestProvisionCommuneIsAllOrNothing(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	w := testfix.New(t)
	taken := w.A.Users[models.RoleAdmin].Username
	_, err := w.Store.ProvisionCommune(ctx, newTenant("30302", taken))
	var conflict *models.ConflictError
	if !errors.As(err, &conflict) {
		t.Fatalf("a taken admin username: %v", err)
	}
	bad := newTenant("30302", "quantri.vh")
	bad.Commune.Kind, bad.Admin.FullName = "huyen", " "
	var v *models.ValidationError
	if _, err := w.Store.ProvisionCommune(ctx, bad); !errors.As(err, &v) || len(v.Fields) != 2 {
		t.Fatalf("bad kind and blank name: %v", err)
	}
	if _, err := w.Store.ProvisionCommune(ctx, newTenant("30302", "quantri.vh")); err != nil {
		t.Fatalf("the corrected command: %v", err)
	}
}

// TestOperatorResetPassword: the way back in for a commune that lost its
// only admin's password.
func TestOperatorResetPassword(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	w := testfix.New(t)
	admin := w.A.Users[models.RoleAdmin].Username
	if err := w.Store.OperatorResetPassword(ctx, admin, "moi-dat-lai-2024"); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Store.Login(ctx, admin, testfix.Password, "127.0.0.1", "test"); !errors.Is(err, models.ErrBadCredentials) {
		t.Fatalf("the old password still works: %v", err)
	}
	login, err := w.Store.Login(ctx, admin, "moi-dat-lai-2024", "127.0.0.1", "test")
	if err != nil || !login.Actor.MustChangePassword {
		t.Fatalf("new password: %+v, %v", login, err)
	}
	if err := w.Store.OperatorResetPassword(ctx, "khong_co_ai", "moi-dat-lai-2024"); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("unknown account: %v", err)
	}
	var v *models.ValidationError
	if err := w.Store.OperatorResetPassword(ctx, admin, "ngan"); !errors.As(err, &v) {
		t.Fatalf("short password: %v", err)
	}
}
