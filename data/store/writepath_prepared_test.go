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

// TestPreparedBatchWritesWhatAddResponsesWrote writes the same responses
// through the batch path (AddResponses and ImportTx batches share it) into one
// store, and one by one through AddResponse (the data-entry path, separate
// code) into another: every index and rollup bucket must hold the same
// bytes, and the responses the same values.
func TestPreparedBatchWritesWhatAddResponsesWrote(t *testing.T) {
	a, _ := openTemp(t)
	b, _ := openTemp(t)
	sa := mustCreateSurvey(t, a, "Same")
	sb := mustCreateSurvey(t, b, "Same")
	if sa.ID != sb.ID {
		t.Fatal("survey IDs differ")
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
		for i := range ra {
			if err := a.AddResponse(&ra[i]); err != nil {
				t.Fatal(err)
			}
		}
		if err := b.AddResponses(rb); err != nil {
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

	// The same path, tagged with an import, counts what it added on it.
	ib, err := b.BeginImport(ImportRecord{SurveyID: sb.ID, FileName: "f.csv", Hash: "h1"})
	if err != nil {
		t.Fatal(err)
	}
	more := genResponses(rng, sb.ID, 200, data.Day(20200), 30)
	if err := ib.AddResponses(more); err != nil {
		t.Fatal(err)
	}
	recs, err := b.Imports()
	if err != nil || len(recs) != 1 || recs[0].Added != 200 || more[0].Source != data.SourceImport("h1") {
		t.Fatalf("imports: %+v %v, source %q", recs, err, more[0].Source)
	}
	if rows := dumpBucket(t, b, bucketImportRows); len(rows) == 0 {
		t.Error("the import's rows were not recorded")
	}
	assertRollupsMatchRecount(t, b, sb.ID)
}

// TestPreparedBatchGoesStale: a survey saved between preparing and adding
// makes the batch stale; nothing is written, the responses are restored,
// and preparing again works.
func TestPreparedBatchGoesStale(t *testing.T) {
	st, _ := openTemp(t)
	sv := mustCreateSurvey(t, st, "S")
	imp, err := st.BeginImport(ImportRecord{SurveyID: sv.ID, FileName: "f.csv", Hash: "h"})
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	rs := genResponses(rng, sv.ID, 50, 20000, 5)
	p, err := imp.Prepare(ImportBatch{Rows: rs})
	if err != nil {
		t.Fatal(err)
	}
	if rs[0].ID.IsZero() || rs[0].Source == "" {
		t.Fatal("Prepare did not fill in the responses")
	}
	sv.Version++
	if err := st.SaveSurvey(&sv); err != nil {
		t.Fatal(err)
	}
	if err := imp.AddPrepared(p); !errors.Is(err, ErrStale) {
		t.Fatalf("AddPrepared after SaveSurvey: %v, want ErrStale", err)
	}
	if !rs[0].ID.IsZero() || rs[0].Source != "" || !rs[0].EnteredAt.IsZero() {
		t.Fatal("a stale batch did not restore its responses")
	}
	if n := len(dumpBucket(t, st, bucketResponses)); n != 0 {
		t.Fatalf("a stale batch wrote %d responses", n)
	}
	p, err = imp.Prepare(ImportBatch{Rows: rs})
	if err != nil {
		t.Fatal(err)
	}
	if err := imp.AddPrepared(p); err != nil {
		t.Fatal(err)
	}
	if err := imp.AddPrepared(p); err == nil {
		t.Fatal("a prepared batch was added twice")
	}
	if rs[0].SurveyVersion != sv.Version {
		t.Fatalf("SurveyVersion %d, want %d", rs[0].SurveyVersion, sv.Version)
	}
	assertRollupsMatchRecount(t, st, sv.ID)
	// A response ID stored meanwhile is caught when adding.
	dup := []data.Response{rs[3]}
	dup[0].Source = ""
	p, err = imp.Prepare(ImportBatch{Rows: slices.Clone(dup)})
	if err == nil {
		err = imp.AddPrepared(p)
	}
	if !errors.Is(err, ErrExists) {
		t.Fatalf("re-adding a stored ID: %v, want ErrExists", err)
	}
}
