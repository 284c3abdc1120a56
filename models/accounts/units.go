package accounts

import (
	"context"
	"slices"
	"strings"

	"github.com/tiendo/tiendo/models"
	"golang.org/x/text/unicode/norm"
)

// UnitKinds are the kinds of unit inside a commune.
var UnitKinds = []string{"office", "hamlet", "steering_committee", "team", "one_stop_desk"}

// CommuneKinds are the kinds of commune-level unit since the 2025 reform.
var CommuneKinds = []string{"xa", "phuong", "dac_khu"}

// Unit is an office, hamlet (ấp), committee or team inside a commune.
type Unit struct {
	ID       int64  `json:"id" db:"id"`
	ParentID *int64 `json:"parent_id" db:"parent_id"`
	Kind     string `json:"kind" db:"kind"`
	Name     string `json:"name" db:"name"`
}

// NewUnit is the input for CreateUnit.
type NewUnit struct {
	ParentID *int64 `json:"parent_id"`
	Kind     string `json:"kind"`
	Name     string `json:"name"`
}

// NewCommune is the input for CreateCommune.
type NewCommune struct {
	Code     string
	Name     string
	Kind     string
	Province string
	TimeZone string
}

// CreateCommune registers a tenant. It is an operator's act (demo loading,
// provisioning), not something a commune user can do.
func (s *Store) CreateCommune(ctx context.Context, in NewCommune) (*models.CommuneInfo, error) {
	if in.TimeZone == "" {
		in.TimeZone = models.VietnamTime.String()
	}
	if !slices.Contains(CommuneKinds, in.Kind) {
		return nil, models.Invalid("kind", "invalid", "loại đơn vị hành chính phải là xa, phuong hoặc dac_khu")
	}
	var c models.CommuneInfo
	err := s.Identity(ctx, func(on models.Binder) error {
		return on(s.orgQ.InsertCommune).GetContext(ctx, &c, in.Code, norm.NFC.String(in.Name), in.Kind,
			norm.NFC.String(in.Province), in.TimeZone)
	})
	if err != nil {
		return nil, models.MapPGError(err)
	}
	return &c, nil
}

// Validate checks a new unit's fields.
func (in *NewUnit) Validate() error {
	v := &models.ValidationError{}
	in.Name = models.CleanText(in.Name)
	if in.Name == "" {
		v.Add("name", "required", "cần nhập tên đơn vị")
	} else if len([]rune(in.Name)) > 200 {
		v.Add("name", "too_long", "tên đơn vị tối đa 200 ký tự")
	}
	if !slices.Contains(UnitKinds, in.Kind) {
		v.Add("kind", "invalid", "loại đơn vị phải là một trong: %s", strings.Join(UnitKinds, ", "))
	}
	return v.Err()
}

// CreateUnit adds a unit to the actor's commune.
func (s *Store) CreateUnit(ctx context.Context, a *models.Actor, in NewUnit) (*Unit, error) {
	if !a.CanManageUnits() {
		return nil, models.ErrForbidden
	}
	if err := in.Validate(); err != nil {
		return nil, err
	}
	var u *Unit
	err := s.InCommune(ctx, a.CommuneID, func(t *models.Tx) (err error) {
		u, err = s.insertUnit(t, a, in)
		return err
	})
	return u, err
}

// insertUnit writes a validated unit and its audit row inside t.
func (s *Store) insertUnit(t *models.Tx, a *models.Actor, in NewUnit) (*Unit, error) {
	var u Unit
	if err := t.Bind(s.orgQ.InsertUnit).Get(&u, a.CommuneID, in.ParentID, in.Kind, in.Name); err != nil {
		return nil, err
	}
	return &u, s.Audit(t, a, "create", "unit", u.ID, nil, u)
}

// ListUnits lists the units of the actor's commune in Vietnamese name order.
func (s *Store) ListUnits(ctx context.Context, a *models.Actor) ([]Unit, error) {
	units := []Unit{}
	err := s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		var err error
		units, err = s.UnitsOf(t, a.CommuneID)
		return err
	})
	return units, err
}

// UnitsOf lists the commune's units inside t.
func (s *Store) UnitsOf(t *models.Tx, communeID int64) ([]Unit, error) {
	units := []Unit{}
	return units, t.Bind(s.orgQ.ListUnits).Select(&units, communeID)
}
