// Package testfix builds small communes for tests through the model code:
// two communes, each with an office, two hamlets with their teams, and one
// account per role.
package testfix

import (
	"context"
	"fmt"
	"log/slog"
	"testing"
	"time"

	"github.com/tiendo/tiendo/models/accounts"
	"github.com/tiendo/tiendo/models/calendar"
	"github.com/tiendo/tiendo/models/domain"

	"github.com/jmoiron/sqlx"

	"github.com/tiendo/tiendo/internal/config"
	"github.com/tiendo/tiendo/internal/testdb"
	"github.com/tiendo/tiendo/models"
)

// Password is every fixture account's password.
const Password = "mat-khau-thu-nghiem"

// Commune is one fixture tenant.
type Commune struct {
	Info    *models.CommuneInfo
	System  *models.Actor
	Office  accounts.Unit
	Hamlet1 accounts.Unit
	Hamlet2 accounts.Unit
	Users   map[models.Role]*accounts.User // one account per role
}

// World is a migrated database with two communes and a fixed clock.
type World struct {
	DSN   string // the database, for a second pool such as JobsStore's
	DB    *sqlx.DB
	Store *domain.Store
	// Standby is where GET requests read (NewOnStandby, NewOn), nil in New's world.
	Standby *models.Standby
	Clock   *models.FixedClock
	A, B    *Commune
}

// Now is the fixtures' default instant: 30 September 2024, 09:00 in Vietnam.
var Now = time.Date(2024, 9, 30, 9, 0, 0, 0, models.VietnamTime)

// New builds a World on a fresh database.
func New(t testing.TB) *World {
	t.Helper()
	return NewOn(t, testdb.NewDSN(t), "")
}

// NewOnStandby is New whose store reads GET requests from a "standby" that
// is the same database in read-only transactions (models.Standby): a GET
// that writes after its session check fails there as it would on a real
// standby (issue 18).
func NewOnStandby(t testing.TB) *World {
	t.Helper()
	dsn := testdb.NewDSN(t)
	return NewOn(t, dsn, dsn)
}

// NewOn builds a World on the migrated database of dsn, reading GET
// requests from standbyDSN when it is not empty.
func NewOn(t testing.TB, dsn, standbyDSN string) *World {
	t.Helper()
	db, err := config.ConnectApp(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	clock := models.NewFixedClock(Now)
	w := &World{DSN: dsn, DB: db, Clock: clock}
	if standbyDSN != "" {
		w.Standby = openStandby(t, standbyDSN)
	}
	w.Store, err = domain.Open(db, models.Options{Clock: clock, Password: models.TestPasswordParams,
		Standby: w.Standby, AllowPrivateWebhooks: true}) // the tests' receivers listen on loopback
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(w.Store.Close)
	if w.Standby != nil {
		ctx, cancel := context.WithCancel(context.Background())
		t.Cleanup(cancel)
		w.Standby.Start(ctx, db, 20*time.Millisecond)
	}
	w.A = w.commune(t, "a", "Vọng Đông")
	w.B = w.commune(t, "b", "Mỹ Hòa Hưng")
	return w
}

// openStandby opens the standby's pool, closed when the test ends.
func openStandby(t testing.TB, dsn string) *models.Standby {
	rdb, err := config.OpenStandby(dsn, 5)
	if err != nil {
		t.Fatal(err)
	}
	sb := models.NewStandby(rdb, 4*time.Second, slog.New(slog.DiscardHandler))
	t.Cleanup(func() { sb.Close(); rdb.Close() })
	return sb
}

func (w *World) commune(t testing.TB, tag, name string) *Commune {
	ctx := context.Background()
	info, err := w.Store.CreateCommune(ctx, accounts.NewCommune{Code: "T" + tag, Name: name, Kind: "xa", Province: "An Giang"})
	if err != nil {
		t.Fatal(err)
	}
	c := &Commune{Info: info, System: models.SystemActor(info), Users: map[models.Role]*accounts.User{}}
	c.Office = w.unit(t, c, "office", "Văn phòng UBND xã")
	c.Hamlet1 = w.unit(t, c, "team", "Tổ công nghệ số ấp 1")
	c.Hamlet2 = w.unit(t, c, "team", "Tổ công nghệ số ấp 2")
	roles := map[models.Role]accounts.Unit{
		models.RoleAdmin: c.Office, models.RoleChairman: c.Office, models.RoleSteeringMember: c.Office,
		models.RoleOfficer: c.Office, models.RoleTeamMember: c.Hamlet1,
	}
	for role, unit := range roles {
		u, err := w.Store.CreateUser(ctx, c.System, accounts.NewUser{
			Username: fmt.Sprintf("%s_%s", role, tag), FullName: string(role) + " " + name, Password: Password,
			Memberships: []models.Membership{{UnitID: unit.ID, Role: role}},
		})
		if err != nil {
			t.Fatal(err)
		}
		c.Users[role] = u
	}
	return c
}

func (w *World) unit(t testing.TB, c *Commune, kind, name string) accounts.Unit {
	u, err := w.Store.CreateUnit(context.Background(), c.System, accounts.NewUnit{Kind: kind, Name: name})
	if err != nil {
		t.Fatal(err)
	}
	return *u
}

// Actor signs in as the commune's account with role and returns its actor.
func (w *World) Actor(t testing.TB, c *Commune, role models.Role) *models.Actor {
	t.Helper()
	l, err := w.Store.Login(context.Background(), c.Users[role].Username, Password, "127.0.0.1", "test")
	if err != nil {
		t.Fatal(err)
	}
	return l.Actor
}

// JobsStore is a Store over a tiendo_jobs pool of the world's database, as
// the scheduler uses, sharing the world's clock: what jobs see of every commune.
func (w *World) JobsStore(t testing.TB) *domain.Store {
	t.Helper()
	db, err := config.ConnectAs(context.Background(), w.DSN, config.JobsRole, 4)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	store, err := domain.Open(db, models.Options{Clock: w.Clock, Password: models.TestPasswordParams,
		AllowPrivateWebhooks: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(store.Close)
	return store
}

// Date is the calendar date s (2024-09-30); a typo in a test panics.
func Date(s string) calendar.Date {
	d, err := calendar.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}
