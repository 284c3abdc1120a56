//go:build hatest

package hatest

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// states reads each node's reported and assigned state from the monitor.
func (f *formation) states(ctx context.Context) (map[string][2]string, error) {
	db, err := sql.Open("postgres", f.monitorURL())
	if err != nil {
		return nil, err
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, `SELECT nodename, reportedstate::text, goalstate::text FROM pgautofailover.node`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string][2]string{}
	for rows.Next() {
		var name, reported, goal string
		if err := rows.Scan(&name, &reported, &goal); err != nil {
			return nil, err
		}
		out[name] = [2]string{reported, goal}
	}
	return out, rows.Err()
}

// waitStates waits until every named node reports and is assigned its
// state. Meanwhile it asks the primary for a CHECKPOINT every few seconds:
// a joining standby's pg_basebackup (and a rejoining node's fallback to
// it) waits for the next checkpoint, by default minutes away.
func (f *formation) waitStates(ctx context.Context, want map[string]string) error {
	last := time.Time{}
	return poll(ctx, 3*time.Minute, func() error {
		if time.Since(last) > 3*time.Second {
			f.checkpoint(ctx)
			last = time.Now()
		}
		got, err := f.states(ctx)
		if err != nil {
			return err
		}
		for name, st := range want {
			if got[name] != [2]string{st, st} {
				return fmt.Errorf("node states %v, want %v", got, want)
			}
		}
		return nil
	})
}

func (f *formation) checkpoint(ctx context.Context) {
	db, err := sql.Open("postgres", f.adminDSN("postgres", "read-write"))
	if err != nil {
		return
	}
	defer db.Close()
	cctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	_, _ = db.ExecContext(cctx, "CHECKPOINT")
}

// hostsDSN is a multi-host connection string over both data nodes, first
// first. lib/pq takes the ports as ?port=P1,P2: the URL form
// host1:P1,host2:P2 parses without error but connects to port 5432.
func (f *formation) hostsDSN(user, db, attrs string, first int) string {
	a, b := f.nodes[first], f.nodes[1-first]
	return fmt.Sprintf("postgres://%s@127.0.0.1,127.0.0.1/%s?port=%d,%d&target_session_attrs=%s&sslmode=disable&connect_timeout=2",
		user, db, a.port, b.port, attrs)
}

// adminDSN reaches the tiendo database as the postgres superuser (which
// row-level security does not bind), for seeding and for the checks.
func (f *formation) adminDSN(db, attrs string) string { return f.hostsDSN("postgres", db, attrs, 0) }

// showState is `pg_autoctl show state`, for the log.
func (f *formation) showState(ctx context.Context) string {
	out, err := f.run(ctx, f.monitor, f.autoctl, "show", "state", "--pgdata", f.monitor.pgdata)
	if err != nil {
		return err.Error()
	}
	return out
}

// down stops every node (pg_autoctl stops its postmaster on SIGINT), then
// kills any postmaster left behind, then removes the data.
func (f *formation) down() error {
	nodes := append([]*pgNode{}, f.nodes[:]...)
	nodes = append(nodes, f.monitor) // the monitor last: the keepers talk to it
	for _, n := range nodes {
		if n != nil && n.d != nil && n.d.running() {
			n.d.stop(syscall.SIGINT, 20*time.Second)
		}
	}
	for _, n := range nodes {
		if n != nil {
			killLeftover(n.pgdata)
		}
	}
	return os.RemoveAll(f.dir)
}

// killLeftover SIGKILLs the postmaster of pgdata if one still runs.
func killLeftover(pgdata string) {
	b, err := os.ReadFile(filepath.Join(pgdata, "postmaster.pid"))
	if err != nil {
		return
	}
	if pid, err := strconv.Atoi(strings.TrimSpace(strings.SplitN(string(b), "\n", 2)[0])); err == nil && pid > 1 {
		_ = syscall.Kill(pid, syscall.SIGKILL)
	}
}

// poll calls try until it succeeds or within runs out; the error says
// what try last said.
func poll(ctx context.Context, within time.Duration, try func() error) error {
	deadline := time.Now().Add(within)
	for {
		err := try()
		if err == nil {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("after %v: %w", within, err)
		}
		select {
		case <-ctx.Done():
			return errors.Join(ctx.Err(), err)
		case <-time.After(250 * time.Millisecond):
		}
	}
}

// reportedAt is when the monitor's event log first has the node reporting
// state after the instant after (for the figures: when the standby took
// writes alone, wait_primary).
func (f *formation) reportedAt(ctx context.Context, node, state string, after time.Time) (time.Time, error) {
	db, err := sql.Open("postgres", f.monitorURL())
	if err != nil {
		return time.Time{}, err
	}
	defer db.Close()
	var at sql.NullTime
	err = db.QueryRowContext(ctx, `SELECT min(eventtime) FROM pgautofailover.event
		WHERE nodename = $1 AND reportedstate::text = $2 AND eventtime > $3`, node, state, after).Scan(&at)
	if err == nil && !at.Valid {
		err = fmt.Errorf("%s never reported %s", node, state)
	}
	return at.Time, err
}
