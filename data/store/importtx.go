package store

import (
	"fmt"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"csatdesk/data"
)

// ImportTx is one import of a file into the store, from BeginImport to
// Finish or Abort: a record in state "pending", any number of batches
// (each one write transaction, through the store's one insert path, see
// insert.go), and a final transaction that flips the state to "done" and
// removes what the import replaces. Until Finish nothing stored before
// changes; if the program dies first, Open rolls the import back.
//
// The methods are safe for concurrent use (a pipeline may Prepare one
// batch while it adds the one before), but batches are written in the
// order AddPrepared or Add is called.
type ImportTx struct {
	s   *Store
	rec ImportRecord
	// rows is what SetRows was told; 0 keeps rec.Rows.
	rows int
}

// SetRows gives the number of data rows of the file, counted during an
// import begun without knowing it (ImportRecord.Rows 0); Finish records
// it.
func (t *ImportTx) SetRows(n int) { t.rows = n }

// BeginImport records a new import in state "pending" and returns its
// handle. rec.Hash is required; Started defaults to now; ID, Added,
// Replaced, Finished and State are set here. rec.Replaces, if set, must
// name a finished import: Finish removes it whole.
func (s *Store) BeginImport(rec ImportRecord) (*ImportTx, error) {
	if strings.TrimSpace(rec.Hash) == "" {
		return nil, fmt.Errorf("begin import of %s: the file hash is missing", rec.FileName)
	}
	if rec.Started.IsZero() {
		rec.Started = time.Now()
	}
	rec.State, rec.Added, rec.Replaced, rec.Finished = ImportPending, 0, 0, time.Time{}
	err := s.update(func(tx *bolt.Tx) error {
		if rec.SurveyID != 0 {
			if _, err := getSurvey(tx, rec.SurveyID); err != nil {
				return err
			}
		}
		if rec.Replaces != 0 {
			earlier, err := getImport(tx, rec.Replaces)
			if err != nil {
				return fmt.Errorf("the import to replace: %w", err)
			}
			if earlier.State != ImportDone {
				return fmt.Errorf("the import to replace (%s) is %s, not done", earlier.FileName, earlier.State)
			}
		}
		b, err := bucket(tx, bucketImports)
		if err != nil {
			return err
		}
		if rec.ID, err = b.NextSequence(); err != nil {
			return err
		}
		return putImport(tx, &rec)
	})
	if err != nil {
		return nil, fmt.Errorf("begin import of %s: %w", rec.FileName, err)
	}
	return &ImportTx{s: s, rec: rec}, nil
}

// ID returns the import's ID, as in its ImportRecord: for information
// (reports, AbortImport of a finished import), not for writing.
func (t *ImportTx) ID() uint64 { return t.rec.ID }

// Record returns the import's record as BeginImport wrote it.
func (t *ImportTx) Record() ImportRecord { return t.rec }

// Prepare does the per-response work of a batch outside any write
// transaction: it validates b.Rows exactly as AddResponses does, fills in
// ID, EnteredAt, SurveyVersion and Source (the import's), encodes the
// values, builds the keys and index entries, sums the rollup changes, and
// prepares b.Same. On error the rows are restored. Pass the result to
// AddPrepared.
func (t *ImportTx) Prepare(b ImportBatch) (*PreparedBatch, error) {
	return t.s.prepareBatch(t.rec.ID, b)
}

// AddPrepared writes a batch made by Prepare in one transaction: its rows
// with their indexes and rollups, and the lists of what it replaces. When
// a survey of the batch or the import changed since it was prepared it
// returns an error wrapping ErrStale and writes nothing. On any error the
// rows are restored (prepare p.Batch() again to retry); a batch is added
// at most once.
func (t *ImportTx) AddPrepared(p *PreparedBatch) error {
	if p != nil && p.importID != t.rec.ID {
		return fmt.Errorf("import %d: the batch was prepared for import %d", t.rec.ID, p.importID)
	}
	return t.s.addPrepared(p)
}

// Add prepares b and writes it in one transaction, preparing it again when
// a survey changed in between.
func (t *ImportTx) Add(b ImportBatch) error {
	return t.s.addBatch(t.rec.ID, b)
}

// AddResponses is Add of a batch of new rows only.
func (t *ImportTx) AddResponses(rs []data.Response) error {
	return t.Add(ImportBatch{Rows: rs})
}

// Finish flips the pending import to "done": from now on it survives
// restarts. In the same transaction it replaces what the import replaces:
// the earlier import named by ImportRecord.Replaces is removed, and so are
// the responses of every batch's Replace, whose Same rows are stored in
// their place (counted in ImportRecord.Replaced). Until then — and for
// ever, if the import is aborted or the program dies — the replaced
// responses stay as they were. It returns the finished record.
//
// When the import replaces nothing, this is one small write. Replacing is
// done in this one transaction however many responses it removes, so that
// the old responses go exactly when the import becomes permanent.
func (t *ImportTx) Finish() (ImportRecord, error) {
	var rec ImportRecord
	err := t.s.update(func(tx *bolt.Tx) error {
		var err error
		if rec, err = openImport(tx, t.rec.ID); err != nil {
			return err
		}
		w := newWriter(tx)
		replaced, added, err := finishReplacing(w, &rec)
		if err != nil {
			return err
		}
		if err := w.finish(); err != nil {
			return err
		}
		rec.Added += added
		rec.Replaced = replaced
		if t.rows > 0 {
			rec.Rows = t.rows
		}
		rec.State, rec.Finished = ImportDone, time.Now()
		rec.CreatedSurvey = false // the survey is permanent with the import
		return putImport(tx, &rec)
	})
	if err != nil {
		return ImportRecord{}, fmt.Errorf("finish import %d: %w", t.rec.ID, err)
	}
	return rec, nil
}

// Abort removes everything the import wrote and its record (AbortImport);
// what it would have replaced stays.
func (t *ImportTx) Abort() error {
	return t.s.AbortImport(t.rec.ID)
}
