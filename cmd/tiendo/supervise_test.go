package main

import (
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestPostgresKilledIsRestarted: the private PostgreSQL's postmaster is
// killed under a running server; meanwhile requests that need the database
// answer 503 with Retry-After (never 500), and the server recovers by itself.
func TestPostgresKilledIsRestarted(t *testing.T) {
	t.Parallel()
	dataDir := t.TempDir()
	addr := freeAddr(t)
	s := startServer(t, []string{"TIENDO_DATA_DIR=" + dataDir, "TIENDO_ADDR=" + addr, "TIENDO_LOG_LEVEL=info"})
	defer s.kill(syscall.SIGTERM)
	base := "http://" + addr
	waitFor(t, s, 120*time.Second, func() bool { return status(base+"/readyz", "GET") == http.StatusOK })

	b, err := os.ReadFile(filepath.Join(dataDir, "postgres", "postmaster.pid"))
	if err != nil {
		t.Fatal(err)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(strings.SplitN(string(b), "\n", 2)[0]))
	if err != nil {
		t.Fatal(err)
	}
	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	seen := map[int]int{}
	waitFor(t, s, 90*time.Second, func() bool {
		code := status(base+"/api/v1/auth/login", "POST")
		seen[code]++
		return code == http.StatusUnauthorized && seen[http.StatusServiceUnavailable] > 0
	})
	if seen[http.StatusInternalServerError] > 0 {
		t.Errorf("answers during the outage: %v; want 503s, never a 500\n%s", seen, s.tail())
	}
	if !strings.Contains(s.tail(), "PostgreSQL is running again") {
		t.Errorf("the restart is not in the log:\n%s", s.tail())
	}
}

// status sends one request (a failing sign-in for POST) and returns its
// status, 0 when the server did not answer; a 503 must carry Retry-After.
func status(url, method string) int {
	var body *strings.Reader
	if method == "POST" {
		body = strings.NewReader(`{"username":"khong_co","password":"sai-mat-khau-99"}`)
	} else {
		body = strings.NewReader("")
	}
	req, _ := http.NewRequest(method, url, body)
	req.Header.Set("Content-Type", "application/json")
	resp, err := (&http.Client{Timeout: 10 * time.Second}).Do(req)
	if err != nil {
		return 0
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusServiceUnavailable && resp.Header.Get("Retry-After") == "" &&
		!strings.HasSuffix(url, "/readyz") {
		return -1 // a 503 without Retry-After: counted apart, and fails the wait
	}
	return resp.StatusCode
}

// waitFor polls cond every 100 ms until it holds or d passes.
func waitFor(t *testing.T, s *server, d time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("not within %s; server log:\n%s", d, s.tail())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// freeAddr is a loopback address with a port nobody listens on.
func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}
