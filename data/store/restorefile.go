package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"

	bolt "go.etcd.io/bbolt"
)

// RestoreReport tells what RestoreFile did.
type RestoreReport struct {
	// Aside is where the file that was at path is kept ("" when there
	// was none).
	Aside string
	// Responses is how many responses the restored file holds.
	Responses uint64
	// Surveys is how many surveys it holds (RestoreFrom).
	Surveys int
}

// RestoreFile puts the database backup at from in place of the database at
// path, atomically. The backup is opened read-only and checked first
// (bbolt's consistency check; a CSAT Desk database of this schema); the
// file at path, if any, is kept as aside (a hard link, or a copy) — never
// deleted; the backup is copied beside path (path+".restore-tmp"),
// synced, and the copy checked against the backup (every key, value and
// bucket sequence); then it is renamed over path. A kill at any moment
// leaves the old file or the restored one at path. A database that
// another process holds is not replaced (ErrLocked); a damaged one is.
// The restored file is not opened: Open it (which migrates an older one).
// A compressed backup (.db.gz, see BackupInto) is first decompressed to
// path+".restore-tmp.src" and checked against its header.
func RestoreFile(path, from, aside string) (RestoreReport, error) {
	var rep RestoreReport
	orig := from
	fail := func(err error) (RestoreReport, error) {
		return rep, fmt.Errorf("restore %s from %s: %w", path, orig, err)
	}
	if IsBackupFile(from) {
		plain := path + ".restore-tmp.src"
		if err := os.Remove(plain); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fail(err)
		}
		if err := materialize(from, plain); err != nil {
			return fail(fmt.Errorf("the backup cannot be used: %w", err))
		}
		defer os.Remove(plain)
		from = plain
	}
	src, err := Open(from, Options{ReadOnly: true})
	if err != nil {
		return fail(fmt.Errorf("the backup cannot be used: %w", err))
	}
	err = src.Check()
	var want census
	if err == nil {
		want, _, err = src.census()
	}
	_ = src.Close()
	if err != nil {
		return fail(fmt.Errorf("the backup is damaged: %w", err))
	}
	rep.Responses = want.responses

	// The file at path must not be in use; a damaged one cannot be opened
	// by bbolt and is replaced all the same.
	var held *bolt.DB
	release := func() {
		if held != nil {
			_ = held.Close()
			held = nil
		}
	}
	defer release()
	if fi, err := os.Stat(path); err == nil {
		var db *bolt.DB
		if fi.Size() > 0 { // bbolt would write a new database into an empty file
			db, err = openBolt(path, false, DefaultTimeout)
		}
		switch {
		case errors.Is(err, ErrLocked):
			return fail(err)
		case err == nil:
			held = db
		}
		if err := keepBeside(path, aside); err != nil {
			return fail(fmt.Errorf("keep the current file: %w", err))
		}
		rep.Aside = aside
	}
	tmp := path + ".restore-tmp"
	if err := os.Remove(tmp); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fail(err)
	}
	if err := copyFileSynced(from, tmp); err != nil {
		return fail(err)
	}
	if err := checkCompacted(tmp, want); err != nil {
		_ = os.Remove(tmp)
		return fail(fmt.Errorf("the copy failed its check, nothing was replaced: %w", err))
	}
	if runtime.GOOS == "windows" {
		release() // an open file cannot be replaced there
	}
	if err := os.Rename(tmp, path); err != nil {
		_ = os.Remove(tmp)
		return fail(err)
	}
	syncDir(filepath.Dir(path))
	return rep, nil
}
