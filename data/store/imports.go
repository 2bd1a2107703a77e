package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Import states.
const (
	// ImportPending: batches are being written; a crash rolls it back.
	ImportPending = "pending"
	// ImportDone: ImportTx.Finish ran; the import is permanent.
	ImportDone = "done"
	// ImportAborting: AbortImport started removing it; Open finishes the job
	// if it was interrupted.
	ImportAborting = "aborting"
)

// ImportRecord describes one import of a file.
type ImportRecord struct {
	// ID is assigned by BeginImport. It names the import in the record
	// list and in AbortImport; writing goes through the ImportTx.
	ID uint64 `json:"id"`
	// SurveyID is the survey imported into, if the importer says so.
	SurveyID uint64 `json:"survey,omitempty"`
	// FileName is the name of the imported file, for people.
	FileName string `json:"file"`
	// Hash is the file's content hash; responses carry
	// data.SourceImport(Hash) as their Source.
	Hash string `json:"hash"`
	// Rows is the number of data rows in the file, as the importer counted.
	Rows int `json:"rows"`
	// Added is the number of responses the import stored.
	Added int `json:"added"`
	// Started is when BeginImport ran (or the caller's value).
	Started time.Time `json:"started"`
	// Finished is when ImportTx.Finish ran; zero before.
	Finished time.Time `json:"finished"`
	// State is ImportPending, ImportDone or ImportAborting.
	State string `json:"state"`
	// Replaces is an earlier import, of the same file, that this one
	// replaces whole: ImportTx.Finish removes it in the transaction that
	// finishes this one. Set it for BeginImport; 0 for none.
	Replaces uint64 `json:"replaces,omitempty"`
	// Replaced is how many responses stored before ImportTx.Finish removed
	// because this import brought them again (ImportBatch.Replace and
	// Same), the earlier import named by Replaces not counted.
	Replaced int `json:"replaced,omitempty"`
	// CreatedSurvey says that the import created its survey
	// (BeginImportNewSurvey) and is not finished: rolling the import back
	// removes the survey too. Finish clears it.
	CreatedSurvey bool `json:"created_survey,omitempty"`
}

const importCodecV1 = 1

type importJSON struct {
	V int `json:"v"`
	ImportRecord
}

func encodeImport(rec *ImportRecord) ([]byte, error) {
	return json.Marshal(importJSON{V: importCodecV1, ImportRecord: *rec})
}

func decodeImport(v []byte) (ImportRecord, error) {
	var j importJSON
	if err := json.Unmarshal(v, &j); err != nil {
		return ImportRecord{}, fmt.Errorf("import record: %v: %w", err, ErrCorrupt)
	}
	if j.V != importCodecV1 {
		return ImportRecord{}, fmt.Errorf("import record format %d is unknown: %w", j.V, ErrCorrupt)
	}
	return j.ImportRecord, nil
}

func getImport(tx *bolt.Tx, id uint64) (ImportRecord, error) {
	b, err := bucket(tx, bucketImports)
	if err != nil {
		return ImportRecord{}, err
	}
	v := b.Get(u64Key(id))
	if v == nil {
		return ImportRecord{}, fmt.Errorf("import %d: %w", id, ErrNotFound)
	}
	return decodeImport(v)
}

func putImport(tx *bolt.Tx, rec *ImportRecord) error {
	b, err := bucket(tx, bucketImports)
	if err != nil {
		return err
	}
	v, err := encodeImport(rec)
	if err != nil {
		return err
	}
	return b.Put(u64Key(rec.ID), v)
}

// openImport returns import id if it is pending, else an error.
func openImport(tx *bolt.Tx, id uint64) (ImportRecord, error) {
	rec, err := getImport(tx, id)
	if err != nil {
		return rec, err
	}
	if rec.State != ImportPending {
		return rec, fmt.Errorf("import %d is %s, not pending", id, rec.State)
	}
	return rec, nil
}

// bumpImport adds n to the Added count of import id.
func bumpImport(tx *bolt.Tx, id uint64, n int) error {
	rec, err := getImport(tx, id)
	if err != nil {
		return err
	}
	rec.Added += n
	return putImport(tx, &rec)
}

