package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"slices"

	bolt "go.etcd.io/bbolt"

	"csatdesk/data"
)

// Schema 2: smaller responses (issue #12: ≤ 100 bytes per response,
// schema 1 took 150–174).
//
//   - Response values are written in format 2 (encode): a field left
//     empty costs nothing, the Source and the tag names are indexes into
//     the strings bucket (dict.go) instead of "import:" + 16 hex digits and
//     "location" in every value, and an EnteredAt that falls in the
//     millisecond the response ID starts with (every ID made for a new
//     response) keeps only the nanoseconds past that millisecond.
//   - ID groups (ids, importrows, supersede) are keyed by the first 15
//     bytes of the ID instead of the first 6 (idgroups.go).
//
// migrateCompact rewrites a schema 1 file that way, inside the one
// transaction of Store.migrate (after its backup to <path>.bak-v1): a
// crash or kill -9 leaves the file as it was, or migrated whole. Every
// value is decoded and encoded again, so every byte of meaning — ID, dates
// and their zones, EnteredAt to the nanosecond, Source, survey version,
// the import a response came with — is kept; rollups, extids and forms
// do not change. It is idempotent: values already in format 2 and groups
// already keyed by 15 bytes are left as they are.
func migrateCompact(tx *bolt.Tx) error {
	defer migrateHook("end") // the transaction commits after it
	if _, err := tx.CreateBucketIfNotExists(bucketStrings); err != nil {
		return fmt.Errorf("create bucket %s: %w", bucketStrings, err)
	}
	dc := newDict(tx)
	enc := encoder{d: dc}
	// Responses, one sub-bucket per survey.
	if top := tx.Bucket(bucketResponses); top != nil {
		for _, sid := range subBuckets(top) {
			b := top.Bucket(u64Key(sid))
			err := recodeValues(b, func(k []byte) (uint64, []byte, error) { return sid, k, nil }, dc, &enc)
			if err != nil {
				return fmt.Errorf("responses of survey %d: %w", sid, err)
			}
		}
	}
	// The rows of a pending replacing import, kept aside.
	if b := tx.Bucket(bucketStaged); b != nil {
		if err := recodeValues(b, parseStagedKey, dc, &enc); err != nil {
			return fmt.Errorf("staged rows: %w", err)
		}
	}
	migrateHook("values")
	// The ID index of each survey: prefix none, payload the wall time.
	if top := tx.Bucket(bucketIDs); top != nil {
		for _, sid := range subBuckets(top) {
			if err := regroup(top.Bucket(u64Key(sid)), 0, wallLen); err != nil {
				return fmt.Errorf("ID index of survey %d: %w", sid, err)
			}
		}
	}
	// Import rows and responses to supersede: prefix import|sid.
	for _, name := range [][]byte{bucketImportRows, bucketSupersede} {
		if b := tx.Bucket(name); b != nil {
			if err := regroup(b, 16, 0); err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
		}
	}
	migrateHook("groups")
	return nil
}

// migrateHook is called at stages of migrateCompact (the kill test stops
// a child there); it does nothing otherwise.
var migrateHook = func(stage string) {}

// subBuckets lists the survey sub-buckets of a per-survey bucket.
func subBuckets(top *bolt.Bucket) []uint64 {
	var out []uint64
	c := top.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		if v == nil && len(k) == 8 {
			out = append(out, binary.BigEndian.Uint64(k))
		}
	}
	return out
}

// recodeChunk is how many values recodeValues decodes before writing them
// back (a cursor must not run over keys being changed).
const recodeChunk = 4096

// recodeValues rewrites every format 1 response value of b in format 2.
// split gives the survey and responses key (wall|id) of a key of b.
func recodeValues(b *bolt.Bucket, split func(k []byte) (uint64, []byte, error), dc *dict, enc *encoder) error {
	return rewriteValues(b, func(k, v []byte) ([]byte, error) {
		if v == nil || (len(v) > 0 && (v[0] == respCodecV2 || v[0] == respCodecV3)) {
			return nil, nil
		}
		sid, rk, err := split(k)
		if err != nil {
			return nil, fmt.Errorf("%w: %w", err, ErrCorrupt)
		}
		sr, err := decodeResponse(dc, sid, rk, v)
		if err != nil {
			return nil, err
		}
		enc.extract(&sr.Response)
		nv, err := enc.encode(&sr.Response, sr.importID)
		if err != nil {
			return nil, err
		}
		return bytes.Clone(nv), nil
	})
}

