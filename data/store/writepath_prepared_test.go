package store

import (
	"errors"
	"maps"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"csatdesk/data"
)

// TestPreparedBatchWritesWhatAddResponsesWrote imports the same batches
// through AddImportBatch (PrepareImportBatch + AddPreparedBatch) and through
// the in-transaction path into two stores: every bucket must hold the same
// bytes.
func TestPreparedBatchWritesWhatAddResponsesWrote(t *testing.T) {
	a, _ := openTemp(t)
	b, _ := openTemp(t)
	sa := mustCreateSurvey(t, a, "Same")
	sb := mustCreateSurvey(t, b, "Same")
	if sa.ID != sb.ID {
		t.Fatal("survey IDs differ")
	}
	ia, err := a.BeginImport(ImportRecord{SurveyID: sa.ID, FileName: "f.csv", Hash: "h1"})
	if err != nil {
		t.Fatal(err)
	}
	ib, err := b.BeginImport(ImportRecord{SurveyID: sb.ID, FileName: "f.csv", Hash: "h1"})
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(3, 5))
	entered := time.Date(2025, 9, 1, 8, 0, 0, 0, time.UTC)
	for n := range 4 {
		rs := genResponses(rng, sa.ID, 700, data.Day(20000+n*30), 40)
		if n == 2 {
			rng.Shuffle(len(rs), func(i, j int) { rs[i], rs[j] = rs[j], rs[i] })
		}
		for i := range rs {
			rs[i].ID = data.NewResponseID(entered.Add(time.Duration(n*1000+i) * time.Millisecond / 3))
			if i%5 != 0 {
				rs[i].EnteredAt = entered
			}
			if i%7 == 0 {
				rs[i].ExternalID = "ext" + rs[i].ID.String()[:6]
			}
		}
		ra, rb := slices.Clone(rs), slices.Clone(rs)
		if err := a.addResponses(ra, ia); err != nil {
			t.Fatal(err)
		}
		if err := b.AddImportBatch(ib, rb); err != nil {
			t.Fatal(err)
		}
		for i := range ra {
			if !ra[i].EnteredAt.IsZero() && i%5 == 0 {
				ra[i].EnteredAt, rb[i].EnteredAt = time.Time{}, time.Time{} // now, differs
			}
			if err := sameResponse(ra[i], rb[i]); err != nil || ra[i].Source != rb[i].Source || ra[i].SurveyVersion != rb[i].SurveyVersion {
				t.Fatalf("batch %d response %d: filled in differently: %v", n, i, err)
			}
		}
	}
	for _, top := range [][]byte{bucketIDs, bucketExtIDs, bucketForms, bucketRollups, bucketImportRows} {
		if da, db := dumpBucket(t, a, top), dumpBucket(t, b, top); !maps.Equal(da, db) {
			t.Errorf("bucket %s differs (%d vs %d keys)", top, len(da), len(db))
		}
	}
	// Responses entered "now" differ in their EnteredAt only: compare keys
	// and the values of the others.
	da, db := dumpBucket(t, a, bucketResponses), dumpBucket(t, b, bucketResponses)
	if len(da) != len(db) || len(da) != 2800 {
		t.Fatalf("responses: %d vs %d", len(da), len(db))
	}
	same := 0
	for k, v := range da {
		w, ok := db[k]
		if !ok {
			t.Fatalf("response key %x missing", k)
		}
		if v == w {
			same++
		}
	}
	if same < 2800*4/5 {
		t.Errorf("only %d of 2800 response values are identical", same)
	}
	assertRollupsMatchRecount(t, b, sb.ID)
	recs, err := b.Imports()
	if err != nil || len(recs) != 1 || recs[0].Added != 2800 {
		t.Fatalf("imports: %+v %v", recs, err)
	}
}

// TestPreparedBatchGoesStale: a survey saved between preparing and adding
// makes the batch stale; nothing is written, the responses are restored,
// and preparing again works.
func TestPreparedBatchGoesStale(t *testing.T) {
	st, _ := openTemp(t)
	sv := mustCreateSurvey(t, st, "S")
	id, err := st.BeginImport(ImportRecord{SurveyID: sv.ID, FileName: "f.csv", Hash: "h"})
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	rs := genResponses(rng, sv.ID, 50, 20000, 5)
	p, err := st.PrepareImportBatch(id, rs)
	if err != nil {
		t.Fatal(err)
	}
	if rs[0].ID.IsZero() || rs[0].Source == "" {
		t.Fatal("PrepareImportBatch did not fill in the responses")
	}
	sv.Version++
	if err := st.SaveSurvey(&sv); err != nil {
		t.Fatal(err)
	}
	if err := st.AddPreparedBatch(p); !errors.Is(err, ErrStale) {
		t.Fatalf("AddPreparedBatch after SaveSurvey: %v, want ErrStale", err)
	}
	if !rs[0].ID.IsZero() || rs[0].Source != "" || !rs[0].EnteredAt.IsZero() {
		t.Fatal("a stale batch did not restore its responses")
	}
	if n := len(dumpBucket(t, st, bucketResponses)); n != 0 {
		t.Fatalf("a stale batch wrote %d responses", n)
	}
	p, err = st.PrepareImportBatch(id, rs)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.AddPreparedBatch(p); err != nil {
		t.Fatal(err)
	}
	if err := st.AddPreparedBatch(p); err == nil {
		t.Fatal("a prepared batch was added twice")
	}
	if rs[0].SurveyVersion != sv.Version {
		t.Fatalf("SurveyVersion %d, want %d", rs[0].SurveyVersion, sv.Version)
	}
	assertRollupsMatchRecount(t, st, sv.ID)
	// A response ID stored meanwhile is caught when adding.
	dup := []data.Response{rs[3]}
	dup[0].Source = ""
	p, err = st.PrepareImportBatch(id, slices.Clone(dup))
	if err == nil {
		err = st.AddPreparedBatch(p)
	}
	if !errors.Is(err, ErrExists) {
		t.Fatalf("re-adding a stored ID: %v, want ErrExists", err)
	}
}

// TestImportBatchAcceptsExactlyWhatValidateAccepts is the property test of
// quickvalid_test.go for the prepared import path.
func TestImportBatchAcceptsExactlyWhatValidateAccepts(t *testing.T) {
	st, _ := openTemp(t)
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
	imp, err := st.BeginImport(ImportRecord{SurveyID: sv.ID, FileName: "q.csv", Hash: "q"})
	if err != nil {
		t.Fatal(err)
	}
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
		err := st.AddImportBatch(imp, []data.Response{r})
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
