package bench

import (
	"os/exec"
	"syscall"
)

// dieWithParent makes the server under test end with the process that
// started it, even when that one is killed (a closed pipe, Ctrl-C, kill -9).
func dieWithParent(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGTERM}
}
