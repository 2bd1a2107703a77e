package store

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash/crc32"
	"strconv"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"

	"csatdesk/data"
)

// surveyCodecV1 is the "v" of stored survey JSON.
const surveyCodecV1 = 1

// surveyRecord is the stored JSON of a survey: data.Survey's fields plus a
// format version.
type surveyRecord struct {
	V int `json:"v"`
	data.Survey
}

func encodeSurvey(sv *data.Survey) ([]byte, error) {
	return json.Marshal(surveyRecord{V: surveyCodecV1, Survey: *sv})
}

// surveySealMark starts the checksum that ends a survey record since
// schema 3: "\ncrc32c:" and the CRC-32C of the JSON before it in 8 hex
// digits, readable in bbolt's own tools.
const surveySealMark = "\ncrc32c:"

// surveySealLen is the length of that ending.
const surveySealLen = len(surveySealMark) + 8

// sealSurvey returns v, a survey's JSON (encodeSurvey), with its checksum
// appended.
func sealSurvey(v []byte) []byte {
	v = append(v, surveySealMark...)
	return fmt.Appendf(v, "%08x", crc32.Checksum(v[:len(v)-len(surveySealMark)], castagnoli))
}

// unsealSurvey returns the JSON of a stored survey record: a record of
// schema 3 without its checksum, after checking it; an older record as it
// is (sealed reports which).
func unsealSurvey(v []byte) (js []byte, sealed bool, err error) {
	i := len(v) - surveySealLen
	if i < 0 || string(v[i:i+len(surveySealMark)]) != surveySealMark {
		return v, false, nil
	}
	sum, perr := strconv.ParseUint(string(v[i+len(surveySealMark):]), 16, 32)
	if perr != nil || uint32(sum) != crc32.Checksum(v[:i], castagnoli) {
		return nil, true, fmt.Errorf("survey record: it does not match its checksum (damaged on the disk): %w", ErrCorrupt)
	}
	return v[:i], true, nil
}

func decodeSurvey(v []byte) (data.Survey, error) {
	v, _, err := unsealSurvey(v)
	if err != nil {
		return data.Survey{}, err
	}
	var rec surveyRecord
	if err := json.Unmarshal(v, &rec); err != nil {
		return data.Survey{}, fmt.Errorf("survey record: %v: %w", err, ErrCorrupt)
	}
	if rec.V != surveyCodecV1 {
		return data.Survey{}, fmt.Errorf("survey record format %d is unknown: %w", rec.V, ErrCorrupt)
	}
	return rec.Survey, nil
}

// getSurvey reads survey id inside tx.
func getSurvey(tx *bolt.Tx, id uint64) (data.Survey, error) {
	b, err := bucket(tx, bucketSurveys)
	if err != nil {
		return data.Survey{}, err
	}
	v := b.Get(u64Key(id))
	if v == nil {
		return data.Survey{}, fmt.Errorf("survey %d: %w", id, ErrNotFound)
	}
	sv, err := decodeSurvey(v)
	if err != nil {
		return sv, fmt.Errorf("survey %d: %w", id, err)
	}
	return sv, nil
}

// checkNameFree rejects a second survey with the same name (ignoring case
// and surrounding space), so FindSurvey by name is unambiguous.
func checkNameFree(b *bolt.Bucket, sv *data.Survey) error {
	name := strings.TrimSpace(sv.Name)
	return b.ForEach(func(k, v []byte) error {
		if binary.BigEndian.Uint64(k) == sv.ID {
			return nil
		}
		other, err := decodeSurvey(v)
		if err != nil {
			return err
		}
		if strings.EqualFold(strings.TrimSpace(other.Name), name) {
			return fmt.Errorf("%w: a survey called '%s' %w", data.ErrInvalid, other.Name, ErrExists)
		}
		return nil
	})
}

// CreateSurvey validates sv and stores it as a new survey. On success it
// writes back into *sv the assigned ID, Created and Updated (now) and
// Version (1 when it was 0). Names must be unique, ignoring case.
func (s *Store) CreateSurvey(sv *data.Survey) error {
	n, err := newSurvey(sv)
	if err != nil {
		return err
	}
	err = s.update(func(tx *bolt.Tx) error { return createSurveyTx(tx, &n) })
	if err != nil {
		return fmt.Errorf("create survey '%s': %w", sv.Name, err)
	}
	*sv = n
	return nil
}

// newSurvey validates sv and returns the survey to create: Created and
// Updated now, Version 1 when it was 0.
func newSurvey(sv *data.Survey) (data.Survey, error) {
	if err := sv.Validate(); err != nil {
		return data.Survey{}, fmt.Errorf("create survey: %w", err)
	}
	n := *sv
	now := time.Now()
	n.Created, n.Updated = now, now
	if n.Version == 0 {
		n.Version = 1
	}
	return n, nil
}

