package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"time"

	"github.com/tiendo/tiendo/models/domain"

	"github.com/tiendo/tiendo/internal/config"
	"github.com/tiendo/tiendo/jobs"
	"github.com/tiendo/tiendo/models"
)

// runJobs is `tiendo jobs run NAME [--now RFC3339]`: one job, once, with that
// clock, against the same database as serve.
func runJobs(ctx context.Context, cfg config.Config, log *slog.Logger, args []string) error {
	if len(args) < 2 || args[0] != "run" {
		return errors.New("usage: tiendo jobs run NAME [--now 2024-09-30T07:30:00+07:00]")
	}
	name := args[1]
	fs := flag.NewFlagSet("jobs run", flag.ContinueOnError)
	nowFlag := fs.String("now", "", "run as of this RFC 3339 instant (default: now)")
	if err := fs.Parse(args[2:]); err != nil {
		return err
	}
	now := time.Now()
	if *nowFlag != "" {
		var err error
		if now, err = time.Parse(time.RFC3339, *nowFlag); err != nil {
			return fmt.Errorf("--now: want RFC 3339 such as 2024-09-30T07:30:00+07:00: %w", err)
		}
	}
	db, err := config.OpenDatabase(ctx, cfg, nil)
	if err != nil {
		return err
	}
	defer db.Close()
	store, err := domain.Open(db.Jobs, models.Options{Clock: models.NewFixedClock(now)})
	if err != nil {
		return err
	}
	defer store.Close()
	all, err := jobs.All(store, jobOptions(cfg, log))
	if err != nil {
		return err
	}
	job, err := jobs.Find(all, name)
	if err != nil {
		return err
	}
	sched, err := jobs.NewScheduler(store, log, all...)
	if err != nil {
		return err
	}
	ran, err := sched.RunNow(ctx, job, now)
	if err == nil && !ran {
		fmt.Printf("job %s: slot of %s already ran (or is running in a live process)\n", name, now.Format(time.RFC3339))
	}
	return err
}

// jobOptions are the settings of the jobs that reach outside the database.
func jobOptions(cfg config.Config, log *slog.Logger) jobs.Options {
	n := cfg.Notify
	return jobs.Options{SMTPURL: n.SMTPURL, BaseURL: n.BaseURL, DispatchEvery: n.DispatchEvery,
		DispatchLease: n.DispatchLease, AllowPrivateWebhooks: n.AllowPrivateWebhooks, Log: log}
}
