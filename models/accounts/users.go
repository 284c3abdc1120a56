package accounts

import (
	"context"
	"encoding/json"
	"net/mail"
	"regexp"
	"strings"

	"github.com/lib/pq"
	"github.com/tiendo/tiendo/models"
)

// User is a person of the commune as other members see them.
type User struct {
	ID       int64  `json:"id" db:"id"`
	Username string `json:"username" db:"username"`
	FullName string `json:"full_name" db:"full_name"`
	Email    string `json:"email" db:"email"`
	Phone    string `json:"phone" db:"phone"`
	Title    string `json:"title" db:"title"`
	// ReminderChannels are the channels the person is reminded on: the
	// inbox always, e-mail when chosen (and the account has an address).
	ReminderChannels pq.StringArray      `json:"reminder_channels" db:"reminder_channels"`
	Version          int                 `json:"version" db:"version"`
	Memberships      []models.Membership `json:"memberships" db:"-"`
}

// NewUser is the input for CreateUser.
type NewUser struct {
	Username           string              `json:"username"`
	FullName           string              `json:"full_name"`
	Email              string              `json:"email"`
	Password           string              `json:"password"`
	MustChangePassword bool                `json:"must_change_password"`
	Memberships        []models.Membership `json:"memberships"`
}

var usernamePattern = regexp.MustCompile(`^[a-z0-9._-]{3,64}$`)

// Validate checks a new account's fields.
func (in *NewUser) Validate() error {
	v := &models.ValidationError{}
	in.Username = strings.ToLower(strings.TrimSpace(in.Username))
	in.FullName = models.CleanText(in.FullName)
	if !usernamePattern.MatchString(in.Username) {
		v.Add("username", "invalid", "tên đăng nhập gồm 3–64 ký tự a-z, 0-9, dấu chấm, gạch ngang hoặc gạch dưới")
	}
	if in.FullName == "" {
		v.Add("full_name", "required", "cần nhập họ và tên")
	}
	in.Email = strings.TrimSpace(in.Email)
	if in.Email != "" && !validEmail(in.Email) {
		v.Add("email", "invalid", "địa chỉ email không hợp lệ")
	}
	if err := models.ValidatePassword(in.Username, in.Password); err != nil {
		v.Fields = append(v.Fields, err.(*models.ValidationError).Fields...)
	}
	for _, m := range in.Memberships {
		if !validRole(m.Role) {
			v.Add("memberships", "invalid_role", "vai trò %q không hợp lệ", m.Role)
		}
	}
	return v.Err()
}

// validEmail accepts one plain address (no display name), as notifications
// will need to send to it.
func validEmail(s string) bool {
	addr, err := mail.ParseAddress(s)
	return err == nil && addr.Address == s && len(s) <= 254
}

func validRole(r models.Role) bool {
	switch r {
	case models.RoleAdmin, models.RoleChairman, models.RoleSteeringMember, models.RoleOfficer, models.RoleTeamMember:
		return true
	}
	return false
}

// CreateUser adds an account with its memberships to the actor's commune.
func (s *Store) CreateUser(ctx context.Context, a *models.Actor, in NewUser) (*User, error) {
	if !a.CanManageUsers() {
		return nil, models.ErrForbidden
	}
	if err := in.Validate(); err != nil {
		return nil, err
	}
	hash, err := models.HashPassword(in.Password, s.Password)
	if err != nil {
		return nil, err
	}
	var u *User
	err = s.InCommune(ctx, a.CommuneID, func(t *models.Tx) (err error) {
		u, err = s.insertUser(t, a, in, hash)
		return err
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}

// insertUser writes a validated account, its memberships and its audit row
// inside t; hash is the password's.
func (s *Store) insertUser(t *models.Tx, a *models.Actor, in NewUser, hash string) (*User, error) {
	var id int64
	if err := t.Bind(s.orgQ.InsertUser).Get(&id, a.CommuneID, in.Username, in.FullName, in.Email,
		hash, in.MustChangePassword); err != nil {
		return nil, err
	}
	for _, m := range in.Memberships {
		if _, err := t.Bind(s.orgQ.InsertMember).Exec(a.CommuneID, id, m.UnitID, m.Role); err != nil {
			return nil, err
		}
	}
	// Read back, so that the answer names the units like every other read.
	u, err := s.userIn(t, a.CommuneID, id)
	if err != nil {
		return nil, err
	}
	return u, s.Audit(t, a, "create", "user", u.ID, nil, u)
}

type userRow struct {
	User
	MembershipsJSON []byte `db:"memberships"`
}

// ListUsers lists the active accounts of the actor's commune that the actor
// may know of (Actor.CanReadDirectory).
func (s *Store) ListUsers(ctx context.Context, a *models.Actor) ([]User, error) {
	return s.listUsers(ctx, a, 0, a.CanReadDirectory())
}

// GetUser is one active account of the commune; one the actor may not know
// of answers 404, as one of another commune does.
func (s *Store) GetUser(ctx context.Context, a *models.Actor, id int64) (*User, error) {
	return s.oneUser(ctx, a, id, a.CanReadDirectory())
}

// oneUser is account id as listUsers reads it, or ErrNotFound.
func (s *Store) oneUser(ctx context.Context, a *models.Actor, id int64, whole bool) (*User, error) {
	users, err := s.listUsers(ctx, a, id, whole)
	if err != nil {
		return nil, err
	}
	if len(users) == 0 {
		return nil, models.ErrNotFound
	}
	return &users[0], nil
}

// ManagedUser is an account of the commune for its administration: 404 when
// it is not an active account of the actor's commune, then 403 when the
// actor may not manage users (as the API's user administration answers).
func (s *Store) ManagedUser(ctx context.Context, a *models.Actor, id int64) (*User, error) {
	u, err := s.oneUser(ctx, a, id, true)
	if err == nil {
		err = a.MayManageUsers()
	}
	if err != nil {
		return nil, err
	}
	return u, nil
}

// listUsers reads the active accounts of the commune, only id when it is not
// 0; whole is false for a caller limited to their units and the leadership.
func (s *Store) listUsers(ctx context.Context, a *models.Actor, id int64, whole bool) ([]User, error) {
	var units pq.Int64Array // nil: the whole directory
	if !whole {
		units = pq.Int64Array(a.UnitIDs())
	}
	var rows []userRow
	err := s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		return t.Bind(s.orgQ.ListUsers).Select(&rows, a.CommuneID, units, a.UserID, models.NullID(id))
	})
	if err != nil {
		return nil, err
	}
	users := make([]User, len(rows))
	for i, r := range rows {
		users[i] = r.User
		if err := json.Unmarshal(r.MembershipsJSON, &users[i].Memberships); err != nil {
			return nil, err
		}
		if !whole && users[i].ID != a.UserID {
			users[i].redact()
		}
	}
	return users, nil
}

// redact leaves what a hamlet team member may know of a colleague: the
// name, job title and roles. The sign-in name, e-mail, phone and reminder
// channels stay with the staff who manage and remind people.
func (u *User) redact() {
	u.Username, u.Email, u.Phone, u.ReminderChannels = "", "", "", pq.StringArray{}
}
