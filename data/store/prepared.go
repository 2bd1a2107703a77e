package store

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"

	"csatdesk/data"
)

// ErrStale is returned (wrapped) by ImportTx.AddPrepared when a survey or
// the import changed after ImportTx.Prepare: prepare the batch again.
var ErrStale = errors.New("the prepared batch is out of date")

// ImportBatch is what one transaction of an import writes.
type ImportBatch struct {
	// Rows are new responses. Prepare validates and completes them as
	// AddResponses does and sets their Source to the import's; the
	// elements are filled in (and restored when writing fails).
	Rows []data.Response
	// SurveyID is the survey of Replace and Same; 0 means the import's.
	SurveyID uint64
	// Replace lists stored responses (found, say, by their respondent ID)
	// that Finish removes. IDs that are gone by then, or that the import
	// wrote itself, are passed over.
	Replace []data.ResponseID
	// Same holds new responses that carry the ID of a stored response.
	// They are validated and completed as Rows are (the slice is not
	// changed) and kept aside; Finish removes the stored response with
	// that ID, if any, and stores the new one in its place.
	Same []data.Response
	// Contacts holds the contact of Rows[i] at index i (shorter, or
	// empty, when the rest left none); written with the rows, apart from
	// them (contacts.go).
	Contacts []data.Contact
}

// PreparedBatch is a batch of responses validated, completed, encoded and
// counted outside any write transaction, for ImportTx.AddPrepared to write.
// It belongs to a pending import, or (import ID 0) to no import:
// AddResponses writes through it too, so there is one batch path. It is
// added at most once, and its responses must not be changed in between.
type PreparedBatch struct {
	importID uint64
	source   string
	rs       []data.Response
	orig     []savedFields
	// raw holds the survey records prepared against, by survey ID.
	raw     map[uint64][]byte
	handles map[uint64]*surveyHandles
	rows    []insertion // in the order of rs
	fresh   []bool      // fresh[i]: rs[i]'s ID was made here and cannot collide
	ord     []int32     // indexes of rows in key order
	acc     *rollupAcc
	ar      arena
	used    bool
	// What the batch replaces (ImportBatch.Replace and Same).
	batch ImportBatch
	// dict holds the strings the values name, with those new to the
	// store (written with the batch).
	dict   *dict
	rsid   uint64
	staged []stagedRow
}

// stagedRow is a row of ImportBatch.Same, prepared: its staged key and
// encoded value.
type stagedRow struct{ key, value []byte }

// savedFields are the fields of a response that preparing fills in, and a
// failed batch restores.
type savedFields struct {
	source    string
	version   int
	noID      bool
	noEntered bool
}

// Responses returns the new responses of the batch (as completed by
// Prepare).
func (b *PreparedBatch) Responses() []data.Response { return b.rs }

// Batch returns the batch as it was given to Prepare (its Rows restored if
// writing failed), to be prepared again after ErrStale.
func (b *PreparedBatch) Batch() ImportBatch {
	ib := b.batch
	ib.Rows = b.rs
	return ib
}

func (b *PreparedBatch) restore() {
	for i, o := range b.orig {
		r := &b.rs[i]
		r.Source, r.SurveyVersion = o.source, o.version
		if o.noID {
			r.ID = data.ResponseID{}
		}
		if o.noEntered {
			r.EnteredAt = time.Time{}
		}
	}
}

// prepareBatch prepares ib for import importID (0: no import, AddResponses;
// then ib holds Rows only) in a read transaction: it validates the rows as
// AddResponses does, fills in ID, EnteredAt, SurveyVersion and Source,
// encodes the values, builds the keys and index entries, sums the rollup
// changes and prepares what the batch replaces. On error the responses are
// restored.
func (s *Store) prepareBatch(importID uint64, ib ImportBatch) (*PreparedBatch, error) {
	b := newPrepared(importID, ib)
	if b.empty() {
		return b, nil
	}
	now := entryTime()
	if err := s.view(func(tx *bolt.Tx) error { return b.prepare(tx, now) }); err != nil {
		b.restore()
		return nil, fmt.Errorf("%s: %w", b.what(), err)
	}
	return b, nil
}

// newPrepared starts a PreparedBatch of ib, remembering the fields of
// its rows that preparing fills in.
func newPrepared(importID uint64, ib ImportBatch) *PreparedBatch {
	rs := ib.Rows
	b := &PreparedBatch{importID: importID, rs: rs, batch: ib}
	b.batch.Rows = nil
	b.orig = make([]savedFields, len(rs))
	for i := range rs {
		b.orig[i] = savedFields{rs[i].Source, rs[i].SurveyVersion, rs[i].ID.IsZero(), rs[i].EnteredAt.IsZero()}
	}
	return b
}

// empty reports whether the batch writes nothing.
func (b *PreparedBatch) empty() bool {
	return len(b.rs) == 0 && len(b.batch.Replace) == 0 && len(b.batch.Same) == 0
}

