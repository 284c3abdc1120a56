package bench

import "context"

// jobMeter reads the CPU of the database cluster and of this process (the
// jobs run in it) around a job: on a shared 2-core machine the wall time of
// a job measures the neighbours as much as the job. It reads zero where
// /proc cannot be read.
type jobMeter struct{ m *cpuMeter }

func (r *runner) jobMeter(ctx context.Context) jobMeter {
	m, err := r.newCPUMeter(ctx)
	if err != nil {
		return jobMeter{}
	}
	return jobMeter{m}
}

func (j jobMeter) sample() cpuTimes {
	if j.m == nil {
		return cpuTimes{}
	}
	t, _ := j.m.snapshot()
	return t
}

// since is the CPU used from a to now.
func (j jobMeter) since(a cpuTimes) cpuTimes {
	b := j.sample()
	return cpuTimes{postgres: b.postgres - a.postgres, server: b.server - a.server, self: b.self - a.self}
}
