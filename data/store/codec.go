package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"time"

	"csatdesk/data"
)

// The first byte of a response value: its format. Schema 1 wrote
// respCodecV1 (every field in order, strings in full); schema 2 writes
// respCodecV2 (see encode) and migrates every v1 value. Both decode.
const (
	respCodecV1 = 1
	respCodecV2 = 2
)

// maxZoneOffset bounds a stored zone offset (seconds); real zones stay
// within ±14 h.
const maxZoneOffset = 26 * 3600

// Flags of a response value. flagEntered is the only one of v1. In v2 a
// field whose flag is clear is absent (its zero value); the usual ones
// come first, so that an imported row's flags fit one byte.
const (
	flagEntered     = 1 << 0  // EnteredAt is set
	flagEnteredByID = 1 << 1  // v2: EnteredAt is the millisecond the ID starts with: only its zone is stored
	flagSource      = 1 << 2  // v2: Source, as a dictionary index
	flagComment     = 1 << 3  // v2
	flagTags        = 1 << 4  // v2: tags, names as dictionary indexes
	flagAnswersByte = 1 << 5  // v2: answers, one byte each: question delta (1–15) << 4 | value (0–15)
	flagChannel     = 1 << 6  // v2: Channel, as a dictionary index
	flagTexts       = 1 << 7  // v2
	flagAnswers     = 1 << 8  // v2: answers, uvarint question and varint value each
	flagForm        = 1 << 9  // v2
	flagExt         = 1 << 10 // v2
	flagChannelStr  = 1 << 11 // v2: Channel in full (the dictionary has maxDictChannels strings)
	flagsV2         = 1<<12 - 1
)

// maxDictChannels bounds the dictionary for channels: a channel is one of
// a few words ("web", "paper"), but a column of anything could be mapped
// to it, and the dictionary is read whole by every transaction that
// decodes a value. Past this many strings, channels are written in full.
const maxDictChannels = 1024

// storedResponse is a response as kept in the responses bucket, with the
// fields that are not part of data.Response.
type storedResponse struct {
	data.Response
	importID uint64
}

// encoder reuses scratch space between responses. extract copies a
// response's maps into sorted slices once; the codec and the rollup
// accumulator both read them (iterating Go maps is the costly part).
type encoder struct {
	buf   []byte
	tags  []tagPair
	ans   []ansPair
	texts []textPair
	// lastTags are the sorted tag names extractFor found last.
	lastTags []string
	// d is the dictionary values are encoded with; lastSrc is the Source
	// found last, its index lastSrcID in lastD.
	d         *dict
	lastD     *dict
	lastSrc   string
	lastSrcID uint32
}

type tagPair struct{ k, v string }

type ansPair struct {
	q uint32
	v int
}

type textPair struct {
	q uint32
	t string
}

func appendStr(dst []byte, s string) []byte {
	dst = binary.AppendUvarint(dst, uint64(len(s)))
	return append(dst, s...)
}

// extract fills e.tags, e.ans and e.texts from r, each sorted by key.
// Insertion sorts: the slices are a handful of elements, and sort.Slice
// would allocate.
func (e *encoder) extract(r *data.Response) {
	e.tags = e.tags[:0]
	for k, v := range r.Tags {
		e.tags = append(e.tags, tagPair{k, v})
	}
	for i := 1; i < len(e.tags); i++ {
		for j := i; j > 0 && e.tags[j].k < e.tags[j-1].k; j-- {
			e.tags[j], e.tags[j-1] = e.tags[j-1], e.tags[j]
		}
	}
	e.ans = e.ans[:0]
	for q, v := range r.Answers {
		e.ans = append(e.ans, ansPair{q, v})
	}
	for i := 1; i < len(e.ans); i++ {
		for j := i; j > 0 && e.ans[j].q < e.ans[j-1].q; j-- {
			e.ans[j], e.ans[j-1] = e.ans[j-1], e.ans[j]
		}
	}
	e.texts = e.texts[:0]
	for q, t := range r.Texts {
		e.texts = append(e.texts, textPair{q, t})
	}
	for i := 1; i < len(e.texts); i++ {
		for j := i; j > 0 && e.texts[j].q < e.texts[j-1].q; j-- {
			e.texts[j], e.texts[j-1] = e.texts[j-1], e.texts[j]
		}
	}
}

