package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"

	"csatdesk/data"
)

// ErrStale is returned (wrapped) by AddPreparedBatch when a survey or the
// import changed after PrepareImportBatch: prepare the batch again.
var ErrStale = errors.New("the prepared batch is out of date")

// PreparedBatch is a batch of responses validated, completed, encoded and
// counted outside any write transaction, for AddPreparedBatch to write. It
// belongs to a pending import, or (import ID 0) to no import: AddResponses
// and AddImportBatch both write through it, so there is one batch path. It is added at most once, and its responses
// must not be changed in between.
type PreparedBatch struct {
	importID uint64
	source   string
	rs       []data.Response
	orig     []savedFields
	// raw holds the survey records prepared against, by survey ID.
	raw     map[uint64][]byte
	handles map[uint64]*surveyHandles
	rows    []prepRow // in the order of rs
	ord     []int32   // indexes of rows in key order
	side    []prepSide
	acc     *rollupAcc
	ar      arena
	used    bool
}

// prepRow is what one response writes.
type prepRow struct {
	fresh bool
	key   []byte // sid|wall|id
	value []byte
}

// prepSide is an external-ID (form false) or form-number index entry.
type prepSide struct {
	sid  uint64
	form bool
	key  []byte
}

// savedFields are the fields of a response that preparing fills in, and a
// failed batch restores.
type savedFields struct {
	source    string
	version   int
	noID      bool
	noEntered bool
}

// Responses returns the responses of the batch (as completed by
// PrepareImportBatch).
func (b *PreparedBatch) Responses() []data.Response { return b.rs }

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

// PrepareImportBatch does the per-response work of AddImportBatch outside
// any write transaction: it validates rs exactly as AddImportBatch does,
// fills in ID, EnteredAt, SurveyVersion and Source, encodes the values,
// builds the keys and index entries and sums the rollup changes. On error
// the responses are restored. Pass the result to AddPreparedBatch.
func (s *Store) PrepareImportBatch(importID uint64, rs []data.Response) (*PreparedBatch, error) {
	if importID == 0 {
		return nil, fmt.Errorf("prepare a batch: %w: no import ID", ErrNotFound)
	}
	return s.prepareBatch(importID, rs)
}

// prepareBatch is PrepareImportBatch; import ID 0 prepares a batch that
// belongs to no import (AddResponses).
func (s *Store) prepareBatch(importID uint64, rs []data.Response) (*PreparedBatch, error) {
	b := &PreparedBatch{importID: importID, rs: rs}
	if len(rs) == 0 {
		return b, nil
	}
	b.orig = make([]savedFields, len(rs))
	for i := range rs {
		b.orig[i] = savedFields{rs[i].Source, rs[i].SurveyVersion, rs[i].ID.IsZero(), rs[i].EnteredAt.IsZero()}
	}
	now := time.Now()
	if err := s.view(func(tx *bolt.Tx) error { return b.prepare(tx, now) }); err != nil {
		b.restore()
		return nil, fmt.Errorf("%s: %w", b.what(), err)
	}
	return b, nil
}

// what names the batch in errors.
func (b *PreparedBatch) what() string {
	if b.importID == 0 {
		return fmt.Sprintf("add %d responses", len(b.rs))
	}
	return fmt.Sprintf("import %d: add %d responses", b.importID, len(b.rs))
}

// addBatch prepares rs and writes them in one transaction, preparing again
// when a survey (or the import) changed in between.
func (s *Store) addBatch(importID uint64, rs []data.Response) error {
	if len(rs) == 0 {
		return nil
	}
	for try := 0; ; try++ {
		b, err := s.prepareBatch(importID, rs)
		if err != nil {
			return err
		}
		err = s.AddPreparedBatch(b)
		if err == nil || !errors.Is(err, ErrStale) || try == 9 {
			return err
		}
	}
}

