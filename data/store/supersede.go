package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"csatdesk/data"
)

// Replacing stored responses on import.
//
// An import that replaces responses stored before (a newer export of the
// same source, with the same respondent IDs) must not remove them until it
// is finished: a cancelled, failed or killed import leaves them as they
// were. So a pending import only records what it will replace, in two
// buckets of its own, written batch by batch; ImportTx.Finish removes the old
// responses and writes the replacements in the transaction that flips the
// import to "done". A rollback (AbortImport, or Open after a crash) drops
// the two lists with the import's rows.
//
//	supersede
//	└── <import u64><sid u64><id[0:6] ms> → n × <id[6:16]>  stored responses the import replaces, grouped
//	staged
//	└── <import u64><sid u64><wall u64><id [16]byte> → response value  rows that carry the ID of a stored response
//
// Both buckets are created on first use and are empty whenever no import is
// pending, so a file without them is a file with nothing to replace: no
// schema change. A staged row cannot be written while the import is pending
// because the response it replaces holds its ID; it is written, tagged with
// the import, by ImportTx.Finish.
var (
	bucketSupersede = []byte("supersede")
	bucketStaged    = []byte("staged")
)

// stagedKeyLen is the length of a key in the staged bucket.
const stagedKeyLen = 8 + 8 + respKeyLen

// appendStagedKey appends import|sid|wall|id.
func appendStagedKey(dst []byte, imp, sid, wall uint64, id data.ResponseID) []byte {
	dst = binary.BigEndian.AppendUint64(dst, imp)
	dst = binary.BigEndian.AppendUint64(dst, sid)
	return appendRespKey(dst, wall, id)
}

// parseStagedKey splits a staged key into the survey and the responses key
// wall|id (which aliases k).
func parseStagedKey(k []byte) (sid uint64, respKey []byte, err error) {
	if len(k) != stagedKeyLen {
		return 0, nil, fmt.Errorf("staged key of %d bytes: %w", len(k), errBadKey)
	}
	return binary.BigEndian.Uint64(k[8:]), k[16:], nil
}

// Repeat is what a new response repeats of the stored responses of its
// survey (Repeats).
type Repeat struct {
	// SameID: a response with the new one's CSAT Desk response ID is
	// stored. The ID is taken until the import finishes, so the new row
	// must be kept aside (ImportBatch.Same) even when the stored one goes
	// with the import replaced whole.
	SameID bool
	// SameIDReplaced: that stored response belongs to the import replaced
	// whole, which removes it anyway: replacing it is not counted.
	SameIDReplaced bool
	// ByExt lists the stored responses with the new one's external
	// (respondent) ID, except those of the import replaced whole.
	ByExt []data.ResponseID
}

