package store

import (
	"errors"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"csatdesk/data"
)

func TestImports(t *testing.T) {
	st, path := openTemp(t)
	outer := t
	sv := mustCreateSurvey(t, st, "Imported")
	rng := rand.New(rand.NewPCG(21, 22))
	first := data.DayFromDate(2022, 1, 1)
	// Some manual data first, which no import may touch.
	manual := genResponses(rng, sv.ID, 500, first, 200)
	if err := st.AddResponses(manual); err != nil {
		t.Fatal(err)
	}
	baseline := dumpBucket(t, st, bucketRollups)
	baseIDs := dumpBucket(t, st, bucketResponses)

	batches := func(n, size int, extPrefix string) [][]data.Response {
		var out [][]data.Response
		for b := range n {
			rs := genResponses(rng, sv.ID, size, first+data.Day(b*10), 150)
			for i := range rs {
				rs[i].ExternalID = extPrefix + string(rune('A'+b)) + "-" + string(rune('a'+i%26)) + string(rune('a'+i/26%26))
			}
			out = append(out, rs)
		}
		return out
	}
	assertBaseline := func(t *testing.T, st *Store) {
		t.Helper()
		got := dumpBucket(t, st, bucketRollups)
		if len(got) != len(baseline) {
			t.Errorf("%d rollup keys, %d before the import", len(got), len(baseline))
		}
		for k, v := range baseline {
			if got[k] != v {
				t.Errorf("rollup %x differs from before the import", k)
				break
			}
		}
		if ids := dumpBucket(t, st, bucketResponses); len(ids) != len(baseIDs) {
			t.Errorf("%d responses, %d before", len(ids), len(baseIDs))
		}
		if rows := dumpBucket(t, st, bucketImportRows); len(rows) != 0 {
			t.Errorf("%d import rows left", len(rows))
		}
		assertRollupsMatchRecount(t, st, sv.ID)
	}

	t.Run("a finished import stays, tagged with its source", func(t *testing.T) {
		imp, err := st.BeginImport(ImportRecord{FileName: "march.csv", Hash: "h1", Rows: 300, SurveyID: sv.ID})
		if err != nil {
			t.Fatal(err)
		}
		bs := batches(3, 100, "m")
		for _, b := range bs {
			if err := imp.AddResponses(b); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := imp.Finish(); err != nil {
			t.Fatal(err)
		}
		rec, ok, err := st.FindImportByHash("h1")
		if err != nil || !ok || rec.State != ImportDone || rec.Added != 300 || rec.Rows != 300 || rec.FileName != "march.csv" || rec.Finished.IsZero() {
			t.Fatalf("record %+v %v %v", rec, ok, err)
		}
		got, err := st.Response(sv.ID, bs[1][5].ID)
		if err != nil || got.Source != data.SourceImport("h1") {
			t.Errorf("source %q, %v", got.Source, err)
		}
		if ok, _ := st.ExternalIDExists(sv.ID, bs[2][7].ExternalID); !ok {
			t.Errorf("external ID not indexed")
		}
		if err := imp.AddResponses(batches(1, 3, "late")[0]); err == nil || !strings.Contains(err.Error(), "done") {
			t.Errorf("a batch after finish: %v", err)
		}
		if _, err := imp.Finish(); err == nil {
			t.Errorf("finishing twice worked")
		}
		assertRollupsMatchRecount(t, st, sv.ID)

		t.Run("and aborting it later removes it exactly", func(t *testing.T) {
			if err := st.AbortImport(imp.ID()); err != nil {
				t.Fatal(err)
			}
			assertBaseline(t, st)
			if _, ok, _ := st.FindImportByHash("h1"); ok {
				t.Error("record still there")
			}
			if ok, _ := st.ExternalIDExists(sv.ID, bs[2][7].ExternalID); ok {
				t.Errorf("external ID still indexed")
			}
		})
	})

	t.Run("abort removes a pending import's responses, indexes and rollups", func(t *testing.T) {
		imp, err := st.BeginImport(ImportRecord{FileName: "april.csv", Hash: "h2"})
		if err != nil {
			t.Fatal(err)
		}
		bs := batches(4, 2500, "a") // more than one rollback batch
		for _, b := range bs {
			if err := imp.AddResponses(b); err != nil {
				t.Fatal(err)
			}
		}
		// A response edited (new date) and one deleted during the import.
		moved := bs[0][0]
		moved.CollectedAt = moved.CollectedAt.AddDate(1, 0, 0)
		if err := st.UpdateResponse(moved); err != nil {
			t.Fatal(err)
		}
		if err := st.DeleteResponses(sv.ID, []data.ResponseID{bs[1][1].ID}); err != nil {
			t.Fatal(err)
		}
		if err := st.AbortImport(imp.ID()); err != nil {
			t.Fatal(err)
		}
		assertBaseline(t, st)
		if err := st.AbortImport(imp.ID()); !errors.Is(err, ErrNotFound) {
			t.Errorf("second abort: %v", err)
		}
	})

	t.Run("a pending import left by a crash is rolled back on open", func(t *testing.T) {
		imp, err := st.BeginImport(ImportRecord{FileName: "crash.csv", Hash: "h3", Rows: 25000})
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range batches(3, 4000, "c") {
			if err := imp.AddResponses(b); err != nil {
				t.Fatal(err)
			}
		}
		if recs, _ := st.Imports(); len(recs) != 1 || recs[0].State != ImportPending || recs[0].Added != 12000 {
			t.Fatalf("imports %+v", recs)
		}
		// "Crash": close without finishing.
		if err := st.Close(); err != nil {
			t.Fatal(err)
		}
		ro, err := Open(path, Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(ro.RecoveredImports()) != 0 {
			t.Error("a read-only open rolled back")
		}
		_ = ro.Close()
		st2, err := Open(path, Options{})
		if err != nil {
			t.Fatal(err)
		}
		outer.Cleanup(func() { _ = st2.Close() })
		st = st2
		rec := st2.RecoveredImports()
		if len(rec) != 1 || rec[0].ID != imp.ID() || rec[0].FileName != "crash.csv" {
			t.Errorf("recovered %+v", rec)
		}
		assertBaseline(t, st2)
		if recs, _ := st2.Imports(); len(recs) != 0 {
			t.Errorf("imports left %+v", recs)
		}
		if err := st2.Check(); err != nil {
			t.Error(err)
		}
	})

	t.Run("an interrupted abort is completed on open", func(t *testing.T) {
		imp, err := st.BeginImport(ImportRecord{FileName: "half.csv", Hash: "h4"})
		if err != nil {
			t.Fatal(err)
		}
		if err := imp.AddResponses(batches(1, 50, "h")[0]); err != nil {
			t.Fatal(err)
		}
		if _, err := imp.Finish(); err != nil {
			t.Fatal(err)
		}
		// Flip to aborting as AbortImport's first step does, then "crash".
		if err := st.update(func(tx *bolt.Tx) error {
			rec, err := getImport(tx, imp.ID())
			if err != nil {
				return err
			}
			rec.State = ImportAborting
			return putImport(tx, &rec)
		}); err != nil {
			t.Fatal(err)
		}
		_ = st.Close()
		st3, err := Open(path, Options{})
		if err != nil {
			t.Fatal(err)
		}
		outer.Cleanup(func() { _ = st3.Close() })
		if len(st3.RecoveredImports()) != 1 {
			t.Errorf("recovered %+v", st3.RecoveredImports())
		}
		assertBaseline(t, st3)
		st = st3
	})

	t.Run("misuse gives clear errors", func(t *testing.T) {
		if _, err := st.BeginImport(ImportRecord{FileName: "x.csv"}); err == nil {
			t.Error("an import without a hash was accepted")
		}
		if _, err := st.BeginImport(ImportRecord{FileName: "x.csv", Hash: "h", SurveyID: 99}); !errors.Is(err, ErrNotFound) {
			t.Errorf("unknown survey: %v", err)
		}
		gone, err := st.BeginImport(ImportRecord{FileName: "gone.csv", Hash: "hg"})
		if err != nil {
			t.Fatal(err)
		}
		if err := st.AbortImport(gone.ID()); err != nil {
			t.Fatal(err)
		}
		if err := gone.AddResponses(batches(1, 1, "x")[0]); !errors.Is(err, ErrNotFound) {
			t.Errorf("unknown import: %v", err)
		}
		if _, err := gone.Finish(); !errors.Is(err, ErrNotFound) {
			t.Errorf("unknown import: %v", err)
		}
		if _, ok, err := st.FindImportByHash("nope"); ok || err != nil {
			t.Errorf("%v %v", ok, err)
		}
		imp, _ := st.BeginImport(ImportRecord{FileName: "bad.csv", Hash: "h5", Started: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)})
		bad := batches(1, 3, "b")[0]
		bad[2].Answers[qCSAT] = 9
		if err := imp.AddResponses(bad); !errors.Is(err, data.ErrInvalid) {
			t.Errorf("invalid row: %v", err)
		}
		if !bad[0].ID.IsZero() || bad[0].Source != "" {
			t.Errorf("a failed batch changed the slice: %+v", bad[0])
		}
		rec, _, _ := st.FindImportByHash("h5")
		if rec.Added != 0 || !rec.Started.Equal(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("record %+v", rec)
		}
		_ = st.AbortImport(imp.ID())
	})

	t.Run("deleting a survey drops its import rows", func(t *testing.T) {
		imp, _ := st.BeginImport(ImportRecord{FileName: "d.csv", Hash: "h6"})
		if err := imp.AddResponses(batches(1, 20, "d")[0]); err != nil {
			t.Fatal(err)
		}
		if err := st.DeleteSurvey(sv.ID); err != nil {
			t.Fatal(err)
		}
		if rows := dumpBucket(t, st, bucketImportRows); len(rows) != 0 {
			t.Errorf("%d rows left", len(rows))
		}
		if err := st.AbortImport(imp.ID()); err != nil {
			t.Errorf("abort after the survey went: %v", err)
		}
	})
}
