package accounts

import (
	"context"
	"regexp"
	"slices"
	"strings"

	"github.com/lib/pq"
	"github.com/tiendo/tiendo/models"
)

// Reaching people: an admin edits an account's name, e-mail, phone and
// title (UpdateUser); everyone edits their own e-mail, phone and reminder
// channels (UpdateProfile). Both follow If-Match on the account's version
// and leave an audit row; an e-mail is unique within the commune
// (users_email_key, a 409 naming email).

// Reminder channels a person may choose; the inbox is always on.
const (
	ChannelInbox = "inbox"
	ChannelEmail = "email"
)

// UserPatch is an admin's change to an account; absent fields stay.
type UserPatch struct {
	FullName *string `json:"full_name"`
	Email    *string `json:"email"`
	Phone    *string `json:"phone"`
	Title    *string `json:"title"`
}

// ProfilePatch is a person's change to their own account.
type ProfilePatch struct {
	Email            *string   `json:"email"`
	Phone            *string   `json:"phone"`
	ReminderChannels *[]string `json:"reminder_channels"`
}

// contact is the editable part of an account, validated as a whole.
type contact struct {
	FullName, Email, Phone, Title string
	Channels                      []string
}

var phonePattern = regexp.MustCompile(`^(\+84|0)[0-9]{8,10}$`)

// validate cleans c and reports every field error at once.
func (c *contact) validate() error {
	v := &models.ValidationError{}
	c.FullName, c.Title = models.CleanText(c.FullName), models.CleanText(c.Title)
	c.Email, c.Phone = strings.TrimSpace(c.Email), strings.TrimSpace(c.Phone)
	models.CheckText(v, "full_name", c.FullName, 200, true)
	models.CheckText(v, "title", c.Title, 200, false)
	if c.Email != "" && !validEmail(c.Email) {
		v.Add("email", "invalid", "địa chỉ email không hợp lệ, ví dụ ten@xa.gov.vn")
	}
	if c.Phone != "" && !phonePattern.MatchString(strings.NewReplacer(" ", "", ".", "", "-", "").Replace(c.Phone)) {
		v.Add("phone", "invalid", "số điện thoại không hợp lệ, ví dụ 0912 345 678 hoặc +84 912 345 678")
	}
	if !slices.Contains(c.Channels, ChannelInbox) {
		v.Add("reminder_channels", "inbox_required", "hộp thư thông báo luôn được nhận nhắc việc")
	}
	for _, ch := range c.Channels {
		if ch != ChannelInbox && ch != ChannelEmail {
			v.Add("reminder_channels", "unknown", "kênh %q không có; chọn inbox hoặc email", ch)
		}
	}
	slices.Sort(c.Channels)
	c.Channels = slices.Compact(c.Channels)
	return v.Err()
}

func contactOf(u *User) contact {
	return contact{FullName: u.FullName, Email: u.Email, Phone: u.Phone, Title: u.Title,
		Channels: slices.Clone([]string(u.ReminderChannels))}
}

func set[T any](dst *T, p *T) {
	if p != nil {
		*dst = *p
	}
}

// UpdateUser changes an account's contact details; admins only.
func (s *Store) UpdateUser(ctx context.Context, a *models.Actor, id int64, ifMatch int, p UserPatch) (*User, error) {
	var after *User
	err := s.manageAccount(ctx, a, id, "update", revoke{}, func(t *models.Tx, acc account) (any, any, error) {
		before, err := s.userIn(t, a.CommuneID, acc.ID)
		if err != nil {
			return nil, nil, err
		}
		c := contactOf(before)
		set(&c.FullName, p.FullName)
		set(&c.Email, p.Email)
		set(&c.Phone, p.Phone)
		set(&c.Title, p.Title)
		after, err = s.saveContact(t, a.CommuneID, before, ifMatch, c)
		return before, after, err
	})
	return after, err
}

// UpdateProfile changes the actor's own e-mail, phone and reminder channels.
func (s *Store) UpdateProfile(ctx context.Context, a *models.Actor, ifMatch int, p ProfilePatch) (*User, error) {
	var after *User
	err := s.InCommune(ctx, a.CommuneID, func(t *models.Tx) error {
		var acc account
		if err := t.Bind(s.accQ.LockAccount).Get(&acc, a.UserID, a.CommuneID); err != nil {
			return models.NotFound(err)
		}
		before, err := s.userIn(t, a.CommuneID, acc.ID)
		if err != nil {
			return err
		}
		c := contactOf(before)
		set(&c.Email, p.Email)
		set(&c.Phone, p.Phone)
		set(&c.Channels, p.ReminderChannels)
		if after, err = s.saveContact(t, a.CommuneID, before, ifMatch, c); err != nil {
			return err
		}
		return s.Audit(t, a, "update_profile", "user", acc.ID, before, after)
	})
	return after, err
}

// saveContact checks the version, then the fields, and writes them.
func (s *Store) saveContact(t *models.Tx, communeID int64, before *User, ifMatch int, c contact) (*User, error) {
	if err := models.CheckIfMatch(ifMatch, before.Version); err != nil {
		return nil, err
	}
	if err := c.validate(); err != nil {
		return nil, err
	}
	if _, err := t.Bind(s.accQ.UpdateContact).Exec(before.ID, communeID, c.FullName, c.Email, c.Phone, c.Title,
		pq.StringArray(c.Channels)); err != nil {
		return nil, err
	}
	return s.userIn(t, communeID, before.ID)
}

// Profile is the actor's own account as UpdateProfile edits it.
func (s *Store) Profile(ctx context.Context, a *models.Actor) (*User, error) {
	var u *User
	err := s.InCommune(ctx, a.CommuneID, func(t *models.Tx) (err error) {
		u, err = s.userIn(t, a.CommuneID, a.UserID)
		return err
	})
	return u, err
}
