package store

import (
	"bytes"
	"errors"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// preWriteCheckTimeout bounds the read-only check Open runs before it
// writes to a file (to roll back an interrupted import or to migrate).
var preWriteCheckTimeout = 60 * time.Second

// errCheckTimeout is a pre-write check that did not finish in time.
var errCheckTimeout = errors.New("the check did not finish in time")

// preWriteCheck checks, read-only, the file that Open is about to write:
// every bucket's pages read in this goroutine (a damaged page is an error
// here, not a crash in bbolt's checker), then bbolt's own consistency
// check, all within preWriteCheckTimeout. On a timeout the read
// transaction is left to end by itself and the store must not be closed
// (Close would wait for it): the caller drops the handle.
func (s *Store) preWriteCheck() error {
	done := make(chan error, 1)
	go func() {
		err := s.view(func(tx *bolt.Tx) error {
			return tx.ForEach(func(_ []byte, b *bolt.Bucket) error { return readBucket(b) })
		})
		if err == nil {
			var errs []error
			err = s.view(func(tx *bolt.Tx) error {
				// Drain the channel: bbolt's checker goes on reading the
				// transaction after each error it sends, so leaving early
				// would close the transaction under it (a crash seen in CI).
				for e := range tx.Check() {
					if len(errs) < 10 {
						errs = append(errs, e)
					}
				}
				return nil
			})
			if err == nil && len(errs) > 0 {
				err = fmt.Errorf("%w: %w", ErrCorrupt, errors.Join(errs...))
			}
		}
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil && !errors.Is(err, ErrCorrupt) {
			err = fmt.Errorf("%w: %w", ErrCorrupt, err)
		}
		return err
	case <-time.After(preWriteCheckTimeout):
		return fmt.Errorf("%w: %w (%v)", ErrCorrupt, errCheckTimeout, preWriteCheckTimeout)
	}
}

// rollbackSteps bounds the transactions rolling back import id may take:
// each one removes at least one entry of its row lists or of its lists of
// responses to replace, so there can be no more than those plus the last.
// work is what there is to remove, in responses (for progress).
func rollbackSteps(tx *bolt.Tx, id uint64) (steps, work int) {
	prefix := u64Key(id)
	steps = 1
	for _, name := range [][]byte{bucketImportRows, bucketSupersede, bucketStaged} {
		b := tx.Bucket(name)
		if b == nil {
			continue
		}
		c := b.Cursor()
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			steps++
			if name[0] == bucketImportRows[0] && len(v) >= rowRecLen {
				work += len(v) / rowRecLen
			} else {
				work++
			}
		}
	}
	return steps, work
}

// RollbackProgress is what Open reports while it rolls back an import that
// a crash or a kill interrupted.
type RollbackProgress struct {
	// FileName is the interrupted import's file, for people.
	FileName string
	// Done and Total count the responses (and list entries) to take out.
	Done, Total int
}

// PendingImports returns the file names of the imports that a crash or a
// kill left unfinished in the database at path, read-only (nothing is
// rolled back): Open will roll them back, which on a large import takes
// seconds, so the window can say so first. Any error (a locked, older,
// damaged or missing file) gives none: Open then says what is wrong.
func PendingImports(path string) []string {
	st, err := Open(path, Options{ReadOnly: true, Timeout: 100 * time.Millisecond})
	if err != nil {
		return nil
	}
	defer st.Close()
	imps, err := st.Imports()
	if err != nil {
		return nil
	}
	var names []string
	for _, rec := range imps {
		if rec.State != ImportDone {
			names = append(names, rec.FileName)
		}
	}
	return names
}

// verifyPending checks, read-only, that what the pending imports of the
// file recorded can be rolled back exactly: for each, the responses its
// row lists name are as many as its record says it added (no more, for
// one whose rollback began and was interrupted), and each one
// that is stored is stored as that import's. A torn or stale page in the
// lists or in the responses shows here, before the rollback writes
// anything, instead of as a rollback that leaves responses behind or
// takes out others. Only for files of the current schema.
func (s *Store) verifyPending() error {
	return s.view(func(tx *bolt.Tx) error {
		imps, err := bucket(tx, bucketImports)
		if err != nil {
			return err
		}
		var pending []ImportRecord
		if err := imps.ForEach(func(_, v []byte) error {
			rec, err := decodeImport(v)
			if err == nil && rec.State != ImportDone {
				pending = append(pending, rec)
			}
			return err
		}); err != nil {
			return err
		}
		rows := tx.Bucket(bucketImportRows)
		w := newWriter(tx) // only its reading helpers: lookup, groupAt
		for _, rec := range pending {
			listed := 0
			if rows == nil {
				break
			}
			prefix := u64Key(rec.ID)
			c := rows.Cursor()
			for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
				_, sid, err := parseImportRowKey(k)
				if err != nil {
					return fmt.Errorf("import %d: %w: %w", rec.ID, err, ErrCorrupt)
				}
				g, err := w.groupAt(rows, append([]byte(nil), k...), rowRecLen)
				if err != nil {
					return fmt.Errorf("import %d: %w", rec.ID, err)
				}
				h, err := readHandles(tx, sid)
				if err != nil {
					return fmt.Errorf("import %d: %w", rec.ID, err)
				}
				for _, rid := range g.ids() {
					listed++
					if h == nil {
						continue
					}
					old, _, err := w.lookup(h, rid)
					switch {
					case errors.Is(err, ErrNotFound) && rec.State == ImportPending:
						// Nothing has been taken out of a pending import:
						// a listed response that cannot be found means a
						// damaged list or ID index (neither carries a
						// checksum), and rolling back would leave the
						// import's other responses behind.
						return fmt.Errorf("import %d lists response %s, which is not stored: %w", rec.ID, rid, ErrCorrupt)
					case errors.Is(err, ErrNotFound):
						// A rollback that began and was killed took it out.
					case err != nil:
						return fmt.Errorf("import %d: %w", rec.ID, err)
					case old.importID != rec.ID:
						return fmt.Errorf("import %d lists response %s, stored as import %d's: %w", rec.ID, rid, old.importID, ErrCorrupt)
					}
				}
			}
			// A rollback that began (ImportAborting) and was killed
			// has taken some out already.
			if listed != rec.Added && (rec.State == ImportPending || listed > rec.Added) {
				return fmt.Errorf("import %d (%s) lists %d responses, its record says it added %d: %w", rec.ID, rec.FileName, listed, rec.Added, ErrCorrupt)
			}
		}
		return nil
	})
}

// readHandles returns, in a read transaction, the handles lookup needs for
// survey sid (its response and ID-index buckets); nil when the survey has
// no responses at all.
func readHandles(tx *bolt.Tx, sid uint64) (*surveyHandles, error) {
	sv, err := getSurvey(tx, sid)
	if errors.Is(err, ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	h := &surveyHandles{sv: sv}
	h.responses = surveyBucket(tx, bucketResponses, sid)
	h.ids = surveyBucket(tx, bucketIDs, sid)
	if h.responses == nil || h.ids == nil {
		return nil, nil
	}
	return h, nil
}
