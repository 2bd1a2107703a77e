package store

import (
	"encoding/binary"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// FormNumbers returns the paper form numbers of survey surveyID's
// responses, one per response that has one (so a number typed on two
// responses appears twice), read from the form-number index: a wave's
// response rate counts them against the forms printed.
func (s *Store) FormNumbers(surveyID uint64) ([]string, error) {
	var out []string
	err := s.view(func(tx *bolt.Tx) error {
		b := surveyBucket(tx, bucketForms, surveyID)
		if b == nil {
			if _, err := getSurvey(tx, surveyID); err != nil {
				return err
			}
			return nil // a file from before this index: nothing indexed
		}
		return b.ForEach(func(k, _ []byte) error {
			n, w := binary.Uvarint(k)
			if w <= 0 || uint64(len(k)-w) < n {
				return nil // not an index key: skipped, the check reports it
			}
			out = append(out, string(k[w:w+int(n)]))
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("read form numbers of survey %d: %w", surveyID, err)
	}
	return out, nil
}

// SetSettingThrough is SetSetting that, on a borrowed store (a command the
// window runs for another process, Borrow), writes through the store that
// holds the file, as SaveLayout does: printing forms is a read for every
// other purpose, but the forms it printed are recorded for the waves'
// response rate.
func (s *Store) SetSettingThrough(key string, value []byte) error {
	if s.owner != nil {
		return s.owner.SetSettingThrough(key, value)
	}
	return s.SetSetting(key, value)
}
