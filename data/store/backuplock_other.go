//go:build !unix

package store

// lockFolder takes no lock where flock is missing: locked is false, and
// only temporary files older than an hour are removed.
func lockFolder(string) (unlock func(), locked bool, err error) {
	return func() {}, false, nil
}
