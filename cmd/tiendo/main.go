// Command tiendo is the whole product in one binary: the web server with its
// scheduler, migrations, demo data and operator tools.
//
//	tiendo [serve] [-demo]   run the server (default)
//	tiendo migrate           apply migrations and exit
//	tiendo demo              load the demo communes into the database
//	tiendo jobs run NAME [--now T]  run one scheduled job once
//	tiendo commune add …     register a commune with its first admin
//	tiendo user reset-password USERNAME
//	tiendo backup [-o FILE] / restore [-force] FILE
package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	_ "time/tzdata" // Asia/Ho_Chi_Minh must resolve on machines without zoneinfo

	"github.com/tiendo/tiendo/internal/config"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cfg, err := config.FromEnv()
	if err != nil {
		fatal(err)
	}
	log := newLogger(cfg.LogLevel)
	cmd, args := "serve", os.Args[1:]
	if len(args) > 0 && args[0][0] != '-' {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "serve":
		err = serve(ctx, cfg, log, args)
	case "migrate":
		err = migrate(ctx, cfg, log)
	case "demo":
		err = loadDemo(ctx, cfg, log)
	case "jobs":
		err = runJobs(ctx, cfg, log, args)
	case "commune":
		err = runCommune(ctx, cfg, log, args)
	case "user":
		err = runUser(ctx, cfg, log, args)
	case "backup":
		err = runBackup(ctx, cfg, log, args)
	case "restore":
		err = runRestore(ctx, cfg, log, args)
	default:
		err = fmt.Errorf("unknown command %q; use serve, migrate, demo, jobs, commune, user, backup or restore (the benchmark is the separate command tiendo-bench)", cmd)
	}
	if err != nil {
		fatal(err)
	}
}

// fatal prints one line a person can act on.
func fatal(err error) {
	fmt.Fprintln(os.Stderr, "tiendo:", err)
	os.Exit(1)
}

func newLogger(level string) *slog.Logger {
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		l = slog.LevelInfo
	}
	return slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: l}))
}
