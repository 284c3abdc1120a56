package bench

import (
	"context"
	"fmt"
	"runtime"
	"time"
)

// CPU is what one request of a load cost each process, in CPU milliseconds
// (issue 15: on two cores CPU is the budget, so this says what bounds a
// figure): the database cluster, the server under test, and the load
// generator (this process).
type CPU struct {
	Postgres float64 `json:"postgres_ms"`
	Server   float64 `json:"server_ms"`
	LoadGen  float64 `json:"loadgen_ms"`
	// Bound is the throughput the machine's cores would allow if the three
	// processes' CPU per request were the only limit.
	Bound float64 `json:"bound_rps"`
	// PostgresBound is that throughput with PostgreSQL alone on every core:
	// what no change outside its statements can pass.
	PostgresBound float64 `json:"postgres_bound_rps"`
	Cores         int     `json:"cores"`
}

// cpuMeter snapshots the CPU time the three processes have used.
type cpuMeter struct {
	postmaster int // the cluster's postmaster: its children are the backends
	server     int
	self       int
}

// cpuTimes is a snapshot, per process, of CPU time used.
type cpuTimes struct{ postgres, server, self time.Duration }

// newCPUMeter finds the cluster's postmaster through a backend of owner's.
func (r *runner) newCPUMeter(ctx context.Context) (*cpuMeter, error) {
	var backend int
	if err := r.owner.GetContext(ctx, &backend, `SELECT pg_backend_pid()`); err != nil {
		return nil, err
	}
	pm, err := parentOf(backend)
	if err != nil {
		return nil, err
	}
	if r.srv == nil || r.srv.cmd.Process == nil {
		return nil, fmt.Errorf("no server process")
	}
	return &cpuMeter{postmaster: pm, server: r.srv.cmd.Process.Pid, self: selfPID()}, nil
}

// per turns two snapshots around a load of n requests into CPU per request.
func (m *cpuMeter) per(before, after cpuTimes, n int, cores int) *CPU {
	if n == 0 {
		return nil
	}
	ms := func(a, b time.Duration) float64 { return float64(b-a) / float64(time.Millisecond) / float64(n) }
	c := &CPU{Postgres: ms(before.postgres, after.postgres), Server: ms(before.server, after.server),
		LoadGen: ms(before.self, after.self), Cores: cores}
	if sum := c.Postgres + c.Server + c.LoadGen; sum > 0 {
		c.Bound = float64(cores) * 1000 / sum
	}
	if c.Postgres > 0 {
		c.PostgresBound = float64(cores) * 1000 / c.Postgres
	}
	return c
}

// String is the figure's note of it.
func (c *CPU) String() string {
	return fmt.Sprintf("CPU per request: PostgreSQL %.2f ms, server %.2f ms, load generator %.2f ms; on %d cores that allows %.0f req/s (PostgreSQL alone %.0f)",
		c.Postgres, c.Server, c.LoadGen, c.Cores, c.Bound, c.PostgresBound)
}

// measured runs load and returns the CPU each of its n requests cost (nil,
// and a line on stdout, when it cannot be read).
func (r *runner) measured(ctx context.Context, key string, load func() int) *CPU {
	m, err := r.newCPUMeter(ctx)
	var before cpuTimes
	if err == nil {
		before, err = m.snapshot()
	}
	n := load()
	var after cpuTimes
	if err == nil {
		after, err = m.snapshot()
	}
	if err != nil {
		fmt.Fprintf(r.o.Stdout, "  %s: no CPU accounting: %v\n", key, err)
		return nil
	}
	return m.per(before, after, n, runtime.NumCPU())
}
