package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// Errors callers branch on. Errors returned by the store wrap one of these
// where it applies; test with errors.Is.
var (
	// ErrLocked means another process (or another Store in this one) holds
	// the database open for writing and the lock timeout ran out.
	// The error (a *LockedError) names the holder when it is known.
	ErrLocked = errors.New("CSAT Desk is already open on this database")
	// ErrNewerSchema means the file was written by a newer CSAT Desk. Such a
	// file is never opened read-write.
	ErrNewerSchema = errors.New("the database was written by a newer version of CSAT Desk; install the newest version to open it")
	// ErrNotFound means a survey, response, setting or import does not exist.
	ErrNotFound = errors.New("not found")
	// ErrNoDatabase means the file does not exist and Options.Create was
	// false.
	ErrNoDatabase = errors.New("no database file at this path")
	// ErrCorrupt means the file is not a CSAT Desk database or is damaged.
	ErrCorrupt = errors.New("the file is not a CSAT Desk database or is damaged")
	// ErrExists means a response with the same ID is already stored, or a
	// survey with the same name exists.
	ErrExists = errors.New("already exists")
	// ErrOlderSchema means a read-only open found a file that needs a
	// migration, which only a read-write open can run.
	ErrOlderSchema = errors.New("the database was written by an older version of CSAT Desk and must be upgraded; open it once without read-only")
	// ErrReadOnly means a write was attempted on a store opened ReadOnly.
	ErrReadOnly = errors.New("the database is open read-only")
)

// DefaultTimeout is how long Open waits for another process's lock.
const DefaultTimeout = time.Second

// Options control Open.
type Options struct {
	// Create makes Open create the file (and its parent directory) when it
	// does not exist; otherwise a missing file is ErrNoDatabase.
	Create bool
	// ReadOnly opens the file with a shared lock; writes fail with
	// ErrReadOnly and no migration or import recovery runs.
	ReadOnly bool
	// Timeout bounds the wait for another process's lock; 0 means 1s.
	Timeout time.Duration
	// Holder says, for people, what holds the database open for writing
	// (HolderWindow, "an import from the command line"): it goes into the
	// holder record beside the file (holder.go), which another process
	// finding the file locked names. Empty: HolderDefault.
	Holder string
	// OnRollback, if set, is told how a rollback of an interrupted import
	// that Open runs is going (it may take seconds on a large import),
	// from the goroutine calling Open.
	OnRollback func(RollbackProgress)
	// keepPending (tests) migrates an older file but leaves its
	// interrupted imports as they are, to read them as written.
	keepPending bool
}

// Store is an open CSAT Desk database. Its methods are safe for concurrent
// use; bbolt serialises writers.
type Store struct {
	db        *bolt.DB
	path      string
	readOnly  bool
	recovered []ImportRecord
	// keepPending is Options.keepPending.
	keepPending bool
	// timeout is Options.Timeout, for Compact's reopening.
	timeout time.Duration
	// onRollback, while Open rolls back an import, reports its steps.
	onRollback func(done, total int)
	// reportRollback is Options.OnRollback.
	reportRollback func(RollbackProgress)
	// holder is the holder record this process wrote (PID 0: none).
	holder Holder
	// owner, for a store made by Borrow, is the store it reads through.
	owner *Store
	// writeGate is held for reading by every write transaction and for
	// writing by Compact while it copies; swapGate likewise by every
	// transaction and by Compact while it replaces db. Always writeGate
	// before swapGate.
	writeGate, swapGate sync.RWMutex
}

// DefaultPath returns <os.UserConfigDir()>/csatdesk/csatdesk.db.
func DefaultPath() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("default database path: %w", err)
	}
	return filepath.Join(dir, "csatdesk", "csatdesk.db"), nil
}

