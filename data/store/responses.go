package store

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"fmt"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"csatdesk/data"
)

// appendFill is the fill percent of buckets whose keys mostly arrive in
// increasing order (responses by date, IDs by entry time): pages are packed
// nearly full instead of half, which makes the file smaller and appends
// faster.
const appendFill = 0.9

// surveyHandles caches what a write transaction needs of one survey.
type surveyHandles struct {
	sv       data.Survey
	numQ     []uint32 // numeric question IDs, sorted
	numRange [][2]int // numRange[i] is the Min and Max of numQ[i]
	textQ    []uint32 // text question IDs, sorted
	// required lists the required questions that are not retired, for
	// quickValid; quick is false when sv has repeated question IDs (then
	// only data.Response.Validate decides).
	required  []data.Question
	quick     bool
	responses *bolt.Bucket
	ids       *bolt.Bucket
	extids    *bolt.Bucket
	forms     *bolt.Bucket
}

// writer carries the state of one write transaction.
type writer struct {
	tx      *bolt.Tx
	surveys map[uint64]*surveyHandles
	acc     *rollupAcc
	ar      arena
	enc     encoder
	dict    *dict
	key     []byte
	imprs   *bolt.Bucket
	groups  map[groupKey]*idGroup
	// lastGroups caches the two groups used last (ID index, import rows).
	lastGroups [2]*idGroup
	// side and one are insert's scratch space.
	side []sideEntry
	one  [1]insertion
	// impPrefix caches importRowPrefix(impID, impSID) for stage.
	impPrefix     []byte
	impID, impSID uint64
}

// rowPrefix returns importRowPrefix(imp, sid), computed once per pair.
func (w *writer) rowPrefix(imp, sid uint64) []byte {
	if w.impPrefix == nil || w.impID != imp || w.impSID != sid {
		w.impPrefix, w.impID, w.impSID = importRowPrefix(imp, sid), imp, sid
	}
	return w.impPrefix
}

func newWriter(tx *bolt.Tx) *writer {
	w := &writer{tx: tx, surveys: make(map[uint64]*surveyHandles), acc: newRollupAcc(), dict: newDict(tx)}
	w.enc.d = w.dict
	return w
}

// survey returns the handles of survey sid, or ErrNotFound.
func (w *writer) survey(sid uint64) (*surveyHandles, error) {
	if h := w.surveys[sid]; h != nil {
		return h, nil
	}
	sv, err := getSurvey(w.tx, sid)
	if err != nil {
		return nil, err
	}
	h := newHandles(sv)
	if err := w.bind(h, sid); err != nil {
		return nil, err
	}
	w.surveys[sid] = h
	return h, nil
}

// newHandles computes the transaction-independent part of surveyHandles
// (everything but the buckets) for survey sv.
func newHandles(sv data.Survey) *surveyHandles {
	h := &surveyHandles{sv: sv, quick: true}
	var nums []data.Question
	seenQ := make(map[uint32]bool, len(sv.Questions))
	for _, q := range sv.Questions {
		if seenQ[q.ID] {
			h.quick = false
		}
		seenQ[q.ID] = true
		if q.Numeric() {
			nums = append(nums, q)
		} else {
			h.textQ = append(h.textQ, q.ID)
		}
		if q.Required && !q.Retired {
			h.required = append(h.required, q)
		}
	}
	slices.SortFunc(nums, func(a, b data.Question) int { return cmp.Compare(a.ID, b.ID) })
	for _, q := range nums {
		h.numQ = append(h.numQ, q.ID)
		h.numRange = append(h.numRange, [2]int{q.Min, q.Max})
	}
	slices.Sort(h.textQ)
	return h
}

