// Package pglocal runs a private PostgreSQL cluster that listens only on a
// unix socket inside its own data directory, so development and tests need no
// system service, no password and no free TCP port.
package pglocal

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	_ "github.com/lib/pq" // the reuse check pings through lib/pq
)

const (
	// port only names the socket file; nothing listens on TCP.
	port = 5432
	// maxSocketPath is the portable sun_path limit (macOS: 104 bytes incl. NUL).
	maxSocketPath = 103
	logName       = "server.log"
	// defaultWait bounds pg_ctl start/stop when ctx has no deadline.
	defaultWait = 60 * time.Second
)

// accountName is a variable so tests can simulate a machine without it.
var accountName = "postgres"

// Options configure a private cluster.
type Options struct {
	DataDir string    // cluster directory; created and initdb'd if empty/missing
	Log     io.Writer // where to copy server/initdb output on failure (nil = discard)
	Fast    bool      // tests: fsync=off, synchronous_commit=off, full_page_writes=off
}

// Cluster is a running private PostgreSQL.
type Cluster struct {
	dataDir string
	sockDir string
	port    int
	run     *runner
	log     io.Writer
	fast    bool

	mu      sync.Mutex
	started bool
}

// Start reuses the server already running on o.DataDir (so `tiendo jobs run`
// can join a `make run` cluster) or initialises and starts one.
func Start(ctx context.Context, o Options) (*Cluster, error) {
	if o.DataDir == "" {
		return nil, errors.New("pglocal: no data directory given; set TIENDO_DATA_DIR")
	}
	c, err := newCluster(o.DataDir, o.Log, o.Fast)
	if err != nil {
		return nil, err
	}
	if c.reuse(ctx) {
		return c, nil
	}
	if err := c.prepare(ctx, o.Fast); err != nil {
		return nil, err
	}
	if err := c.start(ctx, o.Fast); err != nil {
		if c.reuse(ctx) { // another process won the race to start it
			return c, nil
		}
		return nil, err
	}
	c.started = true
	return c, nil
}

// newCluster places a cluster's data directory (which is also its socket
// directory), not yet started.
func newCluster(dataDir string, log io.Writer, fast bool) (*Cluster, error) {
	dir, err := filepath.Abs(dataDir)
	if err != nil {
		return nil, fmt.Errorf("pglocal: %w", err)
	}
	if log == nil {
		log = io.Discard
	}
	if dir, err = placeDataDir(dir, log); err != nil {
		return nil, err
	}
	if err := checkSocketPath(dir); err != nil {
		return nil, err
	}
	return &Cluster{dataDir: dir, sockDir: dir, port: port, log: log, fast: fast}, nil
}

// findRunner finds the binaries and the account to run them as.
func (c *Cluster) findRunner() error {
	bin, err := BinDir()
	if err != nil {
		return fmt.Errorf("pglocal: %w", err)
	}
	c.run, err = newRunner(bin)
	return err
}

// prepare finds the runner and runs initdb unless the directory already
// holds a cluster.
func (c *Cluster) prepare(ctx context.Context, fast bool) error {
	if err := c.findRunner(); err != nil {
		return err
	}
	if err := c.run.checkReachable(c.dataDir); err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(c.dataDir, "PG_VERSION")); err == nil {
		return nil
	}
	return c.initdb(ctx, fast)
}

// DSN points lib/pq at the socket directory; trust auth makes a password
// unnecessary because only the owning account can reach the socket.
func (c *Cluster) DSN(dbname string) string {
	return fmt.Sprintf("host=%s port=%d user=postgres dbname=%s sslmode=disable",
		dsnValue(c.sockDir), c.port, dsnValue(dbname))
}

// WithDBName names another database on the server of dsn, in either form
// lib/pq accepts: a URL gets a new path; in key=value form a later key wins,
// so appending is enough.
func WithDBName(dsn, name string) string {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		if u, err := url.Parse(dsn); err == nil {
			u.Path, u.RawPath = "/"+name, ""
			return u.String()
		}
	}
	return dsn + " dbname=" + name
}

// Started tells callers whether Stop will actually shut the server down.
func (c *Cluster) Started() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.started
}

// Stop shuts down only a server this process started, so a reused cluster
// keeps serving whoever started it.
func (c *Cluster) Stop() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.started {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), defaultWait)
	defer cancel()
	out, err := c.run.output(ctx, c.dataDir, "pg_ctl", "stop", "-D", c.dataDir, "-m", "fast", "-w",
		"-t", waitSeconds(ctx))
	if err != nil {
		fmt.Fprintf(c.log, "%s", out)
		return fmt.Errorf("pglocal: stopping PostgreSQL in %s: %w: %s", c.dataDir, err, lastLines(out, 3))
	}
	c.started = false
	return nil
}

