package store

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"time"

	bolt "go.etcd.io/bbolt"

	"csatdesk/data"
	"csatdesk/data/scan"
	"csatdesk/data/scanbatch"
)

// Scanned paper forms (issue 14).
//
// A scan batch is stored in ONE write transaction (SaveScanBatch): its
// clearly read forms as responses through the one insert path, the others
// in the review queue, an audit record per form and the hash of every
// page. A kill at any moment leaves the batch all there or not at all, so
// the import's pending-record machinery is not needed: a batch writes no
// more than a merge does per response, and far fewer responses.
//
// Everything lives under one top-level bucket, created by the first batch
// (older files need no migration; a file without it has no scans):
//
//	scans
//	├── batches/<batch u64>        → sealed JSON ScanBatchRecord
//	├── pages/<sha256 [32]byte>    → sealed JSON ScanPageSeen (re-scan detection)
//	├── queue/<sid u64>/<item u64> → sealed JSON ScanReview (a form waiting for review;
//	│                                 sid 0: a page not identified, with its image)
//	├── serials/<sid u64>/<serial> → <item u64> (the queue by form serial)
//	└── audit/<sid u64>/<id [16]byte> → sealed JSON ScanAudit (per stored response)
//
// "sealed" is the survey records' checksum: the JSON, "\ncrc32c:" and the
// CRC-32C in hex. Nothing here counts in a chart: only responses have
// rollups, and a form in the queue is not a response until reviewed.
// Deleting a survey deletes its queue, serials, audit records and pages;
// compact, backup and restore copy the bucket like any other; a merge
// takes only the other file's surveys and responses (its scan records
// stay there).

var (
	bucketScans      = []byte("scans")
	scanBatchesKey   = []byte("batches")
	scanPagesKey     = []byte("pages")
	scanQueueKey     = []byte("queue")
	scanSerialsKey   = []byte("serials")
	scanAuditKey     = []byte("audit")
	errScanNoPageRef = errors.New("a page of the batch has no hash")
)

// ScanBatchRecord describes one stored scan batch.
type ScanBatchRecord struct {
	ID      uint64    `json:"id"`
	Hash    string    `json:"hash"`
	Started time.Time `json:"started"`
	Saved   time.Time `json:"saved"`
	Files   []string  `json:"files"`
	Stored  int       `json:"stored"`
	Review  int       `json:"review"`
}

// ScanPageSeen is what the store remembers of a page it read.
type ScanPageSeen struct {
	Batch    uint64 `json:"batch"`
	SurveyID uint64 `json:"survey"`
	Serial   string `json:"serial"`
	File     string `json:"file"`
	Index    int    `json:"index"`
}

// ScanReview is a form waiting in the review queue.
type ScanReview struct {
	ID    uint64    `json:"id"`
	Batch uint64    `json:"batch"`
	Added time.Time `json:"added"`
	scanbatch.Form
}

// ScanAudit is kept with every response a scan stored: where its pages
// came from and what the reader found, box by box.
type ScanAudit struct {
	Batch  uint64              `json:"batch"`
	Serial string              `json:"serial"`
	Pages  []scanbatch.PageRef `json:"pages"`
	// Questions are the readings, with every box's ink score.
	Questions []scan.QuestionRead `json:"questions"`
	// Reviewed says a person decided some questions (Decided lists them,
	// with the value chosen; scan.NoAnswer for blank).
	Reviewed bool           `json:"reviewed,omitempty"`
	Decided  map[uint32]int `json:"decided,omitempty"`
}

func encodeSealed(v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return sealSurvey(b), nil
}

func decodeSealed(v []byte, what string, dst any) error {
	js, _, err := unsealSurvey(v)
	if err != nil {
		return fmt.Errorf("%s: it does not match its checksum (damaged on the disk): %w", what, ErrCorrupt)
	}
	if err := json.Unmarshal(js, dst); err != nil {
		return fmt.Errorf("%s: %v: %w", what, err, ErrCorrupt)
	}
	return nil
}

// scanSub returns scans/<name>, creating it (and scans) when create.
func scanSub(tx *bolt.Tx, name []byte, create bool) (*bolt.Bucket, error) {
	top := tx.Bucket(bucketScans)
	if top == nil {
		if !create {
			return nil, nil
		}
		var err error
		if top, err = tx.CreateBucket(bucketScans); err != nil {
			return nil, err
		}
	}
	if !create {
		return top.Bucket(name), nil
	}
	return top.CreateBucketIfNotExists(name)
}

