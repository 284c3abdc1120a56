package models

import (
	"net"
	"slices"
	"sync"
	"time"

	"github.com/tiendo/tiendo/models/calendar"
)

// VietnamTime is Asia/Ho_Chi_Minh, the default zone of every commune.
var VietnamTime = mustLoad("Asia/Ho_Chi_Minh")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err) // time/tzdata is linked into the binary, so this cannot fail
	}
	return loc
}

// Role is a person's function in one unit of a commune.
type Role string

// The roles of a commune, from most to least powerful.
const (
	RoleAdmin          Role = "admin"
	RoleChairman       Role = "chairman"
	RoleSteeringMember Role = "steering_member"
	RoleOfficer        Role = "officer"
	RoleTeamMember     Role = "team_member"
)

// Membership is one (unit, role) pair of a user.
type Membership struct {
	UnitID   int64  `json:"unit_id" db:"unit_id"`
	UnitName string `json:"unit_name" db:"unit_name"`
	Role     Role   `json:"role" db:"role"`
	// ParentUnitID is the unit's parent (a hamlet team's hamlet), for whom
	// an officer or team member of the unit also reports (unit_reporters in
	// migration 00014); 0 for a unit without one.
	ParentUnitID int64 `json:"-" db:"parent_unit_id"`
}

// CommuneInfo is what a request needs to know about the caller's commune.
type CommuneInfo struct {
	ID          int64  `json:"id" db:"id"`
	Code        string `json:"code" db:"code"`
	Name        string `json:"name" db:"name"`
	Kind        string `json:"kind" db:"kind"`
	Province    string `json:"province" db:"province"`
	TimeZone    string `json:"time_zone" db:"time_zone"`
	DueSoonDays int    `json:"due_soon_working_days" db:"due_soon_working_days"`
}

// Actor is the signed-in caller of one request: who, in which commune, with
// which roles, from where. Every store method takes one.
type Actor struct {
	UserID             int64
	Username           string
	FullName           string
	MustChangePassword bool
	CommuneID          int64
	Commune            CommuneInfo
	Memberships        []Membership
	IP                 string
	// APITokenID is the personal API token the request came with; 0 for a
	// session. A token acts as its user but may not mint further credentials.
	APITokenID int64

	// system marks the operator's actor (SystemActor): it provisions whole
	// communes, so it passes every management check, but it is nobody and so
	// cannot author history (progress, comments, evaluations).
	system bool
	// viewer is the province of a province account looking at one commune
	// (Actor.Viewing): reads go through the province_read policies.
	viewer string
}

// HasRole reports whether the actor holds any of roles in any unit.
func (a *Actor) HasRole(roles ...Role) bool {
	return slices.ContainsFunc(a.Memberships, func(m Membership) bool { return slices.Contains(roles, m.Role) })
}

// Steers reports whether the actor's day starts at the commune's overview
// (admin, chairman, steering committee) rather than at their own tasks.
func (a *Actor) Steers() bool { return a.HasRole(RoleAdmin, RoleChairman, RoleSteeringMember) }

// UnitIDs lists the units the actor belongs to.
func (a *Actor) UnitIDs() []int64 {
	ids := make([]int64, 0, len(a.Memberships))
	for _, m := range a.Memberships {
		if !slices.Contains(ids, m.UnitID) {
			ids = append(ids, m.UnitID)
		}
	}
	return ids
}

// IPOrNil is the actor's address for an audit row, NULL when unknown.
func (a *Actor) IPOrNil() any {
	if net.ParseIP(a.IP) == nil {
		return nil
	}
	return a.IP
}

// IsProvinceViewer reports whether the actor is a province-level account: it
// belongs to no commune and reads roll-ups across its province only.
func (a *Actor) IsProvinceViewer() bool { return a.CommuneID == 0 && a.Commune.Province != "" }

// SystemActor acts for the operator (demo loading, provisioning) inside one
// commune; its audit rows carry no user.
func SystemActor(c *CommuneInfo) *Actor {
	return &Actor{CommuneID: c.ID, Commune: *c, FullName: "Hệ thống", system: true}
}

// Location is the commune's time zone; an unknown name falls back to
// Vietnam's (the column defaults to it, so this is defence only).
func (c CommuneInfo) Location() *time.Location { return ZoneOf(c.TimeZone) }

// ZoneOf loads the zone name, falling back to Vietnam's. Zones are kept
// once loaded: time.LoadLocation reads and parses the zone file on every
// call, and "today in the commune" is asked on every request (issue 15).
func ZoneOf(name string) *time.Location {
	if loc, ok := zones.Load(name); ok {
		return loc.(*time.Location)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		loc = VietnamTime
	}
	zones.Store(name, loc)
	return loc
}

// zones holds the zones ZoneOf has loaded, by name.
var zones sync.Map

// Today is the commune's date at instant now, in its own time zone.
func (c CommuneInfo) Today(now time.Time) calendar.Date { return calendar.DateOf(now.In(c.Location())) }
