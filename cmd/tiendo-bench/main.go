// Command tiendo-bench is the scale benchmark of issue 7, kept out of the
// product binary: it generates a national-size dataset and measures a tiendo
// server (started as a child from --server) against the targets.
//
//	tiendo-bench gen [--preset NAME] …   generate the dataset
//	tiendo-bench run [--server bin/tiendo] …   measure it
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"runtime/pprof"
	"strings"
	"syscall"
	"time"

	"github.com/jmoiron/sqlx"

	"github.com/tiendo/tiendo/internal/bench"
	"github.com/tiendo/tiendo/internal/benchgen"
	"github.com/tiendo/tiendo/internal/config"
)

const benchUsage = `usage:
  tiendo-bench gen [--preset tiny|small|province|national] [--communes N --plans P --tasks T --updates U]
  tiendo-bench run [--server bin/tiendo] [--preset NAME] [--out bench/results/NAME.json] [--duration 10s] [--repeat 15]
Both use DATABASE_URL or the private cluster in TIENDO_DATA_DIR, like tiendo serve`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	cfg, err := config.FromEnv()
	if err == nil {
		log := slog.New(slog.NewTextHandler(os.Stderr, nil))
		err = runBench(ctx, cfg, log, os.Args[1:])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "tiendo-bench:", err)
		os.Exit(1)
	}
}

// runBench dispatches gen and run.
func runBench(ctx context.Context, cfg config.Config, log *slog.Logger, args []string) error {
	if len(args) == 0 {
		return errors.New(benchUsage)
	}
	switch args[0] {
	case "gen":
		return benchGen(ctx, cfg, args[1:])
	case "run":
		return benchRun(ctx, cfg, log, args[1:])
	default:
		return errors.New(benchUsage)
	}
}

func benchGen(ctx context.Context, cfg config.Config, args []string) error {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	preset := fs.String("preset", "", "named size: "+strings.Join(benchgen.PresetNames(), ", "))
	communes := fs.Int("communes", 0, "communes (overrides the preset)")
	plans := fs.Int("plans", 0, "plans per commune")
	tasks := fs.Int("tasks", 0, "tasks per plan")
	updates := fs.Int("updates", -1, "progress reports per started task")
	provinces := fs.Int("provinces", 0, "provinces the communes are spread over (default: one per 100 communes, at most 34)")
	ifEmpty := fs.Bool("if-empty", false, "do nothing when the database already holds a generated dataset")
	if err := fs.Parse(args); err != nil {
		return err
	}
	o := benchgen.Presets["province"]
	if *preset != "" {
		p, ok := benchgen.Presets[*preset]
		if !ok {
			return fmt.Errorf("--preset: want one of %s", strings.Join(benchgen.PresetNames(), ", "))
		}
		o = p
	}
	for _, f := range []struct {
		v   int
		dst *int
	}{{*communes, &o.Communes}, {*plans, &o.Plans}, {*tasks, &o.Tasks}, {*provinces, &o.Provinces}} {
		if f.v > 0 {
			*f.dst = f.v
		}
	}
	if *updates >= 0 {
		o.Updates = *updates
	}
	o.Password = bench.Password
	o.Log = os.Stdout
	dsn, stop, err := config.OwnerDSN(ctx, cfg, os.Stderr)
	if err != nil {
		return err
	}
	defer stop()
	owner, err := sqlx.ConnectContext(ctx, "postgres", dsn)
	if err != nil {
		return err
	}
	defer owner.Close()
	if *ifEmpty {
		if n, t, err := benchgen.Existing(ctx, owner); err != nil {
			return err
		} else if n > 0 {
			fmt.Printf("bench gen: the database already holds %d generated communes (%d tasks); nothing to do\n", n, t)
			return nil
		}
	}
	jobsDB, err := config.ConnectAs(ctx, dsn, config.JobsRole, 2)
	if err != nil {
		return err
	}
	defer jobsDB.Close()
	fmt.Printf("bench gen: %d communes × %d plans × %d tasks, %d progress reports per started task\n",
		o.Communes, o.Plans, o.Tasks, o.Updates)
	st, err := benchgen.Generate(ctx, owner, jobsDB, o)
	if err != nil {
		return err
	}
	fmt.Printf("bench gen: %d communes in %d provinces, %d users, %d plans, %d tasks, %d progress reports, %d deliveries"+
		" in %v (statuses fixed by the verifying sweep: %d)\n", st.Communes, st.Provinces, st.Users, st.Plans, st.Tasks,
		st.Progress, st.Deliveries, st.Took.Round(100*time.Millisecond), st.StatusFixed)
	fmt.Printf("bench gen: accounts bench-00001.chutich, bench-00001.to1, bench.tinh01 … password %s\n", bench.Password)
	if st.StatusFixed != 0 {
		return fmt.Errorf("bench gen: %d generated statuses differed from task_status()", st.StatusFixed)
	}
	return nil
}

func benchRun(ctx context.Context, cfg config.Config, log *slog.Logger, args []string) error {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	o := bench.Options{}
	fs.StringVar(&o.Preset, "preset", "", "the preset the database was generated with (a label for the results)")
	fs.StringVar(&o.Out, "out", "", "results JSON (default bench/results/PRESET-TIME.json)")
	fs.DurationVar(&o.Duration, "duration", 10*time.Second, "how long each concurrent load runs")
	fs.IntVar(&o.Repeat, "repeat", 15, "runs of each sequential measurement")
	fs.IntVar(&o.Clients, "clients", 32, "concurrent clients of the read loads")
	fs.StringVar(&o.Only, "only", "", "comma-separated figure keys to measure (default all)")
	fs.IntVar(&o.DispatchBatch, "dispatch-batch", 0, "the dispatcher's claim size (default: the server's)")
	fs.StringVar(&o.Binary, "server", "bin/tiendo", "the tiendo binary to start as the server under test")
	cpuProfile := fs.String("cpuprofile", "", "write this process's CPU profile (the jobs run in it) to this file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	dsn, stop, err := config.OwnerDSN(ctx, cfg, os.Stderr)
	if err != nil {
		return err
	}
	defer stop()
	o.DSN, o.Log = dsn, log
	if _, err := os.Stat(o.Binary); err != nil {
		return fmt.Errorf("--server: %w (build it with make build)", err)
	}
	return bench.Run(ctx, o)
}