// prepare fills b from b.rs in read transaction tx.
func (b *PreparedBatch) prepare(tx *bolt.Tx, now time.Time) error {
	if b.importID != 0 {
		rec, err := openImport(tx, b.importID)
		if err != nil {
			return err
		}
		b.source = data.SourceImport(rec.Hash)
	}
	b.raw = make(map[uint64][]byte)
	b.handles = make(map[uint64]*surveyHandles)
	b.acc = newRollupAcc()
	b.rows = make([]prepRow, len(b.rs))
	sides := 0
	for i := range b.rs {
		if b.rs[i].ExternalID != "" {
			sides++
		}
		if b.rs[i].FormNumber != "" {
			sides++
		}
	}
	b.side = make([]prepSide, 0, sides)
	var enc encoder
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
		r.SurveyVersion = h.sv.Version
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
		k := b.ar.alloc(8 + respKeyLen)[:0]
		k = binary.BigEndian.AppendUint64(k, r.SurveyID)
		k = appendRespKey(k, wall, r.ID)
		v := b.ar.copy(enc.encode(r, b.importID))
		b.rows[i] = prepRow{fresh, k, v}
		if i > 0 && sorted && bytes.Compare(b.rows[i-1].key, k) > 0 {
			sorted = false
		}
		for _, x := range [...]struct {
			form bool
			v    string
		}{{false, r.ExternalID}, {true, r.FormNumber}} {
			if x.v == "" {
				continue
			}
			sk := appendExtKey(b.ar.alloc(binary.MaxVarintLen64 + len(x.v) + 16)[:0], x.v, r.ID)
			b.side = append(b.side, prepSide{r.SurveyID, x.form, sk})
		}
		b.acc.add(r, &enc, 1)
	}
	b.ord = make([]int32, len(b.rs))
	for i := range b.ord {
		b.ord[i] = int32(i)
	}
	if !sorted {
		slices.SortFunc(b.ord, func(x, y int32) int { return bytes.Compare(b.rows[x].key, b.rows[y].key) })
	}
	slices.SortFunc(b.side, func(x, y prepSide) int { return bytes.Compare(x.key, y.key) })
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

// AddPreparedBatch writes a batch made by PrepareImportBatch in one
// transaction, as AddImportBatch does. When a survey of the batch or the
// import changed since it was prepared it returns an error wrapping
// ErrStale and writes nothing. On any error the responses are restored
// (prepare them again to retry); a batch is added at most once.
func (s *Store) AddPreparedBatch(b *PreparedBatch) error {
	if b == nil || len(b.rs) == 0 {
		return nil
	}
	if b.used {
		return fmt.Errorf("%s: the prepared batch was added already", b.what())
	}
	b.used = true
	err := s.update(func(tx *bolt.Tx) error {
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
		// Duplicates and the grouped ID and import-row indexes, in the
		// batch's order (so an error names the first offending row).
		for i := range b.rs {
			r := &b.rs[i]
			h := w.surveys[r.SurveyID]
			row := &b.rows[i]
			if !row.fresh {
				if dup, err := w.exists(h, r.ID); err != nil || dup {
					return cmpErr(err, fmt.Errorf("response %d (%s): %w", i+1, r.ID, ErrExists))
				}
			}
			g, err := w.group(h.ids, nil, r.ID, idRecLen)
			if err != nil {
				return fmt.Errorf("response %d: %w", i+1, err)
			}
			g.put(r.ID, row.key[8:16])
			if b.importID == 0 {
				continue
			}
			rows, err := w.importRows()
			if err != nil {
				return fmt.Errorf("response %d: %w", i+1, err)
			}
			g, err = w.group(rows, w.rowPrefix(b.importID, r.SurveyID), r.ID, rowRecLen)
			if err != nil {
				return fmt.Errorf("response %d: %w", i+1, err)
			}
			g.put(r.ID, nil)
		}
		for _, i := range b.ord {
			row := &b.rows[i]
			if err := w.surveys[b.rs[i].SurveyID].responses.Put(row.key[8:], row.value); err != nil {
				return fmt.Errorf("response %d: %w", i+1, err)
			}
		}
		for _, e := range b.side {
			h := w.surveys[e.sid]
			bk := h.extids
			if e.form {
				bk = h.forms
			}
			if err := bk.Put(e.key, nil); err != nil {
				return err
			}
		}
		if b.importID != 0 {
			if err := bumpImport(tx, b.importID, len(b.rs)); err != nil {
				return err
			}
		}
		w.acc = b.acc
		return w.finish()
	})
	// The transaction is over: bbolt holds none of the batch's keys and
	// values any more, and the batch is never added again.
	b.rows, b.side = nil, nil
	b.ar.release()
	if err != nil {
		b.restore()
		return fmt.Errorf("%s: %w", b.what(), err)
	}
	return nil
}
