package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"math"
	"time"

	"csatdesk/data"
)

// The first byte of a response value: its format. Schema 1 wrote
// respCodecV1 (every field in order, strings in full); schema 2 wrote
// respCodecV2 (see encode) and migrated every v1 value; schema 3 writes
// respCodecV3, a format 2 value with a checksum (see seal), and migrates
// every v2 value. All three decode.
const (
	respCodecV1 = 1
	respCodecV2 = 2
	respCodecV3 = 3
)

// castagnoli is the CRC-32C table of the checksums of stored values.
var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// checksumLen is the length of the checksum that ends a sealed value.
const checksumLen = 4

// seal turns v, a format 2 value made by e.encode (e's buffer), into the
// format 3 value stored since schema 3: the format byte 3, the rest of the
// value as it was, and the CRC-32C of all that as 4 big-endian bytes. A
// value that was damaged on the disk then fails its checksum when it is
// read, instead of decoding to other data ("Riversiee" for "Riverside").
// The slice is valid until e's next use.
func (e *encoder) seal(v []byte) []byte {
	v[0] = respCodecV3
	e.buf = binary.BigEndian.AppendUint32(v, crc32.Checksum(v, castagnoli))
	return e.buf
}

// sealValue returns a format 3 copy of v, a format 2 value (migration).
func sealValue(v []byte) []byte {
	out := make([]byte, len(v), len(v)+checksumLen)
	copy(out, v)
	out[0] = respCodecV3
	return binary.BigEndian.AppendUint32(out, crc32.Checksum(out, castagnoli))
}

// unseal checks the checksum of a format 3 value and returns the value
// without it.
func unseal(v []byte) ([]byte, bool) {
	if len(v) < 1+checksumLen {
		return nil, false
	}
	body := v[:len(v)-checksumLen]
	return body, crc32.Checksum(body, castagnoli) == binary.BigEndian.Uint32(v[len(body):])
}

// maxZoneOffset bounds a stored zone offset (seconds); real zones stay
// within ±14 h.
const maxZoneOffset = 26 * 3600

// flagEntered is the one flag of a format 1 value: EnteredAt is set.
const flagEntered = 1 << 0

// Flags of a format 2 value. A field whose flag is clear is absent (its
// zero value). The usual ones come first, so that an imported row's flags
// fit one byte.
const (
	v2HeadRef     = 1 << 0 // the head is a dictionary index (else it follows in full)
	v2Comment     = 1 << 1
	v2Tags        = 1 << 2 // tags: names, and values while the dictionary is small, as dictionary indexes
	v2AnswersByte = 1 << 3 // answers, one byte each: question delta (1–15) << 4 | value (0–15)
	v2Texts       = 1 << 4
	v2Answers     = 1 << 5 // answers, uvarint question and varint value each
	v2Ext         = 1 << 6
	v2Form        = 1 << 7
	v2Flags       = 1<<8 - 1
)

// Flags of a format 2 head: the fields every response of an import (or
// of a day's typing) shares — import, survey version, zone offsets,
// Source and Channel — written once in the dictionary and named by index
// in each value.
const (
	headEntered    = 1 << 0 // EnteredAt is set
	headEnteredMS  = 1 << 1 // EnteredAt is the millisecond the ID starts with (else it follows the head)
	headSource     = 1 << 2 // Source, as a dictionary index
	headChannel    = 1 << 3 // Channel, as a dictionary index
	headChannelStr = 1 << 4 // Channel in full (the dictionary was full)
	headFlags      = 1<<5 - 1
)