// bind opens (creating if need be) the per-survey buckets of h in w.tx.
func (w *writer) bind(h *surveyHandles, sid uint64) error {
	key := u64Key(sid)
	for _, p := range []struct {
		top []byte
		dst **bolt.Bucket
	}{{bucketResponses, &h.responses}, {bucketIDs, &h.ids}, {bucketExtIDs, &h.extids}, {bucketForms, &h.forms}} {
		top, err := w.tx.CreateBucketIfNotExists(p.top)
		if err != nil {
			return err
		}
		b, err := top.CreateBucketIfNotExists(key)
		if err != nil {
			return err
		}
		*p.dst = b
	}
	// Responses arrive in date order, IDs by entry time, and imports
	// mostly list respondents and forms in increasing order.
	h.responses.FillPercent = appendFill
	h.ids.FillPercent = appendFill
	h.extids.FillPercent = appendFill
	h.forms.FillPercent = appendFill
	return nil
}

func (w *writer) importRows() (*bolt.Bucket, error) {
	if w.imprs == nil {
		b, err := bucket(w.tx, bucketImportRows)
		if err != nil {
			return nil, err
		}
		b.FillPercent = appendFill
		w.imprs = b
	}
	return w.imprs, nil
}

// lookup returns the stored response id of survey h, or ErrNotFound.
func (w *writer) lookup(h *surveyHandles, id data.ResponseID) (storedResponse, []byte, error) {
	g, err := w.group(h.ids, nil, id, idRecLen)
	if err != nil {
		return storedResponse{}, nil, err
	}
	wall, ok := g.get(id)
	if !ok {
		return storedResponse{}, nil, fmt.Errorf("response %s of survey %d: %w", id, h.sv.ID, ErrNotFound)
	}
	key := append(append(w.key[:0], wall...), id[:]...)
	w.key = key
	v := h.responses.Get(key)
	if v == nil {
		return storedResponse{}, nil, fmt.Errorf("response %s: indexed but missing: %w", id, ErrCorrupt)
	}
	sr, err := decodeResponse(w.dict, h.sv.ID, key, v)
	return sr, key, err
}

// remove deletes a stored response, its indexes and its rollup counts.
func (w *writer) remove(h *surveyHandles, sr *storedResponse, key []byte) error {
	r := &sr.Response
	if err := h.responses.Delete(key); err != nil {
		return err
	}
	g, err := w.group(h.ids, nil, r.ID, idRecLen)
	if err != nil {
		return err
	}
	g.del(r.ID)
	if r.ExternalID != "" {
		if err := h.extids.Delete(appendExtKey(nil, r.ExternalID, r.ID)); err != nil {
			return err
		}
	}
	if r.FormNumber != "" {
		if err := h.forms.Delete(appendExtKey(nil, r.FormNumber, r.ID)); err != nil {
			return err
		}
	}
	if sr.importID != 0 {
		b, err := w.importRows()
		if err != nil {
			return err
		}
		g, err := w.group(b, importRowPrefix(sr.importID, r.SurveyID), r.ID, rowRecLen)
		if err != nil {
			return err
		}
		g.del(r.ID)
	}
	w.enc.extract(r)
	w.acc.add(r, &w.enc, -1)
	return nil
}

// exists reports whether survey h already has a response with this ID.
func (w *writer) exists(h *surveyHandles, id data.ResponseID) (bool, error) {
	g, err := w.group(h.ids, nil, id, idRecLen)
	if err != nil {
		return false, err
	}
	_, ok := g.get(id)
	return ok, nil
}

// finish writes what the transaction accumulated: rollups and ID groups.
func (w *writer) finish() error {
	if err := w.acc.flush(w.tx, &w.ar); err != nil {
		return err
	}
	return w.flushGroups()
}

// cmpErr returns err if set, else alt.
func cmpErr(err, alt error) error {
	if err != nil {
		return err
	}
	return alt
}

// prepareNew validates r against its survey and fills ID, EnteredAt and
// SurveyVersion. fresh reports whether the ID was generated here (and so
// cannot collide).
func prepareNew(h *surveyHandles, r *data.Response, now time.Time) (fresh bool, err error) {
	if err := r.Validate(&h.sv); err != nil {
		return false, err
	}
	if r.ID.IsZero() {
		r.ID = data.NewResponseID(now)
		fresh = true
	}
	if r.EnteredAt.IsZero() {
		r.EnteredAt = now
	}
	r.SurveyVersion = versionOf(h, r)
	return fresh, nil
}

