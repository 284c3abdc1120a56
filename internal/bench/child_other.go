//go:build !linux

package bench

import "os/exec"

// dieWithParent: only Linux can tie a child's life to its parent's; elsewhere
// the server under test is stopped by Run's deferred stop.
func dieWithParent(*exec.Cmd) {}
