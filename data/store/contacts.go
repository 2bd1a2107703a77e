package store

import (
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"csatdesk/data"
)

// Contacts: what a customer wrote in a survey's contact fields (name, phone,
// email, "may we contact you?") is kept apart from the response, so that
// nothing that reads responses — charts, rollups, exports, merges of
// answers — ever carries it, and forgetting a customer is one Delete:
//
//	contacts
//	└── <sid u64>/
//	    └── <id [16]byte> → JSON data.Contact "\ncrc32c:" <8 hex digits>
//
// The bucket is made by the first contact saved: a file without contacts
// is byte for byte what it was before contacts existed. Compact, backup and
// restore copy every bucket and so carry it; Merge copies the contact of
// each response it adds (mergeContactTx); DeleteSurvey drops the survey's
// sub-bucket (deleteContactsTx). A contact whose response was deleted is
// kept, so that undoing the deletion brings it back; lists join contacts to
// stored responses and never show it.

// bucketContacts holds contacts (see above).
var bucketContacts = []byte("contacts")

// Records are sealed JSON: encodeSealed and decodeSealed (scans.go), the
// checksum survey records carry.

// responseStored reports whether survey sid holds response id.
func responseStored(tx *bolt.Tx, sid uint64, id data.ResponseID) (bool, error) {
	ids := surveyBucket(tx, bucketIDs, sid)
	if ids == nil {
		return false, surveyMissing(tx, sid)
	}
	_, ok, err := lookupGrouped(ids, nil, id, idRecLen)
	return ok, err
}

// putContactTx stores c (cleaned) as the contact of response id of survey
// sid, or deletes the stored one when c is empty.
func putContactTx(tx *bolt.Tx, sid uint64, id data.ResponseID, c data.Contact, now time.Time) error {
	c = c.Clean()
	if c.Empty() {
		return deleteContactTx(tx, sid, id)
	}
	c.Updated = now.UTC().Truncate(time.Second)
	return putSealedPerResponse(tx, bucketContacts, sid, id, c)
}

// putSealedPerResponse stores v, sealed with its checksum, under response
// id in the per-survey bucket sid of top (both created when missing): the
// layout of the contacts and follow-up buckets.
func putSealedPerResponse(tx *bolt.Tx, top []byte, sid uint64, id data.ResponseID, v any) error {
	tb, err := tx.CreateBucketIfNotExists(top)
	if err != nil {
		return err
	}
	b, err := tb.CreateBucketIfNotExists(u64Key(sid))
	if err != nil {
		return err
	}
	enc, err := encodeSealed(v)
	if err != nil {
		return err
	}
	return b.Put(append([]byte(nil), id[:]...), enc)
}

// deleteContactTx deletes the contact of response id, if any.
func deleteContactTx(tx *bolt.Tx, sid uint64, id data.ResponseID) error {
	b := surveyBucket(tx, bucketContacts, sid)
	if b == nil {
		return nil
	}
	return b.Delete(id[:])
}

// getContactTx reads the contact of response id.
func getContactTx(tx *bolt.Tx, sid uint64, id data.ResponseID) (data.Contact, bool, error) {
	b := surveyBucket(tx, bucketContacts, sid)
	if b == nil {
		return data.Contact{}, false, nil
	}
	v := b.Get(id[:])
	if v == nil {
		return data.Contact{}, false, nil
	}
	var c data.Contact
	if err := decodeSealed(v, "the stored value", &c); err != nil {
		return data.Contact{}, false, fmt.Errorf("contact of response %s: %w", id, err)
	}
	return c, true, nil
}

// SetContact stores c as the contact of stored response id of survey sid,
// replacing any before; an empty contact deletes it. A response that is
// not stored gives ErrNotFound.
func (s *Store) SetContact(sid uint64, id data.ResponseID, c data.Contact) error {
	err := s.update(func(tx *bolt.Tx) error {
		ok, err := responseStored(tx, sid, id)
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("response %s of survey %d: %w", id, sid, ErrNotFound)
		}
		return putContactTx(tx, sid, id, c, time.Now())
	})
	if err != nil {
		return fmt.Errorf("save contact: %w", err)
	}
	return nil
}

// DeleteContact deletes the contact of response id of survey sid, whether
// or not the response is still stored (typed entry's undo takes a form
// back with its contact); none stored is not an error.
func (s *Store) DeleteContact(sid uint64, id data.ResponseID) error {
	if err := s.update(func(tx *bolt.Tx) error { return deleteContactTx(tx, sid, id) }); err != nil {
		return fmt.Errorf("delete contact: %w", err)
	}
	return nil
}

// AddResponseWithContact stores r as AddResponse does and c as its contact,
// in one transaction: both or neither.
func (s *Store) AddResponseWithContact(r *data.Response, c data.Contact) error {
	return s.addResponse(r, func(tx *bolt.Tx) error {
		return putContactTx(tx, r.SurveyID, r.ID, c, time.Now())
	})
}

