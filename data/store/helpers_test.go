package store

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"sort"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"csatdesk/data"
)

// Question IDs of testSurvey.
const (
	qCSAT  = 1
	qNPS   = 2
	qCES   = 3
	qYesNo = 4
	qText  = 5
)

// testSurvey is a realistic survey: 5-point CSAT, NPS, CES, yes/no and a
// comment question.
func testSurvey(name string) data.Survey {
	sv := data.Survey{Name: name, Business: "Corner Bakery", Language: "en"}
	sv.AddQuestion(data.NewQuestion(data.KindRating, "How satisfied are you with your visit?", 5))
	sv.AddQuestion(data.NewQuestion(data.KindNPS, "How likely are you to recommend us?", 0))
	ces := data.NewQuestion(data.KindCES, "We made it easy to get what you needed", 0)
	ces.Required = false
	sv.AddQuestion(ces)
	yn := data.NewQuestion(data.KindYesNo, "Did you find everything?", 0)
	yn.Required = false
	sv.AddQuestion(yn)
	sv.AddQuestion(data.NewQuestion(data.KindText, "Anything else?", 0))
	return sv
}

var (
	testLocations = []string{"Riga", "Jurmala", "Sigulda", "Cesis", "Valmiera"}
	testStaff     = []string{"Anna", "Janis", "Liga", "Peteris", "Ilze", "Martins", "Zane", "Edgars"}
	testChannels  = []string{"paper", "web"}
	testZones     = []*time.Location{time.UTC, time.FixedZone("EET", 2*3600), time.FixedZone("EEST", 3*3600), time.FixedZone("AST", -4*3600)}
)

// randomForms makes genResponse give random form numbers (a worst case).
var randomForms bool

// genResponse makes a plausible response on day d (a random time of day).
func genResponse(rng *rand.Rand, sid uint64, d data.Day) data.Response {
	loc := testZones[rng.IntN(len(testZones))]
	t := d.Date(loc).Add(time.Duration(rng.Int64N(int64(24 * time.Hour))))
	if t.Day() != d.Date(loc).Day() { // DST never happens in fixed zones, but be safe
		t = d.Date(loc)
	}
	r := data.Response{
		SurveyID:    sid,
		CollectedAt: t,
		Channel:     testChannels[rng.IntN(len(testChannels))],
		Tags: map[string]string{
			data.TagLocation: testLocations[rng.IntN(len(testLocations))],
			data.TagStaff:    testStaff[rng.IntN(len(testStaff))],
		},
		Answers: map[uint32]int{
			qCSAT: 1 + min(4, rng.IntN(6)),
			qNPS:  min(10, rng.IntN(12)),
		},
	}
	if rng.IntN(3) > 0 {
		r.Answers[qCES] = 1 + rng.IntN(7)
	}
	if rng.IntN(2) == 0 {
		r.Answers[qYesNo] = rng.IntN(2)
	}
	if rng.IntN(10) == 0 {
		r.Texts = map[uint32]string{qText: "The croissants were fresh, the queue was long."}
	}
	if rng.IntN(7) == 0 {
		// Pre-printed paper forms are numbered in sequence, so numbers
		// grow with the date (BenchmarkAddResponsesBulkRandomForms uses
		// random ones).
		r.FormNumber = fmt.Sprintf("%08d", int(d)*1000+rng.IntN(1000))
		if randomForms {
			r.FormNumber = fmt.Sprintf("F-%05d", rng.IntN(100000))
		}
	}
	if rng.IntN(20) == 0 {
		delete(r.Tags, data.TagStaff)
	}
	return r
}

// genResponses makes n responses spread over days first..first+span-1, in
// date order.
func genResponses(rng *rand.Rand, sid uint64, n int, first data.Day, span int) []data.Response {
	out := make([]data.Response, n)
	for i := range out {
		d := first + data.Day(i*span/n)
		out[i] = genResponse(rng, sid, d)
	}
	return out
}

func openTemp(t testing.TB) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "csatdesk.db")
	st, err := Open(path, Options{Create: true})
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { _ = st.Close() })
	return st, path
}

func mustCreateSurvey(t testing.TB, st *Store, name string) data.Survey {
	t.Helper()
	sv := testSurvey(name)
	if err := st.CreateSurvey(&sv); err != nil {
		t.Fatalf("create survey: %v", err)
	}
	return sv
}