// versionOf is the survey version r is stored with: the one it was
// collected with (an import row that answers retired questions belongs to
// an older version, and an edited response keeps its own), or the
// survey's current version when r names none or one the survey never had.
func versionOf(h *surveyHandles, r *data.Response) int {
	if r.SurveyVersion <= 0 || r.SurveyVersion > h.sv.Version {
		return h.sv.Version
	}
	return r.SurveyVersion
}

// quickValid reports whether r certainly passes r.Validate(&h.sv), without
// its allocations and map iterations; e holds r's extraction, and matched is
// what extractFor returned. False means "ask Validate", which then gives the
// error (or, should this check be stricter somewhere, accepts r after all).
func (h *surveyHandles) quickValid(r *data.Response, e *encoder, matched bool) bool {
	if !h.quick || !matched || r.SurveyID != h.sv.ID || r.CollectedAt.IsZero() {
		return false
	}
	if y := r.CollectedAt.Year(); y < 1990 || y > 2200 {
		return false
	}
	// e.ans follows h.numQ's order (extractFor), so one pass checks ranges.
	j := 0
	for _, a := range e.ans {
		for j < len(h.numQ) && h.numQ[j] != a.q {
			j++
		}
		if j == len(h.numQ) || a.v < h.numRange[j][0] || a.v > h.numRange[j][1] {
			return false
		}
	}
	for _, q := range h.required {
		if !q.RequiredIn(r.SurveyVersion) {
			continue
		}
		answered := false
		if q.Numeric() {
			for _, a := range e.ans {
				if a.q == q.ID {
					answered = true
					break
				}
			}
		} else {
			for _, t := range e.texts {
				if t.q == q.ID {
					answered = strings.TrimSpace(t.t) != ""
					break
				}
			}
		}
		if !answered {
			return false
		}
	}
	for _, t := range e.tags {
		if t.k == data.ChannelSegment || strings.TrimSpace(t.k) == "" {
			return false
		}
	}
	return true
}

// AddResponse validates r against its survey and stores it with its indexes
// and rollups in one transaction. It fills r.ID (when zero), r.EnteredAt
// (when zero) and r.SurveyVersion. An ID already stored gives ErrExists.
func (s *Store) AddResponse(r *data.Response) error { return s.addResponse(r, nil) }

// addResponse is AddResponse with more to write in the same transaction
// (then, when not nil, runs after the response is in place).
func (s *Store) addResponse(r *data.Response, then func(tx *bolt.Tx) error) error {
	orig := *r
	err := s.update(func(tx *bolt.Tx) error {
		w := newWriter(tx)
		h, err := w.survey(r.SurveyID)
		if err != nil {
			return err
		}
		fresh, err := prepareNew(h, r, entryTime())
		if err != nil {
			return err
		}
		if !fresh {
			if dup, err := w.exists(h, r.ID); err != nil || dup {
				return cmpErr(err, fmt.Errorf("response %s: %w", r.ID, ErrExists))
			}
		}
		if err := w.insertOne(h, r, 0); err != nil {
			return err
		}
		if err := w.finish(); err != nil || then == nil {
			return err
		}
		return then(tx)
	})
	if err != nil {
		*r = orig
		return fmt.Errorf("add response to survey %d: %w", r.SurveyID, err)
	}
	return nil
}

// AddResponses stores many responses in one transaction: all or nothing.
// Each is validated against its survey and completed as by AddResponse (the
// slice elements are filled in; on error they are restored). Rollup changes
// are summed in memory and written once per key. Callers importing large
// files pass batches of about 10,000.
func (s *Store) AddResponses(rs []data.Response) error {
	return s.addBatch(0, ImportBatch{Rows: rs})
}