// Repeats tells which stored responses of survey surveyID a new response
// with ID id (zero: none) and external (respondent) ID ext would repeat.
// replaced is the earlier import of the same file that the new import
// replaces whole (0: none): its responses go at ImportTx.Finish anyway, so
// they need not be listed one by one. One read transaction; for duplicate
// handling on import.
func (s *Store) Repeats(surveyID uint64, id data.ResponseID, ext string, replaced uint64) (Repeat, error) {
	var rp Repeat
	err := s.view(func(tx *bolt.Tx) error {
		var rows *bolt.Bucket
		var prefix []byte
		if replaced != 0 {
			rows, prefix = tx.Bucket(bucketImportRows), importRowPrefix(replaced, surveyID)
		}
		// ofReplaced tells whether stored response r came with import replaced.
		ofReplaced := func(r data.ResponseID) (bool, error) {
			if rows == nil {
				return false, nil
			}
			_, ok, err := lookupGrouped(rows, prefix, r, rowRecLen)
			return ok, err
		}
		if !id.IsZero() {
			if ids := surveyBucket(tx, bucketIDs, surveyID); ids != nil {
				var err error
				if _, rp.SameID, err = lookupGrouped(ids, nil, id, idRecLen); err != nil {
					return err
				}
				if rp.SameID {
					if rp.SameIDReplaced, err = ofReplaced(id); err != nil {
						return err
					}
				}
			}
		}
		if ext != "" {
			if b := surveyBucket(tx, bucketExtIDs, surveyID); b != nil {
				for _, r := range extIDsOf(b, ext, nil) {
					gone, err := ofReplaced(r)
					if err != nil {
						return err
					}
					if !gone {
						rp.ByExt = append(rp.ByExt, r)
					}
				}
			}
		}
		if !rp.SameID && len(rp.ByExt) == 0 && surveyBucket(tx, bucketResponses, surveyID) == nil {
			if _, err := getSurvey(tx, surveyID); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return Repeat{}, fmt.Errorf("look up earlier responses of survey %d: %w", surveyID, err)
	}
	return rp, nil
}

// extIDsOf appends to dst the IDs that index b (extids or forms) lists
// under value.
func extIDsOf(b *bolt.Bucket, value string, dst []data.ResponseID) []data.ResponseID {
	prefix := extPrefix(value)
	c := b.Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		if len(k) == len(prefix)+16 {
			var id data.ResponseID
			copy(id[:], k[len(prefix):])
			dst = append(dst, id)
		}
	}
	return dst
}

// writeReplacing records, in w's transaction, what batch b replaces once
// its import is finished: ImportBatch.Replace under supersede and the
// prepared rows of ImportBatch.Same under staged. Nothing visible changes
// before the import finishes; a rollback forgets both lists. Written batch
// by batch, they keep memory that of one batch however large the file.
func (b *PreparedBatch) writeReplacing(w *writer) error {
	if len(b.batch.Replace) > 0 {
		sb, err := w.tx.CreateBucketIfNotExists(bucketSupersede)
		if err != nil {
			return err
		}
		sb.FillPercent = appendFill
		prefix := importRowPrefix(b.importID, b.rsid)
		for _, id := range b.batch.Replace {
			g, err := w.group(sb, prefix, id, rowRecLen)
			if err != nil {
				return err
			}
			g.put(id, nil)
		}
	}
	if len(b.staged) > 0 {
		sb, err := w.tx.CreateBucketIfNotExists(bucketStaged)
		if err != nil {
			return err
		}
		for _, x := range b.staged {
			if err := sb.Put(x.key, x.value); err != nil {
				return err
			}
		}
	}
	return nil
}

// finishReplacing does the replacing part of ImportTx.Finish for import rec,
// in w's transaction: it removes the earlier import rec.Replaces (when it is
// done; one that is pending or being aborted is left to its rollback), then
// the responses the import's supersede list names, then stores its staged
// rows in place of the responses holding their IDs, and empties both lists.
// It returns how many stored responses were replaced (the earlier import
// not counted) and how many staged rows were stored.
func finishReplacing(w *writer, rec *ImportRecord) (replaced, added int, err error) {
	if rec.Replaces != 0 && rec.Replaces != rec.ID {
		earlier, err := getImport(w.tx, rec.Replaces)
		switch {
		case errors.Is(err, ErrNotFound): // removed meanwhile: nothing to do
		case err != nil:
			return 0, 0, err
		case earlier.State == ImportDone:
			if _, err := removeImportRows(w, earlier.ID, 0); err != nil {
				return 0, 0, fmt.Errorf("remove the earlier import %d: %w", earlier.ID, err)
			}
			imps, err := bucket(w.tx, bucketImports)
			if err != nil {
				return 0, 0, err
			}
			if err := imps.Delete(u64Key(earlier.ID)); err != nil {
				return 0, 0, err
			}
		}
	}
	prefix := u64Key(rec.ID)
	if b := w.tx.Bucket(bucketSupersede); b != nil {
		c := b.Cursor()
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			_, sid, err := parseImportRowKey(k)
			if err != nil || len(v)%rowRecLen != 0 {
				return 0, 0, fmt.Errorf("supersede list %x: %w", k, ErrCorrupt)
			}
			h, err := w.survey(sid)
			if errors.Is(err, ErrNotFound) {
				continue // the survey was deleted meanwhile
			}
			if err != nil {
				return 0, 0, err
			}
			g := idGroup{key: k, recLen: rowRecLen, data: v}
			for _, id := range g.ids() {
				old, key, err := w.lookup(h, id)
				if errors.Is(err, ErrNotFound) {
					continue // deleted or replaced meanwhile
				}
				if err != nil {
					return 0, 0, err
				}
				if old.importID == rec.ID {
					continue // a row of this very import
				}
				if err := w.remove(h, &old, key); err != nil {
					return 0, 0, err
				}
				replaced++
			}
		}
		if err := deletePrefix(b, prefix, 0); err != nil {
			return 0, 0, err
		}
	}
	if b := w.tx.Bucket(bucketStaged); b != nil {
		c := b.Cursor()
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			sid, rk, err := parseStagedKey(k)
			if err != nil {
				return 0, 0, fmt.Errorf("%w: %w", err, ErrCorrupt)
			}
			h, err := w.survey(sid)
			if errors.Is(err, ErrNotFound) {
				continue
			}
			if err != nil {
				return 0, 0, err
			}
			sr, err := decodeResponse(w.dict, sid, rk, v)
			if err != nil {
				return 0, 0, err
			}
			old, key, err := w.lookup(h, sr.ID)
			switch {
			case err == nil:
				if err := w.remove(h, &old, key); err != nil {
					return 0, 0, err
				}
				replaced++
			case !errors.Is(err, ErrNotFound):
				return 0, 0, err
			}
			if err := w.insertOne(h, &sr.Response, rec.ID); err != nil {
				return 0, 0, err
			}
			added++
		}
		if err := deletePrefix(b, prefix, 0); err != nil {
			return 0, 0, err
		}
	}
	return replaced, added, nil
}

// dropReplacing deletes up to limit keys of import id's supersede and
// staged lists and reports how many it deleted; for a rollback.
func dropReplacing(tx *bolt.Tx, id uint64, limit int) (int, error) {
	n := 0
	for _, name := range [][]byte{bucketSupersede, bucketStaged} {
		b := tx.Bucket(name)
		if b == nil || n >= limit {
			continue
		}
		k, err := deletePrefixCount(b, u64Key(id), limit-n)
		if err != nil {
			return n, err
		}
		n += k
	}
	return n, nil
}

// deletePrefix deletes every key of b that starts with prefix, or the first
// limit of them (limit > 0).
func deletePrefix(b *bolt.Bucket, prefix []byte, limit int) error {
	_, err := deletePrefixCount(b, prefix, limit)
	return err
}

func deletePrefixCount(b *bolt.Bucket, prefix []byte, limit int) (int, error) {
	n := 0
	c := b.Cursor()
	var last []byte
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix) && (limit <= 0 || n < limit); k, _ = c.Seek(prefix) {
		if last != nil && bytes.Equal(k, last) {
			// The delete did not take: a damaged page. Stop, not loop.
			return n, fmt.Errorf("%w: key %x cannot be deleted", ErrCorrupt, k)
		}
		last = append(last[:0], k...)
		if err := c.Delete(); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}
