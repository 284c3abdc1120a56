package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/tiendo/tiendo/internal/testdb"
)

func TestMain(m *testing.M) { testdb.Main(m) }

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// binary builds this command once per test run, as a real deployment runs it.
func binary(t testing.TB) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "tiendo-bin-")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "tiendo")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

// runCmd runs the binary once with env and args and returns its output.
func runCmd(t testing.TB, env []string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary(t), args...)
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("tiendo %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// server is one `tiendo serve` process.
type server struct {
	cmd  *exec.Cmd
	log  *bytes.Buffer
	done chan struct{}
}

// startServer starts `tiendo serve` with env; it writes its log to a buffer.
func startServer(t testing.TB, env []string) *server {
	t.Helper()
	s := &server{log: &bytes.Buffer{}, done: make(chan struct{})}
	s.cmd = exec.Command(binary(t), "serve")
	s.cmd.Env = append(os.Environ(), env...)
	w := &lockedWriter{buf: s.log}
	s.cmd.Stdout, s.cmd.Stderr = w, w
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		_ = s.cmd.Wait()
		close(s.done)
	}()
	return s
}

func (s *server) pid() int { return s.cmd.Process.Pid }

// kill sends sig and waits for the process to end.
func (s *server) kill(sig syscall.Signal) {
	_ = s.cmd.Process.Signal(sig)
	select {
	case <-s.done:
	case <-time.After(15 * time.Second):
		_ = s.cmd.Process.Kill()
		<-s.done
	}
}

// tail is the end of the process's log, for a failure message.
func (s *server) tail() string {
	w := s.cmd.Stdout.(*lockedWriter)
	w.mu.Lock()
	defer w.mu.Unlock()
	b := w.buf.String()
	if len(b) > 3000 {
		b = b[len(b)-3000:]
	}
	return b
}

type lockedWriter struct {
	mu  sync.Mutex
	buf *bytes.Buffer
}

func (w *lockedWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.Write(p)
}
