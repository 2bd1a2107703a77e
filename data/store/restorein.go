package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// RestoreFrom puts the backup at from — a compressed backup (.db.gz) or a
// database file — in place of the open store's file, and the store goes
// on with the restored contents. The backup is copied (decompressed and
// checked against its header) to path+".restore-tmp"; that copy is opened
// as Open does (an older one migrated, interrupted imports rolled back),
// checked (bbolt's check), and renamed over the store's file while the
// store waits, like Compact's replacement. A kill at any moment leaves the
// old file or the restored one at the path; leftovers of a killed run are
// removed by the next one. The caller backs the current file up first
// (BackupInto with LabelBeforeRestore): RestoreFrom keeps no copy of it.
//
// progress, if not nil, gets the part done (0 to 1); ctx is checked
// between the steps.
func (s *Store) RestoreFrom(ctx context.Context, from string, progress func(float64)) (RestoreReport, error) {
	var rep RestoreReport
	fail := func(err error) (RestoreReport, error) {
		return rep, fmt.Errorf("restore %s from %s: %w", s.path, from, err)
	}
	if s.readOnly {
		return fail(ErrReadOnly)
	}
	if progress == nil {
		progress = func(float64) {}
	}
	if a, b := absOr(s.path), absOr(from); a == b {
		return fail(errors.New("that is the open database itself"))
	}
	s.writeGate.Lock() // no writes until the file is replaced
	defer s.writeGate.Unlock()
	tmp, bak := s.path+".restore-tmp", s.path+".bak-restore"
	removeRestoreLeftovers(tmp, bak)
	defer os.Remove(tmp) // a no-op once renamed
	if err := materialize(from, tmp); err != nil {
		return fail(fmt.Errorf("the backup cannot be used: %w", err))
	}
	progress(0.4)
	if err := ctx.Err(); err != nil {
		return rep, err
	}
	st, err := Open(tmp, Options{})
	if err != nil {
		removeRestoreLeftovers(tmp, bak)
		return fail(fmt.Errorf("the backup cannot be used: %w", err))
	}
	err = st.Check()
	var c census
	if err == nil {
		c, _, err = st.census()
	}
	if err == nil {
		var svs int
		svs, err = st.surveyCount()
		rep.Surveys = svs
	}
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = syncFile(tmp)
	}
	if err != nil {
		removeRestoreLeftovers(tmp, bak)
		return fail(fmt.Errorf("the backup is damaged: %w", err))
	}
	rep.Responses = c.responses
	progress(0.8)
	if err := ctx.Err(); err != nil {
		removeRestoreLeftovers(tmp, bak)
		return rep, err
	}
	if err := s.replaceWith(tmp, bak); err != nil {
		return fail(err)
	}
	if err := os.Remove(bak); err != nil {
		return fail(err)
	}
	progress(1)
	return rep, nil
}

// removeRestoreLeftovers removes a restore's temporary files (and the
// copy Open makes before migrating the temporary one).
func removeRestoreLeftovers(tmp, bak string) {
	left, _ := filepath.Glob(tmp + ".bak-v*")
	for _, p := range append(left, tmp, bak, tmp+".src") {
		if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
			continue
		}
	}
}

// surveyCount is how many surveys the store holds.
func (s *Store) surveyCount() (int, error) {
	svs, err := s.Surveys()
	return len(svs), err
}

// materialize writes the database the backup at from holds to the new
// file to, synced: a compressed backup decompressed and checked against
// its header, a database file copied.
func materialize(from, to string) error {
	if !IsBackupFile(from) {
		return copyFileSynced(from, to)
	}
	info, err := readBackupHeader(from)
	if err != nil {
		return err
	}
	f, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	err = decompressTo(from, f)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = checkAgainst(to, info)
	}
	if err != nil {
		_ = os.Remove(to)
	}
	return err
}

// absOr is path made absolute (as given when that fails).
func absOr(path string) string {
	if a, err := filepath.Abs(path); err == nil {
		return a
	}
	return path
}

// LastBackup returns the newest backup of the database at dbPath in dir;
// ok is false when there is none.
func LastBackup(dir, dbPath string) (b BackupInfo, ok bool, err error) {
	list, err := ListBackups(dir, dbPath)
	if len(list) == 0 {
		return b, false, err
	}
	return list[0], true, err
}
