package pglocal

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// relocateBase is where a cluster goes when its data dir is out of the
// postgres account's reach; a variable so tests can use a temporary one.
var relocateBase = "/var/lib/tiendo/clusters"

// placeDataDir returns where the cluster of dir really lives. Root must run
// the server as postgres, and a clone in a private folder (/root, a mktemp
// directory) is out of that account's reach: then the cluster lives under
// relocateBase, named after dir, and dir becomes a symlink to it, so the next
// start, `tiendo jobs run` and a person looking for the files all find it.
// Otherwise dir itself (a symlink resolved) is the answer.
func placeDataDir(dir string, log io.Writer) (string, error) {
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		dir = real
	}
	r, err := newRunner("")
	if err != nil {
		return "", err
	}
	if r.acct == nil || r.checkReachable(dir) == nil {
		return dir, nil
	}
	sum := sha256.Sum256([]byte(dir))
	alt := filepath.Join(relocateBase, hex.EncodeToString(sum[:6]))
	if err := os.MkdirAll(relocateBase, 0o755); err != nil {
		return "", fmt.Errorf("pglocal: %w", err)
	}
	if err := r.checkReachable(alt); err != nil {
		return "", err
	}
	if err := linkDataDir(dir, alt); err != nil {
		return "", err
	}
	fmt.Fprintf(log, "pglocal: %s is out of the %s account's reach (a folder above it is private); "+
		"the cluster lives in %s, and %s links to it\n", dir, r.acct.name, alt, dir)
	return alt, nil
}

// linkDataDir makes dir a symlink to alt; an empty directory in its place
// (left by an attempt that could not start) is replaced.
func linkDataDir(dir, alt string) error {
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return fmt.Errorf("pglocal: %w", err)
	}
	if err := os.Remove(dir); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("pglocal: %s is in the way of the link to %s: %w", dir, alt, err)
	}
	if err := os.Symlink(alt, dir); err != nil {
		return fmt.Errorf("pglocal: %w", err)
	}
	return nil
}
