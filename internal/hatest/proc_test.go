//go:build hatest

package hatest

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// osAccount is who runs PostgreSQL and pg_autoctl: as root, the postgres
// account (both refuse root, as internal/pglocal explains); else ourselves.
type osAccount struct {
	uid, gid uint32
	home     string
	root     bool
}

func currentAccount() (osAccount, error) {
	if os.Geteuid() != 0 {
		return osAccount{home: os.Getenv("HOME")}, nil
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		return osAccount{}, fmt.Errorf("running as root without a postgres OS account: %w", err)
	}
	uid, _ := strconv.ParseUint(u.Uid, 10, 32)
	gid, _ := strconv.ParseUint(u.Gid, 10, 32)
	return osAccount{uid: uint32(uid), gid: uint32(gid), home: u.HomeDir, root: true}, nil
}

// own hands a directory the harness made to the account.
func (a osAccount) own(dir string) error {
	if !a.root {
		return nil
	}
	return os.Chown(dir, int(a.uid), int(a.gid))
}

// command is a process run as the account, in its own process group so
// that the harness (not the terminal's Ctrl-C) decides when it stops, and
// a kill of the group takes its children with it.
func (a osAccount) command(ctx context.Context, env []string, name string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = env
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if a.root {
		cmd.SysProcAttr.Credential = &syscall.Credential{Uid: a.uid, Gid: a.gid}
	}
	return cmd
}

// env is the environment without PG* variables (they would point the tools
// at another cluster), with the account's HOME and extra added.
func (a osAccount) env(extra ...string) []string {
	var out []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "PG") || strings.HasPrefix(k, "XDG_") || k == "HOME" || k == "DATABASE_URL" {
			continue
		}
		out = append(out, kv)
	}
	return append(append(out, "HOME="+a.home), extra...)
}

// daemon is a long-running child (pg_autoctl, tiendo serve) whose output
// goes to a buffer kept for failure messages.
type daemon struct {
	name string
	cmd  *exec.Cmd
	mu   sync.Mutex
	out  bytes.Buffer
	done chan struct{}
}

func startDaemon(name string, cmd *exec.Cmd) (*daemon, error) {
	d := &daemon{name: name, cmd: cmd, done: make(chan struct{})}
	cmd.Stdout, cmd.Stderr = d, d
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	go func() {
		_ = cmd.Wait()
		close(d.done)
	}()
	return d, nil
}

// Write keeps the output (io.Writer for the child's stdout and stderr).
func (d *daemon) Write(p []byte) (int, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.out.Write(p)
}

func (d *daemon) tail(n int) string {
	d.mu.Lock()
	defer d.mu.Unlock()
	lines := strings.Split(strings.TrimRight(d.out.String(), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return d.name + ":\n" + strings.Join(lines, "\n")
}

func (d *daemon) running() bool {
	select {
	case <-d.done:
		return false
	default:
		return true
	}
}

// stop signals the whole process group and waits; SIGKILL after grace.
func (d *daemon) stop(sig syscall.Signal, grace time.Duration) {
	_ = syscall.Kill(-d.cmd.Process.Pid, sig)
	select {
	case <-d.done:
	case <-time.After(grace):
		_ = syscall.Kill(-d.cmd.Process.Pid, syscall.SIGKILL)
		<-d.done
	}
}
