package pglocal

import (
	"context"
	"log/slog"
	"time"
)

// Supervise watches a cluster this process started and starts it again when
// its postmaster has died (kill -9, the OOM killer), with backoff from one
// second up to maxBackoff, until ctx ends. Meanwhile requests answer 503;
// the pools reconnect on their own once it is back. A reused cluster belongs
// to whoever started it and is left alone.
func (c *Cluster) Supervise(ctx context.Context, log *slog.Logger, every time.Duration) {
	if !c.Started() {
		return
	}
	backoff := time.Second
	for {
		select {
		case <-ctx.Done():
			return
		case <-time.After(every):
		}
		if c.alive() {
			backoff = time.Second
			continue
		}
		log.Warn("PostgreSQL has stopped; starting it again", "data_dir", c.dataDir)
		if err := c.restart(ctx); err != nil {
			log.Error("PostgreSQL restart failed", "err", err, "retry_in", backoff)
			select {
			case <-ctx.Done():
				return
			case <-time.After(backoff):
			}
			backoff = min(2*backoff, maxBackoff)
			continue
		}
		log.Info("PostgreSQL is running again", "data_dir", c.dataDir)
		backoff = time.Second
	}
}

// maxBackoff caps the wait between restart attempts.
const maxBackoff = 30 * time.Second

// alive reports whether the postmaster of the pid file still runs.
func (c *Cluster) alive() bool {
	pf, ok := readPidFile(c.dataDir)
	return ok && processAlive(pf.pid)
}

// restart starts the cluster again after its postmaster died, unless Stop
// was called meanwhile; PostgreSQL recovers from its WAL as after any crash.
func (c *Cluster) restart(ctx context.Context) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.started {
		return nil
	}
	ctx, cancel := context.WithTimeout(ctx, defaultWait)
	defer cancel()
	return c.start(ctx, c.fast)
}
