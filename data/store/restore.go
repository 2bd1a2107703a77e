package store

import (
	"bytes"
	"errors"
	"fmt"
	"slices"

	bolt "go.etcd.io/bbolt"

	"csatdesk/data"
)

// Deleted holds responses removed by DeleteResponsesUndoable exactly as
// they were stored — key and value bytes, so ID, EnteredAt, Source, survey
// version and the import they came with — for RestoreResponses to put back.
// It lives in memory only.
type Deleted struct {
	surveyID uint64
	rows     []deletedRow
}

// deletedRow is one deleted response.
type deletedRow struct {
	key   []byte // wall|id in the survey's responses bucket
	value []byte
	// peers are the other responses that carried the same external ID
	// when this one was deleted.
	peers []data.ResponseID
}

// SurveyID returns the survey the responses belong to.
func (d *Deleted) SurveyID() uint64 {
	if d == nil {
		return 0
	}
	return d.surveyID
}

// Len returns the number of deleted responses.
func (d *Deleted) Len() int {
	if d == nil {
		return 0
	}
	return len(d.rows)
}

// IDs returns the IDs of the deleted responses.
func (d *Deleted) IDs() []data.ResponseID {
	if d == nil {
		return nil
	}
	out := make([]data.ResponseID, len(d.rows))
	for i, r := range d.rows {
		copy(out[i][:], r.key[wallLen:])
	}
	return out
}

// DeleteResponsesUndoable deletes responses of one survey as
// DeleteResponses does — indexes and rollup counts in the same transaction,
// an ID not stored gives ErrNotFound and nothing is deleted, repeated IDs
// are deleted once — and returns what it deleted, for RestoreResponses.
func (s *Store) DeleteResponsesUndoable(surveyID uint64, ids []data.ResponseID) (*Deleted, error) {
	d := &Deleted{surveyID: surveyID}
	if len(ids) == 0 {
		return d, nil
	}
	err := s.update(func(tx *bolt.Tx) error {
		d.rows = d.rows[:0]
		w := newWriter(tx)
		h, err := w.survey(surveyID)
		if err != nil {
			return err
		}
		done := make(map[data.ResponseID]struct{}, len(ids))
		for _, id := range ids {
			if _, dup := done[id]; dup {
				continue
			}
			done[id] = struct{}{}
			old, key, err := w.lookup(h, id)
			if err != nil {
				return err
			}
			row := deletedRow{key: bytes.Clone(key), value: bytes.Clone(h.responses.Get(key))}
			if old.ExternalID != "" {
				for _, p := range extIDsOf(h.extids, old.ExternalID, nil) {
					if p != id {
						row.peers = append(row.peers, p)
					}
				}
			}
			if err := w.remove(h, &old, key); err != nil {
				return err
			}
			d.rows = append(d.rows, row)
		}
		return w.finish()
	})
	if err != nil {
		return nil, fmt.Errorf("delete responses of survey %d: %w", surveyID, err)
	}
	return d, nil
}

// RestoreResponses puts back what DeleteResponsesUndoable deleted, byte for
// byte, with its indexes, rollup counts and its place in the import it came
// with (so aborting or replacing that import later removes it too), in one
// transaction. It refuses, writing nothing, when the survey was deleted
// (ErrNotFound), when a response with one of the IDs is stored again
// (ErrExists), when a response came with an import that has since been
// removed or replaced (ErrNotFound: bringing it back would count it twice
// or undo the removal), or when another response with the same respondent
// ID was stored since (ErrExists: the respondent would count twice).
func (s *Store) RestoreResponses(d *Deleted) error {
	if d.Len() == 0 {
		return nil
	}
	err := s.update(func(tx *bolt.Tx) error {
		w := newWriter(tx)
		h, err := w.survey(d.surveyID)
		if err != nil {
			return err
		}
		back := make(map[data.ResponseID]bool, len(d.rows))
		for _, row := range d.rows {
			var id data.ResponseID
			copy(id[:], row.key[wallLen:])
			back[id] = true
		}
		imports := map[uint64]bool{}
		for _, row := range d.rows {
			key, value := w.ar.copy(row.key), w.ar.copy(row.value)
			sr, err := decodeResponse(w.dict, d.surveyID, key, value)
			if err != nil {
				return err
			}
			r := &sr.Response
			if dup, err := w.exists(h, r.ID); err != nil || dup {
				return cmpErr(err, problem(ErrExists, KindRestoreStoredAgain, "ID", r.ID.String()))
			}
			if imp := sr.importID; imp != 0 {
				ok, seen := imports[imp]
				if !seen {
					rec, err := getImport(tx, imp)
					if err != nil && !errors.Is(err, ErrNotFound) {
						return err
					}
					ok = err == nil && rec.State != ImportAborting
					imports[imp] = ok
				}
				if !ok {
					return problem(ErrNotFound, KindRestoreImportGone, "ID", r.ID.String())
				}
			}
			if r.ExternalID != "" {
				for _, p := range extIDsOf(h.extids, r.ExternalID, nil) {
					if !back[p] && !slices.Contains(row.peers, p) {
						return problem(ErrExists, KindRestoreRespondentAgain, "Respondent", r.ExternalID, "ID", r.ID.String())
					}
				}
			}
			w.one[0] = insertion{h: h, r: r, importID: sr.importID, key: key, value: value}
			if err := w.insert(w.one[:], nil, false); err != nil {
				return err
			}
		}
		return w.finish()
	})
	if err != nil {
		return fmt.Errorf("restore %d deleted responses of survey %d: %w", len(d.rows), d.surveyID, err)
	}
	return nil
}
