// Package testdb gives each test its own PostgreSQL database, cloned from a
// template that the real migrations built once per test process, so tests
// can run in parallel against the real schema without sharing state.
package testdb

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/tiendo/tiendo/internal/pglocal"
	"github.com/tiendo/tiendo/migrations"
)

// envURL names an existing server to use instead of a private cluster, for
// CI images that already run PostgreSQL.
const envURL = "TEST_DATABASE_URL"

var (
	once     sync.Once
	shared   *server
	setupErr error
	seq      atomic.Int64
)

// server is the per-process state: where databases live and which template
// they are cloned from.
type server struct {
	admin    *sql.DB
	baseDSN  string // TEST_DATABASE_URL, or "" for the private cluster
	cluster  *pglocal.Cluster
	dir      string
	watchdog *exec.Cmd
	tpl      string
	version  int // server_version_num, to use newer syntax where it exists
}

// New returns a connection to a fresh database migrated with the real migrations, dropped when t ends.
func New(t testing.TB) *sqlx.DB {
	t.Helper()
	dsn := NewDSN(t)
	db, err := sqlx.Connect("postgres", dsn)
	if err != nil {
		t.Fatalf("testdb: %v", err)
	}
	t.Cleanup(func() { db.Close() }) // runs before NewDSN's drop
	return db
}

// NewDSN returns a connection string for a fresh database (for tests that start a separate process), dropped when t ends.
func NewDSN(t testing.TB) string {
	t.Helper()
	s := get(t)
	name := fmt.Sprintf("tiendo_t_%d_%s", seq.Add(1), randHex())
	t0 := time.Now()
	q := "CREATE DATABASE " + pq.QuoteIdentifier(name) + " TEMPLATE " + pq.QuoteIdentifier(s.tpl)
	if s.version >= 150000 {
		// WAL_LOG, the default since 15, pushes the whole template through
		// the WAL; a file copy is faster for a small template.
		q += " STRATEGY FILE_COPY"
	}
	if _, err := s.admin.Exec(q); err != nil {
		t.Fatalf("testdb: %s: %v", q, err)
	}
	if d := time.Since(t0); d > time.Second {
		t.Logf("testdb: cloning %s took %v", name, d)
	}
	t.Cleanup(func() {
		if err := s.drop(name); err != nil {
			t.Errorf("testdb: %v", err)
		}
	})
	return s.dsn(name)
}

// Main is called from TestMain: m.Run wrapped so the shared cluster is stopped and removed at the end.
func Main(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	defer shutdown()
	return m.Run()
}

func get(t testing.TB) *server {
	t.Helper()
	once.Do(func() {
		t0 := time.Now()
		shared, setupErr = setup()
		if setupErr == nil {
			t.Logf("testdb: server and template ready in %v", time.Since(t0))
		}
	})
	if setupErr != nil {
		t.Fatal(setupErr)
	}
	return shared
}

func setup() (*server, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	s := &server{baseDSN: os.Getenv(envURL)}
	if err := s.connect(ctx); err != nil {
		s.close()
		return nil, err
	}
	if err := s.makeTemplate(ctx); err != nil {
		s.close()
		return nil, err
	}
	return s, nil
}

// connect opens the admin pool, starting the private cluster unless
// TEST_DATABASE_URL names a server.
func (s *server) connect(ctx context.Context) error {
	adminDSN := s.baseDSN
	if adminDSN == "" {
		if err := s.startCluster(ctx); err != nil {
			return err
		}
		adminDSN = s.cluster.DSN("postgres")
	}
	db, err := sql.Open("postgres", adminDSN)
	if err != nil {
		return fmt.Errorf("testdb: %w", err)
	}
	s.admin = db
	var version int
	if err := db.QueryRowContext(ctx, "SELECT current_setting('server_version_num')::int").Scan(&version); err != nil {
		return fmt.Errorf("testdb: connecting to the test server: %w", err)
	}
	s.version = version
	return nil
}

func (s *server) startCluster(ctx context.Context) error {
	if _, err := pglocal.BinDir(); err != nil {
		return errors.New("testdb: no PostgreSQL server binaries found (initdb, pg_ctl): install them (apt-get install postgresql) or set " + envURL)
	}
	dir, err := os.MkdirTemp(tempRoot(), "tiendo-test-pg-")
	if err != nil {
		return fmt.Errorf("testdb: %w", err)
	}
	s.dir = dir
	s.watchdog = startWatchdog(dir)
	c, err := pglocal.Start(ctx, pglocal.Options{DataDir: dir, Fast: true})
	if err != nil {
		return fmt.Errorf("testdb: %w", err)
	}
	s.cluster = c
	return nil
}

// tempRoot prefers tmpfs: on disk each clone copies ~300 files and can
// cost hundreds of ms; in /dev/shm it takes tens. An explicit TMPDIR wins,
// unless it is too long for the unix socket path.
func tempRoot() string {
	if d := os.Getenv("TMPDIR"); d != "" && len(d) <= 60 {
		return d
	}
	if roomy("/dev/shm", 1<<30) {
		return "/dev/shm"
	}
	if d := os.TempDir(); len(d) <= 60 {
		return d
	}
	return "/tmp"
}

