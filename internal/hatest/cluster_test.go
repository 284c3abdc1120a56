//go:build hatest

package hatest

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	_ "github.com/lib/pq"
)

// Failover tuning on the monitor (milliseconds). The defaults (health check
// every 5 s, a node unhealthy after 20 s, a 30 s demote timeout) take about
// a minute from a dead machine to a writable standby; these bring it under
// 30 s. The demote timeout is how long the monitor waits for the lost
// primary's keeper to demote it before it lets the standby take writes: it
// must stay above the keeper's own network-partition detection plus a few
// seconds on real networks (README, "Chạy nhiều máy").
var monitorTuning = []string{
	"pgautofailover.health_check_period = 1000",
	"pgautofailover.health_check_timeout = 1000",
	"pgautofailover.health_check_max_retries = 1",
	"pgautofailover.health_check_retry_delay = 500",
	"pgautofailover.node_considered_unhealthy_timeout = 5000",
	"pgautofailover.primary_demote_timeout = 10000",
	"shared_buffers = '32MB'",
}

// nodeTuning keeps pg_autoctl's computed sizes (a quarter of the machine's
// memory, an 8 GB wal_keep_size) from three clusters on one small machine.
var nodeTuning = []string{"shared_buffers = '128MB'", "wal_keep_size = '256MB'", "max_connections = 100"}

// pgNode is one pg_autoctl-managed cluster: its data, its port, and the
// pg_autoctl process (which starts and stops the postmaster itself).
type pgNode struct {
	name, root, pgdata string
	port               int
	d                  *daemon
}

// formation is the monitor and the two data nodes, all under dir.
type formation struct {
	acct    osAccount
	dir     string
	bin     string // PostgreSQL's bin directory
	autoctl string
	monitor *pgNode
	nodes   [2]*pgNode
}

func (f *formation) newNode(name string, port int) (*pgNode, error) {
	n := &pgNode{name: name, root: filepath.Join(f.dir, name), port: port}
	n.pgdata = filepath.Join(n.root, "data")
	for _, d := range []string{n.root, filepath.Join(n.root, "config"), filepath.Join(n.root, "share"), filepath.Join(n.root, "run")} {
		if err := os.MkdirAll(d, 0o700); err != nil {
			return nil, err
		}
		if err := f.acct.own(d); err != nil {
			return nil, err
		}
	}
	return n, nil
}

// env gives each node its own pg_autoctl configuration and state files
// (XDG directories), as if it were alone on its machine.
func (f *formation) env(n *pgNode) []string {
	return f.acct.env("XDG_CONFIG_HOME="+filepath.Join(n.root, "config"), "XDG_DATA_HOME="+filepath.Join(n.root, "share"),
		"XDG_RUNTIME_DIR="+filepath.Join(n.root, "run"), "PG_CONFIG="+filepath.Join(f.bin, "pg_config"),
		"PATH="+f.bin+":"+os.Getenv("PATH"))
}

// run runs one short command as the account, for initdb and pg_autoctl show.
func (f *formation) run(ctx context.Context, n *pgNode, name string, args ...string) (string, error) {
	cmd := f.acct.command(ctx, f.env(n), name, args...)
	cmd.Dir = f.dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		return string(out), fmt.Errorf("%s %s: %w\n%s", filepath.Base(name), strings.Join(args, " "), err, out)
	}
	return string(out), nil
}

