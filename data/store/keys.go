package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"sync"
	"time"

	"csatdesk/data"
)

// Bucket names.
var (
	bucketMeta       = []byte("meta")
	bucketSurveys    = []byte("surveys")
	bucketResponses  = []byte("responses")
	bucketIDs        = []byte("ids")
	bucketExtIDs     = []byte("extids")
	bucketForms      = []byte("forms")
	bucketRollups    = []byte("rollups")
	bucketImports    = []byte("imports")
	bucketImportRows = []byte("importrows")
	bucketSettings   = []byte("settings")
)

// perSurveyBuckets hold one sub-bucket per survey, keyed by u64Key(sid).
var perSurveyBuckets = [][]byte{bucketResponses, bucketIDs, bucketExtIDs, bucketForms, bucketRollups}

// Keys in the meta bucket.
var (
	keyVersion  = []byte("version")
	keyCreated  = []byte("created")
	keyMigrated = []byte("migrated")
)

const (
	nanosPerDay = 86400 * int64(time.Second)
	// respKeyLen is the length of a key in a responses sub-bucket.
	respKeyLen = 8 + 16
	// wallLen is the length of a value in an ids sub-bucket.
	wallLen = 8
)

func u64Key(v uint64) []byte {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], v)
	return b[:]
}

// wallNanos returns t as wall-clock nanoseconds since 1970-01-01 in t's own
// zone. ok is false for a time outside what a key can hold.
func wallNanos(t time.Time) (w uint64, ok bool) {
	_, off := t.Zone()
	y := t.Year()
	if y < 1970 || y > 2261 {
		return 0, false
	}
	n := t.UnixNano() + int64(off)*int64(time.Second)
	if n < 0 {
		return 0, false
	}
	return uint64(n), true
}

// dayStart returns the first wall time of day d.
func dayStart(d data.Day) uint64 { return uint64(d) * uint64(nanosPerDay) }

// dayOfWall returns the civil day of a wall time.
func dayOfWall(w uint64) data.Day { return data.Day(w / uint64(nanosPerDay)) }

// appendRespKey appends the responses key wall|id.
func appendRespKey(dst []byte, wall uint64, id data.ResponseID) []byte {
	dst = binary.BigEndian.AppendUint64(dst, wall)
	return append(dst, id[:]...)
}

// parseRespKey splits a responses key.
func parseRespKey(k []byte) (wall uint64, id data.ResponseID, err error) {
	if len(k) != respKeyLen {
		return 0, id, fmt.Errorf("response key of %d bytes: %w", len(k), ErrCorrupt)
	}
	wall = binary.BigEndian.Uint64(k)
	copy(id[:], k[8:])
	return wall, id, nil
}

// appendSegment appends the prefix-free encoding of a segment.
func appendSegment(dst []byte, seg data.Segment) []byte {
	dst = binary.AppendUvarint(dst, uint64(len(seg.Name)))
	dst = append(dst, seg.Name...)
	dst = binary.AppendUvarint(dst, uint64(len(seg.Value)))
	return append(dst, seg.Value...)
}

// appendSegmentParts is appendSegment for a name and value given apart.
func appendSegmentParts(dst []byte, name, value string) []byte {
	dst = binary.AppendUvarint(dst, uint64(len(name)))
	dst = append(dst, name...)
	dst = binary.AppendUvarint(dst, uint64(len(value)))
	return append(dst, value...)
}

var errBadKey = errors.New("malformed key")

// uvarint is binary.Uvarint that also refuses non-minimal encodings (a
// last byte of zero), so that every value has exactly one encoding.
func uvarint(b []byte) (uint64, int) {
	v, n := binary.Uvarint(b)
	if n > 1 && b[n-1] == 0 {
		return 0, 0
	}
	return v, n
}

// varint is binary.Varint, refusing non-minimal encodings.
func varint(b []byte) (int64, int) {
	v, n := binary.Varint(b)
	if n > 1 && b[n-1] == 0 {
		return 0, 0
	}
	return v, n
}

// readString reads a uvarint-length-prefixed string from b.
func readString(b []byte) (s string, rest []byte, err error) {
	n, w := uvarint(b)
	if w <= 0 || n > uint64(len(b)-w) {
		return "", nil, errBadKey
	}
	return string(b[w : w+int(n)]), b[w+int(n):], nil
}

// parseSegment decodes a segment from the front of b.
func parseSegment(b []byte) (seg data.Segment, rest []byte, err error) {
	if seg.Name, b, err = readString(b); err != nil {
		return seg, nil, err
	}
	if seg.Value, b, err = readString(b); err != nil {
		return seg, nil, err
	}
	return seg, b, nil
}

// appendRollupKey appends segment|day.
func appendRollupKey(dst []byte, seg data.Segment, day data.Day) []byte {
	dst = appendSegment(dst, seg)
	return binary.BigEndian.AppendUint32(dst, uint32(day))
}

// parseRollupKey splits a rollup key.
func parseRollupKey(k []byte) (seg data.Segment, day data.Day, err error) {
	seg, rest, err := parseSegment(k)
	if err != nil || len(rest) != 4 {
		return seg, 0, fmt.Errorf("rollup key %x: %w", k, errBadKey)
	}
	return seg, data.Day(binary.BigEndian.Uint32(rest)), nil
}

// appendExtKey appends the key len|ext|id of the external-ID and
// form-number indexes.
func appendExtKey(dst []byte, ext string, id data.ResponseID) []byte {
	dst = binary.AppendUvarint(dst, uint64(len(ext)))
	dst = append(dst, ext...)
	return append(dst, id[:]...)
}

// extPrefix returns len|ext, the prefix of every index entry for ext (an
// external ID or a form number).
func extPrefix(ext string) []byte {
	return append(binary.AppendUvarint(nil, uint64(len(ext))), ext...)
}

// importRowPrefix returns import|sid, the prefix of the row groups of one
// import and survey.
func importRowPrefix(imp, sid uint64) []byte {
	return binary.BigEndian.AppendUint64(u64Key(imp), sid)
}

// parseImportRowKey splits an importrows key import|sid|ms.
func parseImportRowKey(k []byte) (imp, sid uint64, err error) {
	if len(k) != 8+8+idGroupLen {
		return 0, 0, fmt.Errorf("import row key of %d bytes: %w", len(k), errBadKey)
	}
	return binary.BigEndian.Uint64(k), binary.BigEndian.Uint64(k[8:]), nil
}

// zoneCache holds fixed zones by offset so that decoding a response does not
// allocate a *time.Location each time.
var (
	zonesMu   sync.RWMutex
	zoneCache = map[int]*time.Location{}
)

func zoneFor(off int) *time.Location {
	if off == 0 {
		return time.UTC
	}
	zonesMu.RLock()
	loc := zoneCache[off]
	zonesMu.RUnlock()
	if loc != nil {
		return loc
	}
	zonesMu.Lock()
	defer zonesMu.Unlock()
	if loc = zoneCache[off]; loc == nil {
		loc = time.FixedZone("", off)
		zoneCache[off] = loc
	}
	return loc
}

// timeFromWall rebuilds a time from its wall nanoseconds and zone offset.
func timeFromWall(wall uint64, off int) time.Time {
	if wall > math.MaxInt64 {
		wall = math.MaxInt64
	}
	return time.Unix(0, int64(wall)-int64(off)*int64(time.Second)).In(zoneFor(off))
}