// UpdateResponse replaces the stored response (r.SurveyID, r.ID) with r,
// validated against the survey. Its date may change; rollups lose the old
// counts and gain the new ones exactly. A zero SurveyVersion, EnteredAt or
// Source keeps the stored value: an edit does not make an old response one
// of the current version, whose new questions it was never asked.
func (s *Store) UpdateResponse(r data.Response) error {
	err := s.update(func(tx *bolt.Tx) error {
		w := newWriter(tx)
		h, err := w.survey(r.SurveyID)
		if err != nil {
			return err
		}
		old, key, err := w.lookup(h, r.ID)
		if err != nil {
			return err
		}
		if r.EnteredAt.IsZero() {
			r.EnteredAt = old.EnteredAt
		}
		if r.Source == "" {
			r.Source = old.Source
		}
		if r.SurveyVersion <= 0 {
			r.SurveyVersion = old.SurveyVersion
		}
		r.SurveyVersion = versionOf(h, &r)
		if err := r.Validate(&h.sv); err != nil {
			return err
		}
		if err := w.remove(h, &old, key); err != nil {
			return err
		}
		if err := w.insertOne(h, &r, old.importID); err != nil {
			return err
		}
		return w.finish()
	})
	if err != nil {
		return fmt.Errorf("update response %s: %w", r.ID, err)
	}
	return nil
}

// DeleteResponses deletes responses of one survey with their indexes and
// rollup counts, in one transaction. An ID that is not stored gives
// ErrNotFound and nothing is deleted; repeated IDs are deleted once. It is
// DeleteResponsesUndoable without the undo.
func (s *Store) DeleteResponses(surveyID uint64, ids []data.ResponseID) error {
	_, err := s.DeleteResponsesUndoable(surveyID, ids)
	return err
}

// Response returns one response, or an error wrapping ErrNotFound.
func (s *Store) Response(surveyID uint64, id data.ResponseID) (data.Response, error) {
	var r data.Response
	err := s.view(func(tx *bolt.Tx) error {
		ids := surveyBucket(tx, bucketIDs, surveyID)
		rb := surveyBucket(tx, bucketResponses, surveyID)
		if ids == nil || rb == nil {
			return surveyMissing(tx, surveyID)
		}
		wall, ok, err := lookupGrouped(ids, nil, id, idRecLen)
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("response %s of survey %d: %w", id, surveyID, ErrNotFound)
		}
		key := append(append(make([]byte, 0, respKeyLen), wall...), id[:]...)
		v := rb.Get(key)
		if v == nil {
			return fmt.Errorf("response %s: indexed but missing: %w", id, ErrCorrupt)
		}
		sr, err := decodeResponse(newDict(tx), surveyID, key, v)
		r = sr.Response
		return err
	})
	if err != nil {
		return data.Response{}, fmt.Errorf("read response: %w", err)
	}
	return r, nil
}

// eachChunk is how many responses EachResponse reads per transaction.
const eachChunk = 1024

