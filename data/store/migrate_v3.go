package store

import (
	"bytes"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// Schema 3: every response value and survey record carries a checksum.
//
// A fault test damaged bytes inside pages of real files: 23 of 200 gave
// silently wrong data, 16 of them passing bbolt's own check (bbolt checks
// its page structure, not the values in it). A response value is now
// format 3 — format 2 with its CRC-32C (Castagnoli) appended (seal) — and
// a survey record its JSON followed by "\ncrc32c:" and the CRC in hex, so
// a damaged value is an error naming the survey and the response when it
// is read, and CheckAll finds it. Rollups and the ID index are derived
// data: CheckAll recounts them instead.

// migrateChecksums seals every format 2 response value (responses and
// staged rows) and every survey record without a checksum. Values already
// sealed are left as they are, so it may run again.
func migrateChecksums(tx *bolt.Tx) error {
	if top := tx.Bucket(bucketResponses); top != nil {
		for _, sid := range subBuckets(top) {
			if err := sealValues(top.Bucket(u64Key(sid))); err != nil {
				return fmt.Errorf("responses of survey %d: %w", sid, err)
			}
		}
	}
	if b := tx.Bucket(bucketStaged); b != nil {
		if err := sealValues(b); err != nil {
			return fmt.Errorf("staged rows: %w", err)
		}
	}
	if err := sealStrings(tx); err != nil {
		return err
	}
	b := tx.Bucket(bucketSurveys)
	if b == nil {
		return nil
	}
	type kv struct{ k, v []byte }
	var todo []kv
	if err := b.ForEach(func(k, v []byte) error {
		if _, sealed, err := unsealSurvey(v); err != nil || sealed || v == nil {
			return err
		}
		todo = append(todo, kv{bytes.Clone(k), sealSurvey(bytes.Clone(v))})
		return nil
	}); err != nil {
		return err
	}
	for _, e := range todo {
		if err := b.Put(e.k, e.v); err != nil {
			return err
		}
	}
	return nil
}

// sealValues rewrites the format 2 values of b as format 3, recodeChunk at
// a time (a cursor must not walk a bucket that is being written). Values
// of another format are left for the decoder to judge.
func sealValues(b *bolt.Bucket) error {
	return rewriteValues(b, func(_, v []byte) ([]byte, error) {
		if len(v) == 0 || v[0] != respCodecV2 {
			return nil, nil
		}
		return sealValue(v), nil
	})
}

// sealStrings seals every dictionary string and records that it did
// (keyStringsSealed), once.
func sealStrings(tx *bolt.Tx) error {
	meta := tx.Bucket(bucketMeta)
	if meta == nil || meta.Get(keyStringsSealed) != nil {
		return nil
	}
	if b := tx.Bucket(bucketStrings); b != nil {
		type kv struct{ k, v []byte }
		var all []kv
		if err := b.ForEach(func(k, v []byte) error {
			all = append(all, kv{bytes.Clone(k), sealString(true, k, string(v))})
			return nil
		}); err != nil {
			return err
		}
		for _, e := range all {
			if err := b.Put(e.k, e.v); err != nil {
				return err
			}
		}
	}
	return meta.Put(keyStringsSealed, []byte("1"))
}
