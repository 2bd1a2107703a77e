package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"csatdesk/data"
	"csatdesk/data/importer"
	"csatdesk/data/store"
)

// genSurvey is the survey genCSV's files answer: a required 5-point CSAT
// question and an optional NPS question.
func genSurvey(name string) data.Survey {
	sv := data.Survey{Name: name, Language: "en"}
	sv.AddQuestion(data.NewQuestion(data.KindRating, "Overall satisfaction", 5))
	nps := data.NewQuestion(data.KindNPS, "Recommend", 0)
	nps.Required = false
	sv.AddQuestion(nps)
	return sv
}

// genMapping maps genCSV's columns onto genSurvey.
func genMapping() importer.Mapping {
	return importer.Mapping{
		Columns: []importer.ColumnMap{
			{Column: 0, Header: "Respondent ID", Target: importer.TargetExternalID},
			{Column: 1, Header: "Date", Target: importer.TargetCollectedAt},
			{Column: 2, Header: "Overall satisfaction", Target: importer.TargetQuestion, QuestionID: 1},
			{Column: 3, Header: "Recommend", Target: importer.TargetQuestion, QuestionID: 2},
			{Column: 4, Header: "Location", Target: importer.TargetTag, Tag: "location"},
			{Column: 5, Header: "Comment", Target: importer.TargetComment},
		},
		DateOrder: importer.YMD,
		Loc:       time.UTC,
	}
}

// genCSV returns a CSV of respondents from..to-1 (one row each); every
// 97th row has a bad score and is skipped by the converter.
func genCSV(from, to int) []byte { return genCSVWith(from, to, true, nil) }

// genCSVWith is genCSV with the bad rows only when bad is set, and other
// scores for the respondents for which changed is true (a newer export in
// which some answers were corrected).
func genCSVWith(from, to int, bad bool, changed func(i int) bool) []byte {
	var b bytes.Buffer
	b.WriteString("Respondent ID,Date,Overall satisfaction,Recommend,Location,Comment\n")
	start := time.Date(2024, 1, 1, 9, 0, 0, 0, time.UTC)
	for i := from; i < to; i++ {
		score := fmt.Sprint(1 + i%5)
		if changed != nil && changed(i) {
			score = fmt.Sprint(1 + (i+2)%5)
		}
		if bad && i%97 == 13 {
			score = "nine"
		}
		nps := fmt.Sprint(i % 11)
		if i%7 == 0 {
			nps = ""
		}
		at := start.Add(time.Duration(i) * 37 * time.Minute)
		fmt.Fprintf(&b, "R%06d,%s,%s,%s,%s,comment %d\n", i, at.Format("2006-01-02 15:04"), score, nps, []string{"north", "south", "east"}[i%3], i)
	}
	return b.Bytes()
}

// badRows counts genCSV's skipped rows in from..to-1.
func badRows(from, to int) int {
	n := 0
	for i := from; i < to; i++ {
		if i%97 == 13 {
			n++
		}
	}
	return n
}

