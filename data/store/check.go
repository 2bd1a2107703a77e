package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"slices"
	"sort"
	"time"

	bolt "go.etcd.io/bbolt"

	"csatdesk/data"
)

// CheckFinding is one thing CheckAll found wrong, in words a person can act
// on: what is wrong and where. SurveyID is 0 for the file as a whole.
type CheckFinding struct {
	// Kind says what is wrong (one of the CheckKind constants).
	Kind CheckKind
	// SurveyID and SurveyName name the survey concerned; 0 and "" for the
	// file as a whole.
	SurveyID   uint64
	SurveyName string
	// Detail is the technical detail (bbolt's words, the key at fault),
	// in English, for a support request.
	Detail string
}

// CheckKind is the kind of a CheckFinding.
type CheckKind string

// The kinds of CheckFinding.
const (
	// CheckFileDamaged: bbolt's own consistency check failed, or a page
	// could not be read.
	CheckFileDamaged CheckKind = "file"
	// CheckSurveyUnreadable: a survey's record does not decode.
	CheckSurveyUnreadable CheckKind = "survey"
	// CheckResponseUnreadable: a stored response does not decode.
	CheckResponseUnreadable CheckKind = "response"
	// CheckRollupsDiffer: the stored per-day counts of a survey differ
	// from the counts recomputed from its responses.
	CheckRollupsDiffer CheckKind = "rollups"
	// CheckIndexDiffers: the response-ID index of a survey does not list
	// exactly its stored responses.
	CheckIndexDiffers CheckKind = "index"
)

// CheckReport is what CheckAll found.
type CheckReport struct {
	// Path is the file checked.
	Path string
	// Surveys and Responses count what was read.
	Surveys   int
	Responses int
	// Findings lists every problem; empty when the file is sound.
	Findings []CheckFinding
	// Took is how long the check ran.
	Took time.Duration
}

// OK reports whether nothing was found wrong.
func (r CheckReport) OK() bool { return len(r.Findings) == 0 }

// maxFindingsPerSurvey bounds how many unreadable responses one survey
// lists; the rest are counted in the last finding's Detail.
const maxFindingsPerSurvey = 5

// CheckAll checks the whole database and never writes: bbolt's own
// consistency check (Check), then every survey record and every response
// is decoded, the response-ID index is compared with the responses, and
// every survey's rollups are recomputed from its responses and compared
// byte for byte with the stored ones. progress, if not nil, gets the
// fraction done. The error is for a check that could not run at all; what
// is wrong with the file is in the report.
func (s *Store) CheckAll(progress func(float64)) (CheckReport, error) {
	start := time.Now()
	rep := CheckReport{Path: s.path}
	if err := s.Check(); err != nil {
		rep.Findings = append(rep.Findings, CheckFinding{Kind: CheckFileDamaged, Detail: err.Error()})
		rep.Took = time.Since(start)
		return rep, nil // reading further could meet the damage unguarded
	}
	err := s.view(func(tx *bolt.Tx) error {
		rep.Findings = append(rep.Findings, checkTopicsTx(tx)...) // topics.go
		sb, err := bucket(tx, bucketSurveys)
		if err != nil {
			rep.Findings = append(rep.Findings, CheckFinding{Kind: CheckFileDamaged, Detail: err.Error()})
			return nil
		}
		type entry struct {
			id   uint64
			name string
			ok   bool
		}
		var svs []entry
		var total int
		if err := sb.ForEach(func(k, v []byte) error {
			if len(k) != 8 {
				rep.Findings = append(rep.Findings, CheckFinding{Kind: CheckSurveyUnreadable, Detail: fmt.Sprintf("survey key %x", k)})
				return nil
			}
			id := binary.BigEndian.Uint64(k)
			sv, err := decodeSurvey(v)
			if err != nil {
				rep.Findings = append(rep.Findings, CheckFinding{Kind: CheckSurveyUnreadable, SurveyID: id, Detail: err.Error()})
				svs = append(svs, entry{id: id})
				return nil
			}
			svs = append(svs, entry{id: id, name: sv.Name, ok: true})
			if rb := surveyBucket(tx, bucketResponses, id); rb != nil {
				total += rb.Stats().KeyN
			}
			return nil
		}); err != nil {
			return err
		}
		rep.Surveys = len(svs)
		dc := newDict(tx)
		done := 0
		for _, e := range svs {
			n, fs := checkSurveyTx(tx, dc, e.id, func(k int) {
				if progress != nil && total > 0 {
					progress(float64(done+k) / float64(total))
				}
			})
			done += n
			rep.Responses += n
			for i := range fs {
				fs[i].SurveyID, fs[i].SurveyName = e.id, e.name
			}
			rep.Findings = append(rep.Findings, fs...)
		}
		rep.Findings = append(rep.Findings, checkLayoutsTx(tx)...)
		return nil
	})
	if err != nil {
		rep.Findings = append(rep.Findings, CheckFinding{Kind: CheckFileDamaged, Detail: err.Error()})
	}
	if progress != nil {
		progress(1)
	}
	rep.Took = time.Since(start)
	return rep, nil
}

