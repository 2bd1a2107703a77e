package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"slices"

	bolt "go.etcd.io/bbolt"

	"csatdesk/data"
)

// The one insert path.
//
// Every response that enters the store — typed (AddResponse, AddResponses),
// edited (UpdateResponse), imported (ImportTx batches), put in place of a
// replaced one when an import finishes (its staged rows), or brought back by
// RestoreResponses — goes through writer.insert, which writes everything a
// stored response is:
//
//	responses/<sid>/<wall><id>                 the value
//	ids/<sid>/<id ms>                          its ID-index record (the wall time)
//	importrows/<import><sid><id ms>            its import-row record, when it came with an import
//	extids/<sid>/<len><ExternalID><id>         when it has a respondent ID
//	forms/<sid>/<len><FormNumber><id>          when it has a form number
//	rollups/<sid>/<segment><day>               +1 in every histogram it counts in
//
// Callers only decide what to check first (a duplicate ID, a stale survey)
// and how the value was made (encoded now, prepared outside the write
// transaction, or copied back byte for byte). writer.remove is its inverse.

// insertion is one response for writer.insert.
type insertion struct {
	h        *surveyHandles // its survey, bound to the write transaction
	r        *data.Response // complete and valid; its ID is not stored yet
	importID uint64         // the import it comes with; 0 for none
	key      []byte         // wall|id in the survey's responses bucket
	value    []byte         // the encoded response
	// ext and form are its external-ID and form-number index keys, made
	// beforehand (a prepared batch); nil means make them from r.
	ext, form []byte
}

// insert stores rows, in w's transaction, with everything a stored response
// is (see above): the ID-index and import-row records are recorded in the
// order of rows (so an error names the first row at fault), the values are
// Put in the order ord (nil: the order of rows; a prepared batch passes key
// order, which bbolt writes fastest) and the index entries in key order.
// counted says the caller summed the rows into w.acc already (a prepared
// batch, insertOne); otherwise each row is counted here. w.finish writes
// the ID groups and rollups.
func (w *writer) insert(rows []insertion, ord []int32, counted bool) error {
	sides := 0
	for i := range rows {
		x := &rows[i]
		if len(x.key) != respKeyLen {
			return fmt.Errorf("response %d: a responses key of %d bytes", i+1, len(x.key))
		}
		g, err := w.group(x.h.ids, nil, x.r.ID, idRecLen)
		if err != nil {
			return fmt.Errorf("response %d: %w", i+1, err)
		}
		g.put(x.r.ID, x.key[:wallLen])
		if x.importID != 0 {
			b, err := w.importRows()
			if err != nil {
				return err
			}
			g, err := w.group(b, w.rowPrefix(x.importID, x.r.SurveyID), x.r.ID, rowRecLen)
			if err != nil {
				return fmt.Errorf("response %d: %w", i+1, err)
			}
			g.put(x.r.ID, nil)
		}
		if !counted {
			w.enc.extractFor(x.r, x.h)
			w.acc.add(x.r, &w.enc, 1)
		}
		if x.r.ExternalID != "" {
			sides++
		}
		if x.r.FormNumber != "" {
			sides++
		}
	}
	put := func(i int) error {
		x := &rows[i]
		if err := x.h.responses.Put(x.key, x.value); err != nil {
			return fmt.Errorf("response %d: %w", i+1, err)
		}
		return nil
	}
	if ord == nil {
		for i := range rows {
			if err := put(i); err != nil {
				return err
			}
		}
	} else {
		for _, i := range ord {
			if err := put(int(i)); err != nil {
				return err
			}
		}
	}
	if sides == 0 {
		return nil
	}
	if cap(w.side) < sides {
		w.side = make([]sideEntry, 0, sides)
	}
	side := w.side[:0]
	for i := range rows {
		x := &rows[i]
		for _, e := range [...]struct {
			form bool
			v    string
			key  []byte
		}{{false, x.r.ExternalID, x.ext}, {true, x.r.FormNumber, x.form}} {
			if e.v == "" {
				continue
			}
			k := e.key
			if k == nil {
				k = appendExtKey(w.ar.alloc(binary.MaxVarintLen64 + len(e.v) + 16)[:0], e.v, x.r.ID)
			}
			b := x.h.extids
			if e.form {
				b = x.h.forms
			}
			side = append(side, sideEntry{b, k})
		}
	}
	// Rows in file order mostly bring respondent IDs and form numbers in
	// increasing order too: then there is nothing to sort.
	bySideKey := func(a, b sideEntry) int { return bytes.Compare(a.key, b.key) }
	if !slices.IsSortedFunc(side, bySideKey) {
		slices.SortFunc(side, bySideKey)
	}
	for _, e := range side {
		if err := e.b.Put(e.key, nil); err != nil {
			return err
		}
	}
	w.side = side[:0]
	return nil
}

// sideEntry is an external-ID or form-number index entry for insert.
type sideEntry struct {
	b   *bolt.Bucket
	key []byte
}

// insertOne encodes r (complete and valid) for import importID (0: none)
// and inserts it.
func (w *writer) insertOne(h *surveyHandles, r *data.Response, importID uint64) error {
	wall, ok := wallNanos(r.CollectedAt)
	if !ok {
		return fmt.Errorf("response %s: date %s out of range", r.ID, r.CollectedAt)
	}
	key := appendRespKey(w.ar.alloc(respKeyLen)[:0], wall, r.ID)
	w.enc.extractFor(r, h)
	v, err := w.enc.encode(r, importID)
	if err != nil {
		return err
	}
	value := w.ar.copy(w.enc.seal(v))
	w.acc.add(r, &w.enc, 1)
	w.one[0] = insertion{h: h, r: r, importID: importID, key: key, value: value}
	err = w.insert(w.one[:], nil, true)
	w.one[0] = insertion{}
	return err
}
