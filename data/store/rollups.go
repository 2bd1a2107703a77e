package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math"
	"slices"
	"sort"
	"sync"

	bolt "go.etcd.io/bbolt"

	"csatdesk/data"
)

// accKey names one (survey, segment, day) cell of a rollup accumulator.
type accKey struct {
	sid uint64
	seg int32 // index into rollupAcc.segs
	day data.Day
}

// delta is a signed change to a histogram.
type delta [data.MaxValue + 1]int64

// accCell holds the changes to every question of one cell, indexed by the
// survey's question slot (slot 0 is the pseudo-question "responses").
type accCell struct {
	d []delta
}

// slotTable maps the question IDs of one survey to dense slots.
type slotTable struct {
	slot map[uint32]int
	qids []uint32 // qids[slot]
}

// rollupAcc accumulates rollup changes over a transaction so that each
// rollup key is read and written once, however many responses touch it.
type rollupAcc struct {
	cells map[accKey]*accCell
	// lastCell[seg] is the cell of segment seg used last, which the next
	// response usually shares (imports come in date order).
	lastCell []*accCell
	lastKey  []accKey
	segIdx   map[string]int32
	segs     []string // encoded segments by index
	slots    map[uint64]*slotTable
	last     *slotTable
	lastID   uint64

	scratch []byte
	ans     []slotVal
}

type slotVal struct {
	slot int
	v    int
}

func newRollupAcc() *rollupAcc {
	return &rollupAcc{
		cells:  make(map[accKey]*accCell),
		segIdx: make(map[string]int32),
		slots:  make(map[uint64]*slotTable),
	}
}

func (a *rollupAcc) table(sid uint64) *slotTable {
	if a.last != nil && a.lastID == sid {
		return a.last
	}
	t := a.slots[sid]
	if t == nil {
		t = &slotTable{slot: map[uint32]int{0: 0}, qids: []uint32{0}}
		a.slots[sid] = t
	}
	a.last, a.lastID = t, sid
	return t
}

func (t *slotTable) of(qid uint32) int {
	if s, ok := t.slot[qid]; ok {
		return s
	}
	s := len(t.qids)
	t.slot[qid] = s
	t.qids = append(t.qids, qid)
	return s
}

func (a *rollupAcc) segment(enc []byte) int32 {
	if i, ok := a.segIdx[string(enc)]; ok {
		return i
	}
	i := int32(len(a.segs))
	s := string(enc)
	a.segIdx[s] = i
	a.segs = append(a.segs, s)
	return i
}

// add counts response r with sign +1 (added) or −1 (removed): for the "all"
// segment and each of r.Segments(), one response under question 0 and each
// numeric answer under its question. Text answers have no rollup. e holds
// r's extracted maps (encoder.extract).
func (a *rollupAcc) add(r *data.Response, e *encoder, sign int64) {
	t := a.table(r.SurveyID)
	a.ans = a.ans[:0]
	for _, p := range e.ans {
		if p.v < 0 || p.v > data.MaxValue || p.q == 0 {
			continue
		}
		a.ans = append(a.ans, slotVal{t.of(p.q), p.v})
	}
	nslots := len(t.qids)
	day := r.Day()
	apply := func(seg int32) {
		k := accKey{r.SurveyID, seg, day}
		var c *accCell
		if int(seg) < len(a.lastCell) && a.lastKey[seg] == k {
			c = a.lastCell[seg]
		} else {
			if c = a.cells[k]; c == nil {
				c = &accCell{}
				a.cells[k] = c
			}
			for int(seg) >= len(a.lastCell) {
				a.lastCell = append(a.lastCell, nil)
				a.lastKey = append(a.lastKey, accKey{seg: -1})
			}
			a.lastCell[seg], a.lastKey[seg] = c, k
		}
		if len(c.d) < nslots {
			c.d = append(c.d, make([]delta, nslots-len(c.d))...)
		}
		c.d[0][0] += sign
		for _, sv := range a.ans {
			c.d[sv.slot][sv.v] += sign
		}
	}
	// The same segments as r.Segments(), without its allocations.
	a.scratch = appendSegmentParts(a.scratch[:0], "", "")
	apply(a.segment(a.scratch))
	if r.Channel != "" {
		a.scratch = appendSegmentParts(a.scratch[:0], data.ChannelSegment, r.Channel)
		apply(a.segment(a.scratch))
	}
	for _, p := range e.tags {
		if p.v != "" {
			a.scratch = appendSegmentParts(a.scratch[:0], p.k, p.v)
			apply(a.segment(a.scratch))
		}
	}
}

// rollupOp is one rollup key to change.
type rollupOp struct {
	sid  uint64
	key  []byte
	cell *accCell
}