// dumpBucket returns every key/value under a top-level bucket, nested
// buckets flattened as "sub/key".
func dumpBucket(t testing.TB, st *Store, top []byte) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := st.db.View(func(tx *bolt.Tx) error {
		var walk func(prefix string, b *bolt.Bucket) error
		walk = func(prefix string, b *bolt.Bucket) error {
			return b.ForEach(func(k, v []byte) error {
				if v == nil && b.Bucket(k) != nil {
					return walk(prefix+string(k)+"/", b.Bucket(k))
				}
				out[prefix+string(k)] = string(v)
				return nil
			})
		}
		b := tx.Bucket(top)
		if b == nil {
			return fmt.Errorf("no bucket %s", top)
		}
		return walk("", b)
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// recount computes the rollups of survey sid from its responses with the
// domain's own Segments(), independently of the store's accumulator.
func recount(t testing.TB, st *Store, sid uint64) map[string]string {
	t.Helper()
	cells := map[string]map[uint32]*data.Histogram{}
	count := func(qid uint32, seg data.Segment, day data.Day, v int) {
		k := string(appendRollupKey(nil, seg, day))
		if cells[k] == nil {
			cells[k] = map[uint32]*data.Histogram{}
		}
		h := cells[k][qid]
		if h == nil {
			h = new(data.Histogram)
			cells[k][qid] = h
		}
		h.Add(v)
	}
	err := st.EachResponse(sid, 0, 0, func(r data.Response) error {
		segs := append([]data.Segment{{}}, r.Segments()...)
		for _, seg := range segs {
			count(0, seg, r.Day(), 0)
			for q, v := range r.Answers {
				count(q, seg, r.Day(), v)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	prefix := string(u64Key(sid)) + "/"
	for k, qs := range cells {
		var hs []qHist
		for q, h := range qs {
			hs = append(hs, qHist{q, *h})
		}
		sort.Slice(hs, func(i, j int) bool { return hs[i].q < hs[j].q })
		out[prefix+k] = string(appendRollup(nil, hs))
	}
	return out
}

// surveyRollups returns the dumped rollups of survey sid.
func surveyRollups(t testing.TB, st *Store, sid uint64) map[string]string {
	t.Helper()
	prefix := string(u64Key(sid)) + "/"
	out := map[string]string{}
	for k, v := range dumpBucket(t, st, bucketRollups) {
		if len(k) > len(prefix) && k[:len(prefix)] == prefix {
			out[k] = v
		}
	}
	return out
}

func assertRollupsMatchRecount(t *testing.T, st *Store, sid uint64) {
	t.Helper()
	got, want := surveyRollups(t, st, sid), recount(t, st, sid)
	if len(got) != len(want) {
		t.Errorf("rollups have %d keys, a recount gives %d", len(got), len(want))
	}
	bad := 0
	for k, w := range want {
		if g, ok := got[k]; !ok || g != w {
			if bad++; bad <= 5 {
				gh, _ := decodeRollup(nil, []byte(g))
				wh, _ := decodeRollup(nil, []byte(w))
				seg, day, _ := parseRollupKey([]byte(k[9:]))
				t.Errorf("rollup %+v %s: stored %v, recount %v", seg, day, gh, wh)
			}
		}
	}
}

// sameResponse compares two responses, times by instant and civil day.
func sameResponse(a, b data.Response) error {
	switch {
	case a.ID != b.ID || a.SurveyID != b.SurveyID || a.SurveyVersion != b.SurveyVersion:
		return fmt.Errorf("ids/version differ: %s/%d/%d vs %s/%d/%d", a.ID, a.SurveyID, a.SurveyVersion, b.ID, b.SurveyID, b.SurveyVersion)
	case !a.CollectedAt.Equal(b.CollectedAt) || a.Day() != b.Day():
		return fmt.Errorf("collected %s vs %s", a.CollectedAt, b.CollectedAt)
	case !a.EnteredAt.Equal(b.EnteredAt):
		return fmt.Errorf("entered %s vs %s", a.EnteredAt, b.EnteredAt)
	case a.Source != b.Source || a.Channel != b.Channel || a.FormNumber != b.FormNumber || a.ExternalID != b.ExternalID || a.Comment != b.Comment:
		return fmt.Errorf("strings differ: %+v vs %+v", a, b)
	case fmt.Sprint(a.Tags) != fmt.Sprint(b.Tags) || fmt.Sprint(a.Answers) != fmt.Sprint(b.Answers) || fmt.Sprint(a.Texts) != fmt.Sprint(b.Texts):
		return fmt.Errorf("maps differ: %v %v %v vs %v %v %v", a.Tags, a.Answers, a.Texts, b.Tags, b.Answers, b.Texts)
	}
	return nil
}

// finishErr finishes import tx and returns only the error.
func finishErr(tx *ImportTx) error {
	_, err := tx.Finish()
	return err
}