// Open opens the database at path. A new file gets the current schema; an
// older one is backed up to path+".bak-v<N>" and migrated; a newer one is
// refused with ErrNewerSchema before it is opened read-write; imports left
// "pending" by a crash are rolled back (see RecoveredImports). A file that is
// not a bbolt database, or is damaged, gives ErrCorrupt; another CSAT Desk
// holding the file gives ErrLocked once opt.Timeout (default 1s) has passed.
func Open(path string, opt Options) (*Store, error) {
	if opt.Timeout <= 0 {
		opt.Timeout = DefaultTimeout
	}
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		if !opt.Create {
			return nil, fmt.Errorf("open %s: %w: check the path, or create a new database", path, ErrNoDatabase)
		}
		return create(path, opt)
	case err != nil:
		return nil, fmt.Errorf("open %s: %w", path, err)
	case fi.IsDir():
		return nil, fmt.Errorf("open %s: it is a folder, not a database file", path)
	case fi.Size() == 0:
		return nil, fmt.Errorf("open %s: the file is empty: %w; restore a backup or choose another file", path, ErrCorrupt)
	}

	if !opt.ReadOnly {
		removeStaleCreations(path)
	}
	if err := checkTruncated(path, fi.Size()); err != nil {
		return nil, err
	}
	// bbolt trusts its pages: walk them first (structure.go).
	if err := checkStructure(path); err != nil {
		return nil, err
	}
	// Look first through a read-only handle, so that a file from a newer
	// version is never opened for writing.
	ro, err := openBolt(path, true, opt.Timeout)
	if err != nil {
		return nil, err
	}
	st := &Store{db: ro, path: path, readOnly: true}
	state, err := st.inspect()
	if err != nil {
		_ = ro.Close()
		return nil, err
	}
	if opt.ReadOnly {
		if state.version < schemaVersion() {
			_ = ro.Close()
			return nil, fmt.Errorf("open %s: %w", path, ErrOlderSchema)
		}
		return st, nil
	}
	if (state.pending && !opt.keepPending) || state.version < schemaVersion() {
		// Open is about to write (a rollback, a migration): never to a
		// damaged file. Check it read-only first.
		err := st.preWriteCheck()
		if err == nil && state.pending && !opt.keepPending && state.version == schemaVersion() {
			err = st.verifyPending()
		}
		if err != nil {
			if !errors.Is(err, errCheckTimeout) {
				_ = ro.Close()
			} // else the check's read transaction still runs: drop the handle
			return nil, fmt.Errorf("open %s: %w; nothing was written to it: restore a backup, or rescue what can be read (csatdesk rescue)", path, err)
		}
	}
	if err := ro.Close(); err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	rw, err := openBolt(path, false, opt.Timeout)
	if err != nil {
		return nil, err
	}
	st = &Store{db: rw, path: path, keepPending: opt.keepPending, timeout: opt.Timeout, reportRollback: opt.OnRollback}
	if state.pending && !opt.keepPending {
		st.writeHolder(holderRollback)
	} else {
		st.writeHolder(opt.Holder)
	}
	if err := st.prepare(); err != nil {
		st.removeHolder()
		_ = rw.Close()
		return nil, err
	}
	if state.pending && !opt.keepPending {
		st.writeHolder(opt.Holder)
	}
	return st, nil
}

// create makes a new database file at path. The file is made and
// prepared under a temporary name beside it and linked into place only
// when whole, so a kill during creation leaves no empty or half-made
// database at path (the next run would refuse it as damaged).
func create(path string, opt Options) (*Store, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("create %s: %w", path, err)
	}
	removeStaleCreations(path)
	tmp := path + ".creating-" + strconv.Itoa(os.Getpid()) // RemoveStaleTemps' naming
	_ = os.Remove(tmp)
	db, err := openBolt(tmp, false, opt.Timeout)
	if err != nil {
		return nil, err
	}
	st := &Store{db: db, path: tmp, timeout: opt.Timeout}
	err = st.prepare()
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = syncFile(tmp)
	}
	if err == nil {
		// Link, not rename: a database another process created at path
		// meanwhile is kept, and opened below.
		if err = os.Link(tmp, path); errors.Is(err, os.ErrExist) {
			err = nil
		}
	}
	_ = os.Remove(tmp)
	if err != nil {
		return nil, fmt.Errorf("create %s: %w", path, err)
	}
	opt.Create = false
	return Open(path, opt)
}

// removeStaleCreations removes what creations of path by processes now
// gone left beside it (path.creating-<pid>), and the holder record's
// temporary files.
func removeStaleCreations(path string) {
	dir, base := filepath.Dir(path), filepath.Base(path)
	RemoveStaleTemps(dir, base+".creating")
	RemoveStaleTemps(dir, filepath.Base(HolderPath(path))+".tmp")
}

// syncFile flushes path's contents to the disk.
func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// initialMmap is the address space bbolt maps at open. Each time the file
// outgrows its mapping, bbolt maps it again and first copies every node the
// write transaction holds out of the old mapping: on an import into a fresh
// file that was a tenth of the store's work. Mapping 1 GiB from the start
// costs only address space where the file is not grown to the mapping's
// size; Windows does grow it (and 32-bit systems lack the space), so there
// it stays bbolt's default.
func initialMmap() int {
	if runtime.GOOS == "windows" || strconv.IntSize < 64 {
		return 0
	}
	return 1 << 30
}

// openBolt opens the bbolt file, turning its panics and errors into ours.
func openBolt(path string, readOnly bool, timeout time.Duration) (db *bolt.DB, err error) {
	defer func() {
		if p := recover(); p != nil {
			db, err = nil, fmt.Errorf("open %s: %w (%v); restore a backup or choose another file", path, ErrCorrupt, p)
		}
	}()
	db, err = bolt.Open(path, 0o600, &bolt.Options{Timeout: timeout, ReadOnly: readOnly, InitialMmapSize: initialMmap()})
	if err == nil {
		return db, nil
	}
	switch {
	case errors.Is(err, berrors.ErrTimeout):
		return nil, lockedError(path)
	case errors.Is(err, berrors.ErrInvalid), errors.Is(err, berrors.ErrVersionMismatch),
		errors.Is(err, berrors.ErrChecksum), errors.Is(err, berrors.ErrInvalidMapping),
		strings.Contains(err.Error(), "file size too small"):
		return nil, fmt.Errorf("open %s: %w (%v); restore a backup or choose another file", path, ErrCorrupt, err)
	}
	return nil, fmt.Errorf("open %s: %w", path, err)
}

