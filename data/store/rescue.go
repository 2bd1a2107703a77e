package store

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"os"
	"sort"

	"csatdesk/data"
)

// Salvaged is what Salvage could read of a damaged database.
type Salvaged struct {
	// Surveys are the surveys whose record could be read, by ID, each with
	// the responses that could be read.
	Surveys []SalvagedSurvey
	// Problems lists, in words, what could not be read: damaged pages
	// (with everything under them), unreadable survey records, responses
	// of surveys whose record is lost.
	Problems []string
}

// SalvagedSurvey is one survey Salvage read.
type SalvagedSurvey struct {
	Survey data.Survey
	// Responses are the survey's responses that could be read, in date
	// order, those of an interrupted import left out.
	Responses []data.Response
	// Unreadable counts responses whose stored value could not be decoded.
	Unreadable int
	// LeftOut counts responses of imports that never finished (they would
	// have been rolled back).
	LeftOut int
}

// Salvage reads every survey and response it can from the database file at
// path, damaged or not, without bbolt and without writing anything: it
// walks the file's pages itself (structure.go), skips damaged pages and
// what lies under them, and decodes what it reaches with the store's own
// decoders. It is the read-only rescue path for a file Open refuses: what
// it returns is a subset of what the file held, never something else
// (values that fail to decode are counted, not guessed). An error means
// nothing at all could be read (no valid header).
func Salvage(path string) (*Salvaged, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("rescue %s: %w", path, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("rescue %s: %w", path, err)
	}
	surveys := map[uint64][]byte{}
	imports := map[uint64][]byte{}
	strs := map[uint32]string{}
	rawStrs := map[uint32][]byte{}
	sealed := false
	type kv struct{ k, v []byte }
	responses := map[uint64][]kv{}
	w := &pageWalker{f: f, size: fi.Size(), seen: map[uint64]bool{}, salvage: true}
	w.visit = func(path [][]byte, k, v []byte) {
		switch {
		case len(path) == 1 && bytes.Equal(path[0], bucketSurveys) && len(k) == 8:
			surveys[binary.BigEndian.Uint64(k)] = v
		case len(path) == 1 && bytes.Equal(path[0], bucketImports) && len(k) == 8:
			imports[binary.BigEndian.Uint64(k)] = v
		case len(path) == 1 && bytes.Equal(path[0], bucketStrings) && len(k) == 4:
			rawStrs[binary.BigEndian.Uint32(k)] = v
		case len(path) == 1 && bytes.Equal(path[0], bucketMeta) && bytes.Equal(k, keyStringsSealed):
			sealed = true
		case len(path) == 2 && bytes.Equal(path[0], bucketResponses) && len(path[1]) == 8:
			sid := binary.BigEndian.Uint64(path[1])
			responses[sid] = append(responses[sid], kv{k, v})
		}
	}
	if err := w.runSalvage(); err != nil {
		return nil, fmt.Errorf("rescue %s: %w: %w", path, ErrCorrupt, err)
	}
	out := &Salvaged{Problems: w.problems}
	for i, v := range rawStrs {
		str, err := unsealString(sealed, binary.BigEndian.AppendUint32(nil, i), v)
		if err != nil {
			out.Problems = append(out.Problems, err.Error())
			continue // a gap: values naming it fail to decode
		}
		strs[i] = str
	}

	// The dictionary, with a gap for every string on a lost page; an index
	// far beyond the strings read is damage, not a string.
	dc := &dict{loaded: true}
	limit := uint32(4*len(strs) + 1024)
	for i, n := uint32(0), 0; n < len(strs) && i < limit; i++ {
		s, ok := strs[i]
		if ok {
			n++
		} else {
			s = lostString
		}
		dc.strs = append(dc.strs, s)
	}
	dc.base = len(dc.strs)
	unfinished := map[uint64]string{}
	for id, v := range imports {
		rec, err := decodeImport(v)
		if err != nil {
			out.Problems = append(out.Problems, fmt.Sprintf("import record %d: %v", id, err))
			continue
		}
		if rec.State != ImportDone {
			unfinished[id] = rec.FileName
		}
	}
	ids := make([]uint64, 0, len(surveys))
	for id := range surveys {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	for _, sid := range ids {
		sv, err := decodeSurvey(surveys[sid])
		if err != nil {
			out.Problems = append(out.Problems, fmt.Sprintf("survey %d: its record cannot be read (%v); its %d responses cannot be exported without it", sid, err, len(responses[sid])))
			continue
		}
		sv.ID = sid
		ss := SalvagedSurvey{Survey: sv}
		for _, r := range responses[sid] {
			sr, err := decodeResponse(dc, sid, r.k, r.v)
			switch {
			case err != nil || namesLost(&sr.Response):
				ss.Unreadable++
			case isUnfinished(unfinished, sr.importID):
				ss.LeftOut++
			default:
				ss.Responses = append(ss.Responses, sr.Response)
			}
		}
		out.Surveys = append(out.Surveys, ss)
		delete(responses, sid)
	}
	for sid, rs := range responses {
		if _, ok := surveys[sid]; !ok {
			out.Problems = append(out.Problems, fmt.Sprintf("survey %d: its record is lost (on a damaged page); its %d responses cannot be exported without it", sid, len(rs)))
		}
	}
	return out, nil
}

// lostString stands in the salvaged dictionary for a string on a lost
// page; a response naming it is counted unreadable, never guessed.
const lostString = "\x00lost"

// namesLost reports whether r names a lost dictionary string.
func namesLost(r *data.Response) bool {
	if r.Source == lostString || r.Channel == lostString {
		return true
	}
	for k, v := range r.Tags {
		if k == lostString || v == lostString {
			return true
		}
	}
	return false
}

// isUnfinished reports whether import id is one of unfinished.
func isUnfinished(unfinished map[uint64]string, id uint64) bool {
	_, ok := unfinished[id]
	return ok
}

// runSalvage walks the tree of the newest valid meta page, recording
// damaged pages instead of stopping. A file cut short keeps the pages it
// has: the high-water mark is lowered to them.
func (w *pageWalker) runSalvage() error {
	root, _, err := w.meta()
	if err != nil {
		// meta refuses a header counting more pages than the file has
		// (a file cut short): read on with what is there.
		if w.pageSize == 0 || w.hwm < 2 || root == 0 {
			return err
		}
		w.problems = append(w.problems, err.Error())
	}
	if have := uint64(w.size / w.pageSize); w.hwm > have {
		w.hwm = have
	}
	w.used = make([]bool, w.hwm)
	return w.walk(root, 0)
}
