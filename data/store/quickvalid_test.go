package store

import (
	"math/rand/v2"
	"path/filepath"
	"testing"
	"time"

	"csatdesk/data"
)

// TestTheBulkPathAcceptsExactlyWhatValidateAccepts feeds the batch write
// path random responses, valid and subtly broken, one per call, through
// both of its entry points: a response must be stored exactly when
// data.Response.Validate accepts it, so the fast check in front of Validate
// never lets a bad answer in.
func TestTheBulkPathAcceptsExactlyWhatValidateAccepts(t *testing.T) {
	entries := []struct {
		name string
		add  func(st *Store, sid uint64) func(data.Response) error
	}{
		{"AddResponses", func(st *Store, _ uint64) func(data.Response) error {
			return func(r data.Response) error { return st.AddResponses([]data.Response{r}) }
		}},
		{"ImportTx.AddResponses", func(st *Store, sid uint64) func(data.Response) error {
			imp, err := st.BeginImport(ImportRecord{SurveyID: sid, FileName: "q.csv", Hash: "q"})
			return func(r data.Response) error {
				if err != nil {
					return err
				}
				return imp.AddResponses([]data.Response{r})
			}
		}},
	}
	for _, e := range entries {
		t.Run(e.name, func(t *testing.T) { checkStoresExactlyWhatValidates(t, e.add) })
	}
}

func checkStoresExactlyWhatValidates(t *testing.T, adder func(st *Store, sid uint64) func(data.Response) error) {
	st, err := Open(filepath.Join(t.TempDir(), "q.db"), Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	sv := data.Survey{Name: "Mixed"}
	sv.AddQuestion(data.NewQuestion(data.KindRating, "Overall", 5))
	opt := data.NewQuestion(data.KindNPS, "Recommend", 0)
	opt.Required = false
	sv.AddQuestion(opt)
	sv.AddQuestion(data.NewQuestion(data.KindYesNo, "Found it", 0))
	sv.AddQuestion(data.NewQuestion(data.KindText, "Why", 0))
	retired := data.NewQuestion(data.KindRating, "Old scale", 7)
	retired.Retired = true
	sv.AddQuestion(retired)
	if err := st.CreateSurvey(&sv); err != nil {
		t.Fatal(err)
	}
	add := adder(st, sv.ID)
	rng := rand.New(rand.NewPCG(7, 11))
	base := time.Date(2025, 5, 1, 12, 0, 0, 0, time.UTC)
	stored, refused := 0, 0
	for i := 0; i < 3000; i++ {
		r := data.Response{SurveyID: sv.ID, CollectedAt: base.AddDate(0, 0, rng.IntN(300)), Answers: map[uint32]int{}, Texts: map[uint32]string{}}
		for _, q := range sv.Questions {
			if !q.Numeric() || rng.IntN(4) == 0 {
				continue // text, or left blank
			}
			v := q.Min + rng.IntN(q.Max-q.Min+1)
			if rng.IntN(15) == 0 {
				v = q.Max + 1 // off the scale
			}
			if rng.IntN(30) == 0 {
				v = q.Min - 1
			}
			r.Answers[q.ID] = v
		}
		if rng.IntN(40) == 0 {
			r.Answers[99] = 1 // no such question
		}
		if rng.IntN(3) == 0 {
			id := uint32(4) // the text question
			if rng.IntN(10) == 0 {
				id = 1 // text for a number
			}
			r.Texts[id] = "words"
		}
		switch rng.IntN(12) {
		case 0:
			r.Tags = map[string]string{"channel": "x"}
		case 1:
			r.Tags = map[string]string{"": "x"}
		case 2:
			r.Tags = map[string]string{data.TagLocation: "Old Town"}
		case 3:
			r.CollectedAt = time.Date(1985, 1, 1, 0, 0, 0, 0, time.UTC)
		}
		want := r.Validate(&sv) == nil
		err := add(r)
		if got := err == nil; got != want {
			t.Fatalf("case %d: stored=%v but Validate says ok=%v (err %v) for %+v", i, got, want, err, r)
		}
		if want {
			stored++
		} else {
			refused++
		}
	}
	if stored < 100 || refused < 100 {
		t.Fatalf("the generator should produce both kinds: %d stored, %d refused", stored, refused)
	}
}
