package store

import (
	"fmt"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"csatdesk/data"
)

// CreateSurveyWith creates sv (as CreateSurvey does) and stores rs as its
// responses in one transaction: after a crash or kill the store holds the
// survey with every response, or neither. The responses' SurveyID is set
// to the new survey's ID; the rest is as AddResponses. On success *sv is
// the stored survey.
func (s *Store) CreateSurveyWith(sv *data.Survey, rs []data.Response) error {
	n, err := newSurvey(sv)
	if err != nil {
		return err
	}
	var b *PreparedBatch
	err = s.update(func(tx *bolt.Tx) error {
		if err := createSurveyTx(tx, &n); err != nil {
			return err
		}
		for i := range rs {
			rs[i].SurveyID = n.ID
		}
		b = newPrepared(0, ImportBatch{Rows: rs})
		if b.empty() {
			return nil
		}
		if err := b.prepare(tx, entryTime()); err != nil {
			return err
		}
		b.used = true
		return b.write(tx)
	})
	if b != nil {
		b.rows, b.staged = nil, nil
		b.ar.release()
	}
	if err != nil {
		if b != nil {
			b.restore()
		}
		for i := range rs {
			rs[i].SurveyID = 0
		}
		return fmt.Errorf("create survey '%s' with %d responses: %w", sv.Name, len(rs), err)
	}
	*sv = n
	return nil
}

// BeginImportNewSurvey is BeginImport into a survey the import creates:
// sv is created (as CreateSurvey does) in the transaction that records the
// pending import, and the record says so (ImportRecord.CreatedSurvey). The
// survey is then part of the import's all or nothing: Abort, and Open
// after a crash or kill, remove it with the import's responses; Finish
// keeps it. rec.SurveyID is set to the new survey's ID; on success *sv is
// the stored survey. A name already taken fails with an error wrapping
// ErrExists, and nothing is written.
func (s *Store) BeginImportNewSurvey(rec ImportRecord, sv *data.Survey) (*ImportTx, error) {
	if strings.TrimSpace(rec.Hash) == "" {
		return nil, fmt.Errorf("begin import of %s: the file hash is missing", rec.FileName)
	}
	if rec.Replaces != 0 {
		return nil, fmt.Errorf("begin import of %s: an import into a new survey replaces nothing", rec.FileName)
	}
	n, err := newSurvey(sv)
	if err != nil {
		return nil, err
	}
	if rec.Started.IsZero() {
		rec.Started = time.Now()
	}
	rec.State, rec.Added, rec.Replaced, rec.Finished = ImportPending, 0, 0, time.Time{}
	rec.CreatedSurvey = true
	err = s.update(func(tx *bolt.Tx) error {
		if err := createSurveyTx(tx, &n); err != nil {
			return err
		}
		rec.SurveyID = n.ID
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
		return nil, fmt.Errorf("begin import of %s into a new survey '%s': %w", rec.FileName, sv.Name, err)
	}
	*sv = n
	return &ImportTx{s: s, rec: rec}, nil
}

// deleteSurveyTx removes survey id with everything stored under it, in tx
// (DeleteSurvey's work). A survey already gone is not an error.
func deleteSurveyTx(tx *bolt.Tx, id uint64) error {
	b, err := bucket(tx, bucketSurveys)
	if err != nil {
		return err
	}
	key := u64Key(id)
	if err := b.Delete(key); err != nil {
		return err
	}
	for _, top := range perSurveyBuckets {
		tb := tx.Bucket(top)
		if tb != nil && tb.Bucket(key) != nil {
			if err := tb.DeleteBucket(key); err != nil {
				return err
			}
		}
	}
	if err := deleteSurveyScans(tx, id); err != nil {
		return err
	}
	if err := deleteContactsTx(tx, id); err != nil { // contacts and follow-up (contacts.go)
		return err
	}
	return deleteSurveyImportRows(tx, id)
}
