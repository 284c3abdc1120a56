package pages

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/tiendo/tiendo/handlers/httpx"
	"github.com/tiendo/tiendo/models"
	"github.com/tiendo/tiendo/models/accounts"
)

// adminUserData is the Data of one account's page: its roles to edit, the
// password reset and the closing of the account.
type adminUserData struct {
	User   *accounts.User
	Rows   []membershipRow
	Units  []unitGroup
	Roles  []roleOption
	Self   bool // the admin's own account: it cannot be closed from here
	Issued *issuedPassword
}

// membershipRow is one (unit, role) line of the roles form, as typed.
type membershipRow struct {
	Index        int
	UnitID, Role string
}

// blankRows are the empty lines offered for adding roles.
const blankRows = 2

// adminUserPage shows one account of the commune to the admin.
func (h *Handler) adminUserPage(c *gin.Context) error {
	u, err := h.managedUser(c)
	if err != nil {
		return err
	}
	return h.showUser(c, http.StatusOK, u, newForm(nil), nil)
}

// showUser renders the account's page; the roles form shows what f holds,
// or the account's roles when f is blank.
func (h *Handler) showUser(c *gin.Context, status int, u *accounts.User, f *form, issued *issuedPassword) error {
	ctx, a := c.Request.Context(), httpx.Actor(c)
	units, err := h.Store.ListUnits(ctx, a)
	if err != nil {
		return err
	}
	unitIDs, roles := f.values["unit_id"], f.values["role"]
	if unitIDs == nil && roles == nil {
		for _, m := range u.Memberships {
			unitIDs, roles = append(unitIDs, idString(m.UnitID)), append(roles, string(m.Role))
		}
	}
	if _, typed := f.values["full_name"]; !typed {
		fillContact(f, u) // the contact form shows the account as it stands
	}
	d := &adminUserData{User: u, Rows: membershipRows(unitIDs, roles), Units: groupUnits(units),
		Roles: roleOptions(), Self: u.ID == a.UserID, Issued: issued}
	h.render(c, status, "admin_user", &view{Title: u.FullName, Nav: "admin-users", Form: f, Data: d})
	return nil
}

// membershipRows pairs the typed units and roles and adds the blank lines.
func membershipRows(units, roles []string) []membershipRow {
	n := max(len(units), len(roles))
	rows := make([]membershipRow, 0, n+blankRows)
	for i := range n + blankRows {
		r := membershipRow{Index: i}
		if i < len(units) {
			r.UnitID = units[i]
		}
		if i < len(roles) {
			r.Role = roles[i]
		}
		rows = append(rows, r)
	}
	return rows
}

// membershipsSubmit replaces the account's roles with the filled lines; a
// line with neither unit nor role is left out, a half-filled one is an error.
func (h *Handler) membershipsSubmit(c *gin.Context) error {
	u, err := h.managedUser(c)
	if err != nil {
		return err
	}
	f := newForm(postForm(c))
	ms := membershipsOf(f)
	if !f.Invalid() {
		_, err := h.Store.SetMemberships(c.Request.Context(), httpx.Actor(c), u.ID, ms)
		if err == nil {
			redirect(c, adminUserURL(u.ID)+"?flash=memberships")
			return nil
		}
		if !f.addError(err) {
			return err
		}
	}
	// The model names unit_id, role and the list; the page has one fieldset.
	f.moveErrors("memberships", "unit_id", "role")
	return h.showUser(c, http.StatusUnprocessableEntity, u, f, nil)
}

// membershipsOf reads the parallel unit and role selects of the roles form.
func membershipsOf(f *form) []accounts.MembershipInput {
	units, roles := f.values["unit_id"], f.values["role"]
	ms := []accounts.MembershipInput{}
	for i := range max(len(units), len(roles)) {
		var unit, role string
		if i < len(units) {
			unit = units[i]
		}
		if i < len(roles) {
			role = roles[i]
		}
		if unit == "" && role == "" {
			continue
		}
		id, _ := strconv.ParseInt(unit, 10, 64)
		if id <= 0 || role == "" {
			f.add("memberships", fmt.Sprintf("dòng %d cần chọn cả đơn vị và vai trò", i+1))
			continue
		}
		ms = append(ms, accounts.MembershipInput{UnitID: id, Role: models.Role(role)})
	}
	return ms
}

func adminUserURL(id int64) string { return "/quan-tri/nguoi-dung/" + idString(id) }

// userContactSubmit saves an account's name, e-mail, phone and title (admins).
func (h *Handler) userContactSubmit(c *gin.Context) error {
	u, err := h.managedUser(c)
	if err != nil {
		return err
	}
	f := newForm(postForm(c))
	name, email, phone, title := f.Value("full_name"), f.Value("email"), f.Value("phone"), f.Value("title")
	version, _ := strconv.Atoi(f.Value("version"))
	_, err = h.Store.UpdateUser(c.Request.Context(), httpx.Actor(c), u.ID, version,
		accounts.UserPatch{FullName: &name, Email: &email, Phone: &phone, Title: &title})
	if err == nil {
		redirect(c, adminUserURL(u.ID)+"?flash=saved")
		return nil
	}
	if !f.addError(err) {
		return err
	}
	return h.showUser(c, http.StatusUnprocessableEntity, u, f, nil)
}

// roleOption is one role of a select, named by models.RoleLabels.
type roleOption struct{ Value, Label string }

// issuedPassword is a temporary password handed to the admin once: it is in
// no URL, no flash and no log, only in the page that answers the post.
type issuedPassword struct {
	UserID   int64
	Username string
	FullName string
	Password string
	Reset    bool // true for a reset, false for a new account
}

// roleOptions are the roles in the order an admin thinks of them.
func roleOptions() []roleOption {
	out := []roleOption{}
	for _, r := range []models.Role{models.RoleAdmin, models.RoleChairman, models.RoleSteeringMember,
		models.RoleOfficer, models.RoleTeamMember} {
		out = append(out, roleOption{Value: string(r), Label: models.RoleLabels[string(r)].VI})
	}
	return out
}

// managedUser is the account of the path, for the admin: another commune's
// (or a closed) account is a 404 page and a non-admin hears 403, in that
// order, as every page answers.
func (h *Handler) managedUser(c *gin.Context) (*accounts.User, error) {
	id, err := httpx.PathID(c)
	if err != nil {
		return nil, err
	}
	return h.Store.ManagedUser(c.Request.Context(), httpx.Actor(c), id)
}
