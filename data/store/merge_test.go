package store

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"errors"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"csatdesk/data"
	"csatdesk/data/export"
)

// copyFile copies a closed database file.
func copyFile(t testing.TB, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

func openPath(t testing.TB, path string) *Store {
	t.Helper()
	st, err := Open(path, Options{})
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	t.Cleanup(func() { _ = st.Close() })
	return st
}

func mustAdd(t testing.TB, st *Store, rs []data.Response) []data.Response {
	t.Helper()
	if err := st.AddResponses(rs); err != nil {
		t.Fatalf("add responses: %v", err)
	}
	return rs
}

// allResponses returns every response of survey sid in stored order.
func allResponses(t testing.TB, st *Store, sid uint64) []data.Response {
	t.Helper()
	var out []data.Response
	if err := st.EachResponse(sid, 0, data.Day(1<<30), func(r data.Response) error {
		out = append(out, r)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

// csvOf exports rs (in stored order) as survey sv.
func csvOf(t testing.TB, sv data.Survey, rs []data.Response) string {
	t.Helper()
	var b bytes.Buffer
	tags := []string{data.TagLocation, data.TagStaff}
	if _, err := export.WriteCSV(&b, &sv, tags, func(fn func(data.Response) error) error {
		for _, r := range rs {
			if err := fn(r); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// union returns the responses of a and b (by ID, a's kept), in stored
// order, as survey sid.
func union(sid uint64, a, b []data.Response) []data.Response {
	seen := map[data.ResponseID]bool{}
	var out []data.Response
	for _, list := range [][]data.Response{a, b} {
		for _, r := range list {
			if !seen[r.ID] {
				seen[r.ID] = true
				r.SurveyID = sid
				out = append(out, r)
			}
		}
	}
	key := func(r data.Response) []byte {
		w, _ := wallNanos(r.CollectedAt)
		return appendRespKey(nil, w, r.ID)
	}
	slices.SortFunc(out, func(x, y data.Response) int { return bytes.Compare(key(x), key(y)) })
	return out
}

// laptops makes a common file with survey "Cafe" (300 responses), copies
// it to two laptops, and adds on each: distinct responses (A 200, B
// nB), 60 responses typed on A and carried to B (the same IDs), and on B a
// survey "Hotel" of its own. It returns both paths, closed.
func laptops(t *testing.T, nB int) (pathA, pathB string) {
	t.Helper()
	dir := t.TempDir()
	base := filepath.Join(dir, "base.db")
	st, err := Open(base, Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	sv := testSurvey("Cafe")
	if err := st.CreateSurvey(&sv); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	mustAdd(t, st, genResponses(rng, sv.ID, 300, 19000, 60))
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	pathA, pathB = filepath.Join(dir, "a.db"), filepath.Join(dir, "b.db")
	copyFile(t, base, pathA)
	copyFile(t, base, pathB)

	a, err := Open(pathA, Options{})
	if err != nil {
		t.Fatal(err)
	}
	mustAdd(t, a, genResponses(rng, sv.ID, 200, 19060, 30))
	shared := mustAdd(t, a, genResponses(rng, sv.ID, 60, 19090, 5))
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	b, err := Open(pathB, Options{})
	if err != nil {
		t.Fatal(err)
	}
	mustAdd(t, b, genResponses(rng, sv.ID, nB, 19060, 30))
	mustAdd(t, b, shared)
	hotel := testSurvey("Hotel")
	if err := b.CreateSurvey(&hotel); err != nil {
		t.Fatal(err)
	}
	mustAdd(t, b, genResponses(rng, hotel.ID, 40, 19050, 10))
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	return pathA, pathB
}

// exportAll exports every survey of st: names, then CSV.
func exportAll(t testing.TB, st *Store) string {
	t.Helper()
	svs, err := st.Surveys()
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, sv := range svs {
		b.WriteString(sv.Name + "\n")
		b.WriteString(csvOf(t, sv, allResponses(t, st, sv.ID)))
	}
	return b.String()
}

func mustCheck(t *testing.T, st *Store) {
	t.Helper()
	rep, err := st.CheckAll(nil)
	if err != nil || !rep.OK() {
		t.Fatalf("check: %v %+v", err, rep.Findings)
	}
}

func TestMergeTwoLaptopsGivesTheExactUnion(t *testing.T) {
	pathA, pathB := laptops(t, 150)
	b := openPath(t, pathB)
	cafeB := allResponses(t, b, 1)
	hotelB := allResponses(t, b, 2)
	hotelSv, _ := b.Survey(2)
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	a := openPath(t, pathA)
	cafeA := allResponses(t, a, 1)
	cafeSv, _ := a.Survey(1)

	rep, err := Merge(context.Background(), a, pathB, MergePlan{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	// B holds 300 common + 150 own + 60 shared: 150 are new.
	if rep.ResponsesAdded != 150+40 || rep.Duplicates != 360 || rep.ConflictCount != 0 || rep.SurveysAdded != 1 {
		t.Fatalf("report: %+v", rep)
	}
	if got, want := len(allResponses(t, a, 1)), 300+200+60+150; got != want {
		t.Fatalf("Cafe holds %d, want %d", got, want)
	}
	if got, want := csvOf(t, cafeSv, allResponses(t, a, 1)), csvOf(t, cafeSv, union(1, cafeA, cafeB)); got != want {
		t.Fatal("Cafe after the merge is not the union of both laptops'")
	}
	hotel, err := a.FindSurvey("Hotel")
	if err != nil {
		t.Fatal(err)
	}
	if !hotel.Created.Equal(hotelSv.Created) {
		t.Error("the added survey lost its creation time")
	}
	if got, want := csvOf(t, hotel, allResponses(t, a, hotel.ID)), csvOf(t, hotel, union(hotel.ID, hotelB, nil)); got != want {
		t.Fatal("Hotel after the merge differs from B's")
	}
	st, err := a.SurveyStats(1)
	if err != nil || st.Responses != 710 {
		t.Fatalf("stats %+v %v", st, err)
	}
	assertRollupsMatchRecount(t, a, 1)
	assertRollupsMatchRecount(t, a, hotel.ID)
	mustCheck(t, a)

	// Merging the same file again adds nothing and changes nothing.
	before := exportAll(t, a)
	beforeBuckets := dumpBucket(t, a, bucketResponses)
	rep2, err := Merge(context.Background(), a, pathB, MergePlan{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if rep2.ResponsesAdded != 0 || rep2.SurveysAdded != 0 || rep2.Duplicates != 550 || rep2.ConflictCount != 0 {
		t.Fatalf("second merge: %+v", rep2)
	}
	if exportAll(t, a) != before || !mapsEqual(dumpBucket(t, a, bucketResponses), beforeBuckets) {
		t.Fatal("the second merge changed the file")
	}
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

func fileHash(t testing.TB, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

func TestMergeConflictKeepsMainsResponse(t *testing.T) {
	pathA, pathB := laptops(t, 10)
	b := openPath(t, pathB)
	rs := allResponses(t, b, 1)
	changed := rs[5]
	changed.Comment = "edited on B"
	if err := b.UpdateResponse(changed); err != nil {
		t.Fatal(err)
	}
	// A respondent ID A already has, under a new response ID.
	inB := map[data.ResponseID]bool{}
	for _, r := range rs {
		inB[r.ID] = true
	}
	a0 := openPath(t, pathA)
	var ra data.Response
	for _, r := range allResponses(t, a0, 1) {
		if !inB[r.ID] {
			ra = r
		}
	}
	if err := a0.Close(); err != nil {
		t.Fatal(err)
	}
	again := ra
	again.ID = data.ResponseID{}
	again.ExternalID = "R-77"
	ra.ExternalID = "R-77"
	mustAdd(t, b, []data.Response{again})
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	a := openPath(t, pathA)
	if err := a.UpdateResponse(ra); err != nil {
		t.Fatal(err)
	}
	want, _ := a.Response(1, changed.ID)
	rep, err := Merge(context.Background(), a, pathB, MergePlan{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if rep.ConflictCount != 2 || len(rep.Conflicts) != 2 {
		t.Fatalf("conflicts: %+v", rep)
	}
	reasons := []ConflictReason{rep.Conflicts[0].Reason, rep.Conflicts[1].Reason}
	if !slices.Contains(reasons, ConflictContent) || !slices.Contains(reasons, ConflictRespondent) {
		t.Fatalf("conflict reasons %v", reasons)
	}
	got, _ := a.Response(1, changed.ID)
	if err := sameResponse(got, want); err != nil || got.Comment == "edited on B" {
		t.Fatalf("main's response was not kept: %v", err)
	}
	mustCheck(t, a)
}

func TestMergeUserMatchedSurveys(t *testing.T) {
	dir := t.TempDir()
	rng := rand.New(rand.NewPCG(3, 4))
	mk := func(name string, n int) (string, []data.Response) {
		path := filepath.Join(dir, name)
		st, err := Open(path, Options{Create: true})
		if err != nil {
			t.Fatal(err)
		}
		other := testSurvey("Other " + name) // shifts the IDs
		if strings.HasPrefix(name, "b") {
			if err := st.CreateSurvey(&other); err != nil {
				t.Fatal(err)
			}
		}
		sv := testSurvey("Shop")
		if err := st.CreateSurvey(&sv); err != nil {
			t.Fatal(err)
		}
		rs := mustAdd(t, st, genResponses(rng, sv.ID, n, 19000, 20))
		if err := st.Close(); err != nil {
			t.Fatal(err)
		}
		return path, rs
	}
	pathA, rsA := mk("a.db", 50)
	pathB, rsB := mk("b.db", 70)
	a := openPath(t, pathA)
	src, err := OpenMergeSource(a, pathB)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	prop := src.Proposal()
	if len(prop) != 2 || prop[1].Name != "Shop" || prop[1].How != MatchName || prop[1].MainID != 1 || prop[1].Responses != 70 {
		t.Fatalf("proposal %+v", prop)
	}
	if prop[0].How != MatchNew || len(prop[0].Candidates) != 1 {
		t.Fatalf("proposal for the other survey %+v", prop[0])
	}
	// Dry run: reports, writes nothing.
	h := dumpBucket(t, a, bucketResponses)
	rep, err := src.Merge(context.Background(), MergePlan{DryRun: true, Match: map[uint64]uint64{1: 0, 2: 1}}, nil)
	if err != nil || rep.ResponsesAdded != 70 || rep.SurveysAdded != 1 {
		t.Fatalf("dry run %+v %v", rep, err)
	}
	if !mapsEqual(h, dumpBucket(t, a, bucketResponses)) {
		t.Fatal("the dry run wrote")
	}
	rep, err = src.Merge(context.Background(), MergePlan{Match: map[uint64]uint64{1: 0, 2: 1}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Surveys[1].How != MatchUser || rep.ResponsesAdded != 70 {
		t.Fatalf("report %+v", rep)
	}
	sv, _ := a.Survey(1)
	if got, want := csvOf(t, sv, allResponses(t, a, 1)), csvOf(t, sv, union(1, rsA, rsB)); got != want {
		t.Fatal("Shop is not the union")
	}
	mustCheck(t, a)
	// "Add as new" for Shop gives "Shop (2)".
	pathB2, _ := mk("b2.db", 5)
	rep, err = Merge(context.Background(), a, pathB2, MergePlan{Match: map[uint64]uint64{1: 0, 2: 0}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.FindSurvey("Shop (2)"); err != nil || rep.Surveys[1].How != MatchNew {
		t.Fatalf("new survey: %v %+v", err, rep.Surveys)
	}
	// A survey whose questions do not fit is refused.
	odd := testSurvey("Odd")
	odd.Questions = odd.Questions[:2]
	odd.Questions[0].Max, odd.Questions[0].SatisfiedFrom = 10, 8
	odd.Questions[0].Labels = nil
	if err := a.CreateSurvey(&odd); err != nil {
		t.Fatal(err)
	}
	if _, err := Merge(context.Background(), a, pathB, MergePlan{Match: map[uint64]uint64{2: odd.ID}}, nil); !errors.Is(err, ErrMergeConflict) {
		t.Fatalf("a survey that does not fit: %v", err)
	}
}

func TestMergeCancelledLeavesMainUntouched(t *testing.T) {
	pathA, pathB := laptops(t, 5000)
	a := openPath(t, pathA)
	before := fileHash(t, pathA)
	buckets := dumpBucket(t, a, bucketResponses)
	ctx, cancel := context.WithCancel(context.Background())
	calls := 0
	_, err := Merge(ctx, a, pathB, MergePlan{}, func(float64) {
		calls++
		cancel()
	})
	if !errors.Is(err, context.Canceled) || calls == 0 {
		t.Fatalf("cancelled merge: %v (%d progress calls)", err, calls)
	}
	if !mapsEqual(buckets, dumpBucket(t, a, bucketResponses)) {
		t.Fatal("the cancelled merge wrote responses")
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	_ = before // bbolt may rewrite its meta page; compare contents instead:
	a = openPath(t, pathA)
	if !mapsEqual(buckets, dumpBucket(t, a, bucketResponses)) {
		t.Fatal("the cancelled merge left responses after reopening")
	}
	mustCheck(t, a)
}

func TestMergeRefusesItselfAndNeverWritesTheOther(t *testing.T) {
	pathA, pathB := laptops(t, 5)
	a := openPath(t, pathA)
	if _, err := Merge(context.Background(), a, pathA, MergePlan{}, nil); !errors.Is(err, ErrMergeSelf) {
		t.Fatalf("merge into itself: %v", err)
	}
	link := filepath.Join(t.TempDir(), "link.db")
	if err := os.Symlink(pathA, link); err == nil {
		if _, err := Merge(context.Background(), a, link, MergePlan{}, nil); !errors.Is(err, ErrMergeSelf) {
			t.Fatalf("merge into itself through a link: %v", err)
		}
	}
	h := fileHash(t, pathB)
	if _, err := Merge(context.Background(), a, pathB, MergePlan{}, nil); err != nil {
		t.Fatal(err)
	}
	if fileHash(t, pathB) != h {
		t.Fatal("the other file was written")
	}
	// A damaged other file is refused, and main is untouched.
	bad := filepath.Join(t.TempDir(), "bad.db")
	if err := os.WriteFile(bad, bytes.Repeat([]byte("x"), 65536), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Merge(context.Background(), a, bad, MergePlan{}, nil); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("damaged other file: %v", err)
	}
}

func TestMergeSchemaV1FileReadsThroughTheMigration(t *testing.T) {
	dir := t.TempDir()
	src, err := os.Open(filepath.Join("testdata", "schema-v1.db.gz"))
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	zr, err := gzip.NewReader(src)
	if err != nil {
		t.Fatal(err)
	}
	old := filepath.Join(dir, "old.db")
	f, err := os.Create(old)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(f, zr); err != nil {
		t.Fatal(err)
	}
	f.Close()
	h := fileHash(t, old)
	st, _ := openTemp(t)
	rep, err := Merge(context.Background(), st, old, MergePlan{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if fileHash(t, old) != h {
		t.Fatal("the schema 1 file was written")
	}
	if _, err := os.Stat(old + ".bak-v1"); err == nil {
		t.Fatal("a migration backup was left beside the other file")
	}
	// The same file opened (migrated, its pending imports rolled back)
	// holds what the merge brought.
	mig := openFixture(t, "schema-v1.db.gz", Options{})
	svs, _ := mig.Surveys()
	want := 0
	for _, sv := range svs {
		want += len(allResponses(t, mig, sv.ID))
	}
	if rep.ResponsesAdded != want || rep.SurveysAdded != len(svs) || want == 0 {
		t.Fatalf("merged %d responses in %d surveys, the file holds %d in %d", rep.ResponsesAdded, rep.SurveysAdded, want, len(svs))
	}
	for _, sv := range svs {
		got, err := st.FindSurvey(sv.Name)
		if err != nil {
			t.Fatal(err)
		}
		if a, b := csvOf(t, sv, allResponses(t, mig, sv.ID)), csvOf(t, sv, allResponses(t, st, got.ID)); a != b {
			t.Errorf("survey %s differs after the merge", sv.Name)
		}
	}
	mustCheck(t, st)
}

func TestMergeBringsARevisedSurveyForward(t *testing.T) {
	pathA, pathB := laptops(t, 5)
	b := openPath(t, pathB)
	sv, _ := b.Survey(1)
	sv.Questions[0].SatisfiedFrom = 5 // a cut-off change after responses: retire and re-add
	rev, err := b.ReviseSurvey(&sv)
	if err != nil || !rev.Bumped {
		t.Fatalf("revise: %v %+v", err, rev)
	}
	var newQ uint32
	for _, q := range sv.Questions {
		if q.Replaces == qCSAT {
			newQ = q.ID
		}
	}
	rng := rand.New(rand.NewPCG(9, 9))
	rs := genResponses(rng, 1, 20, 19100, 5)
	for i := range rs {
		rs[i].Answers[newQ] = rs[i].Answers[qCSAT]
		delete(rs[i].Answers, qCSAT)
	}
	mustAdd(t, b, rs)
	if err := b.Close(); err != nil {
		t.Fatal(err)
	}
	a := openPath(t, pathA)
	rep, err := Merge(context.Background(), a, pathB, MergePlan{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := a.Survey(1)
	if rep.VersionsAdded != 1 || got.Version != sv.Version || len(got.Questions) != len(sv.Questions) {
		t.Fatalf("report %+v, survey v%d", rep, got.Version)
	}
	mustCheck(t, a)

	// Revised differently on A too: refused unless added as new.
	pathC := filepath.Join(t.TempDir(), "c.db")
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	pathD := filepath.Join(t.TempDir(), "d.db")
	copyFile(t, filepath.Join(filepath.Dir(pathA), "base.db"), pathD)
	d := openPath(t, pathD)
	dsv, _ := d.Survey(1)
	dsv.Questions[1].Required = false
	dsv.Questions = slices.Delete(dsv.Questions, 3, 4) // retire yes/no
	if _, err := d.ReviseSurvey(&dsv); err != nil {
		t.Fatal(err)
	}
	if err := d.Close(); err != nil {
		t.Fatal(err)
	}
	copyFile(t, pathB, pathC)
	c := openPath(t, pathC)
	if _, err := Merge(context.Background(), c, pathD, MergePlan{}, nil); !errors.Is(err, ErrMergeConflict) {
		t.Fatalf("diverged survey: %v", err)
	}
	rep, err = Merge(context.Background(), c, pathD, MergePlan{Match: map[uint64]uint64{1: 0}}, nil)
	if err != nil || rep.SurveysAdded != 1 {
		t.Fatalf("diverged survey added as new: %+v %v", rep, err)
	}
	mustCheck(t, c)
}

// BenchmarkMerge merges a file of 50,000 responses (and 50,000 already
// here, the same survey) into a file of those 50,000: the new ones are
// added, the rest skipped as duplicates, rollups recounted.
func BenchmarkMerge(b *testing.B) {
	dir := b.TempDir()
	main := filepath.Join(dir, "main.db")
	st, err := Open(main, Options{Create: true})
	if err != nil {
		b.Fatal(err)
	}
	sv := testSurvey("Cafe")
	if err := st.CreateSurvey(&sv); err != nil {
		b.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(7, 7))
	for range 5 {
		mustAdd(b, st, genResponses(rng, sv.ID, 10000, 19000, 700))
	}
	st.Close()
	other := filepath.Join(dir, "other.db")
	copyFile(b, main, other)
	o, err := Open(other, Options{})
	if err != nil {
		b.Fatal(err)
	}
	for range 5 {
		mustAdd(b, o, genResponses(rng, sv.ID, 10000, 19000, 700))
	}
	o.Close()
	for b.Loop() {
		b.StopTimer()
		run := filepath.Join(dir, "run.db")
		copyFile(b, main, run)
		st := openPath(b, run)
		b.StartTimer()
		rep, err := Merge(context.Background(), st, other, MergePlan{}, nil)
		b.StopTimer()
		if err != nil || rep.ResponsesAdded != 50000 || rep.Duplicates != 50000 {
			b.Fatalf("%+v %v", rep, err)
		}
		st.Close()
		b.StartTimer()
	}
}
