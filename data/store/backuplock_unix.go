//go:build unix

package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"time"
)

// lockFolder takes an exclusive lock on dir's lock file (.csatdesk-backup.lock), so
// that two backups into one folder do not remove each other's temporary
// files; it waits up to a minute for another backup. locked is true when
// the lock is held.
func lockFolder(dir string) (unlock func(), locked bool, err error) {
	f, err := os.OpenFile(filepath.Join(dir, ".csatdesk-backup.lock"), os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, false, err
	}
	deadline := time.Now().Add(time.Minute)
	for {
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			return func() { _ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN); _ = f.Close() }, true, nil
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) || time.Now().After(deadline) {
			_ = f.Close()
			return nil, false, fmt.Errorf("another backup is being made into %s: %w", dir, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