// flush applies the accumulated changes in key order and empties a.
func (a *rollupAcc) flush(tx *bolt.Tx, ar *arena) error {
	if len(a.cells) == 0 {
		return nil
	}
	ops := make([]rollupOp, 0, len(a.cells))
	for k, c := range a.cells {
		key := ar.alloc(len(a.segs[k.seg]) + 4)[:0]
		key = append(key, a.segs[k.seg]...)
		key = binary.BigEndian.AppendUint32(key, uint32(k.day))
		ops = append(ops, rollupOp{k.sid, key, c})
	}
	sort.Slice(ops, func(i, j int) bool {
		if ops[i].sid != ops[j].sid {
			return ops[i].sid < ops[j].sid
		}
		return bytes.Compare(ops[i].key, ops[j].key) < 0
	})
	var b *bolt.Bucket
	var bsid uint64
	var hs []qHist
	var buf []byte
	for _, op := range ops {
		if b == nil || op.sid != bsid {
			top, err := bucket(tx, bucketRollups)
			if err != nil {
				return err
			}
			if b, err = top.CreateBucketIfNotExists(u64Key(op.sid)); err != nil {
				return err
			}
			bsid = op.sid
			b.FillPercent = rollupFill
		}
		hs = hs[:0]
		if v := b.Get(op.key); v != nil {
			var err error
			if hs, err = decodeRollup(hs, v); err != nil {
				return fmt.Errorf("rollup %x of survey %d: %w", op.key, op.sid, err)
			}
		}
		t := a.slots[op.sid]
		for slot := range op.cell.d {
			d := &op.cell.d[slot]
			if *d == (delta{}) {
				continue
			}
			q := t.qids[slot]
			i := sort.Search(len(hs), func(i int) bool { return hs[i].q >= q })
			if i == len(hs) || hs[i].q != q {
				hs = slices.Insert(hs, i, qHist{q: q})
			}
			applyDelta(&hs[i].h, d)
		}
		hs = slices.DeleteFunc(hs, func(x qHist) bool { return x.h == data.Histogram{} })
		if len(hs) == 0 {
			if err := b.Delete(op.key); err != nil {
				return err
			}
			continue
		}
		buf = appendRollup(buf[:0], hs)
		if err := b.Put(op.key, ar.copy(buf)); err != nil {
			return err
		}
	}
	clear(a.cells)
	a.lastCell, a.lastKey = a.lastCell[:0], a.lastKey[:0]
	return nil
}

// applyDelta adds d to h, clamping at 0 and the uint64 maximum.
func applyDelta(h *data.Histogram, d *delta) {
	for i, dv := range d {
		switch {
		case dv == 0:
		case dv < 0 && uint64(-dv) > h[i]:
			h[i] = 0 // cannot happen while rollups match responses
		case dv > 0 && h[i] > math.MaxUint64-uint64(dv):
			h[i] = math.MaxUint64
		case dv < 0:
			h[i] -= uint64(-dv)
		default:
			h[i] += uint64(dv)
		}
	}
}

// rollupFill is the fill percent of rollup pages: new days land inside the
// bucket, between segments, so the default (half full) leaves room.
const rollupFill = bolt.DefaultFillPercent

