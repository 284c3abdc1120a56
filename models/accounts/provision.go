package accounts

import (
	"context"
	"errors"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/tiendo/tiendo/models"
)

// NewTenant is a commune as the operator of an instance registers it: the
// commune, the office its first administrator belongs to, and that admin.
type NewTenant struct {
	Commune NewCommune
	// OfficeName names the first unit; default "Văn phòng UBND <kind> <name>".
	OfficeName string
	// Admin is the first account; its membership is set here (admin of the
	// office), and it must change its password at the first sign-in.
	Admin NewUser
}

// Tenant is what ProvisionCommune created.
type Tenant struct {
	Commune models.CommuneInfo
	Office  Unit
	Admin   User
}

// ProvisionCommune registers a commune with its office and first admin in
// one transaction: a commune without an admin could never be managed, so a
// failure leaves nothing behind and the command can simply be run again.
func (s *Store) ProvisionCommune(ctx context.Context, in NewTenant) (*Tenant, error) {
	c := &in.Commune
	if c.TimeZone == "" {
		c.TimeZone = models.VietnamTime.String()
	}
	c.Name, c.Province = models.CleanText(c.Name), models.CleanText(c.Province)
	office := NewUnit{Kind: "office", Name: in.OfficeName}
	if office.Name == "" {
		office.Name = "Văn phòng UBND " + CommuneKindName[c.Kind] + " " + c.Name
	}
	in.Admin.MustChangePassword = true
	if err := validateTenant(c, &office, &in.Admin); err != nil {
		return nil, err
	}
	hash, err := models.HashPassword(in.Admin.Password, s.Password)
	if err != nil {
		return nil, err
	}
	out := &Tenant{}
	err = s.AcrossCommunes(ctx, func(t *models.Tx) error {
		if err := t.Bind(s.orgQ.InsertCommune).Get(&out.Commune, c.Code, c.Name, c.Kind, c.Province, c.TimeZone); err != nil {
			return err
		}
		// From here on the rows belong to the new commune, and RLS says so.
		if err := t.SetScope("tiendo.commune_id", strconv.FormatInt(out.Commune.ID, 10)); err != nil {
			return err
		}
		sys := models.SystemActor(&out.Commune)
		unit, err := s.insertUnit(t, sys, office)
		if err != nil {
			return err
		}
		out.Office = *unit
		in.Admin.Memberships = []models.Membership{{UnitID: unit.ID, Role: models.RoleAdmin}}
		admin, err := s.insertUser(t, sys, in.Admin, hash)
		if err != nil {
			return err
		}
		out.Admin = *admin
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

var communeCode = regexp.MustCompile(`^[0-9A-Za-z]{1,20}$`)

// CommuneKindName is the Vietnamese word for each kind of commune-level unit.
var CommuneKindName = map[string]string{"xa": "xã", "phuong": "phường", "dac_khu": "đặc khu"}

// validateTenant lists every invalid field of a provisioning, the admin's
// under "admin.".
func validateTenant(c *NewCommune, office *NewUnit, admin *NewUser) error {
	v := &models.ValidationError{}
	if !communeCode.MatchString(c.Code) {
		v.Add("code", "invalid", "mã xã gồm 1–20 chữ số hoặc chữ cái (thường là mã 5 số trong danh mục đơn vị hành chính)")
	}
	if c.Name == "" {
		v.Add("name", "required", "cần nhập tên xã")
	}
	if c.Province == "" {
		v.Add("province", "required", "cần nhập tên tỉnh")
	}
	if !slices.Contains(CommuneKinds, c.Kind) {
		v.Add("kind", "invalid", "loại đơn vị hành chính phải là xa, phuong hoặc dac_khu")
	}
	var fe *models.ValidationError
	if err := office.Validate(); errors.As(err, &fe) {
		for _, f := range fe.Fields {
			v.Add("office_"+f.Field, f.Code, "%s", f.Message)
		}
	}
	if err := admin.Validate(); errors.As(err, &fe) {
		for _, f := range fe.Fields {
			v.Add("admin_"+f.Field, f.Code, "%s", f.Message)
		}
	}
	return v.Err()
}

// OperatorResetPassword is the way back in when a commune's only admin has
// lost the password: the operator, at the server's shell, sets a temporary
// one that must be changed at the next sign-in. It ends the account's
// sessions and tokens and is audited as the system's act, like an admin's
// reset.
func (s *Store) OperatorResetPassword(ctx context.Context, username, password string) error {
	u, err := s.credentials(ctx, strings.ToLower(strings.TrimSpace(username)))
	switch {
	case err != nil:
		return err
	case u == nil:
		return models.ErrNotFound
	case !u.CommuneID.Valid:
		return models.Invalid("username", "province_account", "tài khoản cấp tỉnh không đặt lại được bằng lệnh này")
	}
	var c models.CommuneInfo
	err = s.Identity(ctx, func(on models.Binder) error {
		return on(s.orgQ.CommuneByID).GetContext(ctx, &c, u.CommuneID.Int64)
	})
	if err != nil {
		return err
	}
	return s.ResetPassword(ctx, models.SystemActor(&c), u.ID, password)
}

// NewProvinceUser is the input for CreateProvinceUser.
type NewProvinceUser struct {
	Province string
	Username string
	FullName string
	Password string
}

// CreateProvinceUser adds a province_viewer account; an operator's act
// (provisioning, demo loading), not something a commune user can do.
func (s *Store) CreateProvinceUser(ctx context.Context, in NewProvinceUser) (int64, error) {
	nu := NewUser{Username: in.Username, FullName: in.FullName, Password: in.Password}
	if err := nu.Validate(); err != nil {
		return 0, err
	}
	if strings.TrimSpace(in.Province) == "" {
		return 0, models.Invalid("province", "required", "cần nhập tỉnh")
	}
	hash, err := models.HashPassword(in.Password, s.Password)
	if err != nil {
		return 0, err
	}
	var id int64
	err = s.Identity(ctx, func(on models.Binder) error {
		return on(s.orgQ.InsertProvinceUser).GetContext(ctx, &id, models.CleanText(in.Province), nu.Username, nu.FullName, "", hash, false)
	})
	return id, models.MapPGError(err)
}
