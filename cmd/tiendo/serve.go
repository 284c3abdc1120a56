package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/tiendo/tiendo/handlers"
	"github.com/tiendo/tiendo/models/domain"

	"github.com/tiendo/tiendo/internal/config"
	"github.com/tiendo/tiendo/internal/demo"
	"github.com/tiendo/tiendo/jobs"
	"github.com/tiendo/tiendo/models"
)

// standbyCheckEvery is how often the standby's replay is measured: a
// user's reads return to the standby this long (plus the lag) after a write.
const standbyCheckEvery = 500 * time.Millisecond

// openStore opens the database, applies the migrations and prepares the
// store. Only the server's store (serving) reads from a standby: a command
// has no GET requests to send there, nor a watcher to run.
func openStore(ctx context.Context, cfg config.Config, log *slog.Logger, serving bool) (*config.Database, *domain.Store, error) {
	db, err := config.OpenDatabase(ctx, cfg, os.Stderr)
	if err != nil {
		return nil, nil, err
	}
	var clock models.Clock = models.SystemClock{}
	if !cfg.Now.IsZero() {
		clock = models.NewOffsetClock(cfg.Now)
		log.Warn("clock moved", "TIENDO_NOW", cfg.Now)
	}
	var standby *models.Standby
	if db.Replica != nil && serving {
		standby = models.NewStandby(db.Replica, cfg.ReplicaMaxLag, log)
	}
	store, err := domain.Open(db.DB, models.Options{Clock: clock, Standby: standby,
		AllowPrivateWebhooks: cfg.Notify.AllowPrivateWebhooks})
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	if standby != nil {
		standby.Start(ctx, db.DB, standbyCheckEvery)
		context.AfterFunc(ctx, standby.Close)
	}
	return db, store, nil
}

func serve(ctx context.Context, cfg config.Config, log *slog.Logger, args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	withDemo := fs.Bool("demo", false, "load the demo communes unless they are already loaded")
	if err := fs.Parse(args); err != nil {
		return err
	}
	db, store, err := openStore(ctx, cfg, log, true)
	if err != nil {
		return err
	}
	defer db.Close()
	defer store.Close()
	db.Supervise(ctx, log)
	if *withDemo {
		if err := demoIfEmpty(ctx, cfg, db); err != nil {
			return err
		}
	}
	obs, _, err := startMetrics(ctx, cfg.MetricsAddr, db, store.Core().Standby(), store.Clock(), log)
	if err != nil {
		return err
	}
	if cfg.Scheduler {
		o := jobOptions(cfg, log)
		o.ObserveJob, o.ObserveDelivery = obs.job, obs.delivery
		stopJobs, err := startScheduler(ctx, db, store.Clock(), o, log)
		if err != nil {
			return err
		}
		defer onShutdown(ctx, stopJobs)()
	}
	return listen(ctx, cfg, handlers.New(store, handlers.Options{Log: log, SecureCookies: cfg.SecureCookies,
		TrustedProxies: cfg.TrustedProxies, Ready: db.Ready, Observe: obs.request}), log)
}

// startScheduler runs the jobs on their own pool and store; the returned
// function waits (briefly) for running jobs at shutdown.
func startScheduler(ctx context.Context, db *config.Database, clock models.Clock, o jobs.Options,
	log *slog.Logger) (func(), error) {
	store, err := domain.Open(db.Jobs, models.Options{Clock: clock})
	if err != nil {
		return nil, err
	}
	var sched *jobs.Scheduler
	all, err := jobs.All(store, o)
	if err == nil {
		sched, err = jobs.NewScheduler(store, log, all...)
	}
	if err == nil {
		sched.Observe = o.ObserveJob
	}
	if err != nil {
		store.Close()
		return nil, err
	}
	go sched.Start(ctx)
	return func() {
		stopCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		sched.Stop(stopCtx)
		store.Close()
	}, nil
}

// listen serves until ctx ends, then drains requests for up to 10 seconds.
func listen(ctx context.Context, cfg config.Config, h http.Handler, log *slog.Logger) error {
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("TIENDO_ADDR %s: %w", cfg.Addr, err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: time.Minute,
		WriteTimeout: 2 * time.Minute, IdleTimeout: 2 * time.Minute}
	fmt.Printf("tiendo đang chạy tại / is running at http://%s\n", ln.Addr())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	shutCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

func migrate(ctx context.Context, cfg config.Config, log *slog.Logger) error {
	db, store, err := openStore(ctx, cfg, log, false)
	if err != nil {
		return err
	}
	store.Close()
	log.Info("migrations applied")
	return db.Close()
}

func loadDemo(ctx context.Context, cfg config.Config, log *slog.Logger) error {
	db, store, err := openStore(ctx, cfg, log, false)
	if err != nil {
		return err
	}
	defer db.Close()
	store.Close()
	res, err := demo.Load(ctx, db.DB, demo.Options{Password: cfg.DemoPassword})
	if err != nil {
		return err
	}
	printLogins(res)
	return nil
}

// demoIfEmpty loads the demo unless it is already there, so a second
// `make run` finds its data and loads nothing twice.
func demoIfEmpty(ctx context.Context, cfg config.Config, db *config.Database) error {
	res, err := demo.LoadIfEmpty(ctx, db.DB, demo.Options{Password: cfg.DemoPassword})
	switch {
	case err != nil:
		return err
	case res == nil:
		printKnownLogins()
	default:
		printLogins(res)
	}
	return nil
}

// printKnownLogins reminds a later start where the demo's logins are: the
// password was printed once and is not stored anywhere.
func printKnownLogins() {
	fmt.Println("Dữ liệu mẫu đã có sẵn / the demo is already loaded. Tài khoản mẫu / demo logins:")
	printLoginList(demo.Logins())
	fmt.Println("Mật khẩu là mật khẩu đã in ở lần chạy đầu (hoặc TIENDO_DEMO_PASSWORD); không được lưu lại.")
	fmt.Println("The password is the one printed at the first start (or TIENDO_DEMO_PASSWORD); it is not stored.")
	fmt.Println("Quên mật khẩu / forgot it:  ./bin/tiendo user reset-password chutich")
}

func printLogins(res *demo.Result) {
	fmt.Println("Đã nạp dữ liệu mẫu / demo data loaded:", res.Summary)
	fmt.Println("Tài khoản mẫu / demo logins (mật khẩu / password:", res.Password+"):")
	printLoginList(res.Logins)
}

func printLoginList(logins []demo.Login) {
	for _, l := range logins {
		fmt.Printf("  %-10s %s\n", l.Username, l.Description)
	}
}
