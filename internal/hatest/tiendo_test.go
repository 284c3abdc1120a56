//go:build hatest

package hatest

import (
	"context"
	"database/sql"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"time"
)

// The demo's instant: 30 September 2024, a few seconds before 07:30, when
// the communes' reminders and digests of the day are due. The processes'
// schedulers fire on the real clock's minutes, so the harness plans the
// 07:30 slot itself under the load (`tiendo jobs run reminders`, as an
// operator's cron could); the dispatchers ran at start and run again a
// minute later (TIENDO_DISPATCH_EVERY): the kill comes between, and the new
// primary's dispatch delivers what was queued on the old one.
const demoNow = "2024-09-30T07:29:50+07:00"

// planAt is the virtual instant the harness plans the reminders at.
var planAt = time.Date(2024, 9, 30, 7, 30, 5, 0, time.FixedZone("ICT", 7*3600))

// planReminders runs the reminders job once as of the processes' clock.
func planReminders(ctx context.Context, bin string, env []string, now time.Time) error {
	cmd := exec.CommandContext(ctx, bin, "jobs", "run", "reminders", "--now", now.Format(time.RFC3339Nano))
	cmd.Env = env
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("tiendo jobs run reminders: %w\n%s", err, out)
	}
	return nil
}

// demoPassword is the demo accounts' password (TIENDO_DEMO_PASSWORD).
const demoPassword = "mat-khau-ha-test-2024"

// tiendoBinary is TIENDO_HA_BIN (`make ha-test` passes bin/tiendo, the
// binary `make build` made), or a fresh build of ./cmd/tiendo.
func tiendoBinary(ctx context.Context, dir string) (string, error) {
	if p := os.Getenv("TIENDO_HA_BIN"); p != "" {
		if !filepath.IsAbs(p) { // as given from the module's root, where make runs
			p = filepath.Join("../..", p)
		}
		return filepath.Abs(p)
	}
	out := filepath.Join(dir, "tiendo")
	cmd := exec.CommandContext(ctx, "go", "build", "-o", out, "./cmd/tiendo")
	cmd.Dir = "../.."
	if b, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build: %w\n%s", err, b)
	}
	return out, nil
}

// prepareDatabase gives the tiendo database to a tiendo login role that may
// create roles (the migrations create tiendo_app and tiendo_jobs and grant
// them to it) and is no superuser, as an operator would.
func (f *formation) prepareDatabase(ctx context.Context) error {
	db, err := sql.Open("postgres", f.adminDSN("tiendo", "read-write"))
	if err != nil {
		return err
	}
	defer db.Close()
	for _, q := range []string{"CREATE ROLE tiendo LOGIN CREATEROLE", "ALTER DATABASE tiendo OWNER TO tiendo"} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("%s: %w", q, err)
		}
	}
	return nil
}

// tiendoEnv is what both tiendo processes and the one-off commands share.
func (f *formation) tiendoEnv(dataDir string) []string {
	return append(os.Environ(),
		"DATABASE_URL="+f.hostsDSN("tiendo", "tiendo", "read-write", 0),
		// The standby first; prefer-standby falls back to the primary when
		// no standby answers (lead's DATABASE_REPLICA_URL, issue 18).
		"DATABASE_REPLICA_URL="+f.hostsDSN("tiendo", "tiendo", "prefer-standby", 1),
		"TIENDO_DATA_DIR="+dataDir, "TIENDO_NOW="+demoNow, "TIENDO_DEMO_PASSWORD="+demoPassword,
		"TIENDO_DISPATCH_EVERY=60s", "TIENDO_DISPATCH_LEASE=10s", "TIENDO_LOG_LEVEL=warn")
}

// seed applies the migrations and loads the demo communes.
func seed(ctx context.Context, bin string, env []string) error {
	for _, args := range [][]string{{"migrate"}, {"demo"}} {
		cmd := exec.CommandContext(ctx, bin, args...)
		cmd.Env = env
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("tiendo %s: %w\n%s", args[0], err, out)
		}
	}
	return nil
}

// tiendoServer is one `tiendo serve` process.
type tiendoServer struct {
	base    string // http://127.0.0.1:port
	metrics string // its TIENDO_METRICS_ADDR, as http://127.0.0.1:port
	d       *daemon
}

func startTiendo(ctx context.Context, bin string, env []string, name string) (*tiendoServer, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	mport, err := freePort()
	if err != nil {
		return nil, err
	}
	addr, maddr := fmt.Sprintf("127.0.0.1:%d", port), fmt.Sprintf("127.0.0.1:%d", mport)
	cmd := exec.Command(bin, "serve")
	cmd.Env = append(env, "TIENDO_ADDR="+addr, "TIENDO_METRICS_ADDR="+maddr)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	d, err := startDaemon(name, cmd)
	if err != nil {
		return nil, err
	}
	s := &tiendoServer{base: "http://" + addr, metrics: "http://" + maddr, d: d}
	return s, poll(ctx, 60*time.Second, func() error {
		if !d.running() {
			return fmt.Errorf("%s exited\n%s", name, d.tail(30))
		}
		res, err := http.Get(s.base + "/readyz")
		if err != nil {
			return err
		}
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			return fmt.Errorf("%s /readyz: %d", name, res.StatusCode)
		}
		return nil
	})
}

// freePort asks the kernel for a loopback port nobody listens on.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}