// createSurveyTx stores n, validated, as a new survey in tx: it assigns
// n.ID and creates the survey's buckets.
func createSurveyTx(tx *bolt.Tx, n *data.Survey) error {
	b, err := bucket(tx, bucketSurveys)
	if err != nil {
		return err
	}
	if n.ID, err = b.NextSequence(); err != nil {
		return err
	}
	if err := checkNameFree(b, n); err != nil {
		return err
	}
	v, err := encodeSurvey(n)
	if err != nil {
		return err
	}
	v = sealSurvey(v)
	key := u64Key(n.ID)
	for _, top := range perSurveyBuckets {
		tb, err := tx.CreateBucketIfNotExists(top)
		if err != nil {
			return err
		}
		if _, err := tb.CreateBucketIfNotExists(key); err != nil {
			return err
		}
	}
	return b.Put(key, v)
}

// SaveSurvey validates and stores an existing survey, setting Updated to
// now. Created is kept as stored. The survey goes through data.Revise
// against the stored one in the same transaction, so no caller can change
// what stored answers mean: once the survey has responses, a question
// changed in kind, scale or cut-off is retired and re-added with a fresh ID,
// a question left out is retired, and the version is bumped. What is stored
// is written back into *sv. A save Revise refuses (a reused or duplicate
// question ID, a retired question asked again or changed) fails with an
// error wrapping data.ErrRevision.
func (s *Store) SaveSurvey(sv *data.Survey) error {
	_, err := s.ReviseSurvey(sv)
	return err
}

// ReviseSurvey is SaveSurvey that also returns the revision it made: the
// questions retired and added, and whether the version was bumped.
// Questions with ID 0 are new and get fresh IDs; the result is validated.
func (s *Store) ReviseSurvey(sv *data.Survey) (data.Revision, error) {
	var rev data.Revision
	err := s.update(func(tx *bolt.Tx) error {
		old, err := getSurvey(tx, sv.ID)
		if err != nil {
			return err
		}
		rev, err = data.Revise(old, *sv, hasResponses(tx, sv.ID))
		if err != nil {
			return err
		}
		n := &rev.Survey
		n.Updated = time.Now()
		b := tx.Bucket(bucketSurveys)
		if err := checkNameFree(b, n); err != nil {
			return err
		}
		v, err := encodeSurvey(n)
		if err != nil {
			return err
		}
		return b.Put(u64Key(n.ID), sealSurvey(v))
	})
	if err != nil {
		return data.Revision{}, fmt.Errorf("save survey %d: %w", sv.ID, err)
	}
	*sv = rev.Survey
	return rev, nil
}

// hasResponses reports whether survey sid has any stored response, pending
// imports included (their rows may be kept).
func hasResponses(tx *bolt.Tx, sid uint64) bool {
	b := surveyBucket(tx, bucketResponses, sid)
	if b == nil {
		return false
	}
	k, _ := b.Cursor().First()
	return k != nil
}

// Survey returns survey id, or an error wrapping ErrNotFound.
func (s *Store) Survey(id uint64) (data.Survey, error) {
	var sv data.Survey
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		sv, err = getSurvey(tx, id)
		return err
	})
	if err != nil {
		return data.Survey{}, fmt.Errorf("read survey: %w", err)
	}
	return sv, nil
}

// Surveys returns every survey, ordered by ID.
func (s *Store) Surveys() ([]data.Survey, error) {
	var out []data.Survey
	err := s.view(func(tx *bolt.Tx) error {
		b, err := bucket(tx, bucketSurveys)
		if err != nil {
			return err
		}
		return b.ForEach(func(k, v []byte) error {
			sv, err := decodeSurvey(v)
			if err != nil {
				return fmt.Errorf("survey %x: %w", k, err)
			}
			out = append(out, sv)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("list surveys: %w", err)
	}
	return out, nil
}

// FindSurvey finds a survey by decimal ID or by name (exact, ignoring case
// and surrounding space). An ID wins over a survey named like a number.
func (s *Store) FindSurvey(idOrName string) (data.Survey, error) {
	q := strings.TrimSpace(idOrName)
	if id, err := strconv.ParseUint(q, 10, 64); err == nil {
		sv, err := s.Survey(id)
		if err == nil {
			return sv, nil
		}
	}
	all, err := s.Surveys()
	if err != nil {
		return data.Survey{}, err
	}
	for _, sv := range all {
		if strings.EqualFold(strings.TrimSpace(sv.Name), q) {
			return sv, nil
		}
	}
	return data.Survey{}, fmt.Errorf("find survey %q: %w", idOrName, ErrNotFound)
}

// DeleteSurvey deletes survey id with all its responses, indexes, rollups
// and import rows, in one transaction.
func (s *Store) DeleteSurvey(id uint64) error {
	err := s.update(func(tx *bolt.Tx) error {
		b, err := bucket(tx, bucketSurveys)
		if err != nil {
			return err
		}
		key := u64Key(id)
		if b.Get(key) == nil {
			return fmt.Errorf("survey %d: %w", id, ErrNotFound)
		}
		return deleteSurveyTx(tx, id)
	})
	if err != nil {
		return fmt.Errorf("delete survey %d: %w", id, err)
	}
	return nil
}
