package pglocal

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// tempDir lives directly under os.TempDir rather than t.TempDir: the test
// name in t.TempDir can push the socket path over its limit, and as root
// t.TempDir's private parent would be unreachable for the postgres account.
func tempDir(t *testing.T, pattern string) string {
	t.Helper()
	dir, err := os.MkdirTemp("", pattern)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	return dir
}

func start(t *testing.T, dir string) *Cluster {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	t0 := time.Now()
	c, err := Start(ctx, Options{DataDir: dir, Fast: true, Log: testWriter{t}})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("Start (started=%v) took %v", c.Started(), time.Since(t0))
	t.Cleanup(func() {
		if err := c.Stop(); err != nil {
			t.Error(err)
		}
	})
	return c
}

func open(t *testing.T, c *Cluster) *sql.DB {
	t.Helper()
	db, err := sql.Open("postgres", c.DSN("postgres"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func queryString(t *testing.T, db *sql.DB, q string) string {
	t.Helper()
	var s string
	if err := db.QueryRow(q).Scan(&s); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return s
}

func waitDead(t *testing.T, pidFile []byte) {
	t.Helper()
	pid, err := strconv.Atoi(strings.SplitN(string(pidFile), "\n", 2)[0])
	if err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(10 * time.Second); processAlive(pid); {
		if time.Now().After(deadline) {
			t.Fatalf("postmaster %d still alive after Stop", pid)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func dirOwner(dir string) (*syscall.Stat_t, bool) {
	fi, err := os.Stat(dir)
	if err != nil {
		return nil, false
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	return st, ok
}

type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Logf("%s", p)
	return len(p), nil
}

func TestBinDir(t *testing.T) {
	dir, err := BinDir()
	if err != nil {
		t.Fatal(err)
	}
	if !hasTools(dir) {
		t.Fatalf("BinDir() = %s, which lacks initdb/pg_ctl/postgres", dir)
	}
	if strings.Contains(errNoBinaries.Error(), "\n") {
		t.Fatal("the missing-binaries error must be one line")
	}
}

func TestStartQueryStop(t *testing.T) {
	t.Parallel()
	dir := tempDir(t, "pglocal dữ liệu-") // the space and quoting-prone bytes reach sh, postgres and the DSN
	c := start(t, dir)
	if !c.Started() {
		t.Fatal("Started() = false for a fresh cluster")
	}
	db := open(t, c)
	if got := queryString(t, db, "SELECT 1::text"); got != "1" {
		t.Fatalf("SELECT 1 = %q", got)
	}
	if got := queryString(t, db, "SHOW listen_addresses"); got != "" {
		t.Errorf("listen_addresses = %q, want only the unix socket", got)
	}
	if got := queryString(t, db, "SELECT name FROM pg_available_extensions WHERE name = 'unaccent'"); got != "unaccent" {
		t.Fatalf("unaccent not available: %q", got)
	}
	if _, err := db.Exec("CREATE EXTENSION unaccent"); err != nil {
		t.Fatal(err)
	}
	if got := queryString(t, db, "SELECT unaccent('Hà Nội, Đà Nẵng')"); got != "Ha Noi, Da Nang" {
		t.Errorf("unaccent = %q", got)
	}
	if fi, err := os.Stat(filepath.Join(dir, ".s.PGSQL.5432")); err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("socket: %v, %v; want mode 0700 inside the data dir", fi, err)
	}
}

func TestReuseRestartAndStalePidFile(t *testing.T) {
	t.Parallel()
	dir := tempDir(t, "pglocal-")
	c1 := start(t, dir)
	if _, err := open(t, c1).Exec("CREATE TABLE kept (v text); INSERT INTO kept VALUES ('xin chào')"); err != nil {
		t.Fatal(err)
	}

	c2 := start(t, dir)
	if c2.Started() {
		t.Fatal("second Start on a running cluster: Started() = true, want reuse")
	}
	if c2.DSN("x") != c1.DSN("x") {
		t.Errorf("reused DSN %q != %q", c2.DSN("x"), c1.DSN("x"))
	}
	db2 := open(t, c2)
	if err := c2.Stop(); err != nil {
		t.Fatal(err)
	}
	if got := queryString(t, db2, "SELECT v FROM kept"); got != "xin chào" {
		t.Fatalf("after no-op Stop of the reused cluster: %q", got)
	}

	pid, err := os.ReadFile(filepath.Join(dir, "postmaster.pid"))
	if err != nil {
		t.Fatal(err)
	}
	db2.Close()
	if err := c1.Stop(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "postmaster.pid")); !os.IsNotExist(err) {
		t.Fatalf("postmaster.pid after Stop: %v", err)
	}
	// The postmaster unlinks its pid file just before it exits; wait for the
	// exit so the pid below is really dead.
	waitDead(t, pid)
	// A crash leaves postmaster.pid, owned by the server's account, naming a
	// dead process.
	stale := filepath.Join(dir, "postmaster.pid")
	if err := os.WriteFile(stale, pid, 0o600); err != nil {
		t.Fatal(err)
	}
	if st, ok := dirOwner(dir); ok {
		if err := os.Chown(stale, int(st.Uid), int(st.Gid)); err != nil {
			t.Fatal(err)
		}
	}

	c3 := start(t, dir)
	if !c3.Started() {
		t.Fatal("Start after Stop with a stale postmaster.pid: Started() = false")
	}
	if got := queryString(t, open(t, c3), "SELECT v FROM kept"); got != "xin chào" {
		t.Fatalf("data after restart: %q", got)
	}
}

func TestNonEmptyDirIsNotInitialised(t *testing.T) {
	t.Parallel()
	dir := tempDir(t, "pglocal-")
	if err := os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Start(context.Background(), Options{DataDir: dir})
	if err == nil || !strings.Contains(err.Error(), "initdb") {
		t.Fatalf("Start on a non-empty, non-cluster dir: %v, want an initdb error", err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "notes.txt")); string(b) != "mine" {
		t.Fatal("initdb touched an unrelated file")
	}
}

func TestSocketPathTooLong(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(os.TempDir(), strings.Repeat("d", 100))
	_, err := Start(context.Background(), Options{DataDir: dir})
	if err == nil || !strings.Contains(err.Error(), "use a shorter TIENDO_DATA_DIR") || strings.Contains(err.Error(), "\n") {
		t.Fatalf("Start with a long data dir: %v, want one line asking for a shorter TIENDO_DATA_DIR", err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Fatalf("data dir was created despite the error: %v", err)
	}
}

// TestPrivateDataDirAsRootIsRelocated: a clone in a folder private to root
// (a mktemp directory, /root) still starts; the cluster lives where the
// postgres account can reach it, linked from the data dir, and the next start
// finds it there.
func TestPrivateDataDirAsRootIsRelocated(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("only root hands the cluster to the postgres account")
	}
	base := tempDir(t, "pglocal-base-")
	if err := os.Chmod(base, 0o755); err != nil {
		t.Fatal(err)
	}
	defer func(old string) { relocateBase = old }(relocateBase)
	relocateBase = base
	private := tempDir(t, "pglocal-") // 0700, owned by root
	dir := filepath.Join(private, "data")
	c := start(t, dir)
	alt, err := os.Readlink(dir)
	if err != nil || filepath.Dir(alt) != base {
		t.Fatalf("data dir %s: link %q, %v; want a link into %s", dir, alt, err, base)
	}
	if got := queryString(t, open(t, c), "SELECT 1::text"); got != "1" {
		t.Fatalf("SELECT 1 = %q", got)
	}
	if err := c.Stop(); err != nil {
		t.Fatal(err)
	}
	again := start(t, dir)
	if !again.Started() {
		t.Fatal("the second start did not start the stopped cluster")
	}
	if again.dataDir != alt {
		t.Fatalf("second start used %s, want %s", again.dataDir, alt)
	}
}

func TestNoPostgresAccountAsRoot(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("the postgres account is only needed when running as root")
	}
	old := accountName
	accountName = "tiendo-no-such-account"
	t.Cleanup(func() { accountName = old })
	_, err := Start(context.Background(), Options{DataDir: filepath.Join(tempDir(t, "pglocal-"), "data")})
	if err == nil || !strings.Contains(err.Error(), "no \"tiendo-no-such-account\" OS account") || strings.Contains(err.Error(), "\n") {
		t.Fatalf("Start as root without the account: %v", err)
	}
}

func TestDSNQuoting(t *testing.T) {
	c := &Cluster{sockDir: "/tmp/a b", port: 5432}
	want := `host='/tmp/a b' port=5432 user=postgres dbname='it\'s' sslmode=disable`
	if got := c.DSN("it's"); got != want {
		t.Fatalf("DSN = %s, want %s", got, want)
	}
}
