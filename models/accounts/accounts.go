package accounts

import (
	"context"
	"encoding/json"
	"errors"
	"slices"

	"github.com/tiendo/tiendo/models"
)

// ErrPasswordChangeRequired refuses every request but the password change
// itself (and reading who one is, and signing out) while an account carries
// a password an admin has set.
var ErrPasswordChangeRequired = errors.New("cần đổi mật khẩu trước khi tiếp tục")

// MembershipInput is one (unit, role) pair of SetMemberships.
type MembershipInput struct {
	UnitID int64       `json:"unit_id"`
	Role   models.Role `json:"role"`
}

// account is the target of an admin's change, locked for the transaction.
type account struct {
	ID       int64  `db:"id"`
	Username string `db:"username"`
}

// revoke says which of an account's credentials a change ends.
type revoke struct{ sessions, tokens bool }

// manageAccount runs an admin's change to one account of the commune: it
// checks the role, locks the account (another commune's, or a disabled one,
// is not found), runs fn, ends the credentials the change invalidates and
// audits it, all in one transaction.
func (s *Store) manageAccount(ctx context.Context, a *models.Actor, id int64, action string, r revoke,
	fn func(t *models.Tx, acc account) (before, after any, err error)) error {
	if !a.CanManageUsers() {
		return models.ErrForbidden
	}
	return s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		var acc account
		if err := t.Bind(s.accQ.LockAccount).Get(&acc, id, a.CommuneID); err != nil {
			return models.NotFound(err)
		}
		before, after, err := fn(t, acc)
		if err != nil {
			return err
		}
		if err := s.revokeCredentials(t, acc.ID, r); err != nil {
			return err
		}
		return s.Audit(t, a, action, "user", acc.ID, before, after)
	})
}

// revokeCredentials ends the user's sessions and, when r says so, API tokens.
func (s *Store) revokeCredentials(t *models.Tx, userID int64, r revoke) error {
	now := s.Clock().Now()
	if r.sessions {
		if _, err := t.Bind(s.accQ.RevokeSessions).Exec(userID, now); err != nil {
			return err
		}
	}
	if r.tokens {
		if _, err := t.Bind(s.accQ.RevokeTokens).Exec(userID, now); err != nil {
			return err
		}
		// The calendar feed's secret is a credential like a token (calfeed.go).
		if _, err := t.Bind(s.accQ.DropFeeds).Exec(userID); err != nil {
			return err
		}
	}
	return nil
}

// ResetPassword sets a new password for an account of the admin's commune.
// Its owner must change it at the next sign-in, and every session and API
// token of the account ends: a reset usually means the old secret leaked.
func (s *Store) ResetPassword(ctx context.Context, a *models.Actor, userID int64, password string) error {
	return s.manageAccount(ctx, a, userID, "reset_password", revoke{sessions: true, tokens: true},
		func(t *models.Tx, acc account) (any, any, error) {
			if err := models.ValidatePassword(acc.Username, password); err != nil {
				return nil, nil, err
			}
			hash, err := models.HashPassword(password, s.Password)
			if err != nil {
				return nil, nil, err
			}
			_, err = t.Bind(s.accQ.SetPassword).Exec(acc.ID, hash, true)
			return nil, map[string]bool{"must_change_password": true}, err
		})
}

// DisableUser closes an account of the admin's commune: it can no longer sign
// in, and its sessions and API tokens end. The row stays for the history it
// authored. Admins cannot disable themselves, so a commune keeps its admin.
func (s *Store) DisableUser(ctx context.Context, a *models.Actor, userID int64) error {
	if userID == a.UserID && a.CanManageUsers() {
		return &models.ConflictError{Message: "không thể tự khóa tài khoản của mình"}
	}
	return s.manageAccount(ctx, a, userID, "disable", revoke{sessions: true, tokens: true},
		func(t *models.Tx, acc account) (any, any, error) {
			_, err := t.Bind(s.accQ.DisableUser).Exec(acc.ID, s.Clock().Now())
			return nil, map[string]bool{"disabled": true}, err
		})
}

// SetMemberships replaces the (unit, role) pairs of an account of the
// admin's commune and ends its sessions, so that the person signs in again
// under the new roles. API tokens stay: they read the roles on every request
// and an integration should not break on every reassignment.
func (s *Store) SetMemberships(ctx context.Context, a *models.Actor, userID int64, ms []MembershipInput) (*User, error) {
	if err := validateMemberships(ms); err != nil {
		return nil, err
	}
	if userID == a.UserID && a.CanManageUsers() &&
		!slices.ContainsFunc(ms, func(m MembershipInput) bool { return m.Role == models.RoleAdmin }) {
		return nil, &models.ConflictError{Field: "role", Message: "không thể tự bỏ vai trò quản trị của mình"}
	}
	var u *User
	err := s.manageAccount(ctx, a, userID, "set_memberships", revoke{sessions: true},
		func(t *models.Tx, acc account) (any, any, error) {
			before, err := s.userIn(t, a.CommuneID, acc.ID)
			if err != nil {
				return nil, nil, err
			}
			if _, err := t.Bind(s.accQ.DeleteMembers).Exec(a.CommuneID, acc.ID); err != nil {
				return nil, nil, err
			}
			for _, m := range ms {
				if _, err := t.Bind(s.orgQ.InsertMember).Exec(a.CommuneID, acc.ID, m.UnitID, m.Role); err != nil {
					return nil, nil, err
				}
			}
			u, err = s.userIn(t, a.CommuneID, acc.ID)
			return before.Memberships, u.Memberships, err
		})
	return u, err
}