// extractFor is extract for a response validated against survey h: its
// answers can only be to h's questions, so they are found by lookups, which
// are much cheaper than iterating the maps.
//
// It reports whether r's answers and texts were all found that way (and so
// belong to h's numeric and text questions respectively).
func (e *encoder) extractFor(r *data.Response, h *surveyHandles) bool {
	e.tags = e.tags[:0]
	if len(r.Tags) > 0 && !e.tagsLikeLast(r) {
		for k, v := range r.Tags {
			e.tags = append(e.tags, tagPair{k, v})
		}
		for i := 1; i < len(e.tags); i++ {
			for j := i; j > 0 && e.tags[j].k < e.tags[j-1].k; j-- {
				e.tags[j], e.tags[j-1] = e.tags[j-1], e.tags[j]
			}
		}
		e.lastTags = e.lastTags[:0]
		for _, t := range e.tags {
			e.lastTags = append(e.lastTags, t.k)
		}
	}
	e.ans = e.ans[:0]
	if len(r.Answers) > 0 {
		for _, q := range h.numQ {
			if v, ok := r.Answers[q]; ok {
				e.ans = append(e.ans, ansPair{q, v})
			}
		}
	}
	e.texts = e.texts[:0]
	if len(r.Texts) > 0 {
		for _, q := range h.textQ {
			if t, ok := r.Texts[q]; ok {
				e.texts = append(e.texts, textPair{q, t})
			}
		}
	}
	if len(e.ans) != len(r.Answers) || len(e.texts) != len(r.Texts) {
		e.extract(r) // not validated against h after all
		return false
	}
	return true
}

// tagsLikeLast fills e.tags by lookups when r has exactly the tag names
// extractFor saw last (rows of one import all have the same tag columns),
// which is much cheaper than iterating the map. It reports whether it did.
func (e *encoder) tagsLikeLast(r *data.Response) bool {
	if len(e.lastTags) != len(r.Tags) {
		return false
	}
	for _, k := range e.lastTags {
		v, ok := r.Tags[k]
		if !ok {
			e.tags = e.tags[:0]
			return false
		}
		e.tags = append(e.tags, tagPair{k, v})
	}
	return true
}

// encodeResponse returns the value of r; the slice is valid until the next
// call.
func (e *encoder) encodeResponse(r *data.Response, importID uint64) ([]byte, error) {
	e.extract(r)
	return e.encode(r, importID)
}

