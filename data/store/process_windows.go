//go:build windows

package store

import "os"

// ProcessAlive reports whether a process with this ID exists (on Windows,
// FindProcess opens the process and fails when there is none).
func ProcessAlive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	_ = p.Release()
	return true
}
