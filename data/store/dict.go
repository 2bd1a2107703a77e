package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"

	bolt "go.etcd.io/bbolt"
)

// The string dictionary (schema 2).
//
// Strings that repeat in nearly every response of an import — its Source
// ("import:" and 16 hex digits) and its tag names ("location", "staff") —
// are stored once, in the strings bucket, and response values refer to
// them by index:
//
//	strings
//	└── <index u32> → the string      the bucket's sequence is the count
//
// Since schema 3 each string ends with the CRC-32C of its key and bytes
// (sealString), once meta's keyStringsSealed says so.
//
// The dictionary only grows: an index, once written, names the same
// string for the life of the file, so a value (or the bytes an undo keeps
// in memory) never needs its dictionary rewritten, and a survey or import
// deleted leaves its strings behind (a few bytes each).

var bucketStrings = []byte("strings")

var errNoTx = errors.New("no transaction")

// dict is the dictionary as one transaction sees it, loaded on first use.
// In a write transaction new strings are written at once (and roll back
// with it); in a read transaction (a prepared batch) they are kept
// pending for addPrepared to write, which refuses them as stale when
// another writer added strings in between.
type dict struct {
	tx     *bolt.Tx
	loaded bool
	strs   []string
	idx    map[string]uint32
	// base is the number of strings stored when the dictionary was
	// loaded; strs[base:] are pending (read transactions only).
	base int
}

func newDict(tx *bolt.Tx) *dict { return &dict{tx: tx} }

// load reads the stored strings.
func (d *dict) load() error {
	if d.loaded {
		return nil
	}
	if d.tx == nil {
		return fmt.Errorf("string dictionary: %w", errNoTx)
	}
	d.loaded = true
	b := d.tx.Bucket(bucketStrings)
	if b == nil {
		return nil // a file that has none yet (being migrated)
	}
	n := b.Sequence()
	sealed := stringsSealed(d.tx)
	d.strs = make([]string, 0, min(n, 1<<16))
	c := b.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		if len(k) != 4 || uint64(binary.BigEndian.Uint32(k)) != uint64(len(d.strs)) {
			return fmt.Errorf("string dictionary: key %x out of order: %w", k, ErrCorrupt)
		}
		str, err := unsealString(sealed, k, v)
		if err != nil {
			return err
		}
		d.strs = append(d.strs, str)
	}
	if uint64(len(d.strs)) != n {
		return fmt.Errorf("string dictionary: %d strings, %d counted: %w", len(d.strs), n, ErrCorrupt)
	}
	d.base = len(d.strs)
	return nil
}

// strOf returns string i.
func (d *dict) strOf(i uint64) (string, error) {
	if d == nil {
		return "", errNoTx
	}
	if err := d.load(); err != nil {
		return "", err
	}
	if i >= uint64(len(d.strs)) {
		return "", fmt.Errorf("string %d of %d in the dictionary: %w", i, len(d.strs), ErrCorrupt)
	}
	return d.strs[i], nil
}

// id returns the index of s, adding it when new.
func (d *dict) id(s string) (uint32, error) {
	if err := d.load(); err != nil {
		return 0, err
	}
	d.index()
	if i, ok := d.idx[s]; ok {
		return i, nil
	}
	i := uint32(len(d.strs))
	if d.tx != nil && d.tx.Writable() {
		if err := d.put(d.tx, i, s); err != nil {
			return 0, err
		}
		d.base++
	}
	d.strs = append(d.strs, s)
	d.idx[s] = i
	return i, nil
}

// index builds d.idx from the loaded strings, once.
func (d *dict) index() {
	if d.idx == nil {
		d.idx = make(map[string]uint32, len(d.strs))
		for i, x := range d.strs {
			d.idx[x] = uint32(i)
		}
	}
}

// idCapped is id for a string that is only added while the dictionary
// holds fewer than limit strings; ok is false when s is not in it.
func (d *dict) idCapped(s string, limit int) (i uint32, ok bool, err error) {
	if err := d.load(); err != nil {
		return 0, false, err
	}
	d.index()
	if i, ok := d.idx[s]; ok {
		return i, true, nil
	}
	if len(d.strs) >= limit {
		return 0, false, nil
	}
	i, err = d.id(s)
	return i, err == nil, err
}

// put writes string i in tx.
func (d *dict) put(tx *bolt.Tx, i uint32, s string) error {
	b, err := tx.CreateBucketIfNotExists(bucketStrings)
	if err != nil {
		return fmt.Errorf("string dictionary: %w", err)
	}
	if b.Sequence() != uint64(i) {
		return fmt.Errorf("string dictionary: string %d added after %d: %w", i, b.Sequence(), ErrStale)
	}
	k := binary.BigEndian.AppendUint32(nil, i)
	if err := b.Put(k, sealString(stringsSealed(tx), k, s)); err != nil {
		return fmt.Errorf("string dictionary: %w", err)
	}
	return b.SetSequence(uint64(i) + 1)
}

// writePending writes, in write transaction tx, the strings added while
// preparing in a read transaction. When another writer added strings
// since, the pending indexes may name other strings: ErrStale — unless
// they are the very same strings (the batch before, written meanwhile by
// an import's pipeline, brought them first).
func (d *dict) writePending(tx *bolt.Tx) error {
	if d == nil || len(d.strs) == d.base {
		return nil
	}
	b := tx.Bucket(bucketStrings)
	sealed := stringsSealed(tx)
	for i := d.base; i < len(d.strs); i++ {
		if b != nil && uint64(i) < b.Sequence() {
			k := binary.BigEndian.AppendUint32(nil, uint32(i))
			if str, err := unsealString(sealed, k, b.Get(k)); err != nil || str != d.strs[i] {
				return fmt.Errorf("string dictionary: string %d is another one now: %w", i, ErrStale)
			}
			continue
		}
		if err := d.put(tx, uint32(i), d.strs[i]); err != nil {
			return err
		}
	}
	return nil
}

// keyStringsSealed, in the meta bucket, says that every dictionary string
// ends with its checksum (schema 3's migration sets it when it has sealed
// them all, a new file from the start).
var keyStringsSealed = []byte("strings-sealed")

// stringsSealed reports whether tx's dictionary strings carry checksums.
func stringsSealed(tx *bolt.Tx) bool {
	m := tx.Bucket(bucketMeta)
	return m != nil && m.Get(keyStringsSealed) != nil
}

// sealString returns the stored value of string s under key k: s, and when
// sealed the CRC-32C of k and s (4 bytes), so that a damaged string, or
// one under another index, is an error instead of another tag value.
func sealString(sealed bool, k []byte, s string) []byte {
	v := []byte(s)
	if !sealed {
		return v
	}
	return binary.BigEndian.AppendUint32(v, crc32.Update(crc32.Checksum(k, castagnoli), castagnoli, v))
}

// unsealString is sealString's inverse, checking the checksum.
func unsealString(sealed bool, k, v []byte) (string, error) {
	if !sealed {
		return string(v), nil
	}
	if len(v) < checksumLen {
		return "", fmt.Errorf("string dictionary: string %x has no checksum: %w", k, ErrCorrupt)
	}
	body := v[:len(v)-checksumLen]
	if crc32.Update(crc32.Checksum(k, castagnoli), castagnoli, body) != binary.BigEndian.Uint32(v[len(body):]) {
		return "", fmt.Errorf("string dictionary: string %x does not match its checksum (damaged on the disk): %w", k, ErrCorrupt)
	}
	return string(body), nil
}
