//go:build !windows

package cli

import (
	"fmt"
	"os"
	"syscall"
)

// checkSocketDir refuses a socket folder that is not a real folder of this
// user's that only they can open (0700): anyone else able to enter it
// could connect to the socket or put one of theirs in its place.
func checkSocketDir(dir string) error {
	fi, err := os.Lstat(dir)
	if err != nil {
		return err
	}
	if !fi.IsDir() {
		return fmt.Errorf("%s is not a folder", dir)
	}
	if st, ok := fi.Sys().(*syscall.Stat_t); ok && int(st.Uid) != os.Getuid() {
		return fmt.Errorf("%s belongs to another user", dir)
	}
	if fi.Mode().Perm()&0o077 != 0 {
		return fmt.Errorf("%s can be opened by other users (mode %v)", dir, fi.Mode().Perm())
	}
	return nil
}
