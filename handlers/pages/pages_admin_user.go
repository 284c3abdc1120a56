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
