package demo

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/tiendo/tiendo/models/accounts"
	"github.com/tiendo/tiendo/models/domain"

	"github.com/tiendo/tiendo/models"
)

// errAlreadyLoaded means the first demo commune's code is taken.
var errAlreadyLoaded = errors.New("demo already loaded")

// loader writes one communeSpec through the Store. Provisioning (commune,
// units, accounts) happens at spec.since; everything after it replays the
// commune's 2024 as a timeline with the clock set to each act's moment, so
// created_at, progress history, completion times and the audit log read as
// if the officials had typed them in on those days.
type loader struct {
	store    *domain.Store
	clock    *models.FixedClock
	password string
	spec     *communeSpec
	marker   bool // this commune's existence means "demo loaded"

	info   *models.CommuneInfo
	units  map[string]int64
	actors map[string]*models.Actor
	tasks  map[*taskSpec]int64

	plans, taskCount, reports int
}

// step is one dated act of the commune's history.
type step struct {
	at  time.Time
	run func(context.Context) error
}

func (l *loader) run(ctx context.Context) error {
	since, err := localTime(l.spec.since)
	if err != nil {
		return err
	}
	l.clock.Set(since)
	if err := l.createCommune(ctx); err != nil {
		return err
	}
	if err := l.createUnits(ctx); err != nil {
		return err
	}
	if err := l.createUsers(ctx); err != nil {
		return err
	}
	steps, err := l.timeline()
	if err != nil {
		return err
	}
	for _, s := range steps {
		l.clock.Set(s.at)
		if err := s.run(ctx); err != nil {
			return fmt.Errorf("%s (%s): %w", l.spec.name, s.at.Format("02/01/2006 15:04"), err)
		}
	}
	return nil
}

func (l *loader) createCommune(ctx context.Context) error {
	info, err := l.store.CreateCommune(ctx, accounts.NewCommune{Code: l.spec.code, Name: l.spec.name,
		Kind: "xa", Province: l.spec.province})
	var conflict *models.ConflictError
	if l.marker && errors.As(err, &conflict) {
		return fmt.Errorf("xã %s (mã %s) đã có trong cơ sở dữ liệu: %w", l.spec.name, l.spec.code, errAlreadyLoaded)
	}
	if err != nil {
		return fmt.Errorf("xã %s: %w", l.spec.name, err)
	}
	l.info = info
	return nil
}

// createUnits relies on parents being listed before their children.
func (l *loader) createUnits(ctx context.Context) error {
	sys := models.SystemActor(l.info)
	l.units = map[string]int64{}
	for _, u := range l.spec.units {
		in := accounts.NewUnit{Kind: u.kind, Name: u.name}
		if u.parent != "" {
			id, err := l.unit(u.parent)
			if err != nil {
				return err
			}
			in.ParentID = &id
		}
		created, err := l.store.CreateUnit(ctx, sys, in)
		if err != nil {
			return fmt.Errorf("đơn vị %s: %w", u.name, err)
		}
		l.units[u.key] = created.ID
	}
	return nil
}

// createUsers also builds each account's actor. Signing in through
// Store.Login would do the same but leave a session per account behind.
func (l *loader) createUsers(ctx context.Context) error {
	sys := models.SystemActor(l.info)
	l.actors = map[string]*models.Actor{}
	for _, u := range l.spec.users {
		in := accounts.NewUser{Username: u.username, FullName: u.fullName, Password: l.password}
		for _, r := range u.roles {
			id, err := l.unit(r.unit)
			if err != nil {
				return err
			}
			in.Memberships = append(in.Memberships, models.Membership{UnitID: id, Role: r.role})
		}
		created, err := l.store.CreateUser(ctx, sys, in)
		if err != nil {
			return fmt.Errorf("tài khoản %s: %w", u.username, err)
		}
		l.actors[u.username] = &models.Actor{UserID: created.ID, Username: created.Username,
			FullName: created.FullName, CommuneID: l.info.ID, Commune: *l.info, Memberships: created.Memberships}
	}
	return nil
}

// timeline orders every plan, progress report and task change by its
// moment; a stable sort keeps a plan's creation ahead of reports made in
// the same minute.
func (l *loader) timeline() ([]step, error) {
	var steps []step
	add := func(at string, run func(context.Context) error) error {
		t, err := localTime(at)
		steps = append(steps, step{at: t, run: run})
		return err
	}
	for i := range l.spec.plans {
		p := &l.spec.plans[i]
		errs := []error{add(p.entered, func(ctx context.Context) error { return l.createPlan(ctx, p) })}
		for j := range p.tasks {
			t := &p.tasks[j]
			for _, e := range t.log {
				errs = append(errs, add(e.at, func(ctx context.Context) error { return l.report(ctx, t, e) }))
			}
			for _, c := range t.changes {
				errs = append(errs, add(c.at, func(ctx context.Context) error { return l.change(ctx, t, c) }))
			}
		}
		if err := errors.Join(errs...); err != nil {
			return nil, err
		}
	}
	for i := range l.spec.figures {
		f := &l.spec.figures[i]
		if err := add(f.at, func(ctx context.Context) error { return l.record(ctx, f) }); err != nil {
			return nil, err
		}
	}
	sort.SliceStable(steps, func(i, j int) bool { return steps[i].at.Before(steps[j].at) })
	return steps, nil
}

func (l *loader) unit(key string) (int64, error) {
	id, ok := l.units[key]
	if !ok {
		return 0, fmt.Errorf("demo data: không có đơn vị %q", key)
	}
	return id, nil
}

func (l *loader) actor(username string) (*models.Actor, error) {
	a, ok := l.actors[username]
	if !ok {
		return nil, fmt.Errorf("demo data: không có tài khoản %q", username)
	}
	return a, nil
}
