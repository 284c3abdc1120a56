//go:build !linux

package bench

import "errors"

func selfPID() int { return 0 }

func parentOf(int) (int, error) { return 0, errors.New("CPU accounting reads /proc (Linux only)") }

func (m *cpuMeter) snapshot() (cpuTimes, error) {
	return cpuTimes{}, errors.New("CPU accounting reads /proc (Linux only)")
}
