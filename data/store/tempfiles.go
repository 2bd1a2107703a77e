package store

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Temporary files. What CSAT Desk writes through a temporary file beside
// the target (exports, backups, a new database, the holder record) names
// it prefix + "-<pid>-" + random, so that the next run can tell a file a
// killed process left (its process is gone: removed) from one another
// process is writing now (kept). An older version's backups named it
// prefix + random digits: those are removed only once unchanged for
// legacyTempAge.

// legacyTempAge is how long a temporary file without a process ID must
// have been unchanged before it is taken for a leftover.
const legacyTempAge = time.Hour

// TempPattern is the os.CreateTemp pattern of a temporary file of this
// process whose name starts with prefix.
func TempPattern(prefix string) string {
	return prefix + "-" + strconv.Itoa(os.Getpid()) + "-*"
}

// RemoveStaleTemps removes from dir the temporary files starting with
// prefix that a process now gone left (see the comment above), never one
// of a live process, and returns their names. Errors are ignored: a file
// that cannot be removed stays.
func RemoveStaleTemps(dir, prefix string) []string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var removed []string
	for _, e := range entries {
		name := e.Name()
		rest, ok := strings.CutPrefix(name, prefix)
		if !ok || e.IsDir() || !stale(dir, name, rest) {
			continue
		}
		p := filepath.Join(dir, name)
		if os.Remove(p) == nil {
			removed = append(removed, p)
		}
	}
	return removed
}

// stale reports whether the temporary file name (rest after its prefix)
// is a leftover: "-<pid>" or "-<pid>-<random>" of a process now gone, or
// "<random digits>" (an older version's backup) unchanged for
// legacyTempAge. Any other name is not one of ours.
func stale(dir, name, rest string) bool {
	if r, ok := strings.CutPrefix(rest, "-"); ok {
		pidText, _, _ := strings.Cut(r, "-")
		pid, err := strconv.Atoi(pidText)
		if err != nil || pid <= 0 || !allDigits(pidText) {
			return false
		}
		return pid != os.Getpid() && !ProcessAlive(pid)
	}
	if rest == "" || !allDigits(rest) {
		return false
	}
	fi, err := os.Lstat(filepath.Join(dir, name))
	return err == nil && fi.Mode().IsRegular() && time.Since(fi.ModTime()) > legacyTempAge
}

// allDigits reports whether s is made of ASCII digits only.
func allDigits(s string) bool {
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