// initdb makes a cluster with the tuning appended: pg_autoctl's own
// settings come from an include on the first line, so ours win.
func (f *formation) initdb(ctx context.Context, n *pgNode, tuning []string) error {
	if _, err := f.run(ctx, n, filepath.Join(f.bin, "initdb"), "-D", n.pgdata, "--auth=trust", "-E", "UTF8",
		"--locale=C.UTF-8", "--no-instructions"); err != nil {
		return err
	}
	conf, err := os.OpenFile(filepath.Join(n.pgdata, "postgresql.conf"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(conf, "\n# tiendo ha-test\n%s\n", strings.Join(tuning, "\n"))
	return errorsJoin(err, conf.Close())
}

// start runs `pg_autoctl create … --run` (or `pg_autoctl run` when args is
// empty: the node's second life) as a daemon.
func (f *formation) start(n *pgNode, args ...string) error {
	if len(args) == 0 {
		args = []string{"run", "--pgdata", n.pgdata}
	}
	cmd := f.acct.command(context.Background(), f.env(n), f.autoctl, args...)
	cmd.Dir = f.dir
	d, err := startDaemon("pg_autoctl "+n.name, cmd)
	n.d = d
	return err
}

func (f *formation) monitorURL() string {
	return fmt.Sprintf("postgres://autoctl_node@127.0.0.1:%d/pg_auto_failover?sslmode=disable", f.monitor.port)
}

// up starts the monitor, then the primary, then the standby, and waits
// until replication is synchronous.
func (f *formation) up(ctx context.Context, ports [3]int) error {
	var err error
	if f.monitor, err = f.newNode("monitor", ports[0]); err != nil {
		return err
	}
	for i := range f.nodes {
		if f.nodes[i], err = f.newNode(fmt.Sprintf("node%d", i+1), ports[i+1]); err != nil {
			return err
		}
	}
	if err := f.initdb(ctx, f.monitor, monitorTuning); err != nil {
		return err
	}
	if err := f.start(f.monitor, "create", "monitor", "--pgdata", f.monitor.pgdata, "--pgport", strconv.Itoa(f.monitor.port),
		"--hostname", "127.0.0.1", "--auth", "trust", "--no-ssl", "--pgctl", filepath.Join(f.bin, "pg_ctl"), "--run"); err != nil {
		return err
	}
	if err := f.waitMonitor(ctx); err != nil {
		return err
	}
	if err := f.initdb(ctx, f.nodes[0], nodeTuning); err != nil {
		return err
	}
	if err := f.createNode(f.nodes[0]); err != nil {
		return err
	}
	if err := f.waitStates(ctx, map[string]string{"node1": "single"}); err != nil {
		return err
	}
	if err := f.createNode(f.nodes[1]); err != nil {
		return err
	}
	return f.waitStates(ctx, map[string]string{"node1": "primary", "node2": "secondary"})
}

func (f *formation) createNode(n *pgNode) error {
	return f.start(n, "create", "postgres", "--pgdata", n.pgdata, "--pgport", strconv.Itoa(n.port), "--listen", "127.0.0.1",
		"--hostname", "127.0.0.1", "--name", n.name, "--dbname", "tiendo", "--auth", "trust", "--no-ssl",
		"--pgctl", filepath.Join(f.bin, "pg_ctl"), "--monitor", f.monitorURL(), "--run")
}

func (f *formation) waitMonitor(ctx context.Context) error {
	return poll(ctx, 60*time.Second, func() error {
		db, err := sql.Open("postgres", f.monitorURL())
		if err != nil {
			return err
		}
		defer db.Close()
		var n int
		return db.QueryRowContext(ctx, `SELECT count(*) FROM pgautofailover.formation`).Scan(&n)
	})
}

// errorsJoin is errors.Join for two, kept short at call sites.
func errorsJoin(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

// findAutoctl finds pg_autoctl on PATH or beside the PostgreSQL binaries.
func findAutoctl(bin string) (string, error) {
	if p, err := exec.LookPath("pg_autoctl"); err == nil {
		return p, nil
	}
	if p := filepath.Join(bin, "pg_autoctl"); fileExists(p) {
		return p, nil
	}
	return "", fmt.Errorf("pg_autoctl not found: apt-get install postgresql-15-auto-failover pg-auto-failover-cli (.ci/run does)")
}

func fileExists(p string) bool { _, err := os.Stat(p); return err == nil }

// kill is the machine's death: SIGKILL to the node's postmaster (its pid is
// the first line of postmaster.pid) and to its pg_autoctl, which would
// otherwise restart or demote it. It returns the instant of the kill.
func (n *pgNode) kill() (time.Time, error) {
	b, err := os.ReadFile(filepath.Join(n.pgdata, "postmaster.pid"))
	if err != nil {
		return time.Time{}, err
	}
	pid, err := strconv.Atoi(strings.TrimSpace(strings.SplitN(string(b), "\n", 2)[0]))
	if err != nil {
		return time.Time{}, fmt.Errorf("postmaster.pid: %w", err)
	}
	at := time.Now()
	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
		return at, fmt.Errorf("kill -9 %d: %w", pid, err)
	}
	n.d.stop(syscall.SIGKILL, 5*time.Second)
	return at, nil
}