// checkSurveyTx decodes every response of survey sid, compares the ID
// index with them and the stored rollups with a recomputation. It returns
// the number of responses read and what it found (without survey names).
func checkSurveyTx(tx *bolt.Tx, dc *dict, sid uint64, tick func(int)) (int, []CheckFinding) {
	var fs []CheckFinding
	rb := surveyBucket(tx, bucketResponses, sid)
	if rb == nil {
		return 0, []CheckFinding{{Kind: CheckFileDamaged, Detail: fmt.Sprintf("survey %d has no responses bucket", sid)}}
	}
	acc := newRollupAcc()
	var enc encoder
	n, bad := 0, 0
	walls := make(map[data.ResponseID]uint64)
	c := rb.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		n++
		if n%4096 == 0 {
			tick(n)
		}
		if wall, id, err := parseRespKey(k); err == nil {
			walls[id] = wall
		}
		sr, err := decodeResponse(dc, sid, k, v)
		if err != nil {
			bad++
			if bad <= maxFindingsPerSurvey {
				fs = append(fs, CheckFinding{Kind: CheckResponseUnreadable, Detail: err.Error()})
			}
			continue
		}
		enc.extract(&sr.Response)
		acc.add(&sr.Response, &enc, 1)
	}
	if bad > maxFindingsPerSurvey {
		fs = append(fs, CheckFinding{Kind: CheckResponseUnreadable, Detail: fmt.Sprintf("%d more responses cannot be read", bad-maxFindingsPerSurvey)})
	}
	if d := compareIndex(tx, sid, walls); d != "" {
		fs = append(fs, CheckFinding{Kind: CheckIndexDiffers, Detail: d})
	}
	if bad == 0 {
		if d := compareRollups(tx, sid, acc); d != "" {
			fs = append(fs, CheckFinding{Kind: CheckRollupsDiffer, Detail: d})
		}
	}
	return n, fs
}

// compareIndex compares the ID index of survey sid with the responses
// read (ID → wall time); "" when they agree, else what differs first.
func compareIndex(tx *bolt.Tx, sid uint64, walls map[data.ResponseID]uint64) string {
	ib := surveyBucket(tx, bucketIDs, sid)
	if ib == nil {
		return fmt.Sprintf("survey %d has no ID index", sid)
	}
	seen := 0
	c := ib.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		if len(k) != idGroupLen || len(v)%idRecLen != 0 || len(v) == 0 {
			return fmt.Sprintf("ID index key %x holds %d bytes", k, len(v))
		}
		for off := 0; off < len(v); off += idRecLen {
			var id data.ResponseID
			copy(id[:], k)
			id[idGroupLen] = v[off]
			wall, ok := walls[id]
			if !ok {
				return fmt.Sprintf("the ID index lists response %s, which is not stored", id)
			}
			if binary.BigEndian.Uint64(v[off+1:off+idRecLen]) != wall {
				return fmt.Sprintf("the ID index gives response %s another date", id)
			}
			seen++
		}
	}
	if seen != len(walls) {
		return fmt.Sprintf("the ID index lists %d responses, %d are stored", seen, len(walls))
	}
	return ""
}

// compareRollups compares the stored rollups of survey sid with those acc
// holds from a recomputation (every response counted once); "" when they
// are the same bytes, else what differs first.
func compareRollups(tx *bolt.Tx, sid uint64, acc *rollupAcc) string {
	want := expectedRollups(acc, sid)
	b := surveyBucket(tx, bucketRollups, sid)
	got := 0
	if b != nil {
		c := b.Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			got++
			w, ok := want[string(k)]
			if !ok {
				return fmt.Sprintf("stored day counts %x that no response makes", k)
			}
			if !bytes.Equal(w, v) {
				return fmt.Sprintf("the day counts under %x differ from a recount", k)
			}
		}
	}
	if got != len(want) {
		return fmt.Sprintf("%d days counted, a recount makes %d", got, len(want))
	}
	return ""
}

// expectedRollups turns what acc accumulated for survey sid (additions
// only) into the rollup values a fresh flush would store, by key.
func expectedRollups(acc *rollupAcc, sid uint64) map[string][]byte {
	out := make(map[string][]byte)
	t := acc.slots[sid]
	for k, cell := range acc.cells {
		if k.sid != sid {
			continue
		}
		var hs []qHist
		for slot := range cell.d {
			d := &cell.d[slot]
			if *d == (delta{}) {
				continue
			}
			var h data.Histogram
			applyDelta(&h, d)
			if h == (data.Histogram{}) {
				continue
			}
			hs = append(hs, qHist{q: t.qids[slot], h: h})
		}
		if len(hs) == 0 {
			continue
		}
		sort.Slice(hs, func(i, j int) bool { return hs[i].q < hs[j].q })
		key := slices.Concat([]byte(acc.segs[k.seg]), binary.BigEndian.AppendUint32(nil, uint32(k.day)))
		out[string(key)] = appendRollup(nil, hs)
	}
	return out
}