func openStore(t testing.TB, path string) *store.Store {
	t.Helper()
	st, err := store.Open(path, store.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// genStore opens a new store with a survey "gen" (genSurvey).
func genStore(t testing.TB) (*store.Store, data.Survey) {
	t.Helper()
	st := openStore(t, filepath.Join(t.TempDir(), "t.db"))
	sv := genSurvey("gen")
	if err := st.CreateSurvey(&sv); err != nil {
		t.Fatal(err)
	}
	return st, sv
}

func writeFile(t testing.TB, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// importPath opens path and imports it into sv with opt (Hash filled in).
func importPath(t testing.TB, ctx context.Context, st *store.Store, path string, sv *data.Survey, m importer.Mapping, opt Options) (importer.Report, error) {
	t.Helper()
	f, err := importer.OpenPath(path, importer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if opt.Hash, err = HashFile(path); err != nil {
		t.Fatal(err)
	}
	return Import(ctx, st, f, sv, m, opt)
}

// snapshot is everything an import may change, for comparing.
type snapshot struct {
	Surveys   []data.Survey
	Responses map[uint64][]data.Response
	Days      map[string][]data.DayHist
	Imports   int
}

func takeSnapshot(t testing.TB, st *store.Store) snapshot {
	t.Helper()
	s := snapshot{Responses: map[uint64][]data.Response{}, Days: map[string][]data.DayHist{}}
	svs, err := st.Surveys()
	if err != nil {
		t.Fatal(err)
	}
	s.Surveys = svs
	for _, sv := range svs {
		err := st.EachResponse(sv.ID, 0, 0, func(r data.Response) error {
			s.Responses[sv.ID] = append(s.Responses[sv.ID], r)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		segs, err := st.Segments(sv.ID)
		if err != nil {
			t.Fatal(err)
		}
		segs = append(segs, data.Segment{})
		for _, seg := range segs {
			for _, q := range append([]data.Question{{ID: data.ResponsesQuestion}}, sv.Questions...) {
				d, err := st.Days(sv.ID, q.ID, seg, 0, 0)
				if err != nil {
					t.Fatal(err)
				}
				s.Days[fmt.Sprintf("%d/%d/%v", sv.ID, q.ID, seg)] = d
			}
		}
	}
	imps, err := st.Imports()
	if err != nil {
		t.Fatal(err)
	}
	s.Imports = len(imps)
	return s
}

// checkRollups asserts that the rollups of survey sv equal a recount from
// its responses, and that the file is sound.
func checkRollups(t testing.TB, st *store.Store, sv data.Survey) int {
	t.Helper()
	want := map[uint32]map[data.Day]*data.Histogram{}
	add := func(q uint32, d data.Day, v int) {
		if want[q] == nil {
			want[q] = map[data.Day]*data.Histogram{}
		}
		if want[q][d] == nil {
			want[q][d] = new(data.Histogram)
		}
		want[q][d].Add(v)
	}
	n := 0
	err := st.EachResponse(sv.ID, 0, 0, func(r data.Response) error {
		n++
		add(data.ResponsesQuestion, r.Day(), 0)
		for q, v := range r.Answers {
			add(q, r.Day(), v)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range append([]data.Question{{ID: data.ResponsesQuestion}}, sv.Questions...) {
		days, err := st.Days(sv.ID, q.ID, data.Segment{}, 0, 0)
		if err != nil {
			t.Fatal(err)
		}
		got := map[data.Day]data.Histogram{}
		for _, d := range days {
			if d.Hist.N() > 0 {
				got[d.Day] = d.Hist
			}
		}
		w := map[data.Day]data.Histogram{}
		for d, h := range want[q.ID] {
			w[d] = *h
		}
		if !reflect.DeepEqual(got, w) {
			t.Fatalf("question %d: rollups (%d days) differ from a recount of the responses (%d days)", q.ID, len(got), len(w))
		}
	}
	if err := st.Check(); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestImportOfAGoogleFormsFileStoresEveryRow(t *testing.T) {
	st := openStore(t, filepath.Join(t.TempDir(), "t.db"))
	path := filepath.Join("..", "..", "importer", "testdata", "corpus", "google_forms_en.csv")
	f, err := importer.OpenPath(path, importer.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	prof, err := importer.Scan(f, 0)
	if err != nil {
		t.Fatal(err)
	}
	prop, err := importer.Guess(f.Source, prof, nil)
	if err != nil {
		t.Fatal(err)
	}
	hash, err := HashFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var lastRows int
	var lastFrac float64
	opt := Options{Hash: hash, TotalRows: prof.Rows, Progress: func(r int, f float64) { lastRows, lastFrac = r, f }}
	rep, err := Import(context.Background(), st, f, prop.Survey, prop.Mapping, opt)
	if err != nil {
		t.Fatal(err)
	}
	// Golden counts of data/importer/testdata/corpus/google_forms_en.golden.json.
	if rep.Read != 6 || rep.Imported != 6 || rep.Skipped != 0 {
		t.Fatalf("report %+v, want 6 read, 6 imported, 0 skipped", rep)
	}
	if prop.Survey.ID == 0 {
		t.Fatal("the new survey has no ID")
	}
	if lastRows != 6 || lastFrac != 1 {
		t.Errorf("last progress %d rows, %.2f; want 6, 1", lastRows, lastFrac)
	}
	if n := checkRollups(t, st, *prop.Survey); n != 6 {
		t.Fatalf("%d responses stored, want 6", n)
	}
	imps, _ := st.Imports()
	if len(imps) != 1 || imps[0].State != store.ImportDone || imps[0].Added != 6 {
		t.Fatalf("imports %+v", imps)
	}
}

func TestImportWritesBatchesAndMatchesTheConverter(t *testing.T) {
	st, sv := genStore(t)
	path := writeFile(t, "gen.csv", genCSV(0, 2500))
	rep, err := importPath(t, context.Background(), st, path, &sv, genMapping(), Options{BatchSize: 300})
	if err != nil {
		t.Fatal(err)
	}
	bad := badRows(0, 2500)
	if rep.Read != 2500 || rep.Imported != 2500-bad || rep.Skipped != bad || len(rep.Problems) != bad {
		t.Fatalf("report read %d imported %d skipped %d problems %d; want 2500, %d, %d", rep.Read, rep.Imported, rep.Skipped, len(rep.Problems), 2500-bad, bad)
	}
	if n := checkRollups(t, st, sv); n != rep.Imported {
		t.Fatalf("%d stored, want %d", n, rep.Imported)
	}
}

func TestCancelMidwayLeavesTheStoreAsItWas(t *testing.T) {
	for _, newSurvey := range []bool{false, true} {
		t.Run(fmt.Sprintf("new survey %v", newSurvey), func(t *testing.T) {
			st, sv := genStore(t)
			first := writeFile(t, "first.csv", genCSV(0, 300))
			if _, err := importPath(t, context.Background(), st, first, &sv, genMapping(), Options{}); err != nil {
				t.Fatal(err)
			}
			before := takeSnapshot(t, st)

			target := &sv
			if newSurvey {
				s2 := genSurvey("gen") // name taken: becomes "gen (2)"
				target = &s2
			}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			path := writeFile(t, "second.csv", genCSV(1000, 6000))
			_, err := importPath(t, ctx, st, path, target, genMapping(), Options{BatchSize: 500, Progress: func(rows int, _ float64) {
				if rows >= 2600 {
					cancel()
				}
			}})
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("err = %v, want context.Canceled", err)
			}
			after := takeSnapshot(t, st)
			if !reflect.DeepEqual(before, after) {
				t.Fatalf("the store changed:\nbefore %d surveys, %d imports\nafter %d surveys, %d imports", len(before.Surveys), before.Imports, len(after.Surveys), after.Imports)
			}
			checkRollups(t, st, sv)
		})
	}
}

func TestImportingTheSameFileAgain(t *testing.T) {
	cases := []struct {
		name      string
		dup       Duplicate
		wantErr   error
		wantAdded int // responses after the second import
		wantImps  int
	}{
		{"skip leaves the store as it was", Skip, nil, 400 - badRows(0, 400), 1},
		{"refuse says when it was imported", Refuse, ErrAlreadyImported, 400 - badRows(0, 400), 1},
		{"replace swaps the earlier import for the new one", Replace, nil, 400 - badRows(0, 400), 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st, sv := genStore(t)
			path := writeFile(t, "a.csv", genCSV(0, 400))
			if _, err := importPath(t, context.Background(), st, path, &sv, genMapping(), Options{}); err != nil {
				t.Fatal(err)
			}
			imps, _ := st.Imports()
			firstID := imps[0].ID
			rep, err := importPath(t, context.Background(), st, path, &sv, genMapping(), Options{OnDuplicate: c.dup})
			if !errors.Is(err, c.wantErr) {
				t.Fatalf("err = %v, want %v", err, c.wantErr)
			}
			if err != nil && !strings.Contains(err.Error(), time.Now().Format("2006-01-02")) {
				t.Errorf("error %q does not name the date of the earlier import", err)
			}
			if c.dup == Skip && (rep.Imported != 0 || rep.Skipped != 400 || len(rep.Problems) != 1+badRows(0, 400) || !strings.Contains(rep.Problems[0].Reason, ReasonAlreadyImported)) {
				t.Errorf("report %+v", rep)
			}
			if n := checkRollups(t, st, sv); n != c.wantAdded {
				t.Fatalf("%d responses, want %d", n, c.wantAdded)
			}
			imps, _ = st.Imports()
			if len(imps) != c.wantImps {
				t.Fatalf("%d imports, want %d", len(imps), c.wantImps)
			}
			if c.dup == Replace && imps[0].ID == firstID {
				t.Errorf("the earlier import %d is still there", firstID)
			}
		})
	}
}

func TestANewerOverlappingExportImportsOnlyTheNewRows(t *testing.T) {
	st, sv := genStore(t)
	old := writeFile(t, "old.csv", genCSV(0, 500))
	if _, err := importPath(t, context.Background(), st, old, &sv, genMapping(), Options{}); err != nil {
		t.Fatal(err)
	}
	newer := writeFile(t, "newer.csv", genCSV(0, 800))
	rep, err := importPath(t, context.Background(), st, newer, &sv, genMapping(), Options{BatchSize: 100})
	if err != nil {
		t.Fatal(err)
	}
	wantNew := 300 - badRows(500, 800)
	wantDup := 500 - badRows(0, 500)
	if rep.Imported != wantNew || rep.Skipped != wantDup+badRows(0, 800) {
		t.Fatalf("imported %d skipped %d; want %d, %d", rep.Imported, rep.Skipped, wantNew, wantDup+badRows(0, 800))
	}
	dups := 0
	for _, p := range rep.Problems {
		if p.Reason == ReasonAlreadyImported {
			dups++
		}
	}
	if dups != wantDup {
		t.Errorf("%d rows reported as already imported, want %d", dups, wantDup)
	}
	if n := checkRollups(t, st, sv); n != 800-badRows(0, 800) {
		t.Fatalf("%d responses, want %d", n, 800-badRows(0, 800))
	}
}

func TestParseDuplicate(t *testing.T) {
	for in, want := range map[string]Duplicate{"skip": Skip, "Replace": Replace, " refuse ": Refuse, "": Skip} {
		if got, err := ParseDuplicate(in); err != nil || got != want {
			t.Errorf("ParseDuplicate(%q) = %v, %v", in, got, err)
		}
	}
	if _, err := ParseDuplicate("merge"); err == nil {
		t.Error("ParseDuplicate(merge) gave no error")
	}
}

// scoreOf is the satisfaction score genCSVWith writes for respondent i.
func scoreOf(i int, changed bool) int {
	if changed {
		return 1 + (i+2)%5
	}
	return 1 + i%5
}

// byRespondent returns the stored responses of sv by external ID.
func byRespondent(t testing.TB, st *store.Store, sv data.Survey) map[string][]data.Response {
	t.Helper()
	out := map[string][]data.Response{}
	if err := st.EachResponse(sv.ID, 0, 0, func(r data.Response) error {
		out[r.ExternalID] = append(out[r.ExternalID], r)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

// checkRebuild asserts that rebuilding the rollups from the responses
// changes nothing a dashboard reads.
func checkRebuild(t testing.TB, st *store.Store) {
	t.Helper()
	before := takeSnapshot(t, st)
	if err := st.RebuildRollups(); err != nil {
		t.Fatal(err)
	}
	if after := takeSnapshot(t, st); !reflect.DeepEqual(before, after) {
		t.Fatal("a rebuild of the rollups changed them")
	}
}

// hasNote reports whether the report has a note (column -1, no row)
// containing s.
func hasNote(rep importer.Report, s string) bool {
	for _, p := range rep.Problems {
		if p.Row == 0 && p.Col == -1 && strings.Contains(p.Reason, s) {
			return true
		}
	}
	return false
}

func TestANewerOverlappingExportWithChangedAnswers(t *testing.T) {
	changed := func(i int) bool { return i <= 100 }
	cases := []struct {
		name         string
		dup          Duplicate
		wantImported int
		wantSkipped  int
		newValues    bool // R51…R100 carry the newer file's answers
	}{
		{"replace takes the newer answers and counts every respondent once", Replace, 100, 0, true},
		{"skip keeps the answers stored before", Skip, 50, 50, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st, sv := genStore(t)
			a := writeFile(t, "a.csv", genCSVWith(1, 101, false, nil))
			if _, err := importPath(t, context.Background(), st, a, &sv, genMapping(), Options{}); err != nil {
				t.Fatal(err)
			}
			b := writeFile(t, "b.csv", genCSVWith(51, 151, false, changed))
			rep, err := importPath(t, context.Background(), st, b, &sv, genMapping(), Options{OnDuplicate: c.dup, BatchSize: 30})
			if err != nil {
				t.Fatal(err)
			}
			if rep.Read != 100 || rep.Imported != c.wantImported || rep.Skipped != c.wantSkipped {
				t.Errorf("report read %d, imported %d, skipped %d; want 100, %d, %d", rep.Read, rep.Imported, rep.Skipped, c.wantImported, c.wantSkipped)
			}
			if got := hasNote(rep, "replaced 50 responses stored before"); got != (c.dup == Replace) {
				t.Errorf("the report says it replaced 50 responses: %v, want %v (%+v)", got, c.dup == Replace, rep.Problems)
			}
			for _, p := range rep.Problems {
				if strings.Contains(p.Reason, "not supported") {
					t.Errorf("the report still says %q", p.Reason)
				}
			}
			if n := checkRollups(t, st, sv); n != 150 {
				t.Fatalf("%d responses, want 150", n)
			}
			checkRebuild(t, st)
			all := byRespondent(t, st, sv)
			for i := 1; i <= 150; i++ {
				ext := fmt.Sprintf("R%06d", i)
				rs := all[ext]
				if len(rs) != 1 {
					t.Fatalf("%s is stored %d times", ext, len(rs))
				}
				want := scoreOf(i, i >= 51 && changed(i) && c.newValues)
				if got := rs[0].Answers[1]; got != want {
					t.Fatalf("%s has satisfaction %d, want %d", ext, got, want)
				}
				if ok, err := st.ExternalIDExists(sv.ID, ext); !ok || err != nil {
					t.Fatalf("%s is not indexed: %v", ext, err)
				}
				if rp, err := st.Repeats(sv.ID, rs[0].ID, ext, 0); !rp.SameID || len(rp.ByExt) != 1 || rp.ByExt[0] != rs[0].ID || err != nil {
					t.Fatalf("%s: the indexes name %+v, %v", ext, rp, err)
				}
			}
			imps, _ := st.Imports()
			if len(imps) != 2 || imps[1].State != store.ImportDone {
				t.Fatalf("imports %+v", imps)
			}
			if c.dup == Replace && imps[1].Replaced != 50 {
				t.Errorf("the import record says it replaced %d, want 50", imps[1].Replaced)
			}

			t.Run("and aborting the first import later leaves the second whole", func(t *testing.T) {
				if err := st.AbortImport(imps[0].ID); err != nil {
					t.Fatal(err)
				}
				want := 100 // R51…R150
				if !c.newValues {
					want = 50 // R101…R150: R51…R100 were A's
				}
				if n := checkRollups(t, st, sv); n != want {
					t.Fatalf("%d responses, want %d", n, want)
				}
			})
		})
	}
}

func TestCancellingAReplacingImportLeavesTheStoreAsItWas(t *testing.T) {
	cases := []struct {
		name   string
		second []byte // imported with Replace, cancelled after 3000 rows; nil: the first file again
	}{
		{"a newer export that repeats half the respondents", genCSVWith(1500, 6000, true, func(i int) bool { return i < 3000 })},
		{"the same file again", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st, sv := genStore(t)
			first := writeFile(t, "first.csv", genCSV(0, 4000))
			if _, err := importPath(t, context.Background(), st, first, &sv, genMapping(), Options{}); err != nil {
				t.Fatal(err)
			}
			before := takeSnapshot(t, st)
			impsBefore, _ := st.Imports()

			second := first
			if c.second != nil {
				second = writeFile(t, "second.csv", c.second)
			}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			_, err := importPath(t, ctx, st, second, &sv, genMapping(), Options{OnDuplicate: Replace, BatchSize: 250, Progress: func(rows int, _ float64) {
				if rows >= 3000 {
					cancel()
				}
			}})
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("err = %v, want context.Canceled", err)
			}
			if after := takeSnapshot(t, st); !reflect.DeepEqual(before, after) {
				t.Fatal("the store changed")
			}
			if imps, _ := st.Imports(); !reflect.DeepEqual(imps, impsBefore) {
				t.Fatalf("imports %+v, want %+v", imps, impsBefore)
			}
			checkRollups(t, st, sv)
		})
	}
}

// respIDCSV returns a CSAT Desk export of responses from..to-1 carrying
// their response IDs; changed gives other scores, as genCSVWith.
func respIDCSV(from, to int, changed func(int) bool) []byte {
	var b bytes.Buffer
	b.WriteString("Response ID,Date,Overall satisfaction\n")
	start := time.Date(2024, 5, 1, 9, 0, 0, 0, time.UTC)
	for i := from; i < to; i++ {
		fmt.Fprintf(&b, "%s,%s,%d\n", respID(i), start.Add(time.Duration(i)*time.Hour).Format("2006-01-02 15:04"), scoreOf(i, changed != nil && changed(i)))
	}
	return b.Bytes()
}

func respID(i int) string { return fmt.Sprintf("0190%028x", i) }

func respIDMapping() importer.Mapping {
	return importer.Mapping{
		Columns: []importer.ColumnMap{
			{Column: 0, Header: "Response ID", Target: importer.TargetResponseID},
			{Column: 1, Header: "Date", Target: importer.TargetCollectedAt},
			{Column: 2, Header: "Overall satisfaction", Target: importer.TargetQuestion, QuestionID: 1},
		},
		DateOrder: importer.YMD,
		Loc:       time.UTC,
	}
}

func TestReimportingAFileWithCSATDeskResponseIDs(t *testing.T) {
	st, sv := genStore(t)
	x := writeFile(t, "x.csv", respIDCSV(0, 40, nil))
	if _, err := importPath(t, context.Background(), st, x, &sv, respIDMapping(), Options{}); err != nil {
		t.Fatal(err)
	}
	scores := func() map[string]int {
		out := map[string]int{}
		_ = st.EachResponse(sv.ID, 0, 0, func(r data.Response) error { out[r.ID.String()] = r.Answers[1]; return nil })
		return out
	}
	steps := []struct {
		name         string
		file         []byte // nil: x again
		dup          Duplicate
		wantImported int
		wantScores   func(i int) (int, bool) // score of response i, stored or not
		wantNote     string
	}{
		{"the same file again with replace swaps the import, keeping the IDs", nil, Replace, 40,
			func(i int) (int, bool) { return scoreOf(i, false), i < 40 }, "replaces the import of the same file"},
		{"a newer export with skip leaves the stored answers", respIDCSV(20, 60, func(i int) bool { return i < 40 }), Skip, 20,
			func(i int) (int, bool) { return scoreOf(i, false), i < 60 }, ""},
		{"a corrected export with replace takes the new answers under the same IDs", respIDCSV(10, 40, func(int) bool { return true }), Replace, 30,
			func(i int) (int, bool) { return scoreOf(i, i >= 10 && i < 40), i < 60 }, "replaced 30 responses stored before"},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			path := x
			if s.file != nil {
				path = writeFile(t, "next.csv", s.file)
			}
			rep, err := importPath(t, context.Background(), st, path, &sv, respIDMapping(), Options{OnDuplicate: s.dup, BatchSize: 7})
			if err != nil {
				t.Fatal(err)
			}
			if rep.Imported != s.wantImported {
				t.Errorf("imported %d, want %d (%+v)", rep.Imported, s.wantImported, rep)
			}
			if s.wantNote != "" && !hasNote(rep, s.wantNote) {
				t.Errorf("the report lacks %q: %+v", s.wantNote, rep.Problems)
			}
			if !strings.Contains(s.wantNote, "replaced ") && hasNote(rep, "replaced ") {
				t.Errorf("the report counts replaced responses: %+v", rep.Problems)
			}
			got := scores()
			n := 0
			for i := 0; i < 100; i++ {
				want, stored := s.wantScores(i)
				if v, ok := got[respID(i)]; ok != stored || ok && v != want {
					t.Fatalf("response %d: stored %v with %d, want %v with %d", i, ok, v, stored, want)
				}
				if stored {
					n++
				}
			}
			if len(got) != n {
				t.Fatalf("%d responses, want %d", len(got), n)
			}
			checkRollups(t, st, sv)
			checkRebuild(t, st)
		})
	}
	if imps, _ := st.Imports(); len(imps) != 3 {
		t.Errorf("%d imports, want 3 (the first replaced by its copy)", len(imps))
	}
}

func TestADryRunReportsWhatAnImportWouldDoAndWritesNothing(t *testing.T) {
	cases := []struct {
		name      string
		before    bool // file A (R1…R100) imported first
		dup       Duplicate
		newSurvey bool
		wantImp   int
		wantSkip  int
		wantNote  string
	}{
		{"into an empty survey", false, Skip, false, 100, 0, ""},
		{"into a survey to be created from the file", false, Skip, true, 100, 0, ""},
		{"an overlapping export, skipping", true, Skip, false, 50, 50, ""},
		{"an overlapping export, replacing", true, Replace, false, 100, 0, "dry run: would replace 50 responses stored before"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st, sv := genStore(t)
			if c.before {
				a := writeFile(t, "a.csv", genCSVWith(1, 101, false, nil))
				if _, err := importPath(t, context.Background(), st, a, &sv, genMapping(), Options{}); err != nil {
					t.Fatal(err)
				}
			}
			before := takeSnapshot(t, st)
			target := &sv
			if c.newSurvey {
				fresh := genSurvey("from the file")
				target = &fresh
			}
			b := writeFile(t, "b.csv", genCSVWith(51, 151, false, func(i int) bool { return i <= 100 }))
			rep, err := importPath(t, context.Background(), st, b, target, genMapping(), Options{OnDuplicate: c.dup, DryRun: true})
			if err != nil {
				t.Fatal(err)
			}
			if rep.Read != 100 || rep.Imported != c.wantImp || rep.Skipped != c.wantSkip {
				t.Errorf("report read %d, would import %d, skipped %d; want 100, %d, %d", rep.Read, rep.Imported, rep.Skipped, c.wantImp, c.wantSkip)
			}
			if c.wantNote != "" && !hasNote(rep, c.wantNote) {
				t.Errorf("the report lacks %q: %+v", c.wantNote, rep.Problems)
			}
			if target.ID != 0 && c.newSurvey {
				t.Errorf("a dry run created survey %d", target.ID)
			}
			if after := takeSnapshot(t, st); !reflect.DeepEqual(before, after) {
				t.Errorf("a dry run changed the store:\nbefore %+v\nafter  %+v", before, after)
			}
		})
	}
}

func TestReplacingTheSameFileCountsOnlyTheOtherResponsesItReplaces(t *testing.T) {
	st, sv := genStore(t)
	a := writeFile(t, "a.csv", genCSVWith(1, 101, false, nil))
	if _, err := importPath(t, context.Background(), st, a, &sv, genMapping(), Options{}); err != nil {
		t.Fatal(err)
	}
	// A response typed in with the respondent ID of one of the file's rows.
	typed := data.Response{SurveyID: sv.ID, CollectedAt: time.Date(2024, 2, 1, 10, 0, 0, 0, time.UTC),
		ExternalID: "R000050", Answers: map[uint32]int{1: 4}}
	if err := st.AddResponse(&typed); err != nil {
		t.Fatal(err)
	}
	rep, err := importPath(t, context.Background(), st, a, &sv, genMapping(), Options{OnDuplicate: Replace, DryRun: true})
	if err != nil {
		t.Fatal(err)
	}
	if !hasNote(rep, "dry run: would replace 1 response stored before") {
		t.Errorf("the dry run does not say it would replace the typed-in response: %+v", rep.Problems)
	}
	rep, err = importPath(t, context.Background(), st, a, &sv, genMapping(), Options{OnDuplicate: Replace})
	if err != nil {
		t.Fatal(err)
	}
	if !hasNote(rep, "replaced 1 response stored before") {
		t.Errorf("the import does not say it replaced the typed-in response: %+v", rep.Problems)
	}
	if n := checkRollups(t, st, sv); n != 100 {
		t.Fatalf("%d responses, want 100", n)
	}
	checkRebuild(t, st)
}

func TestASurveyMadeFromAFileWithNoGoodRowIsNotKept(t *testing.T) {
	st := openStore(t, filepath.Join(t.TempDir(), "s.db"))
	bad := []byte("Respondent ID,Date,Overall satisfaction,Recommend,Location,Comment\nR1,2024-01-01 09:00,nine,5,north,x\nR2,2024-01-02 09:00,ten,5,north,y\n")
	sv := genSurvey("from the file")
	rep, err := importPath(t, context.Background(), st, writeFile(t, "bad.csv", bad), &sv, genMapping(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Imported != 0 || rep.Skipped != 2 || !hasNote(rep, "the survey made from the file was not kept") {
		t.Errorf("report %+v", rep)
	}
	if svs, _ := st.Surveys(); len(svs) != 0 || sv.ID != 0 {
		t.Errorf("surveys %+v, ID %d: want none kept", svs, sv.ID)
	}
	if imps, _ := st.Imports(); len(imps) != 0 {
		t.Errorf("imports %+v, want none", imps)
	}
}
