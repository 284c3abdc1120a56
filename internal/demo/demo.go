// Package demo loads the demo communes through the same model code the API
// uses: every row is written by a Store method, never by SQL, so the demo
// exercises the validation, duplicate detection, status rules and audit log
// that real data goes through.
//
// The content is the 9-month 2024 administrative-reform report of Vọng Đông
// commune (An Giang), with its plans, their numbers and dates exactly as the
// report prints them, mistakes included; a second, small commune (Mỹ Hòa
// Hưng) shows that tenants do not see each other's data.
package demo

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/tiendo/tiendo/models/accounts"
	"github.com/tiendo/tiendo/models/calendar"
	"github.com/tiendo/tiendo/models/domain"
	"github.com/tiendo/tiendo/models/statistics"

	"github.com/jmoiron/sqlx"

	"github.com/tiendo/tiendo/models"
)

// Options configure a demo load.
type Options struct {
	Password       string                // demo accounts' password; generated when empty
	PasswordParams models.PasswordParams // zero: production defaults
}

// Login is one demo account to print.
type Login struct {
	Username    string
	Description string
}

// Result says what was loaded and how to sign in.
type Result struct {
	Password string
	Logins   []Login
	Summary  string
}

// communes are loaded in this order; the first is the marker that says the
// demo is already there.
var communes = []*communeSpec{&vongDong, &myHoaHung}

// generatedLength is the length of a generated password (models.TemporaryPassword).
const generatedLength = 16

// Load writes the demo communes. It fails, writing nothing, when the demo
// is already in the database.
func Load(ctx context.Context, db *sqlx.DB, o Options) (*Result, error) {
	res, err := load(ctx, db, o)
	if errors.Is(err, errAlreadyLoaded) {
		return nil, fmt.Errorf("demo: dữ liệu mẫu đã được nạp trước đó (the demo is already loaded): %w", err)
	}
	return res, err
}

// LoadIfEmpty loads the demo only into a database that does not hold it yet
// and returns nil, nil when it loaded nothing. "Holds it" means the first
// demo commune's code is taken, which CreateCommune itself detects; a
// database with other communes but not the demo still gets it.
func LoadIfEmpty(ctx context.Context, db *sqlx.DB, o Options) (*Result, error) {
	res, err := load(ctx, db, o)
	if errors.Is(err, errAlreadyLoaded) {
		return nil, nil
	}
	return res, err
}

// load writes everything in one transaction (Store.Atomically): a load that
// fails or is killed half-way leaves nothing, and the next start loads the
// demo again.
func load(ctx context.Context, db *sqlx.DB, o Options) (*Result, error) {
	pw, err := demoPassword(o.Password)
	if err != nil {
		return nil, err
	}
	clock := models.NewFixedClock(time.Time{})
	store, err := domain.Open(db, models.Options{Clock: clock, Password: o.PasswordParams})
	if err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	defer store.Close()
	var res *Result
	err = store.Atomically(ctx, func(ctx context.Context) (err error) {
		res, err = loadAll(ctx, store, clock, pw)
		return err
	})
	return res, err
}

// loadAll writes every demo commune and the province viewer through store.
func loadAll(ctx context.Context, store *domain.Store, clock *models.FixedClock, pw string) (*Result, error) {
	res := &Result{Password: pw, Logins: Logins()}
	var summary []string
	for i, spec := range communes {
		l := &loader{store: store, clock: clock, password: pw, spec: spec, marker: i == 0,
			tasks: map[*taskSpec]int64{}}
		if err := l.run(ctx); err != nil {
			return nil, fmt.Errorf("demo: %w", err)
		}
		summary = append(summary, fmt.Sprintf("%s: %d kế hoạch, %d nhiệm vụ, %d lượt báo cáo tiến độ",
			spec.name, l.plans, l.taskCount, l.reports))
	}
	id, err := store.CreateProvinceUser(ctx, provinceViewer(pw))
	if err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	if err := provinceDeadline(ctx, store, clock, id); err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	res.Summary = strings.Join(summary, "; ")
	return res, nil
}

// Logins are the demo's accounts, in the order they are printed.
func Logins() []Login {
	var out []Login
	for _, spec := range communes {
		for _, u := range spec.users {
			out = append(out, Login{Username: u.username, Description: u.desc})
		}
	}
	return append(out, Login{Username: provinceViewerName,
		Description: "Sở Nội vụ tỉnh An Giang: tổng hợp toàn tỉnh, báo cáo các xã đã gửi / province view and sent reports"})
}

// provinceViewerName signs in to the province roll-up of both demo communes.
const provinceViewerName = "tinhag"

func provinceViewer(pw string) accounts.NewProvinceUser {
	return accounts.NewProvinceUser{Province: "An Giang", Username: provinceViewerName,
		FullName: "Chuyên viên Sở Nội vụ An Giang", Password: pw}
}

// provinceDeadline is the province's deadline for the nine months' report,
// set on 10 September 2024: on the demo's 30 September the province page
// shows it and the chairmen are reminded it is due on 2 October.
func provinceDeadline(ctx context.Context, store *domain.Store, clock *models.FixedClock, id int64) error {
	clock.Set(time.Date(2024, time.September, 10, 8, 0, 0, 0, models.VietnamTime))
	p, err := statistics.ParsePeriod("2024-M9")
	if err != nil {
		return err
	}
	a := &models.Actor{UserID: id, Username: provinceViewerName, Commune: models.CommuneInfo{Province: "An Giang"}}
	_, err = store.SetReportDeadline(ctx, a, p, statistics.DeadlineInput{DueOn: calendar.NewDate(2024, time.October, 2)})
	return err
}

// demoPassword checks the operator's password against the account rules
// before anything is written, or generates one: lower-case letters and the
// digits 2–7, easy to read off a terminal.
func demoPassword(pw string) (string, error) {
	if pw == "" {
		return models.TemporaryPassword(), nil
	}
	for _, c := range communes {
		for _, u := range c.users {
			if err := models.ValidatePassword(u.username, pw); err != nil {
				return "", fmt.Errorf("demo: TIENDO_DEMO_PASSWORD không dùng được cho tài khoản mẫu %s "+
					"(needs ≥ 10 characters and must differ from every demo username): %w", u.username, err)
			}
		}
	}
	return pw, nil
}