// what names the batch in errors.
func (b *PreparedBatch) what() string {
	if b.importID == 0 {
		return fmt.Sprintf("add %d responses", len(b.rs))
	}
	if n := len(b.batch.Replace) + len(b.batch.Same); n > 0 {
		return fmt.Sprintf("import %d: add %d responses, record %d responses to replace", b.importID, len(b.rs), n)
	}
	return fmt.Sprintf("import %d: add %d responses", b.importID, len(b.rs))
}

// addBatch prepares ib and writes it in one transaction, preparing again
// when a survey (or the import) changed in between.
func (s *Store) addBatch(importID uint64, ib ImportBatch) error {
	if len(ib.Rows) == 0 && len(ib.Replace) == 0 && len(ib.Same) == 0 {
		return nil
	}
	for try := 0; ; try++ {
		b, err := s.prepareBatch(importID, ib)
		if err != nil {
			return err
		}
		err = s.addPrepared(b)
		if err == nil || !errors.Is(err, ErrStale) || try == 9 {
			return err
		}
	}
}

// prepare fills b from b.rs and b.batch in read transaction tx.
func (b *PreparedBatch) prepare(tx *bolt.Tx, now time.Time) error {
	var rec ImportRecord
	if b.importID != 0 {
		var err error
		if rec, err = openImport(tx, b.importID); err != nil {
			return err
		}
		b.source = data.SourceImport(rec.Hash)
	}
	b.raw = make(map[uint64][]byte)
	b.handles = make(map[uint64]*surveyHandles)
	b.acc = newRollupAcc()
	b.rows = make([]insertion, len(b.rs))
	b.fresh = make([]bool, len(b.rs))
	b.dict = newDict(tx)
	enc := encoder{d: b.dict}
	var seen map[data.ResponseID]struct{}
	sorted := true
	for i := range b.rs {
		r := &b.rs[i]
		if b.source != "" {
			r.Source = b.source
		}
		h, err := b.survey(tx, r.SurveyID)
		if err != nil {
			return fmt.Errorf("response %d: %w", i+1, err)
		}
		matched := enc.extractFor(r, h)
		if !h.quickValid(r, &enc, matched) {
			if err := r.Validate(&h.sv); err != nil {
				return fmt.Errorf("response %d: %w", i+1, err)
			}
		}
		fresh := false
		if r.ID.IsZero() {
			r.ID = data.NewResponseID(now)
			fresh = true
		}
		if r.EnteredAt.IsZero() {
			r.EnteredAt = now
		}
		r.SurveyVersion = versionOf(h, r)
		if !fresh {
			stored := false
			if ids := surveyBucket(tx, bucketIDs, r.SurveyID); ids != nil {
				if _, stored, err = lookupGrouped(ids, nil, r.ID, idRecLen); err != nil {
					return err
				}
			}
			if seen == nil {
				seen = make(map[data.ResponseID]struct{})
			}
			if _, dup := seen[r.ID]; dup || stored {
				return fmt.Errorf("response %d (%s): %w", i+1, r.ID, ErrExists)
			}
			seen[r.ID] = struct{}{}
		}
		wall, ok := wallNanos(r.CollectedAt)
		if !ok {
			return fmt.Errorf("response %d: date out of range", i+1)
		}
		k := appendRespKey(b.ar.alloc(respKeyLen)[:0], wall, r.ID)
		v, err := enc.encode(r, b.importID)
		if err != nil {
			return fmt.Errorf("response %d: %w", i+1, err)
		}
		x := insertion{h: h, r: r, importID: b.importID, key: k, value: b.ar.copy(enc.seal(v))}
		if r.ExternalID != "" {
			x.ext = appendExtKey(b.ar.alloc(binary.MaxVarintLen64 + len(r.ExternalID) + 16)[:0], r.ExternalID, r.ID)
		}
		if r.FormNumber != "" {
			x.form = appendExtKey(b.ar.alloc(binary.MaxVarintLen64 + len(r.FormNumber) + 16)[:0], r.FormNumber, r.ID)
		}
		b.rows[i], b.fresh[i] = x, fresh
		if i > 0 && sorted && (b.rows[i-1].r.SurveyID > r.SurveyID ||
			b.rows[i-1].r.SurveyID == r.SurveyID && bytes.Compare(b.rows[i-1].key, k) > 0) {
			sorted = false
		}
		b.acc.add(r, &enc, 1)
	}
	if !sorted {
		b.ord = make([]int32, len(b.rs))
		for i := range b.ord {
			b.ord[i] = int32(i)
		}
		slices.SortFunc(b.ord, func(x, y int32) int {
			rx, ry := b.rows[x], b.rows[y]
			if c := cmp.Compare(rx.r.SurveyID, ry.r.SurveyID); c != 0 {
				return c
			}
			return bytes.Compare(rx.key, ry.key)
		})
	}
	return b.prepareReplacing(tx, &rec, now)
}