// validateMemberships checks a replacement list of memberships.
func validateMemberships(ms []MembershipInput) error {
	v := &models.ValidationError{}
	if len(ms) > 100 {
		v.Add("memberships", "too_many", "tối đa 100 vai trò")
	}
	for i, m := range ms {
		if m.UnitID <= 0 {
			v.Add("unit_id", "required", "vai trò thứ %d thiếu đơn vị", i+1)
		}
		if !validRole(m.Role) {
			v.Add("role", "invalid_role", "vai trò %q không hợp lệ", m.Role)
		}
		if slices.Contains(ms[:i], m) {
			v.Add("memberships", "duplicate", "vai trò %q ở đơn vị %d được nêu hai lần", m.Role, m.UnitID)
		}
	}
	return v.Err()
}

// userIn reads one user of the commune with memberships, as colleagues see it.
func (s *Store) userIn(t *models.Tx, communeID, userID int64) (*User, error) {
	var r userRow
	if err := t.Bind(s.accQ.UserInCommune).Get(&r, userID, communeID); err != nil {
		return nil, models.NotFound(err)
	}
	u := r.User
	if err := json.Unmarshal(r.MembershipsJSON, &u.Memberships); err != nil {
		return nil, err
	}
	return &u, nil
}

// PasswordChange is the input for ChangePassword.
type PasswordChange struct {
	CurrentPassword string `json:"current_password"`
	NewPassword     string `json:"new_password"`
}

// Validate checks the fields that need no database: both present, and the
// new password following the account rules and differing from the current.
func (in *PasswordChange) Validate(username string) error {
	v := &models.ValidationError{}
	if in.CurrentPassword == "" {
		v.Add("current_password", "required", "cần nhập mật khẩu hiện tại")
	}
	if err := models.ValidatePassword(username, in.NewPassword); err != nil {
		for _, f := range err.(*models.ValidationError).Fields {
			v.Add("new_password", f.Code, "%s", f.Message)
		}
	} else if in.NewPassword == in.CurrentPassword {
		v.Add("new_password", "unchanged", "mật khẩu mới phải khác mật khẩu hiện tại")
	}
	return v.Err()
}

// ChangePassword replaces the actor's own password. The current password is
// checked like a sign-in — throttled, and a wrong one counted as a failure —
// so that a stolen session cannot be used to guess it. On success every
// session of the account ends and a new one is opened for the caller: a
// password change is how a person evicts whoever else holds a session, and
// that includes the account's personal API tokens: a token made by whoever
// had the password must not outlive it (new ones are made in a minute).
func (s *Store) ChangePassword(ctx context.Context, a *models.Actor, in PasswordChange, userAgent string) (*Login, error) {
	if a.UserID == 0 || a.APITokenID != 0 {
		return nil, models.ErrForbidden // an integration's token does not manage the account
	}
	if err := in.Validate(a.Username); err != nil {
		return nil, err
	}
	at := attempt{Username: a.Username, IP: a.IP, CommuneID: a.CommuneID, UserID: a.UserID}
	if err := s.checkThrottle(ctx, a.Username, a.IP); err != nil {
		return nil, s.failAttempt(ctx, at, "change_password_failed", "throttled", err)
	}
	var u credentialRow
	err := s.Identity(ctx, func(on models.Binder) error {
		return on(s.orgQ.UserByID).GetContext(ctx, &u, a.UserID)
	})
	if err != nil {
		return nil, err
	}
	ok, err := models.CheckPassword(in.CurrentPassword, u.PasswordHash)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, s.failAttempt(ctx, at, "change_password_failed", "wrong_password",
			models.Invalid("current_password", "wrong", "mật khẩu hiện tại không đúng"))
	}
	hash, err := models.HashPassword(in.NewPassword, s.Password)
	if err != nil {
		return nil, err
	}
	return s.replacePassword(ctx, a, hash, userAgent)
}

// replacePassword stores the new hash, ends every session of the actor and
// opens a fresh one, in one transaction.
func (s *Store) replacePassword(ctx context.Context, a *models.Actor, hash, userAgent string) (*Login, error) {
	l := &Login{}
	err := s.InCommune(ctx, a.CommuneID, func(t *models.Tx) (err error) {
		if _, err = t.Bind(s.accQ.SetPassword).Exec(a.UserID, hash, false); err != nil {
			return err
		}
		if err = s.revokeCredentials(t, a.UserID, revoke{sessions: true, tokens: true}); err != nil {
			return err
		}
		if l.Token, l.ExpiresAt, err = s.openSession(t, a.UserID, a.IP, userAgent); err != nil {
			return err
		}
		return s.Audit(t, a, "change_password", "user", a.UserID, nil,
			map[string]bool{"sessions_revoked": true, "tokens_revoked": true})
	})
	if err != nil {
		return nil, err
	}
	if l.Actor, err = s.Authenticate(ctx, l.Token, a.IP); err != nil {
		return nil, err
	}
	return l, nil
}