func (c *Cluster) initdb(ctx context.Context, fast bool) error {
	if err := c.run.makeDataDir(c.dataDir); err != nil {
		return err
	}
	args := []string{"-D", c.dataDir, "-U", "postgres", "-A", "trust", "-E", "UTF8"}
	args = append(args, localeArgs()...)
	if fast {
		args = append(args, "-N")
	}
	out, err := c.run.output(ctx, c.dataDir, "initdb", args...)
	if err != nil {
		fmt.Fprintf(c.log, "%s", out)
		return fmt.Errorf("pglocal: initdb %s: %w:\n%s", c.dataDir, err, lastLines(out, 10))
	}
	return nil
}

func (c *Cluster) start(ctx context.Context, fast bool) error {
	logFile := filepath.Join(c.dataDir, logName)
	out, err := c.run.output(ctx, c.dataDir, "pg_ctl", "start", "-w", "-t", waitSeconds(ctx),
		"-D", c.dataDir, "-l", logFile, "-o", serverOpts(c.dataDir, fast))
	if err != nil {
		tail := tailFile(logFile, 20)
		fmt.Fprintf(c.log, "%s%s", out, tail)
		return fmt.Errorf("pglocal: starting PostgreSQL in %s: %w: %s\nserver log %s:\n%s",
			c.dataDir, err, lastLines(out, 2), logFile, tail)
	}
	return nil
}

// serverOpts is passed through pg_ctl -o, which pg_ctl hands to /bin/sh, so
// every argument is shell-quoted.
func serverOpts(sockDir string, fast bool) string {
	settings := []string{
		"listen_addresses=",
		"unix_socket_directories=" + sockDir,
		"unix_socket_permissions=0700",
		"port=" + strconv.Itoa(port),
		"max_connections=200",
	}
	if fast {
		settings = append(settings, "fsync=off", "synchronous_commit=off", "full_page_writes=off")
	}
	args := make([]string, 0, 2*len(settings))
	for _, s := range settings {
		args = append(args, "-c", shellQuote(s))
	}
	return strings.Join(args, " ")
}

// checkSocketPath fails early with advice instead of the server's cryptic
// "Unix-domain socket path is too long" buried in a log file.
func checkSocketPath(dir string) error {
	sock := filepath.Join(dir, ".s.PGSQL."+strconv.Itoa(port))
	if len(sock) > maxSocketPath {
		return fmt.Errorf("pglocal: data dir %s is too long for a unix socket path (%d bytes, max %d); use a shorter TIENDO_DATA_DIR",
			dir, len(sock), maxSocketPath)
	}
	if strings.ContainsAny(dir, ",\"'\\\n") {
		return fmt.Errorf("pglocal: data dir %q contains a comma, quote, backslash or newline; use a plainer TIENDO_DATA_DIR", dir)
	}
	return nil
}

// reuse adopts a server that is already running on the data directory. Its
// socket and port come from postmaster.pid, which is authoritative even if
// it was started with other settings.
func (c *Cluster) reuse(ctx context.Context) bool {
	deadline := time.Now().Add(15 * time.Second)
	for {
		pf, ok := readPidFile(c.dataDir)
		if !ok || !processAlive(pf.pid) {
			return false
		}
		c.sockDir, c.port = pf.sockDir, pf.port
		if ping(ctx, c.DSN("postgres")) == nil {
			return true
		}
		// Only a server that is still coming up is worth waiting for.
		if pf.status != "starting" || time.Now().After(deadline) || ctx.Err() != nil {
			c.sockDir, c.port = c.dataDir, port
			return false
		}
		time.Sleep(100 * time.Millisecond)
	}
}

type pidFile struct {
	pid     int
	port    int
	sockDir string
	status  string
}

// readPidFile parses the documented postmaster.pid layout: line 1 pid, 4 port,
// 5 first socket directory, 6 listen address, 8 status.
func readPidFile(dataDir string) (pidFile, bool) {
	b, err := os.ReadFile(filepath.Join(dataDir, "postmaster.pid"))
	if err != nil {
		return pidFile{}, false
	}
	lines := strings.Split(string(b), "\n")
	for len(lines) < 8 {
		lines = append(lines, "")
	}
	var pf pidFile
	pf.pid, err = strconv.Atoi(strings.TrimSpace(lines[0]))
	if err != nil || pf.pid <= 0 {
		return pidFile{}, false
	}
	if pf.port, err = strconv.Atoi(strings.TrimSpace(lines[3])); err != nil {
		return pidFile{}, false
	}
	pf.sockDir = strings.TrimSpace(lines[4])
	if pf.sockDir == "" { // TCP-only server started by someone else
		pf.sockDir = strings.TrimSpace(lines[5])
	}
	pf.status = strings.TrimSpace(lines[7])
	return pf, pf.sockDir != ""
}

// processAlive treats EPERM as alive: the postmaster may belong to the
// postgres account while we are an ordinary user.
func processAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

func ping(ctx context.Context, dsn string) error {
	db, err := sql.Open("postgres", dsn+" connect_timeout=5")
	if err != nil {
		return err
	}
	defer db.Close()
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	return db.PingContext(ctx)
}