// prepareReplacing prepares b.batch.Replace and Same of import rec.
func (b *PreparedBatch) prepareReplacing(tx *bolt.Tx, rec *ImportRecord, now time.Time) error {
	ib := &b.batch
	if len(ib.Replace) == 0 && len(ib.Same) == 0 {
		return nil
	}
	if b.importID == 0 {
		return errors.New("only an import replaces responses")
	}
	b.rsid = ib.SurveyID
	if b.rsid == 0 {
		b.rsid = rec.SurveyID
	}
	h, err := b.survey(tx, b.rsid)
	if err != nil {
		return err
	}
	enc := encoder{d: b.dict}
	for i := range ib.Same {
		r := ib.Same[i] // a copy: the caller's slice stays as it was
		if r.SurveyID != b.rsid {
			return fmt.Errorf("response %d to replace belongs to survey %d, not %d", i+1, r.SurveyID, b.rsid)
		}
		if r.ID.IsZero() {
			return fmt.Errorf("response %d has no ID to replace", i+1)
		}
		r.Source = b.source
		if _, err := prepareNew(h, &r, now); err != nil {
			return fmt.Errorf("response %d (%s): %w", i+1, r.ID, err)
		}
		wall, ok := wallNanos(r.CollectedAt)
		if !ok {
			return fmt.Errorf("response %d: date out of range", i+1)
		}
		k := appendStagedKey(b.ar.alloc(stagedKeyLen)[:0], b.importID, b.rsid, wall, r.ID)
		v, err := enc.encodeResponse(&r, b.importID)
		if err != nil {
			return fmt.Errorf("response %d (%s): %w", i+1, r.ID, err)
		}
		b.staged = append(b.staged, stagedRow{k, b.ar.copy(enc.seal(v))})
	}
	return nil
}

// survey returns the handles of survey sid, read in tx, and remembers the
// record they were made from.
func (b *PreparedBatch) survey(tx *bolt.Tx, sid uint64) (*surveyHandles, error) {
	if h := b.handles[sid]; h != nil {
		return h, nil
	}
	sv, err := getSurvey(tx, sid)
	if err != nil {
		return nil, err
	}
	b.raw[sid] = bytes.Clone(tx.Bucket(bucketSurveys).Get(u64Key(sid)))
	h := newHandles(sv)
	b.handles[sid] = h
	return h, nil
}

// addPrepared writes a batch made by prepareBatch in one transaction: its
// rows through writer.insert, its import's Added count, and what it
// replaces (the supersede and staged lists, see supersede.go). When a
// survey of the batch or the import changed since it was prepared it
// returns an error wrapping ErrStale and writes nothing. On any error the
// responses are restored (prepare them again to retry); a batch is added
// at most once.
func (s *Store) addPrepared(b *PreparedBatch) error {
	if b == nil || b.empty() {
		return nil
	}
	if b.used {
		return fmt.Errorf("%s: the prepared batch was added already", b.what())
	}
	b.used = true
	err := s.update(b.write)
	// The transaction is over: bbolt holds none of the batch's keys and
	// values any more, and the batch is never added again.
	b.rows, b.staged = nil, nil
	b.ar.release()
	if err != nil {
		b.restore()
		return fmt.Errorf("%s: %w", b.what(), err)
	}
	return nil
}

// write writes the prepared batch in write transaction tx (addPrepared's
// work, also done by CreateSurveyWith inside its own transaction).
func (b *PreparedBatch) write(tx *bolt.Tx) error {
	{
		w := newWriter(tx)
		sb, err := bucket(tx, bucketSurveys)
		if err != nil {
			return err
		}
		for sid, raw := range b.raw {
			if !bytes.Equal(sb.Get(u64Key(sid)), raw) {
				return fmt.Errorf("survey %d changed: %w", sid, ErrStale)
			}
		}
		if b.importID != 0 {
			rec, err := openImport(tx, b.importID)
			if err != nil {
				return err
			}
			if data.SourceImport(rec.Hash) != b.source {
				return fmt.Errorf("import %d changed: %w", b.importID, ErrStale)
			}
		}
		for sid, ph := range b.handles {
			h := *ph
			if err := w.bind(&h, sid); err != nil {
				return err
			}
			w.surveys[sid] = &h
		}
		// Duplicates, in the batch's order (so an error names the first
		// offending row).
		for i := range b.rows {
			x := &b.rows[i]
			x.h = w.surveys[x.r.SurveyID]
			if !b.fresh[i] {
				if dup, err := w.exists(x.h, x.r.ID); err != nil || dup {
					return cmpErr(err, fmt.Errorf("response %d (%s): %w", i+1, x.r.ID, ErrExists))
				}
			}
		}
		if err := b.dict.writePending(tx); err != nil {
			return err
		}
		w.acc = b.acc
		if err := w.insert(b.rows, b.ord, true); err != nil {
			return err
		}
		if err := b.writeReplacing(w); err != nil {
			return err
		}
		if err := writeContactsTx(tx, b.rs, b.batch.Contacts); err != nil { // contacts.go
			return err
		}
		if b.importID != 0 && len(b.rs) > 0 {
			if err := bumpImport(tx, b.importID, len(b.rs)); err != nil {
				return err
			}
		}
		return w.finish()
	}
}
