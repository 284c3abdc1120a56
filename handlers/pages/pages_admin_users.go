package pages

import (
	"net/http"
	"slices"

	"github.com/gin-gonic/gin"

	"github.com/tiendo/tiendo/handlers/httpx"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/accounts"
)

// adminUsersData is the Data of the accounts page.
type adminUsersData struct {
	Users     []accounts.User
	Units     []unitGroup
	Roles     []roleOption
	CanManage bool
	// Issued is the temporary password just set, shown on this answer only.
	Issued *issuedPassword
}

// adminUsersPage lists the commune's accounts with their units and roles,
// and for the admin the form that opens a new one.
func (h *Handler) adminUsersPage(c *gin.Context) error {
	return h.showUsers(c, http.StatusOK, newForm(nil), nil)
}

func (h *Handler) showUsers(c *gin.Context, status int, f *form, issued *issuedPassword) error {
	ctx, a := c.Request.Context(), httpx.Actor(c)
	users, err := h.Store.ListUsers(ctx, a)
	if err != nil {
		return err
	}
	units, err := h.Store.ListUnits(ctx, a)
	if err != nil {
		return err
	}
	d := &adminUsersData{Users: users, Units: groupUnits(units), Roles: roleOptions(),
		CanManage: a.CanManageUsers(), Issued: issued}
	h.render(c, status, "admin_users", &view{Title: "Người dùng", Nav: "admin-users", Form: f, Data: d})
	return nil
}

// createUserSubmit opens an account with one (unit, role) and a temporary
// password, which the answer shows once; its owner replaces it at the first
// sign-in. An invalid form comes back with the errors beside the fields.
func (h *Handler) createUserSubmit(c *gin.Context) error {
	a := httpx.Actor(c)
	if err := a.MayAdminister(); err != nil {
		return err
	}
	f := newForm(postForm(c))
	in := accounts.NewUser{Username: f.Value("username"), FullName: f.Value("full_name"), Email: f.Value("email"),
		Password: models.TemporaryPassword(), MustChangePassword: true}
	if m, ok := membershipOf(f, "unit_id", "role"); ok {
		in.Memberships = []models.Membership{m}
	}
	if f.Invalid() {
		// Name every mistake at once, not the selects first and the rest after.
		f.addMissing(in.Validate())
	} else {
		u, err := h.Store.CreateUser(c.Request.Context(), a, in)
		if err == nil {
			issued := &issuedPassword{UserID: u.ID, Username: u.Username, FullName: u.FullName, Password: in.Password}
			return h.showUsers(c, http.StatusCreated, newForm(nil), issued)
		}
		if !f.addError(err) {
			return err
		}
		// The model names the role list; the page draws one role select.
		f.moveErrors("role", "memberships")
	}
	return h.showUsers(c, http.StatusUnprocessableEntity, f, nil)
}

// membershipOf reads one (unit, role) pair of the form; both must be chosen.
func membershipOf(f *form, unitField, roleField string) (models.Membership, bool) {
	unit, role := f.parseID(unitField), models.Role(f.Value(roleField))
	if unit == 0 {
		f.add(unitField, "cần chọn đơn vị")
	}
	known := slices.ContainsFunc(roleOptions(), func(o roleOption) bool { return o.Value == string(role) })
	if !known {
		f.add(roleField, "cần chọn vai trò")
	}
	return models.Membership{UnitID: unit, Role: role}, unit != 0 && known
}

// resetPasswordSubmit gives an account a new temporary password, shown once
// on the account's page; every session and API token of the account ends.
func (h *Handler) resetPasswordSubmit(c *gin.Context) error {
	u, err := h.managedUser(c)
	if err != nil {
		return err
	}
	pw := models.TemporaryPassword()
	if err := h.Store.ResetPassword(c.Request.Context(), httpx.Actor(c), u.ID, pw); err != nil {
		return err
	}
	issued := &issuedPassword{UserID: u.ID, Username: u.Username, FullName: u.FullName, Password: pw, Reset: true}
	return h.showUser(c, http.StatusOK, u, newForm(nil), issued)
}

// disableUserSubmit closes an account; its history keeps naming it.
func (h *Handler) disableUserSubmit(c *gin.Context) error {
	u, err := h.managedUser(c)
	if err != nil {
		return err
	}
	err = h.Store.DisableUser(c.Request.Context(), httpx.Actor(c), u.ID)
	if err == nil {
		redirect(c, "/quan-tri/nguoi-dung?flash=disabled")
		return nil
	}
	f := newForm(nil)
	if !f.addError(err) {
		return err
	}
	return h.showUser(c, http.StatusUnprocessableEntity, u, f, nil)
}

// adminUnitsData is the Data of the units page.
type adminUnitsData struct {
	Groups    []unitGroup
	All       []accounts.Unit  // for the parent select
	Kinds     []roleOption     // unit kinds with their labels
	ParentOf  map[int64]string // a unit's id → the name of the unit it belongs to
	CanManage bool
}

// adminUnitsPage lists the commune's units (office, hamlets, teams,
// committees) by kind, and for the admin the form that adds one.
func (h *Handler) adminUnitsPage(c *gin.Context) error {
	return h.showUnits(c, http.StatusOK, newForm(nil))
}

func (h *Handler) showUnits(c *gin.Context, status int, f *form) error {
	a := httpx.Actor(c)
	units, err := h.Store.ListUnits(c.Request.Context(), a)
	if err != nil {
		return err
	}
	d := &adminUnitsData{Groups: groupUnits(units), All: units, ParentOf: map[int64]string{},
		CanManage: a.CanManageUnits()}
	for _, k := range unitKindLabels {
		d.Kinds = append(d.Kinds, roleOption{Value: k.Kind, Label: k.Label})
	}
	names := map[int64]string{}
	for _, u := range units {
		names[u.ID] = u.Name
	}
	for _, u := range units {
		if u.ParentID != nil {
			d.ParentOf[u.ID] = names[*u.ParentID]
		}
	}
	h.render(c, status, "admin_units", &view{Title: "Đơn vị", Nav: "admin-units", Form: f, Data: d})
	return nil
}

// createUnitSubmit adds a unit and goes back to the list; a refused one
// comes back with the error beside its field and the typed name kept.
func (h *Handler) createUnitSubmit(c *gin.Context) error {
	a := httpx.Actor(c)
	if err := a.MayAdminister(); err != nil {
		return err
	}
	f := newForm(postForm(c))
	in := accounts.NewUnit{Name: f.Value("name"), Kind: f.Value("kind")}
	if id := f.parseID("parent_id"); id != 0 {
		in.ParentID = &id
	}
	u, err := h.Store.CreateUnit(c.Request.Context(), a, in)
	if err == nil {
		redirect(c, "/quan-tri/don-vi?flash=created#unit-"+idString(u.ID))
		return nil
	}
	if !f.addError(err) {
		return err
	}
	return h.showUnits(c, http.StatusUnprocessableEntity, f)
}
