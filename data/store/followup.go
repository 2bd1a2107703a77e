package store

import (
	"errors"
	"fmt"
	"slices"
	"time"

	bolt "go.etcd.io/bbolt"

	"csatdesk/data"
)

// The follow-up of unhappy customers: a rule per survey says which
// responses go on the list (data.FollowUpRule), and each listed response
// that was ever dealt with has a state (status, note, date, history):
//
//	followup
//	└── <sid u64>/
//	    └── <id [16]byte> → JSON data.FollowUpState "\ncrc32c:" <8 hex digits>
//	followuprules
//	└── <sid u64>        → JSON data.FollowUpRule "\ncrc32c:" <8 hex digits>
//
// A listed response without a state is new. A response keeps its place on
// the list once it has a state, even when the rule changes. Both buckets
// are made by the first write, like contacts (contacts.go, which also says
// how they survive compact, backup, restore, merge and survey deletion).

// Bucket names of the follow-up.
var (
	bucketFollowUp      = []byte("followup")
	bucketFollowUpRules = []byte("followuprules")
)

// ErrStatusChanged is returned by SetFollowUpStatus when the status stored
// is no longer the one the caller saw (another window, another command).
var ErrStatusChanged = errors.New("the follow-up status was changed meanwhile")

// FollowUpRule returns the follow-up rule of survey sid:
// data.DefaultFollowUpRule when none was saved.
func (s *Store) FollowUpRule(sid uint64) (data.FollowUpRule, error) {
	rule := data.DefaultFollowUpRule()
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		rule, err = ruleTx(tx, sid)
		return err
	})
	if err != nil {
		return rule, fmt.Errorf("read the follow-up rule of survey %d: %w", sid, err)
	}
	return rule, nil
}

func ruleTx(tx *bolt.Tx, sid uint64) (data.FollowUpRule, error) {
	b := tx.Bucket(bucketFollowUpRules)
	if b == nil {
		return data.DefaultFollowUpRule(), nil
	}
	v := b.Get(u64Key(sid))
	if v == nil {
		return data.DefaultFollowUpRule(), nil
	}
	var r data.FollowUpRule
	err := decodeSealed(v, "the stored value", &r)
	return r, err
}

// SetFollowUpRule saves the follow-up rule of survey sid.
func (s *Store) SetFollowUpRule(sid uint64, r data.FollowUpRule) error {
	err := s.update(func(tx *bolt.Tx) error {
		if _, err := getSurvey(tx, sid); err != nil {
			return err
		}
		b, err := tx.CreateBucketIfNotExists(bucketFollowUpRules)
		if err != nil {
			return err
		}
		v, err := encodeSealed(r)
		if err != nil {
			return err
		}
		return b.Put(u64Key(sid), v)
	})
	if err != nil {
		return fmt.Errorf("save the follow-up rule of survey %d: %w", sid, err)
	}
	return nil
}

func getStateTx(tx *bolt.Tx, sid uint64, id data.ResponseID) (data.FollowUpState, error) {
	var st data.FollowUpState
	b := surveyBucket(tx, bucketFollowUp, sid)
	if b == nil {
		return st, nil
	}
	v := b.Get(id[:])
	if v == nil {
		return st, nil
	}
	if err := decodeSealed(v, "the stored value", &st); err != nil {
		return st, fmt.Errorf("follow-up of response %s: %w", id, err)
	}
	return st, nil
}

func putStateTx(tx *bolt.Tx, sid uint64, id data.ResponseID, st data.FollowUpState) error {
	return putSealedPerResponse(tx, bucketFollowUp, sid, id, st)
}

// FollowUpState returns the follow-up state of response id (the zero state,
// whose StatusOrNew is new, when it has none).
func (s *Store) FollowUpState(sid uint64, id data.ResponseID) (data.FollowUpState, error) {
	var st data.FollowUpState
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		st, err = getStateTx(tx, sid, id)
		return err
	})
	if err != nil {
		return st, fmt.Errorf("read follow-up: %w", err)
	}
	return st, nil
}

// SetFollowUpStatus changes the follow-up status of stored response id of
// survey sid to to, with a note, dated at, in one transaction. from is the
// status the caller saw: when the stored one differs (a never-changed
// response is new), nothing is written and the error wraps
// ErrStatusChanged. The change before is kept in the state's history.
func (s *Store) SetFollowUpStatus(sid uint64, id data.ResponseID, from, to data.FollowUpStatus, note string, at time.Time) (data.FollowUpState, error) {
	var out data.FollowUpState
	if !to.Valid() {
		return out, fmt.Errorf("set follow-up status: unknown status %q", to)
	}
	err := s.update(func(tx *bolt.Tx) error {
		ok, err := responseStored(tx, sid, id)
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("response %s of survey %d: %w", id, sid, ErrNotFound)
		}
		st, err := getStateTx(tx, sid, id)
		if err != nil {
			return err
		}
		if from != "" && st.StatusOrNew() != from {
			return fmt.Errorf("response %s is %s now, not %s: %w", id, st.StatusOrNew(), from, ErrStatusChanged)
		}
		out = st.Change(to, note, at.Truncate(time.Second))
		return putStateTx(tx, sid, id, out)
	})
	if err != nil {
		return data.FollowUpState{}, fmt.Errorf("set follow-up status: %w", err)
	}
	return out, nil
}

