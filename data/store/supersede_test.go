package store

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"testing"

	bolt "go.etcd.io/bbolt"

	"csatdesk/data"
)

// allBuckets are the buckets whose bytes replacing and restoring must keep
// exactly as they were when nothing was done.
var allBuckets = [][]byte{bucketResponses, bucketIDs, bucketExtIDs, bucketForms, bucketRollups,
	bucketImports, bucketImportRows, bucketSupersede, bucketStaged}

// dumpAll returns every key/value of allBuckets (a missing bucket is empty).
func dumpAll(t testing.TB, st *Store) map[string]map[string]string {
	t.Helper()
	out := map[string]map[string]string{}
	for _, top := range allBuckets {
		exists := false
		_ = st.db.View(func(tx *bolt.Tx) error { exists = tx.Bucket(top) != nil; return nil })
		if exists {
			out[string(top)] = dumpBucket(t, st, top)
		} else {
			out[string(top)] = map[string]string{}
		}
	}
	return out
}

func assertSameDump(t *testing.T, got, want map[string]map[string]string) {
	t.Helper()
	for _, top := range allBuckets {
		g, w := got[string(top)], want[string(top)]
		if maps.Equal(g, w) {
			continue
		}
		n := 0
		for k, v := range w {
			if gv, ok := g[k]; !ok || gv != v {
				if n++; n <= 3 {
					t.Errorf("bucket %s: key %x is %x, want %x (present %v)", top, k, gv, v, ok)
				}
			}
		}
		for k := range g {
			if _, ok := w[k]; !ok {
				if n++; n <= 6 {
					t.Errorf("bucket %s: key %x should not be there", top, k)
				}
			}
		}
		t.Errorf("bucket %s differs in %d keys (%d keys, want %d)", top, n, len(g), len(w))
	}
}