// encode is encodeResponse after extract(r): a value of the current format
// (respCodecV2), whose Source and tag names are indexes into e.d.
func (e *encoder) encode(r *data.Response, importID uint64) ([]byte, error) {
	var flags uint64
	if !r.EnteredAt.IsZero() {
		flags |= flagEntered
		if ns := r.EnteredAt.UnixNano(); ns >= 0 && r.EnteredAt.Year() < 2262 && ns%1e6 == 0 && uint64(ns/1e6) == idMS(r.ID) {
			flags |= flagEnteredByID
		}
	}
	if r.Source != "" {
		flags |= flagSource
	}
	if r.Comment != "" {
		flags |= flagComment
	}
	if len(e.tags) > 0 {
		flags |= flagTags
	}
	if len(e.ans) > 0 {
		flags |= flagAnswersByte
		prev := uint32(0)
		for _, a := range e.ans {
			if a.q <= prev || a.q-prev > 15 || a.v < 0 || a.v > 15 {
				flags ^= flagAnswersByte | flagAnswers
				break
			}
			prev = a.q
		}
	}
	if len(e.texts) > 0 {
		flags |= flagTexts
	}
	var chanID uint32
	if r.Channel != "" {
		flags |= flagChannelStr
		if e.d != nil {
			if i, ok, err := e.d.idCapped(r.Channel, maxDictChannels); err != nil {
				return nil, err
			} else if ok {
				flags ^= flagChannelStr | flagChannel
				chanID = i
			}
		}
	}
	if r.FormNumber != "" {
		flags |= flagForm
	}
	if r.ExternalID != "" {
		flags |= flagExt
	}
	b := append(e.buf[:0], respCodecV2)
	b = binary.AppendUvarint(b, flags)
	b = binary.AppendUvarint(b, importID)
	b = binary.AppendVarint(b, int64(r.SurveyVersion))
	_, off := r.CollectedAt.Zone()
	b = binary.AppendVarint(b, int64(off))
	if flags&flagEntered != 0 {
		if flags&flagEnteredByID == 0 {
			b = binary.AppendVarint(b, r.EnteredAt.Unix())
			b = binary.AppendUvarint(b, uint64(r.EnteredAt.Nanosecond()))
		}
		_, eoff := r.EnteredAt.Zone()
		b = binary.AppendVarint(b, int64(eoff))
	}
	if flags&flagSource != 0 {
		if e.d == nil {
			return nil, fmt.Errorf("encode response %s: %w", r.ID, errNoTx)
		}
		if r.Source != e.lastSrc || e.lastD != e.d {
			i, err := e.d.id(r.Source)
			if err != nil {
				return nil, err
			}
			e.lastSrc, e.lastSrcID, e.lastD = r.Source, i, e.d
		}
		b = binary.AppendUvarint(b, uint64(e.lastSrcID))
	}
	if flags&flagChannel != 0 {
		b = binary.AppendUvarint(b, uint64(chanID))
	}
	if flags&flagChannelStr != 0 {
		b = appendStr(b, r.Channel)
	}
	if flags&flagForm != 0 {
		b = appendStr(b, r.FormNumber)
	}
	if flags&flagExt != 0 {
		b = appendStr(b, r.ExternalID)
	}
	if flags&flagComment != 0 {
		b = appendStr(b, r.Comment)
	}
	if flags&flagTags != 0 {
		if e.d == nil {
			return nil, fmt.Errorf("encode response %s: %w", r.ID, errNoTx)
		}
		b = binary.AppendUvarint(b, uint64(len(e.tags)))
		for _, t := range e.tags {
			i, err := e.d.id(t.k)
			if err != nil {
				return nil, err
			}
			b = binary.AppendUvarint(b, uint64(i))
			b = appendStr(b, t.v)
		}
	}
	if flags&flagAnswersByte != 0 {
		b = binary.AppendUvarint(b, uint64(len(e.ans)))
		prev := uint32(0)
		for _, a := range e.ans {
			b = append(b, byte(a.q-prev)<<4|byte(a.v))
			prev = a.q
		}
	}
	if flags&flagAnswers != 0 {
		b = binary.AppendUvarint(b, uint64(len(e.ans)))
		for _, a := range e.ans {
			b = binary.AppendUvarint(b, uint64(a.q))
			b = binary.AppendVarint(b, int64(a.v))
		}
	}
	if flags&flagTexts != 0 {
		b = binary.AppendUvarint(b, uint64(len(e.texts)))
		for _, t := range e.texts {
			b = binary.AppendUvarint(b, uint64(t.q))
			b = appendStr(b, t.t)
		}
	}
	e.buf = b
	return b, nil
}

var errTruncated = errors.New("truncated")