// maxDictShared bounds the dictionary for the strings that are only
// usually shared: channels, tag values and heads are a few per import
// ("web", "Old Town"), but a column of anything could be mapped to a
// channel or a tag, and the dictionary is read whole by every transaction
// that decodes a value. Past this many strings they are written in full.
// (Tag names and Sources, one per column or import, always go in.)
const maxDictShared = 4096

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
	// found last, its index lastSrcID in lastD; lastHead the head, its
	// index lastHeadID when lastHeadOK.
	d          *dict
	lastD      *dict
	lastSrc    string
	lastSrcID  uint32
	head       []byte
	lastHead   []byte
	lastHeadID uint32
	lastHeadOK bool
	lastHeadD  *dict
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
// (respCodecV2), which names strings in e.d:
//
//	2, uvarint flags (v2…),
//	head: uvarint index of the head in the dictionary (v2HeadRef), or the
//	      head itself: uvarint head flags (head…), uvarint import,
//	      varint survey version, varint CollectedAt zone offset,
//	      [varint EnteredAt zone offset], [uvarint Source index],
//	      [uvarint Channel index | string Channel],
//	[varint EnteredAt seconds, uvarint nanoseconds]  entered, not at the ID's millisecond
//	[string ExternalID] [string FormNumber] [string Comment]
//	[uvarint n, n × (uvarint name index<<1 | interned, uvarint value index | string value)]
//	[uvarint n, n × byte (question delta<<4 | value)] or [uvarint n, n × (uvarint q, varint v)]
//	[uvarint n, n × (uvarint q, string)]
func (e *encoder) encode(r *data.Response, importID uint64) ([]byte, error) {
	if e.d == nil {
		return nil, fmt.Errorf("encode response %s: %w", r.ID, errNoTx)
	}
	// The head.
	var hf uint64
	if !r.EnteredAt.IsZero() {
		hf |= headEntered
		if ns := r.EnteredAt.UnixNano(); ns >= 0 && r.EnteredAt.Year() < 2262 && ns%1e6 == 0 && uint64(ns/1e6) == idMS(r.ID) {
			hf |= headEnteredMS
		}
	}
	var srcID, chanID uint32
	if r.Source != "" {
		hf |= headSource
		if r.Source != e.lastSrc || e.lastD != e.d {
			i, err := e.d.id(r.Source)
			if err != nil {
				return nil, err
			}
			e.lastSrc, e.lastSrcID, e.lastD = r.Source, i, e.d
		}
		srcID = e.lastSrcID
	}
	if r.Channel != "" {
		hf |= headChannelStr
		if i, ok, err := e.d.idCapped(r.Channel, maxDictShared); err != nil {
			return nil, err
		} else if ok {
			hf ^= headChannelStr | headChannel
			chanID = i
		}
	}
	h := binary.AppendUvarint(e.head[:0], hf)
	h = binary.AppendUvarint(h, importID)
	h = binary.AppendVarint(h, int64(r.SurveyVersion))
	_, off := r.CollectedAt.Zone()
	h = binary.AppendVarint(h, int64(off))
	if hf&headEntered != 0 {
		_, eoff := r.EnteredAt.Zone()
		h = binary.AppendVarint(h, int64(eoff))
	}
	if hf&headSource != 0 {
		h = binary.AppendUvarint(h, uint64(srcID))
	}
	if hf&headChannel != 0 {
		h = binary.AppendUvarint(h, uint64(chanID))
	}
	if hf&headChannelStr != 0 {
		h = appendStr(h, r.Channel)
	}
	e.head = h

	var flags uint64
	headID, ref := e.lastHeadID, e.lastHeadD == e.d && e.lastHeadOK && bytes.Equal(h, e.lastHead)
	if !ref {
		var err error
		if headID, ref, err = e.d.idCapped(string(h), maxDictShared); err != nil {
			return nil, err
		}
		e.lastHead, e.lastHeadID, e.lastHeadOK, e.lastHeadD = append(e.lastHead[:0], h...), headID, ref, e.d
	}
	if ref {
		flags |= v2HeadRef
	}
	if r.Comment != "" {
		flags |= v2Comment
	}
	if len(e.tags) > 0 {
		flags |= v2Tags
	}
	if len(e.ans) > 0 {
		flags |= v2AnswersByte
		prev := uint32(0)
		for _, a := range e.ans {
			if a.q <= prev || a.q-prev > 15 || a.v < 0 || a.v > 15 {
				flags ^= v2AnswersByte | v2Answers
				break
			}
			prev = a.q
		}
	}
	if len(e.texts) > 0 {
		flags |= v2Texts
	}
	if r.ExternalID != "" {
		flags |= v2Ext
	}
	if r.FormNumber != "" {
		flags |= v2Form
	}
	b := append(e.buf[:0], respCodecV2)
	b = binary.AppendUvarint(b, flags)
	if ref {
		b = binary.AppendUvarint(b, uint64(headID))
	} else {
		b = append(b, h...)
	}
	if hf&(headEntered|headEnteredMS) == headEntered {
		b = binary.AppendVarint(b, r.EnteredAt.Unix())
		b = binary.AppendUvarint(b, uint64(r.EnteredAt.Nanosecond()))
	}
	if flags&v2Ext != 0 {
		b = appendStr(b, r.ExternalID)
	}
	if flags&v2Form != 0 {
		b = appendStr(b, r.FormNumber)
	}
	if flags&v2Comment != 0 {
		b = appendStr(b, r.Comment)
	}
	if flags&v2Tags != 0 {
		b = binary.AppendUvarint(b, uint64(len(e.tags)))
		for _, t := range e.tags {
			ni, err := e.d.id(t.k)
			if err != nil {
				return nil, err
			}
			vi, ok, err := e.d.idCapped(t.v, maxDictShared)
			if err != nil {
				return nil, err
			}
			if ok {
				b = binary.AppendUvarint(b, uint64(ni)<<1|1)
				b = binary.AppendUvarint(b, uint64(vi))
			} else {
				b = binary.AppendUvarint(b, uint64(ni)<<1)
				b = appendStr(b, t.v)
			}
		}
	}
	if flags&v2AnswersByte != 0 {
		b = binary.AppendUvarint(b, uint64(len(e.ans)))
		prev := uint32(0)
		for _, a := range e.ans {
			b = append(b, byte(a.q-prev)<<4|byte(a.v))
			prev = a.q
		}
	}
	if flags&v2Answers != 0 {
		b = binary.AppendUvarint(b, uint64(len(e.ans)))
		for _, a := range e.ans {
			b = binary.AppendUvarint(b, uint64(a.q))
			b = binary.AppendVarint(b, int64(a.v))
		}
	}
	if flags&v2Texts != 0 {
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
	case respCodecV3:
		body, ok := unseal(v)
		if !ok {
			return sr, fmt.Errorf("response %s of survey %d: the stored value does not match its checksum (damaged on the disk): %w", id, sid, ErrCorrupt)
		}
		return decodeV2(dc, sid, wall, id, body)
	default:
		return sr, fmt.Errorf("response %s: value format %d is unknown (written by a newer CSAT Desk?): %w", id, v[0], ErrCorrupt)
	}
	d := decoder{b: v[1:]}
	r := &sr.Response
	r.ID, r.SurveyID = id, sid
	flags := d.uvarint()
	sr.importID = d.uvarint()
	r.SurveyVersion = d.int32()
	r.CollectedAt = timeFromWall(wall, d.zoneOffset())
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
		r.Texts = d.texts(n)
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
	if flags&^v2Flags != 0 || flags&(v2AnswersByte|v2Answers) == v2AnswersByte|v2Answers {
		d.fail()
	}
	// The head, from the dictionary or in place.
	hd := &d
	var ref decoder
	if flags&v2HeadRef != 0 {
		ref.b = []byte(d.dictStr(dc))
		ref.err = d.err
		hd = &ref
	}
	hf := hd.uvarint()
	if hf&^headFlags != 0 || (hf&headEnteredMS != 0 && hf&headEntered == 0) ||
		hf&(headChannel|headChannelStr) == headChannel|headChannelStr {
		hd.fail()
	}
	sr.importID = hd.uvarint()
	r.SurveyVersion = hd.int32()
	r.CollectedAt = timeFromWall(wall, hd.zoneOffset())
	var eoff int64
	if hf&headEntered != 0 {
		if eoff = hd.varint(); eoff < -maxZoneOffset || eoff > maxZoneOffset {
			hd.fail()
		}
	}
	if hf&headSource != 0 {
		r.Source = hd.dictStr(dc)
	}
	if hf&headChannel != 0 {
		r.Channel = hd.dictStr(dc)
	}
	if hf&headChannelStr != 0 {
		r.Channel = hd.str()
	}
	if hd != &d {
		if ref.err == nil && len(ref.b) != 0 {
			ref.err = errors.New("trailing bytes in the head")
		}
		if d.err == nil {
			d.err = ref.err
		}
	}
	if hf&headEntered != 0 {
		var sec, nsec int64
		if hf&headEnteredMS != 0 {
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
		if d.err == nil {
			r.EnteredAt = time.Unix(sec, nsec).In(zoneFor(int(eoff)))
		}
	}
	if flags&v2Ext != 0 {
		r.ExternalID = d.str()
	}
	if flags&v2Form != 0 {
		r.FormNumber = d.str()
	}
	if flags&v2Comment != 0 {
		r.Comment = d.str()
	}
	if flags&v2Tags != 0 {
		n := d.count(2)
		if n == 0 {
			d.fail()
		}
		r.Tags = make(map[string]string, n)
		for range n {
			ni := d.uvarint()
			if d.err != nil {
				break
			}
			k, err := dc.strOf(ni >> 1)
			if err != nil {
				d.err = err
				break
			}
			if ni&1 != 0 {
				r.Tags[k] = d.dictStr(dc)
			} else {
				r.Tags[k] = d.str()
			}
		}
	}
	if flags&v2AnswersByte != 0 {
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
	if flags&v2Answers != 0 {
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
	if flags&v2Texts != 0 {
		n := d.count(2)
		if n == 0 {
			d.fail()
		}
		r.Texts = d.texts(n)
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

// int32 reads a signed number that must fit 32 bits (a survey version).
func (d *decoder) int32() int {
	n := d.varint()
	if n < math.MinInt32 || n > math.MaxInt32 {
		d.fail()
	}
	return int(n)
}

// zoneOffset reads a time zone's offset in seconds, checked against
// maxZoneOffset.
func (d *decoder) zoneOffset() int {
	off := d.varint()
	if off < -maxZoneOffset || off > maxZoneOffset {
		d.fail()
	}
	return int(off)
}

// texts reads n open-text answers: question ID, then the text.
func (d *decoder) texts(n int) map[uint32]string {
	t := make(map[uint32]string, n)
	for range n {
		q := d.uvarint()
		if q > math.MaxUint32 {
			d.fail()
		}
		t[uint32(q)] = d.str()
	}
	return t
}

// dictStr reads a dictionary index and returns its string.
func (d *decoder) dictStr(dc *dict) string {
	i := d.uvarint()
	if d.err != nil {
		return ""
	}
	s, err := dc.strOf(i)
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