// Contact returns the contact of response id of survey sid; ok is false
// when none is stored.
func (s *Store) Contact(sid uint64, id data.ResponseID) (c data.Contact, ok bool, err error) {
	err = s.view(func(tx *bolt.Tx) error {
		c, ok, err = getContactTx(tx, sid, id)
		return err
	})
	if err != nil {
		return data.Contact{}, false, fmt.Errorf("read contact: %w", err)
	}
	return c, ok, nil
}

// Contacts returns every stored contact of survey sid by response ID
// (including those of deleted responses, kept for an undo).
func (s *Store) Contacts(sid uint64) (map[data.ResponseID]data.Contact, error) {
	out := map[data.ResponseID]data.Contact{}
	err := s.view(func(tx *bolt.Tx) error {
		b := surveyBucket(tx, bucketContacts, sid)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			var id data.ResponseID
			if len(k) != len(id) {
				return fmt.Errorf("contact key %x: %w", k, ErrCorrupt)
			}
			copy(id[:], k)
			var c data.Contact
			if err := decodeSealed(v, "the stored value", &c); err != nil {
				return fmt.Errorf("contact of response %s: %w", id, err)
			}
			out[id] = c
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("read contacts of survey %d: %w", sid, err)
	}
	return out, nil
}

// ForgetOptions says what ForgetCustomer removes besides the contact record.
type ForgetOptions struct {
	// Comment also blanks the response's comment and open-text answers,
	// where customers often write a phone number or a name. Scores stay.
	Comment bool
}

// ForgetCustomer removes, in one transaction, what identifies the customer
// of response id of survey sid: the contact record, the notes of its
// follow-up (its statuses and dates stay, so the counts stay right), and,
// with opt.Comment, the response's comment and open-text answers. The
// answers on scales are kept. A response that is not stored gives
// ErrNotFound.
func (s *Store) ForgetCustomer(sid uint64, id data.ResponseID, opt ForgetOptions) error {
	err := s.update(func(tx *bolt.Tx) error {
		w := newWriter(tx)
		h, err := w.survey(sid)
		if err != nil {
			return err
		}
		old, key, err := w.lookup(h, id)
		if err != nil {
			return err
		}
		if err := deleteContactTx(tx, sid, id); err != nil {
			return err
		}
		if err := forgetNotesTx(tx, sid, id); err != nil {
			return err
		}
		if !opt.Comment || old.Comment == "" && len(old.Texts) == 0 {
			return nil
		}
		r := old.Response
		r.Comment, r.Texts = "", nil
		key = append([]byte(nil), key...)
		if err := w.remove(h, &old, key); err != nil {
			return err
		}
		if err := w.insertOne(h, &r, old.importID); err != nil {
			return err
		}
		return w.finish()
	})
	if err != nil {
		return fmt.Errorf("forget the customer of response %s: %w", id, err)
	}
	return nil
}

// deleteContactsTx drops every contact of survey sid (DeleteSurvey).
func deleteContactsTx(tx *bolt.Tx, sid uint64) error {
	for _, top := range [][]byte{bucketContacts, bucketFollowUp} {
		if b := tx.Bucket(top); b != nil && b.Bucket(u64Key(sid)) != nil {
			if err := b.DeleteBucket(u64Key(sid)); err != nil {
				return err
			}
		}
	}
	if b := tx.Bucket(bucketFollowUpRules); b != nil {
		return b.Delete(u64Key(sid))
	}
	return nil
}

// mergeContactTx copies the contact and the follow-up of response id from
// survey osid of another file (otx) to survey sid, where none is stored
// yet (Merge, for each response it adds or finds already there).
func mergeContactTx(otx, tx *bolt.Tx, osid, sid uint64, id data.ResponseID) error {
	for _, top := range [][]byte{bucketContacts, bucketFollowUp} {
		ob := surveyBucket(otx, top, osid)
		if ob == nil {
			continue
		}
		v := ob.Get(id[:])
		if v == nil {
			continue
		}
		if b := surveyBucket(tx, top, sid); b != nil && b.Get(id[:]) != nil {
			continue
		}
		t, err := tx.CreateBucketIfNotExists(top)
		if err != nil {
			return err
		}
		b, err := t.CreateBucketIfNotExists(u64Key(sid))
		if err != nil {
			return err
		}
		if err := b.Put(append([]byte(nil), id[:]...), append([]byte(nil), v...)); err != nil {
			return err
		}
	}
	return nil
}

// writeContactsTx stores the contacts of an import batch's rows
// (ImportBatch.Contacts: cs[i] belongs to rs[i]). A contact written by an
// import that is then aborted stays behind its removed response, unseen,
// like the contact of a deleted response, until its survey is deleted.
func writeContactsTx(tx *bolt.Tx, rs []data.Response, cs []data.Contact) error {
	now := time.Now()
	for i, c := range cs {
		if i >= len(rs) || c.Empty() {
			continue
		}
		if err := putContactTx(tx, rs[i].SurveyID, rs[i].ID, c, now); err != nil {
			return err
		}
	}
	return nil
}