// Days returns the per-day histograms of one question and segment of a
// survey from the rollups, sorted by day, only days with data, within
// from..to inclusive (to = 0: no upper bound). Question 0 is the
// pseudo-question "responses": Hist[0] counts the responses of that day.
func (s *Store) Days(surveyID uint64, questionID uint32, seg data.Segment, from, to data.Day) ([]data.DayHist, error) {
	if to == 0 {
		to = math.MaxUint32
	}
	var out []data.DayHist
	prefix := appendSegment(nil, seg)
	start := binary.BigEndian.AppendUint32(append([]byte(nil), prefix...), uint32(from))
	err := s.view(func(tx *bolt.Tx) error {
		b := surveyBucket(tx, bucketRollups, surveyID)
		if b == nil {
			return surveyMissing(tx, surveyID)
		}
		c := b.Cursor()
		for k, v := c.Seek(start); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			if len(k) != len(prefix)+4 {
				return fmt.Errorf("rollup key %x: %w", k, ErrCorrupt)
			}
			day := data.Day(binary.BigEndian.Uint32(k[len(prefix):]))
			if day > to {
				break
			}
			h, ok, err := rollupFind(v, questionID)
			if err != nil {
				return fmt.Errorf("rollup %x: %w", k, err)
			}
			if ok {
				out = append(out, data.DayHist{Day: day, Hist: h})
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read rollups of survey %d: %w", surveyID, err)
	}
	return out, nil
}

// surveyMissing returns ErrNotFound when survey sid does not exist, or
// ErrCorrupt when it exists but lacks its buckets.
func surveyMissing(tx *bolt.Tx, sid uint64) error {
	if _, err := getSurvey(tx, sid); err != nil {
		return err
	}
	return fmt.Errorf("survey %d has no buckets: %w", sid, ErrCorrupt)
}

// SurveyStats summarises a survey's responses.
type SurveyStats struct {
	// Responses is the number of responses stored.
	Responses uint64
	// First and Last are the earliest and latest collection days; 0 when
	// there are no responses.
	First, Last data.Day
}

// SurveyStats returns the response count and date span of a survey from its
// rollups, without reading responses.
func (s *Store) SurveyStats(id uint64) (SurveyStats, error) {
	var st SurveyStats
	prefix := appendSegment(nil, data.Segment{})
	err := s.view(func(tx *bolt.Tx) error {
		b := surveyBucket(tx, bucketRollups, id)
		if b == nil {
			return surveyMissing(tx, id)
		}
		c := b.Cursor()
		for k, v := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, v = c.Next() {
			if len(k) != len(prefix)+4 {
				return fmt.Errorf("rollup key %x: %w", k, ErrCorrupt)
			}
			day := data.Day(binary.BigEndian.Uint32(k[len(prefix):]))
			h, _, err := rollupFind(v, 0)
			if err != nil {
				return err
			}
			if st.Responses == 0 {
				st.First = day
			}
			st.Last = day
			st.Responses += h[0]
		}
		return nil
	})
	if err != nil {
		return SurveyStats{}, fmt.Errorf("survey %d stats: %w", id, err)
	}
	return st, nil
}

// Segments returns every channel and tag value present in a survey's
// rollups, sorted by name then value. The "all" segment is not included.
func (s *Store) Segments(surveyID uint64) ([]data.Segment, error) {
	var out []data.Segment
	err := s.view(func(tx *bolt.Tx) error {
		b := surveyBucket(tx, bucketRollups, surveyID)
		if b == nil {
			return surveyMissing(tx, surveyID)
		}
		c := b.Cursor()
		k, _ := c.First()
		for k != nil {
			seg, _, err := parseRollupKey(k)
			if err != nil {
				return fmt.Errorf("%w: %w", err, ErrCorrupt)
			}
			if !seg.All() {
				out = append(out, seg)
			}
			// Skip the rest of this segment's days.
			next := appendRollupKey(nil, seg, math.MaxUint32)
			if k, _ = c.Seek(next); k != nil && bytes.Equal(k, next) {
				k, _ = c.Next()
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("segments of survey %d: %w", surveyID, err)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Name != out[j].Name {
			return out[i].Name < out[j].Name
		}
		return out[i].Value < out[j].Value
	})
	return out, nil
}

// RebuildRollups recomputes every survey's rollups from its responses in one
// transaction. With consistent data the result is byte-identical to what
// was there.
func (s *Store) RebuildRollups() error {
	err := s.update(func(tx *bolt.Tx) error {
		surveys, err := bucket(tx, bucketSurveys)
		if err != nil {
			return err
		}
		top, err := bucket(tx, bucketRollups)
		if err != nil {
			return err
		}
		var sids []uint64
		if err := surveys.ForEach(func(k, _ []byte) error {
			sids = append(sids, binary.BigEndian.Uint64(k))
			return nil
		}); err != nil {
			return err
		}
		for _, sid := range sids {
			key := u64Key(sid)
			if top.Bucket(key) != nil {
				if err := top.DeleteBucket(key); err != nil {
					return err
				}
			}
			if _, err := top.CreateBucket(key); err != nil {
				return err
			}
			acc := newRollupAcc()
			var enc encoder
			dc := newDict(tx)
			if rb := surveyBucket(tx, bucketResponses, sid); rb != nil {
				c := rb.Cursor()
				for k, v := c.First(); k != nil; k, v = c.Next() {
					sr, err := decodeResponse(dc, sid, k, v)
					if err != nil {
						return err
					}
					enc.extract(&sr.Response)
					acc.add(&sr.Response, &enc, 1)
				}
			}
			if err := acc.flush(tx, &arena{}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("rebuild rollups: %w", err)
	}
	return nil
}

// arena hands out byte slices carved from large blocks, so that the keys and
// values of a write transaction cost a few allocations, not one each. A
// slice given to bbolt's Put must stay untouched until commit: release the
// arena only after the transaction has ended. Full-size blocks go back to a
// pool then, for the next batch of an import to reuse.
type arena struct {
	buf    []byte
	pooled [][]byte // full-size blocks handed out, to release
}

// Arena blocks start small, for one-response transactions, and double up
// to arenaBlock.
const (
	arenaFirst = 4 << 10
	arenaBlock = 256 << 10
)

var arenaBlocks = sync.Pool{New: func() any { return new([arenaBlock]byte) }}

func (a *arena) alloc(n int) []byte {
	if cap(a.buf)-len(a.buf) < n {
		size := max(n, min(arenaBlock, max(arenaFirst, 2*cap(a.buf))))
		if size == arenaBlock {
			blk := arenaBlocks.Get().(*[arenaBlock]byte)
			a.buf = blk[:0]
			a.pooled = append(a.pooled, a.buf)
		} else {
			a.buf = make([]byte, 0, size)
		}
	}
	s := len(a.buf)
	a.buf = a.buf[:s+n]
	return a.buf[s : s+n : s+n]
}

// release hands the arena's full-size blocks back to the pool. Every slice
// the arena handed out is dead after it: call it only once nothing (no
// transaction, no prepared row) refers to them.
func (a *arena) release() {
	for _, b := range a.pooled {
		arenaBlocks.Put((*[arenaBlock]byte)(b[:arenaBlock]))
	}
	a.buf, a.pooled = nil, nil
}

func (a *arena) copy(b []byte) []byte {
	d := a.alloc(len(b))
	copy(d, b)
	return d
}