// assertConsistent checks that every index of survey sid agrees with its
// responses both ways, that every import row names a response tagged with
// that import, that the rollups equal a recount and a rebuild, and that no
// list of responses to replace is left by an import that is not pending.
func assertConsistent(t *testing.T, st *Store, sid uint64) {
	t.Helper()
	assertRollupsMatchRecount(t, st, sid)
	err := st.db.View(func(tx *bolt.Tx) error {
		rb := surveyBucket(tx, bucketResponses, sid)
		ids := surveyBucket(tx, bucketIDs, sid)
		ext := surveyBucket(tx, bucketExtIDs, sid)
		forms := surveyBucket(tx, bucketForms, sid)
		rows := tx.Bucket(bucketImportRows)
		type entry struct{ ext, form string }
		stored := map[data.ResponseID]entry{}
		tagged := map[string]bool{} // import|sid|id
		if rb != nil {
			if err := rb.ForEach(func(k, v []byte) error {
				sr, err := decodeResponse(newDict(tx), sid, k, v)
				if err != nil {
					return err
				}
				stored[sr.ID] = entry{sr.ExternalID, sr.FormNumber}
				wall, ok, err := lookupGrouped(ids, nil, sr.ID, idRecLen)
				if err != nil || !ok || !bytes.Equal(wall, k[:8]) {
					return fmt.Errorf("response %s: ID index says %x, %v, %v", sr.ID, wall, ok, err)
				}
				if sr.ExternalID != "" && ext.Get(appendExtKey(nil, sr.ExternalID, sr.ID)) == nil {
					return fmt.Errorf("response %s: external ID %q not indexed", sr.ID, sr.ExternalID)
				}
				if sr.FormNumber != "" && forms.Get(appendExtKey(nil, sr.FormNumber, sr.ID)) == nil {
					return fmt.Errorf("response %s: form number not indexed", sr.ID)
				}
				if sr.importID != 0 {
					if _, err := getImport(tx, sr.importID); err != nil {
						return fmt.Errorf("response %s: its import: %w", sr.ID, err)
					}
					if _, ok, _ := lookupGrouped(rows, importRowPrefix(sr.importID, sid), sr.ID, rowRecLen); !ok {
						return fmt.Errorf("response %s: not listed under its import %d", sr.ID, sr.importID)
					}
					tagged[fmt.Sprint(sr.importID, sid, sr.ID)] = true
				}
				return nil
			}); err != nil {
				return err
			}
		}
		n := 0
		if ids != nil {
			if err := ids.ForEach(func(k, v []byte) error {
				g := idGroup{key: k, recLen: idRecLen, data: v}
				for _, id := range g.ids() {
					n++
					if _, ok := stored[id]; !ok {
						return fmt.Errorf("ID index lists %s, which is not stored", id)
					}
				}
				return nil
			}); err != nil {
				return err
			}
		}
		if n != len(stored) {
			return fmt.Errorf("ID index lists %d responses, %d stored", n, len(stored))
		}
		for _, x := range []struct {
			b    *bolt.Bucket
			form bool
		}{{ext, false}, {forms, true}} {
			if x.b == nil {
				continue
			}
			if err := x.b.ForEach(func(k, _ []byte) error {
				var id data.ResponseID
				copy(id[:], k[len(k)-16:])
				e, ok := stored[id]
				want := e.ext
				if x.form {
					want = e.form
				}
				if !ok || !bytes.Equal(k, appendExtKey(nil, want, id)) {
					return fmt.Errorf("index entry %x names no stored response with that value", k)
				}
				return nil
			}); err != nil {
				return err
			}
		}
		if err := rows.ForEach(func(k, v []byte) error {
			imp, s, err := parseImportRowKey(k)
			if err != nil || s != sid {
				return err
			}
			g := idGroup{key: k, recLen: rowRecLen, data: v}
			for _, id := range g.ids() {
				if !tagged[fmt.Sprint(imp, sid, id)] {
					return fmt.Errorf("import %d lists %s, which is not stored with that import", imp, id)
				}
			}
			return nil
		}); err != nil {
			return err
		}
		for _, name := range [][]byte{bucketSupersede, bucketStaged} {
			if b := tx.Bucket(name); b != nil {
				if err := b.ForEach(func(k, _ []byte) error {
					rec, err := getImport(tx, bytesU64(k))
					if err != nil || rec.State != ImportPending {
						return fmt.Errorf("%s: entry %x left by import %+v (%v)", name, k, rec, err)
					}
					return nil
				}); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	before := surveyRollups(t, st, sid)
	if err := st.RebuildRollups(); err != nil {
		t.Fatal(err)
	}
	if after := surveyRollups(t, st, sid); !maps.Equal(before, after) {
		t.Errorf("a rebuild changed the rollups (%d keys before, %d after)", len(before), len(after))
	}
	if err := st.Check(); err != nil {
		t.Fatal(err)
	}
}

func bytesU64(k []byte) uint64 {
	var v uint64
	for _, b := range k[:8] {
		v = v<<8 | uint64(b)
	}
	return v
}

// withExt gives responses the external IDs prefix-from … prefix-(from+n-1).
func withExt(rs []data.Response, prefix string, from int) []data.Response {
	for i := range rs {
		rs[i].ExternalID = fmt.Sprintf("%s-%04d", prefix, from+i)
	}
	return rs
}

// importAll runs a whole import of batches and returns its ID.
func importAll(t *testing.T, st *Store, rec ImportRecord, batches ...[]data.Response) uint64 {
	t.Helper()
	imp, err := st.BeginImport(rec)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range batches {
		if err := imp.AddResponses(b); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := imp.Finish(); err != nil {
		t.Fatal(err)
	}
	return imp.ID()
}

// byExt returns the stored responses of survey sid by external ID.
func byExt(t *testing.T, st *Store, sid uint64) map[string][]data.Response {
	t.Helper()
	out := map[string][]data.Response{}
	if err := st.EachResponse(sid, 0, 0, func(r data.Response) error {
		out[r.ExternalID] = append(out[r.ExternalID], r)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

// stageReplacing begins import B of the rows of newer whose external IDs
// are stored already as replacing ones: new rows go in as batches, and the
// responses they repeat are listed with each batch, as ingest does. It
// returns the import, unfinished.
func stageReplacing(t *testing.T, st *Store, sid uint64, hash string, newer []data.Response, batch int) *ImportTx {
	t.Helper()
	imp, err := st.BeginImport(ImportRecord{FileName: hash + ".csv", Hash: hash, SurveyID: sid})
	if err != nil {
		t.Fatal(err)
	}
	for len(newer) > 0 {
		n := min(batch, len(newer))
		var fresh, same []data.Response
		var old []data.ResponseID
		for _, r := range newer[:n] {
			rp, err := st.Repeats(sid, r.ID, r.ExternalID, 0)
			if err != nil {
				t.Fatal(err)
			}
			old = append(old, rp.ByExt...)
			if rp.SameID {
				same = append(same, r)
			} else {
				fresh = append(fresh, r)
			}
		}
		if err := imp.Add(ImportBatch{Rows: fresh, SurveyID: sid, Replace: old, Same: same}); err != nil {
			t.Fatal(err)
		}
		newer = newer[n:]
	}
	return imp
}

func TestAnImportReplacesStoredResponsesOnlyWhenItFinishes(t *testing.T) {
	first := data.DayFromDate(2024, 3, 1)
	cases := []struct {
		name string
		// end finishes, aborts or "crashes" the replacing import and
		// reopens the store if it must; it returns the store to check.
		end      func(t *testing.T, st *Store, path string, imp *ImportTx) *Store
		replaced bool
	}{
		{"finishing removes the replaced responses in the same transaction", func(t *testing.T, st *Store, _ string, imp *ImportTx) *Store {
			if _, err := imp.Finish(); err != nil {
				t.Fatal(err)
			}
			return st
		}, true},
		{"aborting leaves them exactly as they were", func(t *testing.T, st *Store, _ string, imp *ImportTx) *Store {
			if err := st.AbortImport(imp.ID()); err != nil {
				t.Fatal(err)
			}
			return st
		}, false},
		{"a crash between batches is rolled back on open and leaves them as they were", func(t *testing.T, st *Store, path string, _ *ImportTx) *Store {
			if err := st.Close(); err != nil {
				t.Fatal(err)
			}
			st2, err := Open(path, Options{})
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = st2.Close() })
			if len(st2.RecoveredImports()) != 1 {
				t.Errorf("recovered %+v", st2.RecoveredImports())
			}
			return st2
		}, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st, path := openTemp(t)
			sv := mustCreateSurvey(t, st, "Replacing")
			rng := rand.New(rand.NewPCG(5, 6))
			// Typed-in responses, one of them with a respondent ID that the
			// import repeats, and an earlier import A of R0000–R0299.
			typed := genResponses(rng, sv.ID, 40, first, 30)
			typed[7].ExternalID = "R-0250"
			if err := st.AddResponses(typed); err != nil {
				t.Fatal(err)
			}
			a := withExt(genResponses(rng, sv.ID, 300, first, 60), "R", 0)
			aID := importAll(t, st, ImportRecord{FileName: "a.csv", Hash: "ha", SurveyID: sv.ID}, a[:120], a[120:])
			before := dumpAll(t, st)
			beforeExt := byExt(t, st, sv.ID)

			// B repeats R-0200…R-0299 with other answers and dates and
			// adds R-0300…R-0399.
			b := withExt(genResponses(rng, sv.ID, 200, first+10, 60), "R", 200)
			imp := stageReplacing(t, st, sv.ID, "hb", b, 70)
			// Until the import finishes, every replaced response is there as it was.
			if n := len(byExt(t, st, sv.ID)["R-0250"]); n != 3 {
				t.Fatalf("R-0250 while pending: %d responses, want the typed one, A's and B's", n)
			}
			st = c.end(t, st, path, imp)
			assertConsistent(t, st, sv.ID)
			if !c.replaced {
				assertSameDump(t, dumpAll(t, st), before)
				if got := byExt(t, st, sv.ID); !maps.EqualFunc(got, beforeExt, func(x, y []data.Response) bool { return fmt.Sprint(x) == fmt.Sprint(y) }) {
					t.Error("the responses differ from before the import")
				}
				return
			}
			after := byExt(t, st, sv.ID)
			for i, r := range b {
				got := after[r.ExternalID]
				if len(got) != 1 {
					t.Fatalf("%s: %d responses, want 1", r.ExternalID, len(got))
				}
				if err := sameContent(got[0], r); err != nil || got[0].Source != data.SourceImport("hb") {
					t.Fatalf("row %d (%s): %v, source %q", i, r.ExternalID, err, got[0].Source)
				}
			}
			for _, r := range a[:200] {
				if got := after[r.ExternalID]; len(got) != 1 || got[0].ID != r.ID {
					t.Fatalf("%s of A should stay: %+v", r.ExternalID, got)
				}
			}
			n := 0
			for _, rs := range after {
				n += len(rs)
			}
			if want := 40 - 1 + 200 + 200; n != want {
				t.Errorf("%d responses, want %d", n, want)
			}
			rec, err := st.Import(imp.ID())
			if err != nil || rec.State != ImportDone || rec.Replaced != 101 || rec.Added != 200 {
				t.Errorf("record %+v, %v; want done, 101 replaced (100 of A, 1 typed), 200 added", rec, err)
			}
			if ok, _ := st.ExternalIDExists(sv.ID, "R-0250"); !ok {
				t.Error("R-0250 is not indexed any more")
			}
			if rp, _ := st.Repeats(sv.ID, data.ResponseID{}, "R-0250", 0); rp.SameID || len(rp.ByExt) != 1 || rp.ByExt[0] != after["R-0250"][0].ID {
				t.Errorf("R-0250 is stored as %v, want only B's row", rp.ByExt)
			}

			t.Run("and aborting the earlier import later removes only what is left of it", func(t *testing.T) {
				if err := st.AbortImport(aID); err != nil {
					t.Fatal(err)
				}
				assertConsistent(t, st, sv.ID)
				left := byExt(t, st, sv.ID)
				for _, r := range a[:200] {
					if len(left[r.ExternalID]) != 0 {
						t.Fatalf("%s of A is still there", r.ExternalID)
					}
				}
				for _, r := range b {
					if len(left[r.ExternalID]) != 1 {
						t.Fatalf("%s of B went with A", r.ExternalID)
					}
				}
			})
		})
	}
}

func TestFinishingPassesOverWhatIsGoneOrItsOwn(t *testing.T) {
	st, _ := openTemp(t)
	sv := mustCreateSurvey(t, st, "Edge cases")
	rng := rand.New(rand.NewPCG(7, 8))
	first := data.DayFromDate(2023, 6, 1)
	// Three stored responses of respondent "dup": typed, and from two imports.
	typed := withExt(genResponses(rng, sv.ID, 1, first, 1), "dup", 0)
	if err := st.AddResponses(typed); err != nil {
		t.Fatal(err)
	}
	x := withExt(genResponses(rng, sv.ID, 1, first, 1), "dup", 0)
	importAll(t, st, ImportRecord{FileName: "x.csv", Hash: "hx", SurveyID: sv.ID}, x)
	y := withExt(genResponses(rng, sv.ID, 3, first, 1), "dup", 0)
	y[1].ExternalID, y[2].ExternalID = "gone", "other"
	importAll(t, st, ImportRecord{FileName: "y.csv", Hash: "hy", SurveyID: sv.ID}, y)

	rp, err := st.Repeats(sv.ID, data.ResponseID{}, "dup-0000", 0)
	ids := rp.ByExt
	if err != nil || len(ids) != 3 {
		t.Fatalf("Repeats found %v, %v; want the 3 responses of dup-0000", ids, err)
	}
	imp, err := st.BeginImport(ImportRecord{FileName: "z.csv", Hash: "hz", SurveyID: sv.ID})
	if err != nil {
		t.Fatal(err)
	}
	z := withExt(genResponses(rng, sv.ID, 2, first, 1), "dup", 0)
	z[1].ExternalID = "new"
	if err := imp.AddResponses(z); err != nil {
		t.Fatal(err)
	}
	// The list names the three, the import's own row, and a response
	// deleted before the import finishes.
	old := append(ids, z[0].ID, y[1].ID)
	if err := imp.Add(ImportBatch{SurveyID: sv.ID, Replace: old, Same: nil}); err != nil {
		t.Fatal(err)
	}
	if err := st.DeleteResponses(sv.ID, []data.ResponseID{y[1].ID}); err != nil {
		t.Fatal(err)
	}
	if _, err := imp.Finish(); err != nil {
		t.Fatal(err)
	}
	rec, _ := st.Import(imp.ID())
	if rec.Replaced != 3 {
		t.Errorf("replaced %d, want the 3 stored responses of dup-0000", rec.Replaced)
	}
	got := byExt(t, st, sv.ID)
	if len(got["dup-0000"]) != 1 || got["dup-0000"][0].ID != z[0].ID || len(got["new"]) != 1 || len(got["other"]) != 1 {
		t.Errorf("after finishing: %v", got)
	}
	assertConsistent(t, st, sv.ID)

	if err := imp.Add(ImportBatch{SurveyID: sv.ID, Replace: ids, Same: nil}); err == nil {
		t.Error("a finished import accepted a list to replace")
	}
	if _, err := st.BeginImport(ImportRecord{FileName: "w.csv", Hash: "hw", Replaces: 9999}); !errors.Is(err, ErrNotFound) {
		t.Errorf("replacing an unknown import: %v", err)
	}
}

// sameContent compares what a row of a file sets: date, answers and the
// rest, not the fields the store fills in.
func sameContent(got, want data.Response) error {
	want.ID, want.EnteredAt, want.SurveyVersion, want.Source = got.ID, got.EnteredAt, got.SurveyVersion, got.Source
	return sameResponse(got, want)
}

func TestRowsWithTheIDOfAStoredResponseReplaceIt(t *testing.T) {
	first := data.DayFromDate(2025, 1, 1)
	cases := []struct {
		name   string
		whole  bool // the file is the one imported before: replace that import whole
		finish bool
	}{
		{"aborted, it leaves everything as it was", false, false},
		{"aborted while replacing the same file, it leaves everything as it was", true, false},
		{"finished, the rows take the place of the stored responses", false, true},
		{"finished while replacing the same file, the earlier import goes whole", true, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st, _ := openTemp(t)
			sv := mustCreateSurvey(t, st, "Same IDs")
			rng := rand.New(rand.NewPCG(9, 10))
			typed := genResponses(rng, sv.ID, 30, first, 20)
			if err := st.AddResponses(typed); err != nil {
				t.Fatal(err)
			}
			a := withExt(genResponses(rng, sv.ID, 50, first, 20), "A", 0)
			aID := importAll(t, st, ImportRecord{FileName: "export.csv", Hash: "h1", SurveyID: sv.ID}, a)
			before := dumpAll(t, st)

			// A CSAT Desk export read back in, corrected: the IDs of A's
			// rows and of five typed ones with new answers and dates, and
			// ten new rows.
			newer := genResponses(rng, sv.ID, 65, first+5, 20)
			for i := range newer {
				switch {
				case i < 50:
					newer[i].ID, newer[i].ExternalID = a[i].ID, a[i].ExternalID
				case i < 55:
					newer[i].ID = typed[i-50].ID
				}
			}
			rec := ImportRecord{FileName: "export2.csv", Hash: "h2", SurveyID: sv.ID}
			if c.whole {
				rec.FileName, rec.Hash, rec.Replaces = "export.csv", "h1", aID
			}
			imp, err := st.BeginImport(rec)
			if err != nil {
				t.Fatal(err)
			}
			var fresh, same []data.Response
			for _, r := range newer {
				if rp, _ := st.Repeats(sv.ID, r.ID, "", 0); rp.SameID {
					same = append(same, r)
				} else {
					fresh = append(fresh, r)
				}
			}
			if len(same) != 55 {
				t.Fatalf("%d rows with a stored ID, want 55", len(same))
			}
			if err := imp.AddResponses(fresh); err != nil {
				t.Fatal(err)
			}
			for i := 0; i < len(same); i += 20 {
				if err := imp.Add(ImportBatch{SurveyID: sv.ID, Replace: nil, Same: same[i:min(i+20, len(same))]}); err != nil {
					t.Fatal(err)
				}
			}
			if got, err := st.Response(sv.ID, a[3].ID); err != nil || sameResponse(got, a[3]) != nil {
				t.Fatalf("while pending %s reads %+v, %v; want A's row", a[3].ID, got, err)
			}
			if !c.finish {
				if err := st.AbortImport(imp.ID()); err != nil {
					t.Fatal(err)
				}
				assertSameDump(t, dumpAll(t, st), before)
				return
			}
			if _, err := imp.Finish(); err != nil {
				t.Fatal(err)
			}
			assertConsistent(t, st, sv.ID)
			for _, r := range append(fresh, same...) {
				got, err := st.Response(sv.ID, r.ID)
				if err != nil {
					t.Fatal(err)
				}
				if err := sameContent(got, r); err != nil || got.Source != data.SourceImport(rec.Hash) {
					t.Fatalf("%s: %v (source %q)", r.ID, err, got.Source)
				}
			}
			done, _ := st.Import(imp.ID())
			imps, _ := st.Imports()
			wantReplaced, wantImps := 55, 2
			if c.whole {
				wantReplaced, wantImps = 5, 1 // A went whole and is not counted
			}
			if done.Replaced != wantReplaced || done.Added != 65 || len(imps) != wantImps {
				t.Errorf("record %+v and %d imports; want %d replaced, 65 added, %d imports", done, len(imps), wantReplaced, wantImps)
			}
			// Aborting it now removes every row it brought, the replacing
			// ones included; what they replaced stays gone.
			if err := st.AbortImport(imp.ID()); err != nil {
				t.Fatal(err)
			}
			assertConsistent(t, st, sv.ID)
			n := 0
			_ = st.EachResponse(sv.ID, 0, 0, func(data.Response) error { n++; return nil })
			if want := 25; n != want {
				t.Errorf("%d responses after aborting it, want the %d typed ones it did not replace", n, want)
			}
		})
	}
}