// decoder reads the fields of a value in order; the first error sticks.
type decoder struct {
	b   []byte
	err error
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := uvarint(d.b)
	if n <= 0 {
		d.err = errTruncated
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) varint() int64 {
	if d.err != nil {
		return 0
	}
	v, n := varint(d.b)
	if n <= 0 {
		d.err = errTruncated
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) str() string {
	n := d.uvarint()
	if d.err != nil {
		return ""
	}
	if n > uint64(len(d.b)) {
		d.err = errTruncated
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

// count reads a collection length, each element taking at least min bytes.
func (d *decoder) count(min int) int {
	n := d.uvarint()
	if d.err == nil && n > uint64(len(d.b)/min) {
		d.err = errTruncated
		return 0
	}
	return int(n)
}

// decodeResponse decodes the value v stored under key k of survey sid, of
// either format, with the dictionary dc (read for v2 values only). It
// never panics on garbage and does not keep references to k or v.
func decodeResponse(dc *dict, sid uint64, k, v []byte) (storedResponse, error) {
	var sr storedResponse
	wall, id, err := parseRespKey(k)
	if err != nil {
		return sr, err
	}
	if len(v) == 0 {
		return sr, fmt.Errorf("response %s: empty value: %w", id, ErrCorrupt)
	}
	switch v[0] {
	case respCodecV1:
	case respCodecV2:
		return decodeV2(dc, sid, wall, id, v)
	default:
		return sr, fmt.Errorf("response %s: value format %d is unknown (written by a newer CSAT Desk?): %w", id, v[0], ErrCorrupt)
	}
	d := decoder{b: v[1:]}
	r := &sr.Response
	r.ID, r.SurveyID = id, sid
	flags := d.uvarint()
	sr.importID = d.uvarint()
	sv := d.varint()
	if sv < math.MinInt32 || sv > math.MaxInt32 {
		d.fail()
	}
	r.SurveyVersion = int(sv)
	off := d.varint()
	if off < -maxZoneOffset || off > maxZoneOffset {
		d.fail()
	}
	r.CollectedAt = timeFromWall(wall, int(off))
	if flags&flagEntered != 0 {
		sec := d.varint()
		nsec := d.uvarint()
		eoff := d.varint()
		if nsec >= 1e9 || eoff < -maxZoneOffset || eoff > maxZoneOffset {
			d.fail()
		}
		if d.err == nil {
			r.EnteredAt = time.Unix(sec, int64(nsec)).In(zoneFor(int(eoff)))
		}
	}
	r.Source = d.str()
	r.Channel = d.str()
	r.FormNumber = d.str()
	r.ExternalID = d.str()
	r.Comment = d.str()
	if n := d.count(2); n > 0 {
		r.Tags = make(map[string]string, n)
		for range n {
			k := d.str()
			r.Tags[k] = d.str()
		}
	}
	if n := d.count(2); n > 0 {
		r.Answers = make(map[uint32]int, n)
		for range n {
			q := d.uvarint()
			a := d.varint()
			if q > math.MaxUint32 || a < math.MinInt32 || a > math.MaxInt32 {
				d.fail()
			}
			r.Answers[uint32(q)] = int(a)
		}
	}
	if n := d.count(2); n > 0 {
		r.Texts = make(map[uint32]string, n)
		for range n {
			q := d.uvarint()
			if q > math.MaxUint32 {
				d.fail()
			}
			r.Texts[uint32(q)] = d.str()
		}
	}
	if d.err == nil && len(d.b) != 0 {
		d.err = errors.New("trailing bytes")
	}
	if d.err != nil {
		return storedResponse{}, fmt.Errorf("response %s: %v: %w", id, d.err, ErrCorrupt)
	}
	return sr, nil
}

// decodeV2 decodes a respCodecV2 value (see encode).
func decodeV2(dc *dict, sid, wall uint64, id data.ResponseID, v []byte) (storedResponse, error) {
	var sr storedResponse
	d := decoder{b: v[1:]}
	r := &sr.Response
	r.ID, r.SurveyID = id, sid
	flags := d.uvarint()
	if flags&^flagsV2 != 0 || (flags&flagEnteredByID != 0 && flags&flagEntered == 0) ||
		flags&(flagAnswersByte|flagAnswers) == flagAnswersByte|flagAnswers ||
		flags&(flagChannel|flagChannelStr) == flagChannel|flagChannelStr {
		d.fail()
	}
	sr.importID = d.uvarint()
	sv := d.varint()
	if sv < math.MinInt32 || sv > math.MaxInt32 {
		d.fail()
	}
	r.SurveyVersion = int(sv)
	off := d.varint()
	if off < -maxZoneOffset || off > maxZoneOffset {
		d.fail()
	}
	r.CollectedAt = timeFromWall(wall, int(off))
	if flags&flagEntered != 0 {
		var sec, nsec int64
		if flags&flagEnteredByID != 0 {
			ms := idMS(id)
			if ms > uint64(math.MaxInt64/1_000_000) {
				d.fail()
			}
			ns := int64(ms) * 1e6
			sec, nsec = ns/1e9, ns%1e9
		} else {
			sec = d.varint()
			n := d.uvarint()
			if n >= 1e9 {
				d.fail()
			}
			nsec = int64(n)
		}
		eoff := d.varint()
		if eoff < -maxZoneOffset || eoff > maxZoneOffset {
			d.fail()
		}
		if d.err == nil {
			r.EnteredAt = time.Unix(sec, nsec).In(zoneFor(int(eoff)))
		}
	}
	if flags&flagSource != 0 {
		r.Source = d.dictStr(dc)
	}
	if flags&flagChannel != 0 {
		r.Channel = d.dictStr(dc)
	}
	if flags&flagChannelStr != 0 {
		r.Channel = d.str()
	}
	if flags&flagForm != 0 {
		r.FormNumber = d.str()
	}
	if flags&flagExt != 0 {
		r.ExternalID = d.str()
	}
	if flags&flagComment != 0 {
		r.Comment = d.str()
	}
	if flags&flagTags != 0 {
		n := d.count(2)
		if n == 0 {
			d.fail()
		}
		r.Tags = make(map[string]string, n)
		for range n {
			k := d.dictStr(dc)
			r.Tags[k] = d.str()
		}
	}
	if flags&flagAnswersByte != 0 {
		n := d.count(1)
		if n == 0 {
			d.fail()
		}
		r.Answers = make(map[uint32]int, n)
		q := uint32(0)
		for range n {
			if d.err != nil || len(d.b) == 0 {
				d.fail()
				break
			}
			c := d.b[0]
			d.b = d.b[1:]
			if c>>4 == 0 {
				d.fail()
			}
			q += uint32(c >> 4)
			r.Answers[q] = int(c & 15)
		}
	}
	if flags&flagAnswers != 0 {
		n := d.count(2)
		if n == 0 {
			d.fail()
		}
		r.Answers = make(map[uint32]int, n)
		for range n {
			q := d.uvarint()
			a := d.varint()
			if q > math.MaxUint32 || a < math.MinInt32 || a > math.MaxInt32 {
				d.fail()
			}
			r.Answers[uint32(q)] = int(a)
		}
	}
	if flags&flagTexts != 0 {
		n := d.count(2)
		if n == 0 {
			d.fail()
		}
		r.Texts = make(map[uint32]string, n)
		for range n {
			q := d.uvarint()
			if q > math.MaxUint32 {
				d.fail()
			}
			r.Texts[uint32(q)] = d.str()
		}
	}
	if d.err == nil && len(d.b) != 0 {
		d.err = errors.New("trailing bytes")
	}
	if d.err != nil {
		if errors.Is(d.err, ErrCorrupt) {
			return storedResponse{}, fmt.Errorf("response %s: %w", id, d.err)
		}
		return storedResponse{}, fmt.Errorf("response %s: %v: %w", id, d.err, ErrCorrupt)
	}
	return sr, nil
}

// dictStr reads a dictionary index and returns its string.
func (d *decoder) dictStr(dc *dict) string {
	i := d.uvarint()
	if d.err != nil {
		return ""
	}
	if dc == nil {
		d.err = errNoTx
		return ""
	}
	s, err := dc.str(i)
	if err != nil {
		d.err = err
	}
	return s
}

func (d *decoder) fail() {
	if d.err == nil {
		d.err = errors.New("value out of range")
	}
}

// histMask covers the buckets of a data.Histogram.
const histMask = 1<<(data.MaxValue+1) - 1

// appendHist appends the canonical encoding of h: a big-endian u16 mask of
// non-zero buckets, then each non-zero count as a uvarint.
func appendHist(dst []byte, h *data.Histogram) []byte {
	var mask uint16
	for i, c := range h {
		if c != 0 {
			mask |= 1 << i
		}
	}
	dst = binary.BigEndian.AppendUint16(dst, mask)
	for _, c := range h {
		if c != 0 {
			dst = binary.AppendUvarint(dst, c)
		}
	}
	return dst
}

// decodeHist decodes a histogram written by appendHist.
func decodeHist(v []byte) (data.Histogram, error) {
	var h data.Histogram
	if len(v) < 2 {
		return h, fmt.Errorf("histogram of %d bytes: %w", len(v), ErrCorrupt)
	}
	mask := binary.BigEndian.Uint16(v)
	if mask&^histMask != 0 || mask == 0 {
		return h, fmt.Errorf("histogram mask %#x: %w", mask, ErrCorrupt)
	}
	v = v[2:]
	for i := range h {
		if mask&(1<<i) == 0 {
			continue
		}
		c, n := uvarint(v)
		if n <= 0 || c == 0 {
			return h, fmt.Errorf("histogram: %w", ErrCorrupt)
		}
		h[i] = c
		v = v[n:]
	}
	if len(v) != 0 {
		return h, fmt.Errorf("histogram: trailing bytes: %w", ErrCorrupt)
	}
	return h, nil
}

// qHist is the histogram of one question in a rollup value.
type qHist struct {
	q uint32
	h data.Histogram
}

// appendRollup appends the canonical rollup value of hs, which must be
// sorted by question with no zero histograms: for each, uvarint(question)
// then the histogram.
func appendRollup(dst []byte, hs []qHist) []byte {
	for i := range hs {
		dst = binary.AppendUvarint(dst, uint64(hs[i].q))
		dst = appendHist(dst, &hs[i].h)
	}
	return dst
}

// decodeRollup appends the histograms of a rollup value to dst.
func decodeRollup(dst []qHist, v []byte) ([]qHist, error) {
	first := true
	var prev uint64
	for len(v) > 0 {
		q, n := uvarint(v)
		if n <= 0 || q > math.MaxUint32 || (!first && q <= prev) {
			return dst, fmt.Errorf("rollup value: bad question: %w", ErrCorrupt)
		}
		v = v[n:]
		m := histLen(v)
		if m < 0 {
			return dst, fmt.Errorf("rollup value: %w", ErrCorrupt)
		}
		h, err := decodeHist(v[:m])
		if err != nil {
			return dst, err
		}
		dst = append(dst, qHist{uint32(q), h})
		v = v[m:]
		first, prev = false, q
	}
	if first {
		return dst, fmt.Errorf("rollup value: empty: %w", ErrCorrupt)
	}
	return dst, nil
}

// rollupFind returns the histogram of question q in a rollup value; ok is
// false when q has none there.
func rollupFind(v []byte, q uint32) (h data.Histogram, ok bool, err error) {
	for len(v) > 0 {
		qq, n := uvarint(v)
		if n <= 0 {
			return h, false, fmt.Errorf("rollup value: bad question: %w", ErrCorrupt)
		}
		v = v[n:]
		m := histLen(v)
		if m < 0 {
			return h, false, fmt.Errorf("rollup value: %w", ErrCorrupt)
		}
		if qq == uint64(q) {
			h, err = decodeHist(v[:m])
			return h, err == nil, err
		}
		if qq > uint64(q) {
			break
		}
		v = v[m:]
	}
	return h, false, nil
}

// histLen returns the length of the histogram encoding at the start of v,
// or -1.
func histLen(v []byte) int {
	if len(v) < 2 {
		return -1
	}
	mask := binary.BigEndian.Uint16(v)
	n := 2
	for i := 0; i <= data.MaxValue; i++ {
		if mask&(1<<i) == 0 {
			continue
		}
		_, w := uvarint(v[n:])
		if w <= 0 {
			return -1
		}
		n += w
	}
	return n
}

// idMS returns the millisecond a ResponseID starts with.
func idMS(id data.ResponseID) uint64 {
	return binary.BigEndian.Uint64(id[:8]) >> 16
}
