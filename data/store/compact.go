package store

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"time"

	bolt "go.etcd.io/bbolt"
)

// CompactReport tells what Compact did.
type CompactReport struct {
	// Before and After are the file's sizes in bytes.
	Before, After int64
	// Responses is how many responses the file holds, before and after.
	Responses uint64
}

// compactTxMax is how many bytes bbolt's Compact copies per transaction of
// the new file.
const compactTxMax = 64 << 20

// Compact rewrites the database at path without its free pages — what
// deleted surveys and responses and rolled-back imports left — so that the
// file shrinks (bbolt never gives space back by itself). It opens the
// database as Open does (pending imports are rolled back first), so it
// never runs while another process has the file: that gives ErrLocked.
// See Store.Compact.
func Compact(ctx context.Context, path string, progress func(float64)) (CompactReport, error) {
	if err := ctx.Err(); err != nil {
		return CompactReport{}, err
	}
	st, err := Open(path, Options{})
	if err != nil {
		return CompactReport{}, err
	}
	rep, err := st.Compact(ctx, progress)
	if cerr := st.Close(); err == nil && cerr != nil {
		return rep, cerr
	}
	return rep, err
}

// Compact rewrites the open store's file without its free pages, while the
// store stays open: reads go on during the copy, writes wait for it, and
// every transaction waits for the moment the file is replaced. bbolt's
// Compact copies every bucket into a new file beside the database
// (path+".compact-tmp"), which is checked — bbolt's consistency check, the
// schema, and every key, value and bucket sequence equal to the
// original's — before it replaces the original with a rename, already
// opened and locked, so no other process can take it in between. Until
// that rename succeeded the original stays also as path+".bak-compact" (a
// hard link, or a copy where links are not supported); then that name is
// removed. A kill at any moment leaves the original or the compacted file
// at path, never a mix; leftovers of a killed run are removed by the next
// one.
//
// progress, if not nil, is called from Compact's goroutine with the part
// done (0 to 1). ctx is checked between the steps; the copy itself runs
// to its end once begun.
func (s *Store) Compact(ctx context.Context, progress func(float64)) (CompactReport, error) {
	var rep CompactReport
	path := s.path
	fail := func(err error) (CompactReport, error) {
		return rep, fmt.Errorf("compact %s: %w", path, err)
	}
	if s.readOnly {
		return fail(ErrReadOnly)
	}
	if progress == nil {
		progress = func(float64) {}
	}
	if err := ctx.Err(); err != nil {
		return rep, err
	}
	s.writeGate.Lock() // no writes until the file is replaced
	defer s.writeGate.Unlock()
	fi, err := os.Stat(path)
	if err != nil {
		return fail(err)
	}
	rep.Before = fi.Size()
	tmp, bak := path+".compact-tmp", path+".bak-compact"
	for _, p := range []string{tmp, bak} { // left by a killed run
		if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fail(err)
		}
	}
	if err := s.Check(); err != nil {
		return fail(fmt.Errorf("the database is damaged, not compacted: %w", err))
	}
	want, used, err := s.census()
	if err != nil {
		return fail(err)
	}
	rep.Responses = want.responses
	progress(0.05)

	// Copy.
	dst, err := bolt.Open(tmp, 0o600, &bolt.Options{Timeout: time.Second})
	if err != nil {
		return fail(err)
	}
	stop := make(chan struct{})
	watched := make(chan struct{})
	go func() { // the new file's growth is the copy's progress
		defer close(watched)
		t := time.NewTicker(200 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				if fi, err := os.Stat(tmp); err == nil && used > 0 {
					progress(0.05 + 0.75*min(1, float64(fi.Size())/float64(used)))
				}
			}
		}
	}()
	err = s.copyInto(dst)
	close(stop)
	<-watched
	var high int64 // the end of the last page in use
	if err == nil {
		err = dst.View(func(tx *bolt.Tx) error { high = tx.Size(); return nil })
	}
	if cerr := dst.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		// bbolt grows a file 16 MiB past what it needs; the copy is
		// cut to its pages (it grows again when written to).
		err = truncateSynced(tmp, high)
	}
	if err != nil {
		_ = os.Remove(tmp)
		return fail(err)
	}
	progress(0.8)

	// Check the copy.
	if err := checkCompacted(tmp, want); err != nil {
		_ = os.Remove(tmp)
		return fail(fmt.Errorf("the compacted copy failed its check, the database is unchanged: %w", err))
	}
	if err := ctx.Err(); err != nil {
		_ = os.Remove(tmp)
		return rep, err
	}
	progress(0.95)

	// Replace.
	if err := s.replaceWith(tmp, bak); err != nil {
		_ = os.Remove(tmp)
		return fail(err)
	}
	if err := os.Remove(bak); err != nil {
		return fail(err)
	}
	if fi, err := os.Stat(path); err == nil {
		rep.After = fi.Size()
	}
	progress(1)
	return rep, nil
}

