//go:build windows

package cli

import (
	"fmt"
	"os"
)

// checkSocketDir refuses a socket folder that is not a folder. On Windows
// the user's local application data folder (os.UserCacheDir) is the
// user's own by its ACL.
func checkSocketDir(dir string) error {
	fi, err := os.Lstat(dir)
	if err != nil {
		return err
	}
	if !fi.IsDir() {
		return fmt.Errorf("%s is not a folder", dir)
	}
	return nil
}