// forgetNotesTx blanks the notes of response id's follow-up, keeping its
// statuses and dates (ForgetCustomer).
func forgetNotesTx(tx *bolt.Tx, sid uint64, id data.ResponseID) error {
	st, err := getStateTx(tx, sid, id)
	if err != nil || st.Status == "" {
		return err
	}
	st.Note = ""
	for i := range st.History {
		st.History[i].Note = ""
	}
	return putStateTx(tx, sid, id, st)
}

// FollowUpFilter selects rows of the follow-up list. Zero fields select all.
type FollowUpFilter struct {
	Statuses []data.FollowUpStatus // only these statuses
	From, To data.Day              // collected in this range (0 = open)
}

// FollowUpList returns the follow-up list of survey sid, newest first: the
// responses its rule puts there, and those that have a follow-up state
// (dealt with before a rule change), with their state and contact.
func (s *Store) FollowUpList(sid uint64, f FollowUpFilter) ([]data.FollowUpItem, error) {
	sv, err := s.Survey(sid)
	if err != nil {
		return nil, fmt.Errorf("follow-up list: %w", err)
	}
	var rule data.FollowUpRule
	states := map[data.ResponseID]data.FollowUpState{}
	contacts := map[data.ResponseID]data.Contact{}
	err = s.view(func(tx *bolt.Tx) error {
		var err error
		if rule, err = ruleTx(tx, sid); err != nil {
			return err
		}
		if b := surveyBucket(tx, bucketFollowUp, sid); b != nil {
			err := b.ForEach(func(k, v []byte) error {
				var id data.ResponseID
				var st data.FollowUpState
				if len(k) != len(id) {
					return fmt.Errorf("follow-up key %x: %w", k, ErrCorrupt)
				}
				copy(id[:], k)
				if err := decodeSealed(v, "the stored value", &st); err != nil {
					return fmt.Errorf("follow-up of response %s: %w", id, err)
				}
				states[id] = st
				return nil
			})
			if err != nil {
				return err
			}
		}
		if b := surveyBucket(tx, bucketContacts, sid); b != nil {
			return b.ForEach(func(k, v []byte) error {
				var id data.ResponseID
				var c data.Contact
				if len(k) != len(id) {
					return fmt.Errorf("contact key %x: %w", k, ErrCorrupt)
				}
				copy(id[:], k)
				if err := decodeSealed(v, "the stored value", &c); err != nil {
					return fmt.Errorf("contact of response %s: %w", id, err)
				}
				contacts[id] = c
				return nil
			})
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("follow-up list of survey %d: %w", sid, err)
	}
	var out []data.FollowUpItem
	err = s.EachResponse(sid, f.From, f.To, func(r data.Response) error {
		c, hasC := contacts[r.ID]
		st, hasSt := states[r.ID]
		ok, why := rule.Match(&r, &sv, hasC)
		if !ok && !hasSt {
			return nil
		}
		if len(f.Statuses) > 0 && !slices.Contains(f.Statuses, st.StatusOrNew()) {
			return nil
		}
		out = append(out, data.FollowUpItem{Response: r, State: st, Contact: c, HasContact: hasC, Reasons: why})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("follow-up list of survey %d: %w", sid, err)
	}
	slices.Reverse(out)
	return out, nil
}

// FollowUpCounts counts the follow-up list of survey sid per status; sid 0
// counts every survey that is not archived.
func (s *Store) FollowUpCounts(sid uint64) (data.FollowUpCounts, error) {
	return s.FollowUpCountsIn(sid, 0, 0)
}

// FollowUpCountsIn is FollowUpCounts of the responses collected from day
// from to day to inclusive (0: open), for a report of one period: their
// status now.
func (s *Store) FollowUpCountsIn(sid uint64, from, to data.Day) (data.FollowUpCounts, error) {
	var c data.FollowUpCounts
	sids := []uint64{sid}
	if sid == 0 {
		svs, err := s.Surveys()
		if err != nil {
			return c, err
		}
		sids = sids[:0]
		for _, sv := range svs {
			if !sv.Archived {
				sids = append(sids, sv.ID)
			}
		}
	}
	for _, id := range sids {
		items, err := s.FollowUpList(id, FollowUpFilter{From: from, To: to})
		if err != nil {
			return c, err
		}
		for _, it := range items {
			c.Add(it.State.StatusOrNew())
		}
	}
	return c, nil
}