// Import returns the record of import id, or an error wrapping ErrNotFound.
func (s *Store) Import(id uint64) (ImportRecord, error) {
	var rec ImportRecord
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		rec, err = getImport(tx, id)
		return err
	})
	if err != nil {
		return rec, fmt.Errorf("read import: %w", err)
	}
	return rec, nil
}

// AbortImport removes everything import importID wrote — responses, their
// indexes and rollup counts — and then its record. It works on a pending
// import (whose lists of responses to replace are dropped: what it would
// have replaced stays) and on a finished one (to take a file back out;
// what it replaced is not brought back). The work is done in bounded
// batches; if it is interrupted, Open completes it.
func (s *Store) AbortImport(importID uint64) error {
	err := s.update(func(tx *bolt.Tx) error {
		rec, err := getImport(tx, importID)
		if err != nil {
			return err
		}
		rec.State = ImportAborting
		return putImport(tx, &rec)
	})
	if err == nil {
		err = s.rollbackImport(importID)
	}
	if err != nil {
		return fmt.Errorf("abort import %d: %w", importID, err)
	}
	return nil
}

// rollbackBatch is how many responses one rollback transaction removes.
const rollbackBatch = 10000

// rollbackImport removes the rows of import id, a batch per transaction,
// then its lists of responses to replace, then the record. The number of
// transactions is bounded by what the import recorded (rollbackSteps): a
// damaged file whose deletes do not take cannot make it loop for ever,
// and an error says how far the rollback got.
func (s *Store) rollbackImport(id uint64) error {
	var bound, work int
	if err := s.view(func(tx *bolt.Tx) error { bound, work = rollbackSteps(tx, id); return nil }); err != nil {
		return err
	}
	done := 0
	for step := 0; ; step++ {
		if step > bound {
			return fmt.Errorf("%w: the rollback did not finish in the %d steps the import recorded; the file is damaged", ErrCorrupt, bound)
		}
		if s.onRollback != nil {
			s.onRollback(min(done, work), work)
		}
		finished, stepN := false, 0
		err := s.update(func(tx *bolt.Tx) error {
			w := newWriter(tx)
			n, err := removeImportRows(w, id, rollbackBatch)
			if err != nil {
				return err
			}
			stepN = n
			if n == 0 {
				if n, err = dropReplacing(tx, id, rollbackBatch); err != nil || n > 0 {
					stepN = n
					return err
				}
				finished = true
				rec, err := getImport(tx, id)
				if err != nil {
					return err
				}
				if rec.CreatedSurvey && rec.SurveyID != 0 {
					// The survey was created with the import: it goes
					// with it, in the transaction that removes the record.
					if err := deleteSurveyTx(tx, rec.SurveyID); err != nil {
						return err
					}
				}
				b, err := bucket(tx, bucketImports)
				if err != nil {
					return err
				}
				return b.Delete(u64Key(id))
			}
			return w.finish()
		})
		if err == nil {
			done += stepN
		}
		if err != nil {
			if step > 0 {
				return fmt.Errorf("%d of %d responses taken out, the rest could not be: %w", min(done, work), work, err)
			}
			return err
		}
		if finished {
			if s.onRollback != nil {
				s.onRollback(work, work)
			}
			return nil
		}
	}
}

// removeImportRows removes, in w's transaction, the responses listed under
// import id — whole groups until about limit responses, or all of them for
// limit 0 — with their indexes and rollup counts (w.finish writes those),
// and the list entries. It returns how many list entries it went through.
func removeImportRows(w *writer, id uint64, limit int) (int, error) {
	rows, err := w.importRows()
	if err != nil {
		return 0, err
	}
	prefix := u64Key(id)
	var keys [][]byte
	n := 0
	c := rows.Cursor()
	for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix) && (limit <= 0 || n < limit); k, v = c.Next() {
		keys = append(keys, append([]byte(nil), k...))
		n += len(v) / rowRecLen
	}
	if len(keys) == 0 {
		return 0, nil
	}
	for _, k := range keys {
		_, sid, err := parseImportRowKey(k)
		if err != nil {
			return 0, fmt.Errorf("%w: %w", err, ErrCorrupt)
		}
		g, err := w.groupAt(rows, k, rowRecLen)
		if err != nil {
			return 0, err
		}
		ids := g.ids()
		h, err := w.survey(sid)
		if err != nil && !errors.Is(err, ErrNotFound) {
			return 0, err
		}
		for _, rid := range ids {
			if h != nil {
				old, key, err := w.lookup(h, rid)
				if err == nil {
					err = w.remove(h, &old, key)
				}
				if err != nil && !errors.Is(err, ErrNotFound) {
					return 0, err
				}
			}
			g.del(rid) // also when the response went some other way
		}
	}
	return max(n, 1), nil
}