// copyInto runs bbolt's Compact from the store's file into dst.
func (s *Store) copyInto(dst *bolt.DB) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%w (%v)", ErrCorrupt, p)
		}
	}()
	s.swapGate.RLock()
	defer s.swapGate.RUnlock()
	return bolt.Compact(dst, s.db, compactTxMax)
}

// replaceWith makes the checked copy tmp the store's file: it keeps the
// original also as bak, opens tmp (taking its lock), renames it over the
// store's path and closes the original. On error the store goes on with
// the original (bak is then removed). On Windows, where an open file
// cannot be replaced, the original is closed first and the new file opened
// after the rename.
func (s *Store) replaceWith(tmp, bak string) error {
	s.swapGate.Lock()
	defer s.swapGate.Unlock()
	if err := keepBeside(s.path, bak); err != nil {
		return err
	}
	if runtime.GOOS == "windows" {
		if err := s.db.Close(); err != nil {
			_ = os.Remove(bak)
			return err
		}
		renamed := os.Rename(tmp, s.path)
		db, err := openBolt(s.path, false, s.timeout)
		if err != nil {
			return err // the store is closed: nothing to go on with
		}
		s.db = db
		if renamed != nil {
			_ = os.Remove(bak)
		}
		return renamed
	}
	db, err := openBolt(tmp, false, s.timeout)
	if err != nil {
		_ = os.Remove(bak)
		return err
	}
	if err := os.Rename(tmp, s.path); err != nil {
		_ = db.Close()
		_ = os.Remove(bak)
		return err
	}
	syncDir(filepath.Dir(s.path))
	old := s.db
	s.db = db
	if err := old.Close(); err != nil {
		return fmt.Errorf("close the original: %w", err)
	}
	return nil
}

// keepBeside makes bak a second name of path (a hard link), or a copy of it
// where the file system has no links.
func keepBeside(path, bak string) error {
	if err := os.Link(path, bak); err == nil {
		return nil
	}
	return copyFileSynced(path, bak)
}

// copyFileSynced copies from to a new file to and syncs it.
func copyFileSynced(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	_, err = io.Copy(out, in)
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		_ = os.Remove(to)
	}
	return err
}

// truncateSynced cuts the file at path to size bytes and syncs it.
func truncateSynced(path string, size int64) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	err = f.Truncate(size)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// syncDir makes a rename in dir durable where the system allows it.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		_ = d.Close()
	}
}

// census is what two copies of a database must agree on: a hash of every
// bucket's name and sequence and every key and value, in order, and the
// number of responses.
type census struct {
	sum       [sha256.Size]byte
	responses uint64
}

// census sums up the store (see census) and returns with it the bytes of
// the file in use (its pages less the free ones).
func (s *Store) census() (census, int64, error) {
	var c census
	var used int64
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		if c, err = censusOf(tx); err != nil {
			return err
		}
		st := s.db.Stats()
		used = tx.Size() - int64(st.FreePageN+st.PendingPageN)*int64(s.db.Info().PageSize)
		return nil
	})
	if err != nil {
		return c, 0, fmt.Errorf("sum up %s: %w", s.path, err)
	}
	return c, used, nil
}

func censusOf(tx *bolt.Tx) (census, error) {
	var c census
	h := sha256.New()
	err := tx.ForEach(func(name []byte, b *bolt.Bucket) error {
		return hashBucket(h, name, b)
	})
	if err != nil {
		return c, err
	}
	copy(c.sum[:], h.Sum(nil))
	if rs := tx.Bucket(bucketResponses); rs != nil {
		err = rs.ForEachBucket(func(k []byte) error {
			c.responses += uint64(rs.Bucket(k).Stats().KeyN)
			return nil
		})
	}
	return c, err
}

// hashBucket adds bucket b, called name, to h: its name, sequence, and
// each key and value or nested bucket, in key order.
func hashBucket(h hash.Hash, name []byte, b *bolt.Bucket) error {
	var n [8]byte
	write := func(p []byte) {
		binary.BigEndian.PutUint64(n[:], uint64(len(p)))
		h.Write(n[:])
		h.Write(p)
	}
	h.Write([]byte{'B'})
	write(name)
	binary.BigEndian.PutUint64(n[:], b.Sequence())
	h.Write(n[:])
	c := b.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		if v == nil {
			if nb := b.Bucket(k); nb != nil {
				if err := hashBucket(h, k, nb); err != nil {
					return err
				}
				continue
			}
		}
		h.Write([]byte{'K'})
		write(k)
		write(v)
	}
	h.Write([]byte{'E'})
	return nil
}

// checkCompacted opens the compacted copy read-only as a store (the schema
// is read) and checks it: bbolt's check and the same census as want.
func checkCompacted(path string, want census) error {
	st, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.Check(); err != nil {
		return err
	}
	got, _, err := st.census()
	if err != nil {
		return err
	}
	if got.responses != want.responses {
		return fmt.Errorf("%d responses in the copy, %d in the database: %w", got.responses, want.responses, ErrCorrupt)
	}
	if !bytes.Equal(got.sum[:], want.sum[:]) {
		return fmt.Errorf("the copy's contents differ from the database's: %w", ErrCorrupt)
	}
	return nil
}
