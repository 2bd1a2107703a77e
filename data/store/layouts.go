package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"regexp"

	bolt "go.etcd.io/bbolt"

	"csatdesk/data/scan"
)

// Printed form layouts (issue 14): where a printed paper form put its
// corner squares, page codes and answer boxes, so a scan of any old
// printout is read with the layout it was printed with.
//
//	layouts                                           (created by the first SaveLayout)
//	└── <sid u64><hash [16]byte ASCII hex> → layout JSON (scan.EncodeLayout) "\ncrc32c:" <8 hex digits>
//
// The value is sealed like a survey record (sealSurvey); the hash in the
// key is the layout's scan.Layout.Hash when it was saved.
// No schema bump: a file without the bucket simply has no layouts, and an
// older CSAT Desk opening a file with it leaves it alone (Check reads every
// bucket; Compact copies every bucket and compares a hash of all of them;
// a backup is the whole file, and restoring one brings its layouts back).
// Merge copies the other file's layouts of a survey that is the same
// survey under the same ID in this file (mergeLayouts): the forms printed
// from the other copy carry that ID in their codes. Layouts of a deleted survey stay: they are
// small, and a survey ID is never given again.

// bucketLayouts holds the printed form layouts.
var bucketLayouts = []byte("layouts")

// layoutHash is what scan.Layout.Hash returns: 16 lowercase hex digits.
var layoutHash = regexp.MustCompile(`^[0-9a-f]{16}$`)

// layoutKey returns the key of a layout: survey ID, then its hash.
func layoutKey(sid uint64, hash string) []byte {
	return append(u64Key(sid), hash...)
}

// SaveLayout stores the layout of a printed form under its survey and
// hash. Saving a layout already stored does nothing (a layout is
// determined by its hash), so printing the same forms again costs one
// read. On a borrowed store (a command the window runs for another
// process, store.Borrow) it writes through the store that holds the file:
// printing forms is a read for every other purpose, but the forms cannot
// be scanned later without their layout. The layout must be valid
// (scan.Layout.Validate) and belong to a survey of this database.
func (s *Store) SaveLayout(l *scan.Layout) error {
	if s.owner != nil {
		return s.owner.SaveLayout(l)
	}
	fail := func(err error) error { return fmt.Errorf("save the form layout: %w", err) }
	v, err := scan.EncodeLayout(l)
	if err != nil {
		return fail(err)
	}
	hash := l.Hash()
	key := layoutKey(l.SurveyID, hash)
	var stored bool
	if err := s.view(func(tx *bolt.Tx) error {
		if b := tx.Bucket(bucketLayouts); b != nil {
			stored = b.Get(key) != nil
		}
		return nil
	}); err != nil {
		return fail(err)
	}
	if stored {
		return nil
	}
	err = s.update(func(tx *bolt.Tx) error {
		sb, err := bucket(tx, bucketSurveys)
		if err != nil {
			return err
		}
		if sb.Get(u64Key(l.SurveyID)) == nil {
			return fmt.Errorf("survey %d: %w", l.SurveyID, ErrNotFound)
		}
		b, err := tx.CreateBucketIfNotExists(bucketLayouts)
		if err != nil {
			return err
		}
		if b.Get(key) != nil {
			return nil
		}
		return b.Put(key, sealSurvey(v))
	})
	if err != nil {
		return fail(err)
	}
	return nil
}

// Layout returns the stored layout of survey surveyID with the given hash
// (from a page code), or (nil, nil) when this database has none. A stored
// layout that is damaged is an error wrapping ErrCorrupt.
func (s *Store) Layout(surveyID uint64, hash string) (*scan.Layout, error) {
	if !layoutHash.MatchString(hash) {
		return nil, nil // no layout has such a hash: a damaged or foreign code
	}
	var l *scan.Layout
	err := s.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketLayouts)
		if b == nil {
			return nil
		}
		v := b.Get(layoutKey(surveyID, hash))
		if v == nil {
			return nil
		}
		var err error
		l, err = decodeLayout(v, surveyID, hash)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read the form layout %d/%s: %w", surveyID, hash, err)
	}
	return l, nil
}

