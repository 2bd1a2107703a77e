package store

import (
	"errors"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// The comment-topic dictionaries (package data/topics) live in a bucket of
// their own, created by the first save, so no migration is needed and an
// older file simply has none (the built-in dictionaries apply):
//
//	topics
//	└── <key>  → value "\ncrc32c:" <8 hex digits>
//
// key is a business type ("cafe", "shop", …) with its edited dictionary as
// JSON, or "@business" with the type in use. Every value is sealed like a
// survey record, so a value damaged on the disk is an error, not another
// dictionary. The bucket is an ordinary top-level bucket: Backup (WriteTo),
// Compact (bbolt's copy of every bucket, compared key by key), RestoreFrom
// (the whole file) carry it; Merge adds another file's surveys and
// responses and leaves this file's dictionaries as they are; CheckAll
// verifies every value's checksum (checkTopicsTx).
var bucketTopics = []byte("topics")

// TopicDictionary returns a copy of the value stored under key in the
// topics bucket; a missing key (or bucket) gives nil, nil.
func (s *Store) TopicDictionary(key string) ([]byte, error) {
	var out []byte
	err := s.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketTopics)
		if b == nil {
			return nil
		}
		v := b.Get([]byte(key))
		if v == nil {
			return nil
		}
		js, sealed, err := unsealSurvey(v)
		if err != nil || !sealed {
			return fmt.Errorf("topic dictionary %q does not match its checksum (damaged on the disk): %w", key, ErrCorrupt)
		}
		out = append(make([]byte, 0, len(js)), js...)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read topic dictionary %q: %w", key, err)
	}
	return out, nil
}

// SetTopicDictionary stores value under key in the topics bucket, sealed
// with its checksum; a nil value deletes the key.
func (s *Store) SetTopicDictionary(key string, value []byte) error {
	if key == "" {
		return fmt.Errorf("save topic dictionary: empty key")
	}
	var v []byte
	if value != nil {
		v = sealSurvey(append(make([]byte, 0, len(value)+surveySealLen), value...))
	}
	err := s.update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists(bucketTopics)
		if err != nil {
			return err
		}
		if value == nil {
			return b.Delete([]byte(key))
		}
		return b.Put([]byte(key), v)
	})
	if err != nil {
		return fmt.Errorf("save topic dictionary %q: %w", key, err)
	}
	return nil
}

// checkTopicsTx returns a finding for every topics value whose checksum
// does not match (CheckAll).
func checkTopicsTx(tx *bolt.Tx) []CheckFinding {
	b := tx.Bucket(bucketTopics)
	if b == nil {
		return nil
	}
	var fs []CheckFinding
	err := b.ForEach(func(k, v []byte) error {
		if _, sealed, err := unsealSurvey(v); err != nil || !sealed {
			fs = append(fs, CheckFinding{Kind: CheckFileDamaged, Detail: fmt.Sprintf("topic dictionary %q does not match its checksum", k)})
		}
		return nil
	})
	if err != nil {
		fs = append(fs, CheckFinding{Kind: CheckFileDamaged, Detail: errors.Join(errors.New("topic dictionaries"), err).Error()})
	}
	return fs
}
