package pglocal

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// StartStandby copies the running cluster c with pg_basebackup into
// dataDir, configured to stream from c (-R), and starts it as a hot
// standby: the tests of reading from a standby (issue 18) use a real one.
func (c *Cluster) StartStandby(ctx context.Context, dataDir string, log io.Writer) (*Cluster, error) {
	s, err := newCluster(dataDir, log, c.fast)
	if err != nil {
		return nil, err
	}
	if err := s.findRunner(); err != nil {
		return nil, err
	}
	dir := s.dataDir
	if err := s.run.makeDataDir(dir); err != nil {
		return nil, err
	}
	out, err := s.run.output(ctx, dir, "pg_basebackup", "-D", dir, "-R", "-X", "stream", "-c", "fast",
		"-h", c.sockDir, "-p", fmt.Sprint(c.port), "-U", "postgres")
	if err != nil {
		return nil, fmt.Errorf("pglocal: pg_basebackup: %w:\n%s", err, lastLines(out, 10))
	}
	// The data directory is also the socket directory: the copy carries the
	// primary's socket lock file, which would stop the standby from starting.
	locks, _ := filepath.Glob(filepath.Join(dir, ".s.PGSQL.*.lock"))
	for _, l := range locks {
		if err := os.Remove(l); err != nil {
			return nil, fmt.Errorf("pglocal: %w", err)
		}
	}
	if err := s.start(ctx, s.fast); err != nil {
		return nil, err
	}
	s.started = true
	return s, nil
}
