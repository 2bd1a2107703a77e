package store

import (
	"bytes"
	"fmt"
	"sort"

	bolt "go.etcd.io/bbolt"

	"csatdesk/data"
)

// ID groups.
//
// The response-ID index and the per-import row lists would cost one bbolt
// Put per response, and a Put costs about as much as everything else an
// insert does. So they are grouped: all IDs that share their first
// idGroupLen bytes live in one value under key prefix|id[:idGroupLen], as
// records of the rest of the ID plus a fixed-size payload, sorted. A fresh
// ResponseID is a millisecond and a random part that the next ID of the
// same millisecond increments, so a batch of 10,000 fresh IDs writes some
// forty groups of up to 256 records; a lookup is one Get and a binary
// search.
//
// Schema 1 grouped by the millisecond alone (6 bytes of key, 10 of each
// record): a batch's 10,000 IDs made one value of 180 KB, which bbolt
// copied whole each time a later batch touched the page beside it — a
// tenth of an import's time and of its memory. Schema 2 keeps groups
// below a page (ids: 256 × 9 bytes) and records of one byte of ID.

const (
	idGroupLen = 15 // the part of a ResponseID in a group's key
	idRestLen  = 1  // the rest, in each record
)

// Schema 1's split, for reading its groups when migrating.
const (
	v1GroupLen = 6
	v1RestLen  = 10
)

// idGroup is one group loaded into a write transaction.
type idGroup struct {
	b      *bolt.Bucket
	key    []byte
	recLen int
	data   []byte // sorted records; owned, never shared with bbolt until flush
	dirty  bool
}

type groupKey struct {
	b   *bolt.Bucket
	key string
}

// groupSearch finds the record of rest in sorted records d.
func groupSearch(d []byte, recLen int, rest []byte) (int, bool) {
	n := len(d) / recLen
	i := sort.Search(n, func(i int) bool { return bytes.Compare(d[i*recLen:i*recLen+idRestLen], rest) >= 0 })
	return i, i < n && bytes.Equal(d[i*recLen:i*recLen+idRestLen], rest)
}

func (g *idGroup) get(id data.ResponseID) ([]byte, bool) {
	i, ok := groupSearch(g.data, g.recLen, id[idGroupLen:])
	if !ok {
		return nil, false
	}
	return g.data[i*g.recLen+idRestLen : (i+1)*g.recLen], true
}

// put inserts or replaces the record of id. Appending in increasing order,
// the usual case, is cheap.
func (g *idGroup) put(id data.ResponseID, payload []byte) {
	g.dirty = true
	rest := id[idGroupLen:]
	n := len(g.data) / g.recLen
	if n == 0 || bytes.Compare(g.data[(n-1)*g.recLen:(n-1)*g.recLen+idRestLen], rest) < 0 {
		g.data = append(append(g.data, rest...), payload...)
		return
	}
	i, ok := groupSearch(g.data, g.recLen, rest)
	if !ok {
		g.data = append(g.data, make([]byte, g.recLen)...)
		copy(g.data[(i+1)*g.recLen:], g.data[i*g.recLen:])
		copy(g.data[i*g.recLen:], rest)
	}
	copy(g.data[i*g.recLen+idRestLen:(i+1)*g.recLen], payload)
}

func (g *idGroup) del(id data.ResponseID) bool {
	i, ok := groupSearch(g.data, g.recLen, id[idGroupLen:])
	if !ok {
		return false
	}
	g.dirty = true
	g.data = append(g.data[:i*g.recLen], g.data[(i+1)*g.recLen:]...)
	return true
}

// ids returns every ID in the group (whose key ends with the IDs' first
// idGroupLen bytes).
func (g *idGroup) ids() []data.ResponseID {
	var out []data.ResponseID
	ms := g.key[len(g.key)-idGroupLen:]
	for off := 0; off+g.recLen <= len(g.data); off += g.recLen {
		var id data.ResponseID
		copy(id[:], ms)
		copy(id[idGroupLen:], g.data[off:off+idRestLen])
		out = append(out, id)
	}
	return out
}

// groupKeyOf returns prefix|id[:idGroupLen].
func groupKeyOf(prefix []byte, id data.ResponseID) []byte {
	k := make([]byte, 0, len(prefix)+idGroupLen)
	return append(append(k, prefix...), id[:idGroupLen]...)
}

// group returns the group of id under prefix in b, loading it on first use.
func (w *writer) group(b *bolt.Bucket, prefix []byte, id data.ResponseID, recLen int) (*idGroup, error) {
	// Consecutive IDs mostly share their group: try the last ones.
	for _, g := range w.lastGroups {
		if g != nil && g.b == b && len(g.key) == len(prefix)+idGroupLen &&
			bytes.Equal(g.key[len(prefix):], id[:idGroupLen]) && bytes.Equal(g.key[:len(prefix)], prefix) {
			return g, nil
		}
	}
	g, err := w.groupAt(b, groupKeyOf(prefix, id), recLen)
	if err == nil {
		w.lastGroups[1], w.lastGroups[0] = w.lastGroups[0], g
	}
	return g, err
}

func (w *writer) groupAt(b *bolt.Bucket, key []byte, recLen int) (*idGroup, error) {
	gk := groupKey{b, string(key)}
	if g := w.groups[gk]; g != nil {
		return g, nil
	}
	g := &idGroup{b: b, key: key, recLen: recLen}
	if v := b.Get(key); v != nil {
		if len(v)%recLen != 0 {
			return nil, fmt.Errorf("ID group %x of %d bytes: %w", key, len(v), ErrCorrupt)
		}
		g.data = append(make([]byte, 0, len(v)+recLen*64), v...)
	}
	if w.groups == nil {
		w.groups = make(map[groupKey]*idGroup)
	}
	w.groups[gk] = g
	return g, nil
}

// flushGroups writes the changed groups in key order and forgets them all.
func (w *writer) flushGroups() error {
	dirty := make([]*idGroup, 0, len(w.groups))
	for _, g := range w.groups {
		if g.dirty {
			dirty = append(dirty, g)
		}
	}
	sort.Slice(dirty, func(i, j int) bool { return bytes.Compare(dirty[i].key, dirty[j].key) < 0 })
	for _, g := range dirty {
		var err error
		if len(g.data) == 0 {
			err = g.b.Delete(g.key)
		} else {
			err = g.b.Put(g.key, g.data)
		}
		if err != nil {
			return err
		}
	}
	clear(w.groups)
	w.lastGroups = [2]*idGroup{}
	return nil
}

// lookupGrouped reads the payload of id under prefix in b outside a writer;
// the result is a copy.
func lookupGrouped(b *bolt.Bucket, prefix []byte, id data.ResponseID, recLen int) ([]byte, bool, error) {
	key := groupKeyOf(prefix, id)
	v := b.Get(key)
	if v == nil {
		return nil, false, nil
	}
	if len(v)%recLen != 0 {
		return nil, false, fmt.Errorf("ID group %x of %d bytes: %w", key, len(v), ErrCorrupt)
	}
	i, ok := groupSearch(v, recLen, id[idGroupLen:])
	if !ok {
		return nil, false, nil
	}
	return append([]byte(nil), v[i*recLen+idRestLen:(i+1)*recLen]...), true, nil
}

// Record lengths of the two grouped sets.
const (
	idRecLen  = idRestLen + wallLen // ids: rest of ID, wall time
	rowRecLen = idRestLen           // importrows: rest of ID
)