// EachResponse calls fn for each response of a survey collected from day
// from to day to inclusive (to = 0: no upper bound), in ascending order of
// collection time. It stops at the first error of fn and returns it. fn runs
// outside any transaction and may call other methods of the store; the
// responses are read in short transactions of a thousand or so.
func (s *Store) EachResponse(surveyID uint64, from, to data.Day, fn func(data.Response) error) error {
	start := binary.BigEndian.AppendUint64(nil, dayStart(from))
	var end uint64 // exclusive wall bound; 0 = none
	if to != 0 {
		end = dayStart(to + 1)
	}
	resume := false // start is the last key already delivered
	chunk := make([]data.Response, 0, eachChunk)
	for {
		chunk = chunk[:0]
		more := false
		err := s.view(func(tx *bolt.Tx) error {
			dc := newDict(tx)
			b := surveyBucket(tx, bucketResponses, surveyID)
			if b == nil {
				return surveyMissing(tx, surveyID)
			}
			c := b.Cursor()
			k, v := c.Seek(start)
			if resume && bytes.Equal(k, start) {
				k, v = c.Next()
			}
			for ; k != nil; k, v = c.Next() {
				if len(k) >= 8 && end != 0 && binary.BigEndian.Uint64(k) >= end {
					return nil
				}
				if len(chunk) == eachChunk {
					more = true
					return nil
				}
				sr, err := decodeResponse(dc, surveyID, k, v)
				if err != nil {
					return err
				}
				chunk = append(chunk, sr.Response)
				start = append(start[:0], k...)
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("read responses of survey %d: %w", surveyID, err)
		}
		resume = true
		for _, r := range chunk {
			if err := fn(r); err != nil {
				return err
			}
		}
		if !more {
			return nil
		}
	}
}

// DefaultPageSize is the page length ResponsesBefore uses for limit <= 0.
const DefaultPageSize = 100

// ResponsesBefore returns up to limit responses of a survey, newest
// (latest collection time) first, for a paged list. cursor nil starts at the
// newest; pass the returned next to get the following page; next is nil
// when there are no more. A cursor is opaque and stays valid while
// responses are added or deleted.
func (s *Store) ResponsesBefore(surveyID uint64, cursor []byte, limit int) (rs []data.Response, next []byte, err error) {
	if limit <= 0 {
		limit = DefaultPageSize
	}
	if cursor != nil && len(cursor) != respKeyLen {
		return nil, nil, fmt.Errorf("list responses of survey %d: invalid cursor", surveyID)
	}
	err = s.view(func(tx *bolt.Tx) error {
		dc := newDict(tx)
		b := surveyBucket(tx, bucketResponses, surveyID)
		if b == nil {
			return surveyMissing(tx, surveyID)
		}
		c := b.Cursor()
		var k, v []byte
		if cursor == nil {
			k, v = c.Last()
		} else if k, _ = c.Seek(cursor); k == nil {
			k, v = c.Last()
		} else {
			k, v = c.Prev()
		}
		var last []byte
		for ; k != nil; k, v = c.Prev() {
			if len(rs) == limit {
				next = last
				return nil
			}
			sr, err := decodeResponse(dc, surveyID, k, v)
			if err != nil {
				return err
			}
			rs = append(rs, sr.Response)
			last = append(last[:0], k...)
		}
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("list responses of survey %d: %w", surveyID, err)
	}
	return rs, next, nil
}

// ExternalIDExists reports whether a response of the survey carries the
// external (respondent) ID ext, for duplicate detection on import.
func (s *Store) ExternalIDExists(surveyID uint64, ext string) (bool, error) {
	ok, err := s.indexHas(bucketExtIDs, surveyID, ext)
	if err != nil {
		return false, fmt.Errorf("look up external ID of survey %d: %w", surveyID, err)
	}
	return ok, nil
}

// FormNumberExists reports whether a response of the survey carries the
// paper form number form, so data entry can warn about a sheet typed twice.
func (s *Store) FormNumberExists(surveyID uint64, form string) (bool, error) {
	ok, err := s.indexHas(bucketForms, surveyID, form)
	if err != nil {
		return false, fmt.Errorf("look up form number of survey %d: %w", surveyID, err)
	}
	return ok, nil
}

// indexHas looks value up in a per-survey len|value|id index.
func (s *Store) indexHas(top []byte, surveyID uint64, value string) (bool, error) {
	if value == "" {
		return false, nil
	}
	found := false
	prefix := extPrefix(value)
	err := s.view(func(tx *bolt.Tx) error {
		b := surveyBucket(tx, top, surveyID)
		if b == nil {
			if _, err := getSurvey(tx, surveyID); err != nil {
				return err
			}
			return nil // a file from before this index: nothing indexed
		}
		k, _ := b.Cursor().Seek(prefix)
		found = k != nil && bytes.HasPrefix(k, prefix) && len(k) == len(prefix)+16
		return nil
	})
	return found, err
}

// entryTime is the EnteredAt of responses entered now: the current time
// to the millisecond, which is what their new IDs start with, so that a
// value stores no EnteredAt of its own (flagEnteredByID).
func entryTime() time.Time { return time.Now().Truncate(time.Millisecond) }