// scanSurveySub returns scans/<name>/<sid>.
func scanSurveySub(tx *bolt.Tx, name []byte, sid uint64, create bool) (*bolt.Bucket, error) {
	b, err := scanSub(tx, name, create)
	if err != nil || b == nil {
		return nil, err
	}
	if !create {
		return b.Bucket(u64Key(sid)), nil
	}
	return b.CreateBucketIfNotExists(u64Key(sid))
}

// SaveScanBatch stores a scan batch in one transaction, all or nothing:
// b.Stored as responses (validated as typed entry is; one the survey
// refuses — a required open question, say — goes to the queue with the
// survey's words instead), each with its ScanAudit; b.Review in the review
// queue; every page of b.Pages remembered. It returns the batch's ID. A
// form moved to the queue is moved in b too (b.Stored, b.Review), once the
// transaction committed.
func (s *Store) SaveScanBatch(b *scanbatch.Batch) (uint64, error) {
	var id uint64
	var stored, review []scanbatch.Form
	err := s.update(func(tx *bolt.Tx) error {
		stored, review = nil, append([]scanbatch.Form(nil), b.Review...)
		batches, err := scanSub(tx, scanBatchesKey, true)
		if err != nil {
			return err
		}
		if id, err = batches.NextSequence(); err != nil {
			return err
		}
		now := entryTime()
		w := newWriter(tx)
		rec := ScanBatchRecord{ID: id, Hash: b.Hash, Started: b.Started, Saved: now, Files: b.Files}
		for i := range b.Stored {
			f := b.Stored[i]
			r := f.Response
			h, err := w.survey(r.SurveyID)
			if err != nil {
				return err
			}
			if _, err := prepareNew(h, &r, now); err != nil {
				var up interface{ UserProblem() data.Problem }
				if errors.As(err, &up) {
					f.Problems = append(f.Problems, up.UserProblem())
					review = append(review, f)
					continue
				}
				return err
			}
			if err := w.insertOne(h, &r, 0); err != nil {
				return err
			}
			if err := putScanAudit(tx, r.SurveyID, r.ID, ScanAudit{Batch: id, Serial: f.Serial, Pages: f.Pages, Questions: f.Questions}); err != nil {
				return err
			}
			rec.Stored++
			stored = append(stored, f)
		}
		for _, f := range review {
			if err := queueScanForm(tx, id, now, f); err != nil {
				return err
			}
			rec.Review++
		}
		for _, f := range b.Unread {
			f.SurveyID = 0 // pages not identified wait under survey 0
			if err := queueScanForm(tx, id, now, f); err != nil {
				return err
			}
		}
		pages, err := scanSub(tx, scanPagesKey, true)
		if err != nil {
			return err
		}
		forms := append(append(append([]scanbatch.Form(nil), b.Stored...), b.Review...), b.Unread...)
		for _, f := range forms {
			for _, p := range f.Pages {
				k, err := hex.DecodeString(p.Hash)
				if err != nil || len(k) != 32 {
					return fmt.Errorf("page %d of %s: %w", p.Index+1, p.File, errScanNoPageRef)
				}
				v, err := encodeSealed(ScanPageSeen{Batch: id, SurveyID: f.SurveyID, Serial: f.Serial, File: p.File, Index: p.Index})
				if err != nil {
					return err
				}
				if err := pages.Put(k, v); err != nil {
					return err
				}
			}
		}
		v, err := encodeSealed(rec)
		if err != nil {
			return err
		}
		if err := batches.Put(u64Key(id), v); err != nil {
			return err
		}
		return w.finish()
	})
	if err != nil {
		return 0, fmt.Errorf("save scan batch: %w", err)
	}
	b.Stored, b.Review = stored, review
	return id, nil
}

// queueScanForm puts f in the review queue of its survey.
func queueScanForm(tx *bolt.Tx, batch uint64, now time.Time, f scanbatch.Form) error {
	q, err := scanSurveySub(tx, scanQueueKey, f.SurveyID, true)
	if err != nil {
		return err
	}
	ser, err := scanSurveySub(tx, scanSerialsKey, f.SurveyID, true)
	if err != nil {
		return err
	}
	item, err := q.NextSequence()
	if err != nil {
		return err
	}
	v, err := encodeSealed(ScanReview{ID: item, Batch: batch, Added: now, Form: f})
	if err != nil {
		return err
	}
	if err := q.Put(u64Key(item), v); err != nil {
		return err
	}
	if f.Serial != "" && ser.Get([]byte(f.Serial)) == nil {
		return ser.Put([]byte(f.Serial), u64Key(item))
	}
	return nil
}

