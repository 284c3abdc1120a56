package pglocal

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// runner runs the PostgreSQL tools as the account that owns the cluster:
// initdb, pg_ctl and postgres all refuse to run as root.
type runner struct {
	bin  string
	acct *account // nil: run as the current user
}

// account is the unprivileged OS account used when we are root.
type account struct {
	name     string
	uid, gid uint32
	groups   []uint32
	home     string
}

func newRunner(bin string) (*runner, error) {
	r := &runner{bin: bin}
	if os.Geteuid() != 0 {
		return r, nil
	}
	a, err := lookupAccount(accountName)
	if err != nil {
		return nil, err
	}
	r.acct = a
	return r, nil
}

func lookupAccount(name string) (*account, error) {
	u, err := user.Lookup(name)
	if err != nil {
		return nil, fmt.Errorf("pglocal: running as root, but there is no %q OS account to run PostgreSQL as (it refuses root): create one (apt-get install postgresql, or useradd --system %s) or run as a normal user", name, name)
	}
	uid, err1 := strconv.ParseUint(u.Uid, 10, 32)
	gid, err2 := strconv.ParseUint(u.Gid, 10, 32)
	if err := errors.Join(err1, err2); err != nil {
		return nil, fmt.Errorf("pglocal: account %s: %w", name, err)
	}
	a := &account{name: name, uid: uint32(uid), gid: uint32(gid), home: u.HomeDir}
	gids, _ := u.GroupIds()
	for _, g := range gids {
		if n, err := strconv.ParseUint(g, 10, 32); err == nil {
			a.groups = append(a.groups, uint32(n))
		}
	}
	return a, nil
}

func (r *runner) output(ctx context.Context, dir, tool string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, filepath.Join(r.bin, tool), args...)
	cmd.Dir = dir
	cmd.Env = r.env()
	if r.acct != nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{
			Uid: r.acct.uid, Gid: r.acct.gid, Groups: r.acct.groups,
		}}
	}
	// pg_ctl start redirects the server's stdio to the log file (-l), so the
	// pipe behind CombinedOutput closes when pg_ctl exits.
	out, err := cmd.CombinedOutput()
	if err != nil {
		return out, fmt.Errorf("%s: %w", tool, err)
	}
	return out, nil
}

// env drops PG* variables (PGDATA, PGPORT, PGOPTIONS...) that would make the
// tools act on some other cluster, and gives the postgres account its own HOME.
func (r *runner) env() []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "PG") {
			continue
		}
		if r.acct != nil && (k == "HOME" || k == "USER" || k == "LOGNAME") {
			continue
		}
		env = append(env, kv)
	}
	if r.acct != nil {
		env = append(env, "HOME="+r.acct.home, "USER="+r.acct.name, "LOGNAME="+r.acct.name)
	}
	return env
}

// checkReachable turns the server's "could not access directory: Permission
// denied" into advice, for root running with a data dir under /root.
func (r *runner) checkReachable(dataDir string) error {
	if r.acct == nil {
		return nil
	}
	for d := filepath.Dir(dataDir); ; d = filepath.Dir(d) {
		if fi, err := os.Stat(d); err == nil && !r.acct.canSearch(fi) {
			return fmt.Errorf("pglocal: data dir %s is not reachable by the %s account (parent %s is private); use a directory under /tmp or /var/lib, e.g. TIENDO_DATA_DIR=/var/lib/tiendo",
				dataDir, r.acct.name, d)
		}
		if d == filepath.Dir(d) {
			return nil
		}
	}
}

// canSearch applies the kernel's rule: only the first matching class of
// owner, group, other counts.
func (a *account) canSearch(fi os.FileInfo) bool {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return true
	}
	mode := fi.Mode().Perm()
	if st.Uid == a.uid {
		return mode&0o100 != 0
	}
	if st.Gid == a.gid || containsGID(a.groups, st.Gid) {
		return mode&0o010 != 0
	}
	return mode&0o001 != 0
}

func containsGID(gs []uint32, g uint32) bool {
	for _, x := range gs {
		if x == g {
			return true
		}
	}
	return false
}

// makeDataDir creates the directory and, when we are root, hands it to the
// postgres account, which initdb requires to own it.
func (r *runner) makeDataDir(dir string) error {
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return fmt.Errorf("pglocal: %w", err)
	}
	if err := os.Mkdir(dir, 0o700); err != nil && !errors.Is(err, os.ErrExist) {
		return fmt.Errorf("pglocal: %w", err)
	}
	if r.acct == nil {
		return nil
	}
	if err := r.checkReachable(dir); err != nil { // a umask may have made new parents private
		return err
	}
	if err := os.Chown(dir, int(r.acct.uid), int(r.acct.gid)); err != nil {
		return fmt.Errorf("pglocal: %w", err)
	}
	return nil
}

// waitSeconds converts ctx's deadline into pg_ctl's -t, which only takes
// whole seconds.
func waitSeconds(ctx context.Context) string {
	d := defaultWait
	if dl, ok := ctx.Deadline(); ok {
		d = time.Until(dl)
	}
	s := int((d + time.Second - 1) / time.Second)
	return strconv.Itoa(max(s, 1))
}

func tailFile(path string, n int) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return "(no server log: " + err.Error() + ")"
	}
	return lastLines(b, n)
}

func lastLines(b []byte, n int) string {
	lines := bytes.Split(bytes.TrimRight(b, "\n"), []byte("\n"))
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return string(bytes.Join(lines, []byte("\n")))
}

// shellQuote protects a value from the /bin/sh that pg_ctl runs the server
// through.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// dsnValue quotes a lib/pq key=value value when it has spaces, quotes or is
// empty.
func dsnValue(v string) string {
	if v != "" && !strings.ContainsAny(v, " \t\n'\\") {
		return v
	}
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(v) + "'"
}
