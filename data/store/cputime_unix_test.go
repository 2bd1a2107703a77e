//go:build unix

package store

import (
	"syscall"
	"time"
)

// cpuTime returns the user+system CPU time of the whole process (all
// threads, GC included), for load-independent benchmark figures.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