// rewriteValues replaces each value of b by what recode returns for it
// (nil: left as it is), recodeChunk values at a time: a cursor must not
// walk a bucket that is being written.
func rewriteValues(b *bolt.Bucket, recode func(k, v []byte) ([]byte, error)) error {
	type kv struct{ k, v []byte }
	var last []byte
	for {
		var chunk []kv
		c := b.Cursor()
		var k, v []byte
		if last == nil {
			k, v = c.First()
		} else if k, v = c.Seek(last); k != nil && bytes.Equal(k, last) {
			k, v = c.Next()
		}
		end := true
		for ; k != nil; k, v = c.Next() {
			if len(chunk) == recodeChunk {
				end = false
				break
			}
			last = append(last[:0], k...)
			nv, err := recode(k, v)
			if err != nil {
				return err
			}
			if nv != nil {
				chunk = append(chunk, kv{bytes.Clone(k), nv})
			}
		}
		for _, e := range chunk {
			if err := b.Put(e.k, e.v); err != nil {
				return err
			}
		}
		if end {
			return nil
		}
	}
}

// regroup rewrites the schema 1 ID groups of b — keys prefix|id[:6],
// records id[6:]|payload — as schema 2 groups: keys prefix|id[:15],
// records id[15]|payload. Keys of another length (groups already
// rewritten) are left alone.
func regroup(b *bolt.Bucket, prefixLen, payload int) error {
	newRec := idRestLen + payload
	var olds [][]byte
	groups := map[string][]byte{}
	var order []string
	c := b.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		if v == nil || len(k) != prefixLen+v1GroupLen {
			continue
		}
		olds = append(olds, bytes.Clone(k))
		err := v1GroupRecords(k, prefixLen, v, payload, func(id data.ResponseID, p []byte) {
			nk := string(groupKeyOf(k[:prefixLen], id))
			g, ok := groups[nk]
			if !ok {
				order = append(order, nk)
				g = make([]byte, 0, newRec*16)
			}
			g = append(g, id[idGroupLen:]...)
			groups[nk] = append(g, p...)
		})
		if err != nil {
			return err
		}
	}
	for _, k := range olds {
		if err := b.Delete(k); err != nil {
			return err
		}
	}
	// The old groups came in key order and their records sorted, so the
	// new groups are in order too; sort anyway, it costs nothing.
	slices.Sort(order)
	for _, k := range order {
		g := groups[k]
		if v := b.Get([]byte(k)); v != nil { // a group of both layouts: merge
			merged := idGroup{recLen: newRec, data: append([]byte(nil), v...)}
			var id data.ResponseID
			copy(id[:], k[prefixLen:])
			for off := 0; off < len(g); off += newRec {
				id[idGroupLen] = g[off]
				merged.put(id, g[off+idRestLen:off+newRec])
			}
			g = merged.data
		}
		if err := b.Put([]byte(k), g); err != nil {
			return err
		}
	}
	return nil
}

// v1GroupRecords calls fn with the ID and payload of each record of the
// schema 1 group k (prefix of prefixLen bytes, then the IDs' millisecond)
// with value v.
func v1GroupRecords(k []byte, prefixLen int, v []byte, payload int, fn func(id data.ResponseID, p []byte)) error {
	rec := v1RestLen + payload
	if len(k) != prefixLen+v1GroupLen || len(v)%rec != 0 {
		return fmt.Errorf("ID group %x of %d bytes: %w", k, len(v), ErrCorrupt)
	}
	var id data.ResponseID
	copy(id[:v1GroupLen], k[prefixLen:])
	for off := 0; off < len(v); off += rec {
		copy(id[v1GroupLen:], v[off:off+v1RestLen])
		fn(id, v[off+v1RestLen:off+rec])
	}
	return nil
}
