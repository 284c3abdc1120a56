package pglocal

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// errNoBinaries is one line because it is what a developer without PostgreSQL
// sees first; it has to say how to get going.
var errNoBinaries = errors.New("no PostgreSQL server binaries found (initdb, pg_ctl, postgres): install them (apt-get install postgresql) or set DATABASE_URL")

// installGlobs are the distribution layouts that keep the server binaries
// off PATH (Debian/Ubuntu, then PGDG RPMs).
var installGlobs = []string{"/usr/lib/postgresql/*/bin", "/usr/pgsql-*/bin"}

// BinDir finds the server binaries, which Debian keeps off PATH, so that a
// plain "apt-get install postgresql" is enough to run tiendo locally.
func BinDir() (string, error) {
	if p, err := exec.LookPath("initdb"); err == nil {
		if real, err := filepath.EvalSymlinks(p); err == nil && hasTools(filepath.Dir(real)) {
			return filepath.Dir(real), nil
		}
	}
	var dirs []string
	for _, g := range installGlobs {
		m, _ := filepath.Glob(g)
		dirs = append(dirs, m...)
	}
	sort.SliceStable(dirs, func(i, j int) bool { return dirVersion(dirs[i]) > dirVersion(dirs[j]) })
	for _, d := range dirs {
		if hasTools(d) {
			return d, nil
		}
	}
	return "", errNoBinaries
}

// hasTools rejects client-only installs, which ship pg_ctl wrappers but no
// server.
func hasTools(dir string) bool {
	for _, t := range []string{"initdb", "pg_ctl", "postgres"} {
		fi, err := os.Stat(filepath.Join(dir, t))
		if err != nil || fi.IsDir() || fi.Mode().Perm()&0o111 == 0 {
			return false
		}
	}
	return true
}

// dirVersion extracts the major version from an install path so that "17"
// sorts above "9.6" (a string sort would not).
func dirVersion(dir string) float64 {
	base := filepath.Base(filepath.Dir(dir)) // "15" or "pgsql-15"
	base = strings.TrimPrefix(base, "pgsql-")
	v, err := strconv.ParseFloat(base, 64)
	if err != nil {
		return -1
	}
	return v
}

// localeArgs prefers C.UTF-8 (byte-order sorting, UTF-8 ctype) but falls back
// to the always-present C locale on minimal images that lack it.
func localeArgs() []string {
	if hasCUTF8() {
		return []string{"--locale=C.UTF-8"}
	}
	return []string{"--no-locale"}
}

func hasCUTF8() bool {
	for _, p := range []string{"/usr/lib/locale/C.utf8", "/usr/lib/locale/C.UTF-8"} {
		if _, err := os.Stat(p); err == nil {
			return true
		}
	}
	out, err := exec.Command("locale", "-a").Output()
	if err != nil {
		return false
	}
	for _, l := range strings.Fields(string(out)) {
		if strings.ReplaceAll(strings.ToLower(l), "-", "") == "c.utf8" {
			return true
		}
	}
	return false
}

// ClientTool finds one of PostgreSQL's client programs (pg_dump, pgbench…),
// beside the server binaries first, so its version matches the private
// cluster's, and else on PATH.
func ClientTool(name string) (string, error) {
	if dir, err := BinDir(); err == nil {
		p := filepath.Join(dir, name)
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			return p, nil
		}
	}
	if p, err := exec.LookPath(name); err == nil {
		return p, nil
	}
	return "", fmt.Errorf("%s not found: install PostgreSQL (apt-get install postgresql postgresql-client)", name)
}
