package bench

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"github.com/tiendo/tiendo/internal/benchgen"
	"github.com/tiendo/tiendo/internal/pglocal"
)

// server is the tiendo server under test, a child process on 127.0.0.1.
type server struct {
	cmd   *exec.Cmd
	base  string
	debug string // the child's metrics and profiler listener (TIENDO_METRICS_ADDR)
	log   string
	done  chan error
}

// startServer runs `tiendo serve` against dsn with the clock at the
// dataset's instant and the scheduler off (the jobs are measured on their own).
func startServer(ctx context.Context, binary, dsn, logDir string) (*server, error) {
	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	debug, err := freeAddr()
	if err != nil {
		return nil, err
	}
	logPath := filepath.Join(logDir, "server.log")
	logFile, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	defer logFile.Close()
	cmd := exec.Command(binary, "serve")
	cmd.Env = append(os.Environ(), "DATABASE_URL="+dsn, "TIENDO_ADDR="+addr,
		"TIENDO_NOW="+benchgen.DefaultNow.Format(time.RFC3339), "TIENDO_SCHEDULER=off", "TIENDO_LOG_LEVEL=warn",
		"TIENDO_METRICS_ADDR="+debug)
	cmd.Stdout, cmd.Stderr = logFile, logFile
	dieWithParent(cmd)
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("bench: starting the server: %w", err)
	}
	s := &server{cmd: cmd, base: "http://" + addr, debug: "http://" + debug, log: logPath, done: make(chan error, 1)}
	go func() { s.done <- cmd.Wait() }()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case err := <-s.done:
			return nil, fmt.Errorf("bench: the server exited (%v); see %s", err, logPath)
		case <-ctx.Done():
			s.stop()
			return nil, ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
		resp, err := http.Get(s.base + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return s, nil
			}
		}
	}
	s.stop()
	return nil, fmt.Errorf("bench: the server did not answer /healthz within a minute; see %s", logPath)
}

// freeAddr is a free port on 127.0.0.1 (free when asked; the child takes it
// a moment later).
func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// profile takes a CPU profile of the child for d into path, while the load
// it is meant to show runs beside it.
func (s *server) profile(ctx context.Context, d time.Duration, path string) error {
	url := fmt.Sprintf("%s/debug/pprof/profile?seconds=%d", s.debug, max(1, int(d.Seconds())))
	req, err := http.NewRequestWithContext(ctx, "GET", url, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("bench: profile: %s", resp.Status)
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, resp.Body); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// stop ends the child with SIGTERM (its graceful shutdown), then SIGKILL.
func (s *server) stop() {
	if s == nil || s.cmd.Process == nil {
		return
	}
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.done:
	case <-time.After(15 * time.Second):
		_ = s.cmd.Process.Kill()
		<-s.done
	}
}

// memory reads the child's peak and current resident set (MB) from /proc.
func (s *server) memory() (peak, now float64) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", s.cmd.Process.Pid))
	if err != nil {
		return 0, 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		kb, _ := strconv.ParseFloat(f[1], 64)
		switch f[0] {
		case "VmHWM:":
			peak = kb / 1024
		case "VmRSS:":
			now = kb / 1024
		}
	}
	return peak, now
}

// sessions opens (or renews) a session for each username, written straight
// into the sessions table as the login would, and returns the tokens.
func sessions(ctx context.Context, owner *sqlx.DB, usernames []string) (map[string]string, error) {
	tokens := map[string]string{}
	for _, u := range usernames {
		tok, hash := benchgen.Token(u)
		_, err := owner.ExecContext(ctx, `
			INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at, user_agent)
			SELECT $1, id, $3::timestamptz - interval '1 hour', $3, $3::timestamptz + interval '20 days', 'tiendo bench'
			FROM users WHERE username = $2
			ON CONFLICT (token_hash) DO UPDATE SET created_at = EXCLUDED.created_at,
			  last_seen_at = EXCLUDED.last_seen_at, expires_at = EXCLUDED.expires_at, revoked_at = NULL`,
			hash, u, benchgen.DefaultNow)
		if err != nil {
			return nil, fmt.Errorf("bench: session of %s: %w", u, err)
		}
		tokens[u] = tok
	}
	return tokens, nil
}

const pgbenchDB = "tiendo_pgbench"

// pgbenchSelect measures the ceiling: `pgbench -S` (one primary-key SELECT
// per transaction) on the same server, with clients connections for d, in
// a database of its own initialised once at scale 10. It returns the
// per-second tps of the progress reports.
func pgbenchSelect(ctx context.Context, dsn string, clients int, d time.Duration) ([]float64, error) {
	bin, err := pglocal.ClientTool("pgbench")
	if err != nil {
		return nil, err
	}
	admin, err := sql.Open("postgres", dsn)
	if err != nil {
		return nil, err
	}
	defer admin.Close()
	var exists bool
	if err := admin.QueryRowContext(ctx, `SELECT EXISTS (SELECT FROM pg_database WHERE datname = $1)`, pgbenchDB).Scan(&exists); err != nil {
		return nil, err
	}
	target := pglocal.WithDBName(dsn, pgbenchDB)
	if !exists {
		if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+pq.QuoteIdentifier(pgbenchDB)); err != nil {
			return nil, err
		}
		out, err := exec.CommandContext(ctx, bin, "-i", "-q", "-s", "10", target).CombinedOutput()
		if err != nil {
			_, _ = admin.ExecContext(ctx, "DROP DATABASE "+pq.QuoteIdentifier(pgbenchDB))
			return nil, fmt.Errorf("pgbench -i: %v: %s", err, lastLine(string(out)))
		}
	}
	secs := max(1, int(d.Seconds()))
	out, err := exec.CommandContext(ctx, bin, "-S", "-n", "-c", strconv.Itoa(clients), "-j", "2",
		"-T", strconv.Itoa(secs), "-P", "1", target).CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("pgbench -S: %v: %s", err, lastLine(string(out)))
	}
	var tps []float64
	for _, m := range progressTPS.FindAllStringSubmatch(string(out), -1) {
		v, _ := strconv.ParseFloat(m[1], 64)
		tps = append(tps, v)
	}
	if len(tps) == 0 {
		m := totalTPS.FindStringSubmatch(string(out))
		if m == nil {
			return nil, fmt.Errorf("pgbench -S: no tps in its output: %s", lastLine(string(out)))
		}
		v, _ := strconv.ParseFloat(m[1], 64)
		tps = []float64{v}
	}
	return tps, nil
}

var (
	progressTPS = regexp.MustCompile(`progress: [0-9.]+ s, ([0-9.]+) tps`)
	totalTPS    = regexp.MustCompile(`tps = ([0-9.]+)`)
)

func lastLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		return s[i+1:]
	}
	return s
}
