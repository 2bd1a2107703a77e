package store

import (
	"compress/gzip"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"csatdesk/data"
)

// The tests in this file pin the on-disk format of schema version 1 with a
// real database written by that version's code (fixture_gen_test.go tells
// how it was made). Like the old-database fixtures of nomad's state store,
// testdata/schema-v1.db.gz is never regenerated: when the schema changes,
// the new code must MIGRATE this very file and give exactly the figures
// hard-coded below (adapt only how they are read, never the numbers), and
// the new version adds its own schema-v<N>.db.gz and test beside this one.

// openFixture gunzips testdata/<name> into a temporary file and opens it.
func openFixture(t *testing.T, name string, opt Options) *Store {
	t.Helper()
	src, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	zr, err := gzip.NewReader(src)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "fixture.db")
	dst, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(dst, zr); err != nil {
		t.Fatal(err)
	}
	if err := dst.Close(); err != nil {
		t.Fatal(err)
	}
	st, err := Open(path, opt)
	if err != nil {
		t.Fatalf("open the fixture: %v", err)
	}
	t.Cleanup(func() { _ = st.Close() })
	return st
}

// fixtureFigures reads what a user of the file sees, through the exported
// API only, and writes it down as text: the surveys and their questions,
// responses counted by reading them and from the rollups, histograms of
// every question, quarterly CSAT of the main questions (the retired one
// included), segments, import records and settings.
func fixtureFigures(t *testing.T, st *Store) string {
	t.Helper()
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	svs, err := st.Surveys()
	if err != nil {
		t.Fatal(err)
	}
	for _, sv := range svs {
		p("survey %d %q v%d lang=%s next=%d", sv.ID, sv.Name, sv.Version, sv.Language, sv.NextQuestionID)
		for _, q := range sv.Questions {
			p("  q%d %s %d-%d cut=%d req=%t retired=%t since=%d labels=%q choices=%q", q.ID, q.Kind, q.Min, q.Max,
				q.SatisfiedFrom, q.Required, q.Retired, q.SinceVersion, q.Labels, q.Choices)
		}
		stats, err := st.SurveyStats(sv.ID)
		if err != nil {
			t.Fatal(err)
		}
		p("  stats n=%d first=%s last=%s", stats.Responses, stats.First, stats.Last)
		var n int
		counts := map[string]int{}
		err = st.EachResponse(sv.ID, 0, 0, func(r data.Response) error {
			n++
			counts["source "+r.Source]++
			counts[fmt.Sprintf("version %d", r.SurveyVersion)]++
			counts["channel "+r.Channel]++
			if r.ExternalID != "" {
				counts["with ext"]++
			}
			if r.FormNumber != "" {
				counts["with form"]++
			}
			if r.Comment != "" {
				counts["with comment"]++
			}
			if len(r.Texts) > 0 {
				counts["with text"]++
			}
			if r.EnteredAt.IsZero() {
				counts["no entered"]++
			}
			got, err := st.Response(sv.ID, r.ID)
			if err != nil || sameResponse(got, r) != nil {
				counts["unreadable by ID"]++
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		p("  read n=%d", n)
		for _, k := range slices.Sorted(maps.Keys(counts)) {
			p("    %s: %d", k, counts[k])
		}
		for _, q := range sv.Questions {
			if !q.Numeric() {
				continue
			}
			days, err := st.Days(sv.ID, q.ID, data.Segment{}, 0, 0)
			if err != nil {
				t.Fatal(err)
			}
			h := data.Sum(days, 0, data.DayFromDate(2300, 1, 1))
			p("  q%d hist %v n=%d", q.ID, h, h.N())
			if !q.HasCSAT() || (q.ID != 1 && q.ID != 3) || stats.Responses == 0 {
				continue
			}
			for _, bk := range data.Bucketize(days, data.PeriodQuarter, stats.First, stats.Last) {
				c := data.CSATOf(bk.Hist, q.SatisfiedFrom)
				p("    %s n=%d csat=%.1f", bk.Label, c.N, c.Percent)
			}
		}
		segs, err := st.Segments(sv.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, seg := range segs {
			days, err := st.Days(sv.ID, 0, seg, 0, 0)
			if err != nil {
				t.Fatal(err)
			}
			h := data.Sum(days, 0, data.DayFromDate(2300, 1, 1))
			p("  segment %s=%s n=%d", seg.Name, seg.Value, h.N())
		}
	}
	imps, err := st.Imports()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range imps {
		p("import %d %s survey=%d hash=%s rows=%d added=%d state=%s replaces=%d replaced=%d started=%s finished=%t",
			r.ID, r.FileName, r.SurveyID, r.Hash, r.Rows, r.Added, r.State, r.Replaces, r.Replaced,
			r.Started.UTC().Format("2006-01-02T15:04"), !r.Finished.IsZero())
	}
	keys, err := st.SettingKeys("")
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range keys {
		v, err := st.Setting(k)
		if err != nil {
			t.Fatal(err)
		}
		p("setting %s = %q", k, v)
	}
	return b.String()
}

// assertFigures compares figures line by line, naming the first difference.
func assertFigures(t *testing.T, got, want string) {
	t.Helper()
	if got == want {
		return
	}
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range max(len(g), len(w)) {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			t.Errorf("figures differ at line %d:\n got: %s\nwant: %s", i+1, gl, wl)
			break
		}
	}
	t.Logf("all figures:\n%s", got)
}

func TestSchemaV1FixtureReadsAsWritten(t *testing.T) {
	// Schema 2 reads a schema 1 file once it has migrated it, which only a
	// read-write open does; keepPending leaves the interrupted imports in
	// it as a read-only open would.
	st := openFixture(t, "schema-v1.db.gz", Options{keepPending: true})
	assertFigures(t, fixtureFigures(t, st), wantV1AsWritten)
	if got := st.RecoveredImports(); len(got) != 0 {
		t.Errorf("an open that keeps pending imports recovered %d imports", len(got))
	}

	t.Run("the retired question still answers for its months", func(t *testing.T) {
		sv, err := st.Survey(2)
		if err != nil {
			t.Fatal(err)
		}
		q, ok := sv.Question(1)
		if !ok || !q.Retired || sv.Version != 2 {
			t.Fatalf("question 1 of survey 2: %+v (version %d); want it retired in version 2", q, sv.Version)
		}
		days, err := st.Days(2, 1, data.Segment{}, data.DayFromDate(2023, 1, 1), data.DayFromDate(2023, 12, 31))
		if err != nil {
			t.Fatal(err)
		}
		if h := data.Sum(days, 0, data.DayFromDate(2300, 1, 1)); h.N() != 120 {
			t.Errorf("the retired question has n=%d in 2023; want 120", h.N())
		}
	})
}

func TestSchemaV1FixtureRecoversAndRebuildsByteForByte(t *testing.T) {
	st := openFixture(t, "schema-v1.db.gz", Options{})
	var rec []string
	for _, r := range st.RecoveredImports() {
		rec = append(rec, fmt.Sprintf("%d %s %s", r.ID, r.FileName, r.State))
	}
	if got, want := strings.Join(rec, "; "), "4 april.csv pending; 5 may.csv aborting"; got != want {
		t.Errorf("recovered imports %q; want %q", got, want)
	}
	if err := st.Check(); err != nil {
		t.Fatal(err)
	}
	assertFigures(t, fixtureFigures(t, st), wantV1Recovered)
	for _, name := range [][]byte{bucketSupersede, bucketStaged} {
		if len(dumpBucket(t, st, name)) != 0 {
			t.Errorf("bucket %s is not empty after the rollback", name)
		}
	}
	before := dumpBucket(t, st, bucketRollups)
	for _, sid := range []uint64{1, 2} {
		assertRollupsMatchRecount(t, st, sid)
	}
	if err := st.RebuildRollups(); err != nil {
		t.Fatal(err)
	}
	if after := dumpBucket(t, st, bucketRollups); !maps.Equal(before, after) {
		t.Errorf("RebuildRollups changed the rollups of the fixture (%d keys before, %d after)", len(before), len(after))
	}
	if err := st.Check(); err != nil {
		t.Fatal(err)
	}
	assertFigures(t, fixtureFigures(t, st), wantV1Recovered)
}

// wantV1AsWritten is what the fixture shows opened read-only: the pending
// and the aborting import are still in it (only a read-write open rolls
// them back).
const wantV1AsWritten = `survey 1 "Front desk" v1 lang=en next=10
  q1 rating 1-5 cut=4 req=true retired=false since=0 labels=["Very dissatisfied" "Dissatisfied" "Neutral" "Satisfied" "Very satisfied"] choices=[]
  q2 rating 1-3 cut=3 req=false retired=false since=0 labels=["Dissatisfied" "Neutral" "Satisfied"] choices=[]
  q3 rating 1-7 cut=5 req=false retired=false since=0 labels=["Awful" "" "" "Fine" "" "" "Spotless"] choices=[]
  q4 rating 1-10 cut=8 req=false retired=false since=0 labels=[] choices=[]
  q5 nps 0-10 cut=9 req=false retired=false since=0 labels=["Not at all likely" "" "" "" "" "" "" "" "" "" "Extremely likely"] choices=[]
  q6 ces 1-7 cut=5 req=false retired=false since=0 labels=["Strongly disagree" "Disagree" "Somewhat disagree" "Neutral" "Somewhat agree" "Agree" "Strongly agree"] choices=[]
  q7 yesno 0-1 cut=1 req=false retired=false since=0 labels=["No" "Yes"] choices=[]
  q8 choice 1-3 cut=0 req=false retired=false since=0 labels=[] choices=["Bread" "Pastry" "Coffee"]
  q9 text 0-0 cut=0 req=false retired=false since=0 labels=[] choices=[]
  stats n=507 first=2023-01-01 last=2024-12-30
  read n=507
    channel in person: 115
    channel paper: 102
    channel phone: 94
    channel web: 196
    source : 416
    source import:hash-april-0004: 30
    source import:hash-visits-0001: 61
    version 1: 507
    with comment: 66
    with ext: 91
    with form: 102
    with text: 98
  q1 hist [0 76 92 84 95 160 0 0 0 0 0] n=507
    2023-Q1 n=63 csat=46.0
    2023-Q2 n=66 csat=57.6
    2023-Q3 n=74 csat=45.9
    2023-Q4 n=72 csat=50.0
    2024-Q1 n=59 csat=49.2
    2024-Q2 n=56 csat=37.5
    2024-Q3 n=63 csat=52.4
    2024-Q4 n=54 csat=64.8
  q2 hist [0 88 85 95 0 0 0 0 0 0 0] n=268
  q3 hist [0 33 40 44 34 39 31 35 0 0 0] n=256
    2023-Q1 n=30 csat=46.7
    2023-Q2 n=32 csat=28.1
    2023-Q3 n=36 csat=44.4
    2023-Q4 n=41 csat=46.3
    2024-Q1 n=28 csat=42.9
    2024-Q2 n=30 csat=56.7
    2024-Q3 n=30 csat=23.3
    2024-Q4 n=29 csat=37.9
  q4 hist [0 25 27 11 24 29 30 21 18 34 19] n=238
  q5 hist [33 25 30 20 35 26 30 27 24 37 35] n=322
  q6 hist [0 25 33 32 24 21 28 23 0 0 0] n=186
  q7 hist [124 124 0 0 0 0 0 0 0 0 0] n=248
  q8 hist [0 77 91 81 0 0 0 0 0 0 0] n=249
  segment channel=in person n=115
  segment channel=paper n=102
  segment channel=phone n=94
  segment channel=web n=196
  segment location=Cēsis n=173
  segment location=Jūrmala n=162
  segment location=Rīga n=172
  segment staff=Anna n=108
  segment staff=Jānis n=131
  segment staff=Līga n=111
survey 2 "Delivery" v2 lang=lv next=4
  q1 rating 1-5 cut=4 req=true retired=true since=0 labels=["Very dissatisfied" "Dissatisfied" "Neutral" "Satisfied" "Very satisfied"] choices=[]
  q2 text 0-0 cut=0 req=false retired=false since=0 labels=[] choices=[]
  q3 rating 1-10 cut=8 req=true retired=false since=2 labels=[] choices=[]
  stats n=265 first=2023-01-01 last=2024-12-29
  read n=265
    channel phone: 265
    source : 200
    source import:hash-march-0003: 40
    source import:hash-may-0005: 25
    version 1: 120
    version 2: 145
    with ext: 40
    with text: 54
  q1 hist [0 23 27 28 19 23 0 0 0 0 0] n=120
    2023-Q1 n=21 csat=33.3
    2023-Q2 n=26 csat=26.9
    2023-Q3 n=37 csat=37.8
    2023-Q4 n=36 csat=38.9
    2024-Q1 n=0 csat=NaN
    2024-Q2 n=0 csat=NaN
    2024-Q3 n=0 csat=NaN
    2024-Q4 n=0 csat=NaN
  q3 hist [0 11 17 19 14 16 13 11 17 15 12] n=145
    2023-Q1 n=0 csat=NaN
    2023-Q2 n=0 csat=NaN
    2023-Q3 n=0 csat=NaN
    2023-Q4 n=0 csat=NaN
    2024-Q1 n=25 csat=40.0
    2024-Q2 n=39 csat=25.6
    2024-Q3 n=42 csat=28.6
    2024-Q4 n=39 csat=30.8
  segment channel=phone n=265
import 2 visits.csv survey=1 hash=hash-visits-0001 rows=61 added=61 state=done replaces=1 replaced=2 started=2025-02-01T11:00 finished=true
import 3 march.xlsx survey=2 hash=hash-march-0003 rows=40 added=40 state=done replaces=0 replaced=0 started=2025-02-01T12:00 finished=true
import 4 april.csv survey=1 hash=hash-april-0004 rows=30 added=30 state=pending replaces=0 replaced=0 started=2025-02-01T13:00 finished=false
import 5 may.csv survey=2 hash=hash-may-0005 rows=25 added=25 state=aborting replaces=0 replaced=0 started=2025-02-01T14:00 finished=false
setting mapping/1/1f3a = "{\"date\":0,\"columns\":{\"2\":1}}"
setting settings = "{\"band_low\":75,\"band_high\":85,\"goal\":82,\"language\":\"lv\"}"
setting verify/20250201 = "\x00\x01\x02\xff"
`

// wantV1Recovered is what the fixture shows after a read-write open rolled
// back the pending import 4 and finished aborting import 5.
const wantV1Recovered = `survey 1 "Front desk" v1 lang=en next=10
  q1 rating 1-5 cut=4 req=true retired=false since=0 labels=["Very dissatisfied" "Dissatisfied" "Neutral" "Satisfied" "Very satisfied"] choices=[]
  q2 rating 1-3 cut=3 req=false retired=false since=0 labels=["Dissatisfied" "Neutral" "Satisfied"] choices=[]
  q3 rating 1-7 cut=5 req=false retired=false since=0 labels=["Awful" "" "" "Fine" "" "" "Spotless"] choices=[]
  q4 rating 1-10 cut=8 req=false retired=false since=0 labels=[] choices=[]
  q5 nps 0-10 cut=9 req=false retired=false since=0 labels=["Not at all likely" "" "" "" "" "" "" "" "" "" "Extremely likely"] choices=[]
  q6 ces 1-7 cut=5 req=false retired=false since=0 labels=["Strongly disagree" "Disagree" "Somewhat disagree" "Neutral" "Somewhat agree" "Agree" "Strongly agree"] choices=[]
  q7 yesno 0-1 cut=1 req=false retired=false since=0 labels=["No" "Yes"] choices=[]
  q8 choice 1-3 cut=0 req=false retired=false since=0 labels=[] choices=["Bread" "Pastry" "Coffee"]
  q9 text 0-0 cut=0 req=false retired=false since=0 labels=[] choices=[]
  stats n=477 first=2023-01-01 last=2024-12-30
  read n=477
    channel in person: 115
    channel paper: 102
    channel phone: 94
    channel web: 166
    source : 416
    source import:hash-visits-0001: 61
    version 1: 477
    with comment: 65
    with ext: 61
    with form: 102
    with text: 95
  q1 hist [0 72 87 79 87 152 0 0 0 0 0] n=477
    2023-Q1 n=62 csat=46.8
    2023-Q2 n=62 csat=58.1
    2023-Q3 n=72 csat=45.8
    2023-Q4 n=64 csat=50.0
    2024-Q1 n=54 csat=48.1
    2024-Q2 n=52 csat=38.5
    2024-Q3 n=60 csat=50.0
    2024-Q4 n=51 csat=64.7
  q2 hist [0 84 74 93 0 0 0 0 0 0 0] n=251
  q3 hist [0 31 36 43 32 38 30 33 0 0 0] n=243
    2023-Q1 n=29 csat=48.3
    2023-Q2 n=30 csat=26.7
    2023-Q3 n=35 csat=42.9
    2023-Q4 n=39 csat=48.7
    2024-Q1 n=25 csat=44.0
    2024-Q2 n=28 csat=57.1
    2024-Q3 n=29 csat=24.1
    2024-Q4 n=28 csat=39.3
  q4 hist [0 24 26 10 23 28 28 20 16 33 19] n=227
  q5 hist [32 23 27 19 33 25 28 26 21 36 32] n=302
  q6 hist [0 23 32 30 23 18 28 22 0 0 0] n=176
  q7 hist [118 118 0 0 0 0 0 0 0 0 0] n=236
  q8 hist [0 77 86 75 0 0 0 0 0 0 0] n=238
  segment channel=in person n=115
  segment channel=paper n=102
  segment channel=phone n=94
  segment channel=web n=166
  segment location=Cēsis n=161
  segment location=Jūrmala n=154
  segment location=Rīga n=162
  segment staff=Anna n=102
  segment staff=Jānis n=123
  segment staff=Līga n=105
survey 2 "Delivery" v2 lang=lv next=4
  q1 rating 1-5 cut=4 req=true retired=true since=0 labels=["Very dissatisfied" "Dissatisfied" "Neutral" "Satisfied" "Very satisfied"] choices=[]
  q2 text 0-0 cut=0 req=false retired=false since=0 labels=[] choices=[]
  q3 rating 1-10 cut=8 req=true retired=false since=2 labels=[] choices=[]
  stats n=240 first=2023-01-01 last=2024-12-29
  read n=240
    channel phone: 240
    source : 200
    source import:hash-march-0003: 40
    version 1: 120
    version 2: 120
    with ext: 40
    with text: 53
  q1 hist [0 23 27 28 19 23 0 0 0 0 0] n=120
    2023-Q1 n=21 csat=33.3
    2023-Q2 n=26 csat=26.9
    2023-Q3 n=37 csat=37.8
    2023-Q4 n=36 csat=38.9
    2024-Q1 n=0 csat=NaN
    2024-Q2 n=0 csat=NaN
    2024-Q3 n=0 csat=NaN
    2024-Q4 n=0 csat=NaN
  q3 hist [0 8 14 16 11 13 11 10 16 14 7] n=120
    2023-Q1 n=0 csat=NaN
    2023-Q2 n=0 csat=NaN
    2023-Q3 n=0 csat=NaN
    2023-Q4 n=0 csat=NaN
    2024-Q1 n=18 csat=44.4
    2024-Q2 n=34 csat=26.5
    2024-Q3 n=37 csat=32.4
    2024-Q4 n=31 csat=25.8
  segment channel=phone n=240
import 2 visits.csv survey=1 hash=hash-visits-0001 rows=61 added=61 state=done replaces=1 replaced=2 started=2025-02-01T11:00 finished=true
import 3 march.xlsx survey=2 hash=hash-march-0003 rows=40 added=40 state=done replaces=0 replaced=0 started=2025-02-01T12:00 finished=true
setting mapping/1/1f3a = "{\"date\":0,\"columns\":{\"2\":1}}"
setting settings = "{\"band_low\":75,\"band_high\":85,\"goal\":82,\"language\":\"lv\"}"
setting verify/20250201 = "\x00\x01\x02\xff"
`

// Schema 2's fixture, written by schema 2's code with the same generator
// (fixture_gen_test.go), gives the figures of schema 1's — only the
// retired question of survey 2 is listed last, as today's ReviseSurvey
// orders questions.

func TestSchemaV2FixtureReadsAsWritten(t *testing.T) {
	// Schema 3 reads a schema 2 file once it has migrated it, which only a
	// read-write open does; keepPending leaves the interrupted imports in
	// it as a read-only open would.
	st := openFixture(t, "schema-v2.db.gz", Options{keepPending: true})
	assertFigures(t, fixtureFigures(t, st), wantV2AsWritten)
}

func TestSchemaV2FixtureRecoversAndRebuildsByteForByte(t *testing.T) {
	st := openFixture(t, "schema-v2.db.gz", Options{})
	if err := st.Check(); err != nil {
		t.Fatal(err)
	}
	assertFigures(t, fixtureFigures(t, st), wantV2Recovered)
	before := dumpBucket(t, st, bucketRollups)
	if err := st.RebuildRollups(); err != nil {
		t.Fatal(err)
	}
	if after := dumpBucket(t, st, bucketRollups); !maps.Equal(before, after) {
		t.Errorf("RebuildRollups changed the rollups of the fixture (%d keys before, %d after)", len(before), len(after))
	}
	assertFigures(t, fixtureFigures(t, st), wantV2Recovered)
}

const wantV2AsWritten = `survey 1 "Front desk" v1 lang=en next=10
  q1 rating 1-5 cut=4 req=true retired=false since=0 labels=["Very dissatisfied" "Dissatisfied" "Neutral" "Satisfied" "Very satisfied"] choices=[]
  q2 rating 1-3 cut=3 req=false retired=false since=0 labels=["Dissatisfied" "Neutral" "Satisfied"] choices=[]
  q3 rating 1-7 cut=5 req=false retired=false since=0 labels=["Awful" "" "" "Fine" "" "" "Spotless"] choices=[]
  q4 rating 1-10 cut=8 req=false retired=false since=0 labels=[] choices=[]
  q5 nps 0-10 cut=9 req=false retired=false since=0 labels=["Not at all likely" "" "" "" "" "" "" "" "" "" "Extremely likely"] choices=[]
  q6 ces 1-7 cut=5 req=false retired=false since=0 labels=["Strongly disagree" "Disagree" "Somewhat disagree" "Neutral" "Somewhat agree" "Agree" "Strongly agree"] choices=[]
  q7 yesno 0-1 cut=1 req=false retired=false since=0 labels=["No" "Yes"] choices=[]
  q8 choice 1-3 cut=0 req=false retired=false since=0 labels=[] choices=["Bread" "Pastry" "Coffee"]
  q9 text 0-0 cut=0 req=false retired=false since=0 labels=[] choices=[]
  stats n=507 first=2023-01-01 last=2024-12-30
  read n=507
    channel in person: 115
    channel paper: 102
    channel phone: 94
    channel web: 196
    source : 416
    source import:hash-april-0004: 30
    source import:hash-visits-0001: 61
    version 1: 507
    with comment: 66
    with ext: 91
    with form: 102
    with text: 98
  q1 hist [0 76 92 84 95 160 0 0 0 0 0] n=507
    2023-Q1 n=63 csat=46.0
    2023-Q2 n=66 csat=57.6
    2023-Q3 n=74 csat=45.9
    2023-Q4 n=72 csat=50.0
    2024-Q1 n=59 csat=49.2
    2024-Q2 n=56 csat=37.5
    2024-Q3 n=63 csat=52.4
    2024-Q4 n=54 csat=64.8
  q2 hist [0 88 85 95 0 0 0 0 0 0 0] n=268
  q3 hist [0 33 40 44 34 39 31 35 0 0 0] n=256
    2023-Q1 n=30 csat=46.7
    2023-Q2 n=32 csat=28.1
    2023-Q3 n=36 csat=44.4
    2023-Q4 n=41 csat=46.3
    2024-Q1 n=28 csat=42.9
    2024-Q2 n=30 csat=56.7
    2024-Q3 n=30 csat=23.3
    2024-Q4 n=29 csat=37.9
  q4 hist [0 25 27 11 24 29 30 21 18 34 19] n=238
  q5 hist [33 25 30 20 35 26 30 27 24 37 35] n=322
  q6 hist [0 25 33 32 24 21 28 23 0 0 0] n=186
  q7 hist [124 124 0 0 0 0 0 0 0 0 0] n=248
  q8 hist [0 77 91 81 0 0 0 0 0 0 0] n=249
  segment channel=in person n=115
  segment channel=paper n=102
  segment channel=phone n=94
  segment channel=web n=196
  segment location=Cēsis n=173
  segment location=Jūrmala n=162
  segment location=Rīga n=172
  segment staff=Anna n=108
  segment staff=Jānis n=131
  segment staff=Līga n=111
survey 2 "Delivery" v2 lang=lv next=4
  q2 text 0-0 cut=0 req=false retired=false since=0 labels=[] choices=[]
  q3 rating 1-10 cut=8 req=true retired=false since=2 labels=[] choices=[]
  q1 rating 1-5 cut=4 req=true retired=true since=0 labels=["Very dissatisfied" "Dissatisfied" "Neutral" "Satisfied" "Very satisfied"] choices=[]
  stats n=265 first=2023-01-01 last=2024-12-29
  read n=265
    channel phone: 265
    source : 200
    source import:hash-march-0003: 40
    source import:hash-may-0005: 25
    version 1: 120
    version 2: 145
    with ext: 40
    with text: 54
  q3 hist [0 11 17 19 14 16 13 11 17 15 12] n=145
    2023-Q1 n=0 csat=NaN
    2023-Q2 n=0 csat=NaN
    2023-Q3 n=0 csat=NaN
    2023-Q4 n=0 csat=NaN
    2024-Q1 n=25 csat=40.0
    2024-Q2 n=39 csat=25.6
    2024-Q3 n=42 csat=28.6
    2024-Q4 n=39 csat=30.8
  q1 hist [0 23 27 28 19 23 0 0 0 0 0] n=120
    2023-Q1 n=21 csat=33.3
    2023-Q2 n=26 csat=26.9
    2023-Q3 n=37 csat=37.8
    2023-Q4 n=36 csat=38.9
    2024-Q1 n=0 csat=NaN
    2024-Q2 n=0 csat=NaN
    2024-Q3 n=0 csat=NaN
    2024-Q4 n=0 csat=NaN
  segment channel=phone n=265
import 2 visits.csv survey=1 hash=hash-visits-0001 rows=61 added=61 state=done replaces=1 replaced=2 started=2025-02-01T11:00 finished=true
import 3 march.xlsx survey=2 hash=hash-march-0003 rows=40 added=40 state=done replaces=0 replaced=0 started=2025-02-01T12:00 finished=true
import 4 april.csv survey=1 hash=hash-april-0004 rows=30 added=30 state=pending replaces=0 replaced=0 started=2025-02-01T13:00 finished=false
import 5 may.csv survey=2 hash=hash-may-0005 rows=25 added=25 state=aborting replaces=0 replaced=0 started=2025-02-01T14:00 finished=false
setting mapping/1/1f3a = "{\"date\":0,\"columns\":{\"2\":1}}"
setting settings = "{\"band_low\":75,\"band_high\":85,\"goal\":82,\"language\":\"lv\"}"
setting verify/20250201 = "\x00\x01\x02\xff"
`

const wantV2Recovered = `survey 1 "Front desk" v1 lang=en next=10
  q1 rating 1-5 cut=4 req=true retired=false since=0 labels=["Very dissatisfied" "Dissatisfied" "Neutral" "Satisfied" "Very satisfied"] choices=[]
  q2 rating 1-3 cut=3 req=false retired=false since=0 labels=["Dissatisfied" "Neutral" "Satisfied"] choices=[]
  q3 rating 1-7 cut=5 req=false retired=false since=0 labels=["Awful" "" "" "Fine" "" "" "Spotless"] choices=[]
  q4 rating 1-10 cut=8 req=false retired=false since=0 labels=[] choices=[]
  q5 nps 0-10 cut=9 req=false retired=false since=0 labels=["Not at all likely" "" "" "" "" "" "" "" "" "" "Extremely likely"] choices=[]
  q6 ces 1-7 cut=5 req=false retired=false since=0 labels=["Strongly disagree" "Disagree" "Somewhat disagree" "Neutral" "Somewhat agree" "Agree" "Strongly agree"] choices=[]
  q7 yesno 0-1 cut=1 req=false retired=false since=0 labels=["No" "Yes"] choices=[]
  q8 choice 1-3 cut=0 req=false retired=false since=0 labels=[] choices=["Bread" "Pastry" "Coffee"]
  q9 text 0-0 cut=0 req=false retired=false since=0 labels=[] choices=[]
  stats n=477 first=2023-01-01 last=2024-12-30
  read n=477
    channel in person: 115
    channel paper: 102
    channel phone: 94
    channel web: 166
    source : 416
    source import:hash-visits-0001: 61
    version 1: 477
    with comment: 65
    with ext: 61
    with form: 102
    with text: 95
  q1 hist [0 72 87 79 87 152 0 0 0 0 0] n=477
    2023-Q1 n=62 csat=46.8
    2023-Q2 n=62 csat=58.1
    2023-Q3 n=72 csat=45.8
    2023-Q4 n=64 csat=50.0
    2024-Q1 n=54 csat=48.1
    2024-Q2 n=52 csat=38.5
    2024-Q3 n=60 csat=50.0
    2024-Q4 n=51 csat=64.7
  q2 hist [0 84 74 93 0 0 0 0 0 0 0] n=251
  q3 hist [0 31 36 43 32 38 30 33 0 0 0] n=243
    2023-Q1 n=29 csat=48.3
    2023-Q2 n=30 csat=26.7
    2023-Q3 n=35 csat=42.9
    2023-Q4 n=39 csat=48.7
    2024-Q1 n=25 csat=44.0
    2024-Q2 n=28 csat=57.1
    2024-Q3 n=29 csat=24.1
    2024-Q4 n=28 csat=39.3
  q4 hist [0 24 26 10 23 28 28 20 16 33 19] n=227
  q5 hist [32 23 27 19 33 25 28 26 21 36 32] n=302
  q6 hist [0 23 32 30 23 18 28 22 0 0 0] n=176
  q7 hist [118 118 0 0 0 0 0 0 0 0 0] n=236
  q8 hist [0 77 86 75 0 0 0 0 0 0 0] n=238
  segment channel=in person n=115
  segment channel=paper n=102
  segment channel=phone n=94
  segment channel=web n=166
  segment location=Cēsis n=161
  segment location=Jūrmala n=154
  segment location=Rīga n=162
  segment staff=Anna n=102
  segment staff=Jānis n=123
  segment staff=Līga n=105
survey 2 "Delivery" v2 lang=lv next=4
  q2 text 0-0 cut=0 req=false retired=false since=0 labels=[] choices=[]
  q3 rating 1-10 cut=8 req=true retired=false since=2 labels=[] choices=[]
  q1 rating 1-5 cut=4 req=true retired=true since=0 labels=["Very dissatisfied" "Dissatisfied" "Neutral" "Satisfied" "Very satisfied"] choices=[]
  stats n=240 first=2023-01-01 last=2024-12-29
  read n=240
    channel phone: 240
    source : 200
    source import:hash-march-0003: 40
    version 1: 120
    version 2: 120
    with ext: 40
    with text: 53
  q3 hist [0 8 14 16 11 13 11 10 16 14 7] n=120
    2023-Q1 n=0 csat=NaN
    2023-Q2 n=0 csat=NaN
    2023-Q3 n=0 csat=NaN
    2023-Q4 n=0 csat=NaN
    2024-Q1 n=18 csat=44.4
    2024-Q2 n=34 csat=26.5
    2024-Q3 n=37 csat=32.4
    2024-Q4 n=31 csat=25.8
  q1 hist [0 23 27 28 19 23 0 0 0 0 0] n=120
    2023-Q1 n=21 csat=33.3
    2023-Q2 n=26 csat=26.9
    2023-Q3 n=37 csat=37.8
    2023-Q4 n=36 csat=38.9
    2024-Q1 n=0 csat=NaN
    2024-Q2 n=0 csat=NaN
    2024-Q3 n=0 csat=NaN
    2024-Q4 n=0 csat=NaN
  segment channel=phone n=240
import 2 visits.csv survey=1 hash=hash-visits-0001 rows=61 added=61 state=done replaces=1 replaced=2 started=2025-02-01T11:00 finished=true
import 3 march.xlsx survey=2 hash=hash-march-0003 rows=40 added=40 state=done replaces=0 replaced=0 started=2025-02-01T12:00 finished=true
setting mapping/1/1f3a = "{\"date\":0,\"columns\":{\"2\":1}}"
setting settings = "{\"band_low\":75,\"band_high\":85,\"goal\":82,\"language\":\"lv\"}"
setting verify/20250201 = "\x00\x01\x02\xff"
`
