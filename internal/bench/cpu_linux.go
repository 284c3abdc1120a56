package bench

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// clockTick is the kernel's USER_HZ, 100 on every Linux tiendo runs on.
const clockTick = 10 * time.Millisecond

func selfPID() int { return os.Getpid() }

// statFields are the fields of /proc/PID/stat after the command name.
func statFields(pid int) ([]string, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return nil, err
	}
	s := string(b)
	i := strings.LastIndexByte(s, ')') // the name may hold spaces and parentheses
	if i < 0 {
		return nil, fmt.Errorf("/proc/%d/stat: %q", pid, s)
	}
	return strings.Fields(s[i+1:]), nil
}

// ticks sums the fields (1-based numbering of proc(5), 14 utime … 17 cstime).
func ticks(f []string, fields ...int) time.Duration {
	var n int64
	for _, k := range fields {
		if k-3 < len(f) {
			v, _ := strconv.ParseInt(f[k-3], 10, 64)
			n += v
		}
	}
	return time.Duration(n) * clockTick
}

func parentOf(pid int) (int, error) {
	f, err := statFields(pid)
	if err != nil {
		return 0, err
	}
	return strconv.Atoi(f[1])
}

// snapshot reads the CPU time of the three: the postmaster with its reaped
// children and every live backend, the server, and this process.
func (m *cpuMeter) snapshot() (cpuTimes, error) {
	var t cpuTimes
	pm, err := statFields(m.postmaster)
	if err != nil {
		return t, err
	}
	t.postgres = ticks(pm, 14, 15, 16, 17)
	dirs, _ := filepath.Glob("/proc/[0-9]*")
	for _, d := range dirs {
		pid, _ := strconv.Atoi(filepath.Base(d))
		if f, err := statFields(pid); err == nil && f[1] == strconv.Itoa(m.postmaster) {
			t.postgres += ticks(f, 14, 15)
		}
	}
	srv, err := statFields(m.server)
	if err != nil {
		return t, err
	}
	self, err := statFields(m.self)
	if err != nil {
		return t, err
	}
	t.server, t.self = ticks(srv, 14, 15), ticks(self, 14, 15)
	return t, nil
}