// fileState is what Open needs to know before it writes anything.
type fileState struct {
	version int
	pending bool // imports to roll back
}

// inspect reads the schema version and looks for interrupted imports. It
// refuses files from a newer version and bbolt files of other programs.
func (s *Store) inspect() (fileState, error) {
	var st fileState
	err := s.view(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		if meta == nil {
			empty := true
			_ = tx.ForEach(func([]byte, *bolt.Bucket) error { empty = false; return nil })
			if !empty {
				return fmt.Errorf("%w: it has no CSAT Desk header", ErrCorrupt)
			}
			return nil // a bbolt file with nothing in it yet
		}
		v := meta.Get(keyVersion)
		n, err := strconv.Atoi(string(v))
		if err != nil || n < 1 {
			return fmt.Errorf("%w: schema version %q", ErrCorrupt, v)
		}
		st.version = n
		if n > schemaVersion() {
			return fmt.Errorf("%w (file schema %d, this version reads up to %d)", ErrNewerSchema, n, schemaVersion())
		}
		if b := tx.Bucket(bucketImports); b != nil {
			return b.ForEach(func(_, v []byte) error {
				rec, err := decodeImport(v)
				if err == nil && rec.State != ImportDone {
					st.pending = true
				}
				return err
			})
		}
		return nil
	})
	if err != nil {
		return st, fmt.Errorf("open %s: %w", s.path, err)
	}
	return st, nil
}

// prepare runs on a read-write handle: it checks the version again (another
// process may have written in between), migrates and recovers imports.
func (s *Store) prepare() error {
	st, err := s.inspect()
	if err != nil {
		return err
	}
	if st.version < schemaVersion() {
		if err := s.migrate(st.version, migrations); err != nil {
			return fmt.Errorf("open %s: %w", s.path, err)
		}
	}
	if st.pending && !s.keepPending {
		recs, err := s.recoverImports()
		if err != nil {
			return fmt.Errorf("open %s: roll back an interrupted import: %w", s.path, err)
		}
		s.recovered = recs
	}
	return nil
}

// Close closes the database. It waits for running transactions. Closing
// a borrowed store (Borrow) does nothing.
func (s *Store) Close() error {
	if s.owner != nil {
		return nil
	}
	s.writeGate.Lock()
	defer s.writeGate.Unlock()
	s.swapGate.Lock()
	defer s.swapGate.Unlock()
	s.removeHolder() // while the lock is still ours
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("close %s: %w", s.path, err)
	}
	return nil
}

// Borrow returns a read-only store that reads through s (the same open
// file, the same transactions' rules): for running read-only commands in
// the process that holds the database (app/cli's Serve). Its writes fail
// with ErrReadOnly and its Close does nothing; s must stay open while it
// is used.
func (s *Store) Borrow() *Store {
	return &Store{owner: s, path: s.path, readOnly: true}
}

// Path returns the file the store was opened from.
func (s *Store) Path() string { return s.path }

// ReadOnly reports whether the store was opened read-only.
func (s *Store) ReadOnly() bool { return s.readOnly }

// view runs fn in a read transaction, turning a bbolt panic (a damaged
// file) into ErrCorrupt.
func (s *Store) view(fn func(tx *bolt.Tx) error) (err error) {
	if s.owner != nil {
		return s.owner.view(fn)
	}
	// A page outside the mapping is a recoverable panic here, not a crash.
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%w (%v)", ErrCorrupt, p)
		}
	}()
	s.swapGate.RLock()
	defer s.swapGate.RUnlock()
	return s.db.View(fn)
}

// update runs fn in a write transaction; bbolt rolls it back on error or
// panic, and a panic becomes ErrCorrupt.
func (s *Store) update(fn func(tx *bolt.Tx) error) (err error) {
	if s.readOnly {
		return ErrReadOnly
	}
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%w (%v)", ErrCorrupt, p)
		}
	}()
	s.writeGate.RLock()
	defer s.writeGate.RUnlock()
	s.swapGate.RLock()
	defer s.swapGate.RUnlock()
	err = s.db.Update(fn)
	if errors.Is(err, berrors.ErrDatabaseReadOnly) {
		return ErrReadOnly
	}
	return err
}

// bucket returns a top-level bucket or an ErrCorrupt error naming it.
func bucket(tx *bolt.Tx, name []byte) (*bolt.Bucket, error) {
	b := tx.Bucket(name)
	if b == nil {
		return nil, fmt.Errorf("bucket %q is missing: %w", name, ErrCorrupt)
	}
	return b, nil
}

// surveyBucket returns the sub-bucket of survey sid under a per-survey
// bucket; nil when the survey has none.
func surveyBucket(tx *bolt.Tx, top []byte, sid uint64) *bolt.Bucket {
	b := tx.Bucket(top)
	if b == nil {
		return nil
	}
	return b.Bucket(u64Key(sid))
}