// roomy rejects a missing /dev/shm and Docker's default 64 MB one.
func roomy(dir string, need uint64) bool {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return false
	}
	return uint64(st.Bavail)*uint64(st.Bsize) >= need && syscall.Access(dir, 2) == nil
}

// makeTemplate migrates a template database once, then forbids connections
// to it: CREATE DATABASE ... TEMPLATE fails while anyone is connected.
func (s *server) makeTemplate(ctx context.Context) error {
	name := fmt.Sprintf("tiendo_tpl_%d_%s", os.Getpid(), randHex())
	if _, err := s.admin.ExecContext(ctx, "CREATE DATABASE "+pq.QuoteIdentifier(name)); err != nil {
		return fmt.Errorf("testdb: creating template: %w", err)
	}
	s.tpl = name
	db, err := sql.Open("postgres", s.dsn(name))
	if err != nil {
		return fmt.Errorf("testdb: %w", err)
	}
	err = migrations.Up(ctx, db)
	db.Close()
	if err != nil {
		return fmt.Errorf("testdb: migrating template %s: %w", name, err)
	}
	if _, err := s.admin.ExecContext(ctx, "ALTER DATABASE "+pq.QuoteIdentifier(name)+" ALLOW_CONNECTIONS false"); err != nil {
		return fmt.Errorf("testdb: %w", err)
	}
	return s.waitIdle(ctx, name)
}

// waitIdle waits for the backends of closed connections to exit; they
// linger for a moment after the client hangs up.
func (s *server) waitIdle(ctx context.Context, name string) error {
	for {
		var n int
		err := s.admin.QueryRowContext(ctx, "SELECT count(*) FROM pg_stat_activity WHERE datname = $1", name).Scan(&n)
		if err != nil {
			return fmt.Errorf("testdb: %w", err)
		}
		if n == 0 {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("testdb: template %s still has %d connections: %w", name, n, ctx.Err())
		case <-time.After(5 * time.Millisecond):
		}
	}
}

func (s *server) drop(name string) error {
	q := "DROP DATABASE IF EXISTS " + pq.QuoteIdentifier(name)
	if s.version >= 130000 {
		q += " WITH (FORCE)"
	} else if _, err := s.admin.Exec("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1", name); err != nil {
		return err
	}
	if _, err := s.admin.Exec(q); err != nil {
		return fmt.Errorf("%s: %w", q, err)
	}
	return nil
}

// dsn names a database on the same server as the admin connection.
func (s *server) dsn(name string) string {
	if s.baseDSN == "" {
		return s.cluster.DSN(name)
	}
	return pglocal.WithDBName(s.baseDSN, name)
}

// shutdown runs after m.Run; a crash skips it, and the watchdog then does
// the cleanup instead.
func shutdown() {
	if shared != nil {
		shared.close()
	}
}

// close releases whatever setup got as far as creating. A private cluster
// takes the template with it; a shared server must be told to drop it.
func (s *server) close() {
	if s.admin != nil && s.baseDSN != "" && s.tpl != "" {
		if err := s.drop(s.tpl); err != nil {
			fmt.Fprintf(os.Stderr, "testdb: dropping template: %v\n", err)
		}
	}
	if s.admin != nil {
		s.admin.Close()
	}
	if s.cluster != nil {
		if err := s.cluster.Stop(); err != nil {
			fmt.Fprintf(os.Stderr, "testdb: %v\n", err)
		}
	}
	if s.dir != "" {
		if err := os.RemoveAll(s.dir); err != nil {
			fmt.Fprintf(os.Stderr, "testdb: %v\n", err)
		}
	}
	if s.watchdog != nil {
		s.watchdog.Process.Kill()
		s.watchdog.Wait()
	}
}

// watchdogScript outlives a test binary that panics, times out or is killed:
// once the binary is gone it shuts the cluster down (SIGQUIT = immediate
// shutdown) and removes its directory.
const watchdogScript = `while kill -0 "$1" 2>/dev/null; do sleep 1; done
pm=$(head -n 1 "$2/postmaster.pid" 2>/dev/null)
if [ -n "$pm" ] && kill -QUIT "$pm" 2>/dev/null; then
	i=0
	while kill -0 "$pm" 2>/dev/null && [ $i -lt 30 ]; do sleep 1; i=$((i+1)); done
fi
rm -rf "$2"`

// startWatchdog is best effort: without /bin/sh only the crash cleanup is lost.
func startWatchdog(dir string) *exec.Cmd {
	cmd := exec.Command("/bin/sh", "-c", watchdogScript, "tiendo-testdb-watchdog", fmt.Sprint(os.Getpid()), dir)
	// Its own session keeps a Ctrl-C aimed at `go test` from killing it too;
	// nil stdio keeps it from holding go test's output pipe open.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true}
	if err := cmd.Start(); err != nil {
		return nil
	}
	return cmd
}

func randHex() string {
	return fmt.Sprintf("%08x", rand.Uint32())
}