func putScanAudit(tx *bolt.Tx, sid uint64, rid data.ResponseID, a ScanAudit) error {
	b, err := scanSurveySub(tx, scanAuditKey, sid, true)
	if err != nil {
		return err
	}
	v, err := encodeSealed(a)
	if err != nil {
		return err
	}
	return b.Put(append([]byte(nil), rid[:]...), v)
}

// ScanPagesSeen returns which of the page hashes (hex SHA-256) an earlier
// scan batch stored.
func (s *Store) ScanPagesSeen(hashes []string) (map[string]bool, error) {
	out := map[string]bool{}
	err := s.view(func(tx *bolt.Tx) error {
		b, _ := scanSub(tx, scanPagesKey, false)
		if b == nil {
			return nil
		}
		for _, h := range hashes {
			k, err := hex.DecodeString(h)
			if err == nil && b.Get(k) != nil {
				out[h] = true
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("look up scanned pages: %w", err)
	}
	return out, nil
}

// ScanSerialQueued reports whether a form of survey sid with this serial
// waits in the review queue.
func (s *Store) ScanSerialQueued(sid uint64, serial string) (bool, error) {
	found := false
	err := s.view(func(tx *bolt.Tx) error {
		b, _ := scanSurveySub(tx, scanSerialsKey, sid, false)
		found = b != nil && serial != "" && b.Get([]byte(serial)) != nil
		return nil
	})
	return found, err
}

// ScanReviews returns the forms waiting for review, of survey sid (0: of
// every survey), oldest first.
func (s *Store) ScanReviews(sid uint64) ([]ScanReview, error) {
	var out []ScanReview
	err := s.view(func(tx *bolt.Tx) error {
		q, _ := scanSub(tx, scanQueueKey, false)
		if q == nil {
			return nil
		}
		return q.ForEachBucket(func(k []byte) error {
			if len(k) != 8 || (sid != 0 && binary.BigEndian.Uint64(k) != sid) {
				return nil
			}
			return q.Bucket(k).ForEach(func(_, v []byte) error {
				var r ScanReview
				if err := decodeSealed(v, "form in the review queue", &r); err != nil {
					return err
				}
				out = append(out, r)
				return nil
			})
		})
	})
	if err != nil {
		return nil, fmt.Errorf("read the review queue: %w", err)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].Added.Equal(out[j].Added) {
			return out[i].Added.Before(out[j].Added)
		}
		return out[i].ID < out[j].ID
	})
	return out, nil
}

// ScanReviewCount returns how many forms wait for review, in all surveys.
func (s *Store) ScanReviewCount() (int, error) {
	n := 0
	err := s.view(func(tx *bolt.Tx) error {
		q, _ := scanSub(tx, scanQueueKey, false)
		if q == nil {
			return nil
		}
		return q.ForEachBucket(func(k []byte) error {
			n += q.Bucket(k).Stats().KeyN
			return nil
		})
	})
	return n, err
}

// ResolveScanReview stores r — the reviewed form item of survey sid's
// queue, its answers decided by a person — as a response, with the form's
// audit record (decided: the questions the person decided), and takes the
// form out of the queue: one transaction. r is completed as by
// AddResponse.
func (s *Store) ResolveScanReview(sid, item uint64, r *data.Response, decided map[uint32]int) error {
	orig := *r
	err := s.update(func(tx *bolt.Tx) error {
		rv, err := takeScanReview(tx, sid, item)
		if err != nil {
			return err
		}
		w := newWriter(tx)
		h, err := w.survey(sid)
		if err != nil {
			return err
		}
		r.SurveyID = sid
		if _, err := prepareNew(h, r, entryTime()); err != nil {
			return err
		}
		if err := w.insertOne(h, r, 0); err != nil {
			return err
		}
		a := ScanAudit{Batch: rv.Batch, Serial: rv.Serial, Pages: rv.Pages, Questions: rv.Questions, Reviewed: true, Decided: decided}
		if err := putScanAudit(tx, sid, r.ID, a); err != nil {
			return err
		}
		return w.finish()
	})
	if err != nil {
		*r = orig
		return fmt.Errorf("store the reviewed form: %w", err)
	}
	return nil
}

// DiscardScanReview takes a form out of the review queue without storing
// it (a form entered already, a page of another business).
func (s *Store) DiscardScanReview(sid, item uint64) error {
	err := s.update(func(tx *bolt.Tx) error {
		_, err := takeScanReview(tx, sid, item)
		return err
	})
	if err != nil {
		return fmt.Errorf("discard the form: %w", err)
	}
	return nil
}

// takeScanReview deletes queue item of survey sid (and its serial entry)
// and returns it.
func takeScanReview(tx *bolt.Tx, sid, item uint64) (ScanReview, error) {
	var rv ScanReview
	q, _ := scanSurveySub(tx, scanQueueKey, sid, false)
	if q == nil {
		return rv, fmt.Errorf("form %d of survey %d in the review queue: %w", item, sid, ErrNotFound)
	}
	v := q.Get(u64Key(item))
	if v == nil {
		return rv, fmt.Errorf("form %d of survey %d in the review queue: %w", item, sid, ErrNotFound)
	}
	if err := decodeSealed(v, "form in the review queue", &rv); err != nil {
		return rv, err
	}
	if err := q.Delete(u64Key(item)); err != nil {
		return rv, err
	}
	if ser, _ := scanSurveySub(tx, scanSerialsKey, sid, false); ser != nil && rv.Serial != "" {
		if cur := ser.Get([]byte(rv.Serial)); cur != nil && bytes.Equal(cur, u64Key(item)) {
			if err := ser.Delete([]byte(rv.Serial)); err != nil {
				return rv, err
			}
			// Another form with the serial still queued takes the entry.
			c := q.Cursor()
			for k, v := c.First(); k != nil; k, v = c.Next() {
				var o ScanReview
				if decodeSealed(v, "form in the review queue", &o) == nil && o.Serial == rv.Serial {
					if err := ser.Put([]byte(rv.Serial), append([]byte(nil), k...)); err != nil {
						return rv, err
					}
					break
				}
			}
		}
	}
	return rv, nil
}

// ScanAuditOf returns the scan audit record of a response; ok is false
// for a response that was not scanned.
func (s *Store) ScanAuditOf(sid uint64, id data.ResponseID) (a ScanAudit, ok bool, err error) {
	err = s.view(func(tx *bolt.Tx) error {
		b, _ := scanSurveySub(tx, scanAuditKey, sid, false)
		if b == nil {
			return nil
		}
		v := b.Get(id[:])
		if v == nil {
			return nil
		}
		ok = true
		return decodeSealed(v, "scan audit record", &a)
	})
	if err != nil {
		return a, false, fmt.Errorf("read the scan record of response %s: %w", id, err)
	}
	return a, ok, nil
}

// ScanBatches returns every stored scan batch, oldest first.
func (s *Store) ScanBatches() ([]ScanBatchRecord, error) {
	var out []ScanBatchRecord
	err := s.view(func(tx *bolt.Tx) error {
		b, _ := scanSub(tx, scanBatchesKey, false)
		if b == nil {
			return nil
		}
		return b.ForEach(func(_, v []byte) error {
			var r ScanBatchRecord
			if err := decodeSealed(v, "scan batch record", &r); err != nil {
				return err
			}
			out = append(out, r)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("list scan batches: %w", err)
	}
	return out, nil
}

// deleteSurveyScans removes survey sid's review queue, serials, audit
// records and remembered pages (the survey is being deleted).
func deleteSurveyScans(tx *bolt.Tx, sid uint64) error {
	top := tx.Bucket(bucketScans)
	if top == nil {
		return nil
	}
	for _, name := range [][]byte{scanQueueKey, scanSerialsKey, scanAuditKey} {
		if b := top.Bucket(name); b != nil && b.Bucket(u64Key(sid)) != nil {
			if err := b.DeleteBucket(u64Key(sid)); err != nil {
				return err
			}
		}
	}
	pages := top.Bucket(scanPagesKey)
	if pages == nil {
		return nil
	}
	var del [][]byte
	if err := pages.ForEach(func(k, v []byte) error {
		var p ScanPageSeen
		if decodeSealed(v, "scanned page", &p) == nil && p.SurveyID == sid {
			del = append(del, append([]byte(nil), k...))
		}
		return nil
	}); err != nil {
		return err
	}
	for _, k := range del {
		if err := pages.Delete(k); err != nil {
			return err
		}
	}
	return nil
}