// recoverImports rolls back every import that is not done.
func (s *Store) recoverImports() ([]ImportRecord, error) {
	all, err := s.Imports()
	if err != nil {
		return nil, err
	}
	var out []ImportRecord
	for _, rec := range all {
		if rec.State == ImportDone {
			continue
		}
		if report := s.reportRollback; report != nil {
			name := rec.FileName
			s.onRollback = func(done, total int) { report(RollbackProgress{FileName: name, Done: done, Total: total}) }
		}
		// Marked first: a rollback killed part-way leaves fewer rows
		// listed than the record says it added, which verifyPending
		// accepts only of an import whose rollback began.
		err := s.markAborting(rec)
		if err == nil {
			err = s.rollbackImport(rec.ID)
		}
		s.onRollback = nil
		if err != nil {
			return out, fmt.Errorf("import %d (%s): %w", rec.ID, rec.FileName, err)
		}
		out = append(out, rec)
	}
	return out, nil
}

// markAborting records that the rollback of the pending import rec
// begins (ImportAborting, as AbortImport does).
func (s *Store) markAborting(rec ImportRecord) error {
	if rec.State != ImportPending {
		return nil
	}
	return s.update(func(tx *bolt.Tx) error {
		cur, err := getImport(tx, rec.ID)
		if err != nil {
			return err
		}
		cur.State = ImportAborting
		return putImport(tx, &cur)
	})
}

// RecoveredImports returns the imports that Open found unfinished (after a
// crash or a kill) and rolled back, so the UI can tell the user.
func (s *Store) RecoveredImports() []ImportRecord {
	return append([]ImportRecord(nil), s.recovered...)
}

// Imports returns every import record, oldest first.
func (s *Store) Imports() ([]ImportRecord, error) {
	var out []ImportRecord
	err := s.view(func(tx *bolt.Tx) error {
		b, err := bucket(tx, bucketImports)
		if err != nil {
			return err
		}
		return b.ForEach(func(_, v []byte) error {
			rec, err := decodeImport(v)
			if err == nil {
				out = append(out, rec)
			}
			return err
		})
	})
	if err != nil {
		return nil, fmt.Errorf("list imports: %w", err)
	}
	return out, nil
}

// FindImportByHash returns the latest import of a file with this content
// hash; ok is false when there is none.
func (s *Store) FindImportByHash(hash string) (rec ImportRecord, ok bool, err error) {
	all, err := s.Imports()
	if err != nil {
		return rec, false, err
	}
	for i := len(all) - 1; i >= 0; i-- {
		if all[i].Hash == hash {
			return all[i], true, nil
		}
	}
	return rec, false, nil
}

// deleteSurveyImportRows drops the import rows of survey sid (its responses
// are being deleted with it).
func deleteSurveyImportRows(tx *bolt.Tx, sid uint64) error {
	imps, err := bucket(tx, bucketImports)
	if err != nil {
		return err
	}
	rows, err := bucket(tx, bucketImportRows)
	if err != nil {
		return err
	}
	var ids []uint64
	if err := imps.ForEach(func(k, _ []byte) error {
		if len(k) == 8 {
			ids = append(ids, binary.BigEndian.Uint64(k))
		}
		return nil
	}); err != nil {
		return err
	}
	for _, imp := range ids {
		prefix := binary.BigEndian.AppendUint64(u64Key(imp), sid)
		c := rows.Cursor()
		var last []byte
		for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Seek(prefix) {
			if last != nil && bytes.Equal(k, last) {
				return fmt.Errorf("%w: key %x cannot be deleted", ErrCorrupt, k) // a damaged page: stop, not loop
			}
			last = append(last[:0], k...)
			if err := c.Delete(); err != nil {
				return err
			}
		}
	}
	return nil
}