// decodeLayout reads a stored layout value and checks it against its key.
func decodeLayout(v []byte, sid uint64, hash string) (*scan.Layout, error) {
	js, sealed, err := unsealSurvey(bytes.Clone(v))
	if err != nil {
		return nil, err
	}
	if !sealed {
		return nil, fmt.Errorf("the layout has no checksum: %w", ErrCorrupt)
	}
	l, err := scan.DecodeLayout(js)
	if err != nil {
		return nil, fmt.Errorf("%v: %w", err, ErrCorrupt)
	}
	// The hash is not computed again: a field added to scan.Layout later
	// would change it for layouts stored before; the checksum covers the
	// bytes.
	if l.SurveyID != sid {
		return nil, fmt.Errorf("the layout stored as %d/%s is of survey %d: %w", sid, hash, l.SurveyID, ErrCorrupt)
	}
	return l, nil
}

// Layouts returns the hashes of the layouts stored for a survey, in key
// order.
func (s *Store) Layouts(surveyID uint64) ([]string, error) {
	var out []string
	err := s.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketLayouts)
		if b == nil {
			return nil
		}
		p := u64Key(surveyID)
		c := b.Cursor()
		for k, _ := c.Seek(p); k != nil && bytes.HasPrefix(k, p); k, _ = c.Next() {
			out = append(out, string(k[8:]))
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list the form layouts of survey %d: %w", surveyID, err)
	}
	return out, nil
}

// LayoutFinder returns a scan.Finder that looks page codes up in this
// store.
func (s *Store) LayoutFinder() scan.Finder {
	return func(c scan.Code) (*scan.Layout, error) { return s.Layout(c.SurveyID, c.Layout) }
}

// checkLayoutsTx returns a finding for every stored layout that cannot be
// read back (CheckAll).
func checkLayoutsTx(tx *bolt.Tx) []CheckFinding {
	b := tx.Bucket(bucketLayouts)
	if b == nil {
		return nil
	}
	var fs []CheckFinding
	_ = b.ForEach(func(k, v []byte) error {
		if len(k) != 8+16 {
			fs = append(fs, CheckFinding{Kind: CheckFileDamaged, Detail: fmt.Sprintf("form layout key %x", k)})
			return nil
		}
		sid := binary.BigEndian.Uint64(k)
		if _, err := decodeLayout(v, sid, string(k[8:])); err != nil {
			fs = append(fs, CheckFinding{Kind: CheckFileDamaged, SurveyID: sid, Detail: "form layout " + string(k[8:]) + ": " + err.Error()})
		}
		return nil
	})
	return fs
}

// mergeLayouts copies the layouts of the other file's survey otherID into
// tx when it is the same survey (how) under the same ID here (the printed
// codes name that ID); layouts already here are kept.
func mergeLayouts(otx, tx *bolt.Tx, how MatchHow, otherID, mainID uint64) error {
	if how != MatchSame || otherID != mainID {
		return nil
	}
	ob := otx.Bucket(bucketLayouts)
	if ob == nil {
		return nil
	}
	p := u64Key(otherID)
	c := ob.Cursor()
	var b *bolt.Bucket
	for k, v := c.Seek(p); k != nil && bytes.HasPrefix(k, p); k, v = c.Next() {
		if len(k) != 8+16 {
			continue
		}
		if _, err := decodeLayout(v, otherID, string(k[8:])); err != nil {
			return fmt.Errorf("the other file's form layout %s: %w", k[8:], err)
		}
		if b == nil {
			var err error
			if b, err = tx.CreateBucketIfNotExists(bucketLayouts); err != nil {
				return err
			}
		}
		if b.Get(k) != nil {
			continue
		}
		if err := b.Put(bytes.Clone(k), bytes.Clone(v)); err != nil {
			return err
		}
	}
	return nil
}
