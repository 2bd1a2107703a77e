package store

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	bolt "go.etcd.io/bbolt"
)

// Backup writes a consistent copy of the whole database to w while the
// store stays usable (a read transaction's Tx.WriteTo). The copy is a
// complete bbolt file.
func (s *Store) Backup(w io.Writer) (int64, error) {
	var n int64
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		n, err = tx.WriteTo(w)
		return err
	})
	if err != nil {
		return n, fmt.Errorf("back up %s: %w", s.path, err)
	}
	return n, nil
}

// Check verifies the file's internal consistency (bbolt's Tx.Check) and
// returns every problem found, joined; nil when the file is sound. Every
// bucket's pages are read first in this goroutine, where a damaged page is
// an ErrCorrupt error: bbolt checks in a goroutine of its own, where a
// page that fails its assertions would end the program.
func (s *Store) Check() error {
	if err := s.view(func(tx *bolt.Tx) error {
		return tx.ForEach(func(_ []byte, b *bolt.Bucket) error { return readBucket(b) })
	}); err != nil {
		return fmt.Errorf("check %s: %w", s.path, err)
	}
	var errs []error
	err := s.view(func(tx *bolt.Tx) error {
		for err := range tx.Check() {
			errs = append(errs, err)
		}
		return nil
	})
	if err != nil {
		errs = append(errs, err)
	}
	if len(errs) > 0 {
		return fmt.Errorf("check %s: %w", s.path, errors.Join(errs...))
	}
	return nil
}

// readBucket reads every key and value of b and of the buckets in it.
func readBucket(b *bolt.Bucket) error {
	c := b.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		if v == nil {
			if nb := b.Bucket(k); nb != nil {
				if err := readBucket(nb); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// SetSetting stores value under key in the settings bucket; a nil value
// deletes the key.
func (s *Store) SetSetting(key string, value []byte) error {
	if key == "" {
		return fmt.Errorf("save setting: empty key")
	}
	v := append([]byte(nil), value...)
	err := s.update(func(tx *bolt.Tx) error {
		b, err := bucket(tx, bucketSettings)
		if err != nil {
			return err
		}
		if value == nil {
			return b.Delete([]byte(key))
		}
		return b.Put([]byte(key), v)
	})
	if err != nil {
		return fmt.Errorf("save setting %q: %w", key, err)
	}
	return nil
}

// Setting returns a copy of the value stored under key; a missing key gives
// nil, nil.
func (s *Store) Setting(key string) ([]byte, error) {
	var out []byte
	err := s.view(func(tx *bolt.Tx) error {
		b, err := bucket(tx, bucketSettings)
		if err != nil {
			return err
		}
		if v := b.Get([]byte(key)); v != nil {
			out = append(make([]byte, 0, len(v)), v...)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read setting %q: %w", key, err)
	}
	return out, nil
}

// SettingKeys returns the keys of the settings bucket that start with
// prefix, in byte order, so callers can find and prune entries they no
// longer need (finished verify sessions, mappings of deleted surveys).
func (s *Store) SettingKeys(prefix string) ([]string, error) {
	var keys []string
	err := s.view(func(tx *bolt.Tx) error {
		b, err := bucket(tx, bucketSettings)
		if err != nil {
			return err
		}
		p := []byte(prefix)
		c := b.Cursor()
		for k, _ := c.Seek(p); k != nil && bytes.HasPrefix(k, p); k, _ = c.Next() {
			keys = append(keys, string(k))
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list settings %q: %w", prefix, err)
	}
	return keys, nil
}
