package ingest_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"csatdesk/data"
	"csatdesk/data/importer"
	"csatdesk/data/insight"
	"csatdesk/data/store"
	"csatdesk/data/store/ingest"
)

// realDir holds real survey exports from public repositories (see its
// SOURCES.md) and golden.json, the results a person expects from each,
// computed by golden.py from spec.json without CSAT Desk.
const realDir = "../../../testdata/real"

// realGolden is one file's expected import, as golden.py writes it.
type realGolden struct {
	Rows       int      `json:"rows"`
	Refuse     bool     `json:"refuse"`
	MainHeader string   `json:"main_header"`
	N          int      `json:"n"`
	CSAT       *float64 `json:"csat_pct"`
	NPSHeader  string   `json:"nps_header"`
	NPSN       int      `json:"nps_n"`
	NPS        *float64 `json:"nps"`
	// NotMain are headers of metadata, IDs, codes or quiz scores: the main
	// question must never be one of them, even when the file has none.
	NotMain []string `json:"not_main_headers"`
}

// knownFailures are the real files that do not import exactly today, and
// why. A file listed here may fail (the test logs it); a file not listed
// must match its golden result. When a listed file passes, the test says
// so: remove it from the table.
var knownFailures = map[string]string{
	"limesurvey-fr-journees.xlsx": "its 4 labels differ per question (Excellent/Bien/Moyen/..., 'L'offre devrait être améliorée'): 15 rows refused and the main question read on the wrong points (CSAT 99.1 % instead of 61.7 %)",
}

// realResult is what the app made of one file.
type realResult struct {
	err        error
	rows       int
	mainHeader string
	hasMain    bool
	n          uint64
	csat       float64 // NaN when n == 0
	npsHeader  string
	npsN       uint64
	nps        float64 // NaN when npsN == 0
	skipped    int     // rows the import skipped for a problem
	problem    string  // the first problem the import reported
}

// importReal imports path into a new store with no mapping written by hand
// (the guess as the wizard and the import command propose it) and computes
// the main question's CSAT and the NPS from the store, as the summary does.
func importReal(t *testing.T, path string) realResult {
	t.Helper()
	res := realResult{csat: math.NaN(), nps: math.NaN()}
	st, err := store.Open(filepath.Join(t.TempDir(), "real.db"), store.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	s, err := ingest.OpenPath(ctx, st, path, importer.Options{}, nil)
	if err != nil {
		res.err = fmt.Errorf("open: %w", err)
		return res
	}
	defer s.Close()
	prop, err := s.Guess(nil)
	if err != nil {
		res.err = fmt.Errorf("guess: %w", err)
		return res
	}
	if prop.Survey == nil {
		res.err = fmt.Errorf("guess: no survey proposed")
		return res
	}
	sv := *prop.Survey
	if prop.NoDate {
		// What the wizard proposes and a user accepts for a file without
		// dates: one date for all rows, the file's own date.
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		prop.Mapping.DefaultDate = fi.ModTime()
	}
	if os.Getenv("REAL_DEBUG") != "" { // REAL_DEBUG=1 lists the guess
		t.Logf("layout %q, encoding %q, header rows %d", s.File.Source.Layout, s.File.Source.Encoding, s.File.Source.HeaderRows)
		for _, c := range prop.Mapping.Columns {
			t.Logf("column %d -> %+v", c.Column, c)
		}
	}
	rep, err := s.Run(ctx, &sv, prop.Mapping, ingest.Options{Loc: time.UTC})
	if err != nil {
		res.err = fmt.Errorf("import: %w", err)
		return res
	}
	res.rows = rep.Imported
	res.skipped = rep.Skipped
	if os.Getenv("REAL_DEBUG") != "" { // REAL_DEBUG=1 lists the problems
		for i, p := range rep.Problems {
			if i < 25 {
				t.Logf("problem: %s", p)
			}
		}
	}
	for _, p := range rep.Problems { // a row's own problem says most
		if res.problem == "" || p.Row > 0 {
			res.problem = p.String()
		}
		if p.Row > 0 {
			break
		}
	}
	if sv.ID == 0 {
		return res
	}
	if got, err := st.Survey(sv.ID); err == nil {
		sv = got
	}
	if qs, ok := insight.Main(&sv); ok {
		res.hasMain = true
		res.mainHeader = qs[0].Text
		var sat, n uint64
		for _, q := range qs {
			h, err := allDays(st, sv.ID, q.ID)
			if err != nil {
				t.Fatal(err)
			}
			c := data.CSATOf(h, q.SatisfiedFrom)
			sat += c.Satisfied
			n += c.N
		}
		res.n = n
		if n > 0 {
			res.csat = float64(sat) / float64(n) * 100
		}
	}
	if q, ok := sv.FirstOfKind(data.KindNPS); ok {
		h, err := allDays(st, sv.ID, q.ID)
		if err != nil {
			t.Fatal(err)
		}
		p := data.NPSOf(h)
		res.npsHeader, res.npsN, res.nps = q.Text, p.N, p.Score
	}
	return res
}

// allDays is the histogram of question qid over every day of the survey.
func allDays(st *store.Store, sid uint64, qid uint32) (data.Histogram, error) {
	var h data.Histogram
	days, err := st.Days(sid, qid, data.Segment{}, 0, 0)
	if err != nil {
		return h, err
	}
	for _, d := range days {
		h.Merge(d.Hist)
	}
	return h, nil
}

// sameHeader compares headers as the importer cleans them: runs of spaces
// (no-break spaces and line breaks included) count as one space.
func sameHeader(a, b string) bool {
	return strings.Join(strings.Fields(a), " ") == strings.Join(strings.Fields(b), " ")
}

func fmtPct(p *float64) string {
	if p == nil {
		return "-"
	}
	return fmt.Sprintf("%.1f", *p)
}

func fmtGot(v float64) string {
	if math.IsNaN(v) {
		return "-"
	}
	return fmt.Sprintf("%.1f", v)
}

func closeTo(want *float64, got float64) bool {
	if want == nil {
		return math.IsNaN(got)
	}
	return !math.IsNaN(got) && math.Abs(*want-got) <= 0.05
}

func short(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// compareReal says what differs between the golden result and the app's,
// or "" when they match.
func compareReal(g realGolden, r realResult) string {
	if g.Refuse {
		switch {
		case r.err == nil:
			return fmt.Sprintf("imported %d rows of an aggregate table instead of refusing it", r.rows)
		case strings.Contains(r.err.Error(), "no column holds the date"):
			// Refused, but for want of a date: the reason does not tell the
			// user the file is a summary, not responses.
			return "refused for want of a date column, not as an aggregate table"
		}
		return ""
	}
	if r.err != nil {
		return "refused: " + r.err.Error()
	}
	var why []string
	for _, h := range g.NotMain {
		if r.hasMain && sameHeader(r.mainHeader, h) {
			why = append(why, fmt.Sprintf("main question %q is metadata, an ID, a code or a quiz score, not a rating", short(h, 60)))
		}
	}
	if r.rows != g.Rows {
		w := fmt.Sprintf("rows %d, want %d", r.rows, g.Rows)
		if r.skipped > 0 {
			w += fmt.Sprintf(" (%d skipped; first problem: %s)", r.skipped, short(r.problem, 140))
		}
		why = append(why, w)
	}
	if g.MainHeader != "" {
		switch {
		case !r.hasMain:
			why = append(why, "no main satisfaction question found")
		case !sameHeader(r.mainHeader, g.MainHeader):
			why = append(why, fmt.Sprintf("main question %q, want %q", short(r.mainHeader, 60), short(g.MainHeader, 60)))
		default:
			if r.n != uint64(g.N) {
				why = append(why, fmt.Sprintf("n %d, want %d", r.n, g.N))
			}
			if !closeTo(g.CSAT, r.csat) {
				why = append(why, fmt.Sprintf("CSAT %s, want %s", fmtGot(r.csat), fmtPct(g.CSAT)))
			}
		}
	}
	if g.NPSHeader != "" {
		switch {
		case r.npsHeader == "":
			why = append(why, "no NPS question found")
		case !sameHeader(r.npsHeader, g.NPSHeader):
			why = append(why, fmt.Sprintf("NPS question %q, want %q", short(r.npsHeader, 60), short(g.NPSHeader, 60)))
		default:
			if r.npsN != uint64(g.NPSN) {
				why = append(why, fmt.Sprintf("NPS n %d, want %d", r.npsN, g.NPSN))
			}
			if !closeTo(g.NPS, r.nps) {
				why = append(why, fmt.Sprintf("NPS %s, want %s", fmtGot(r.nps), fmtPct(g.NPS)))
			}
		}
	}
	return strings.Join(why, "; ")
}

// TestRealCorpus imports every real export in testdata/real with no mapping
// written by hand and compares rows, the main satisfaction question, its n
// and CSAT %, and the NPS with golden.json: n exactly, percentages within
// 0.05. Files in knownFailures may fail; every other file must match.
func TestRealCorpus(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(realDir, "golden.json"))
	if err != nil {
		t.Fatal(err)
	}
	var golden map[string]realGolden
	if err := json.Unmarshal(b, &golden); err != nil {
		t.Fatalf("golden.json: %v", err)
	}
	names := make([]string, 0, len(golden))
	for name := range golden {
		names = append(names, name)
	}
	sort.Strings(names)
	for name := range knownFailures {
		if _, ok := golden[name]; !ok {
			t.Errorf("knownFailures lists %s, which golden.json does not", name)
		}
	}
	var table []string
	exact := 0
	for _, name := range names {
		g := golden[name]
		t.Run(name, func(t *testing.T) {
			r := importReal(t, filepath.Join(realDir, name))
			why := compareReal(g, r)
			want := fmt.Sprintf("rows %d, main %q n %d CSAT %s, NPS %s", g.Rows, short(g.MainHeader, 30), g.N, fmtPct(g.CSAT), fmtPct(g.NPS))
			got := fmt.Sprintf("rows %d, main %q n %d CSAT %s, NPS %s", r.rows, short(r.mainHeader, 30), r.n, fmtGot(r.csat), fmtGot(r.nps))
			if g.Refuse {
				want = "refused (aggregate table)"
			}
			if r.err != nil {
				got = short(r.err.Error(), 120)
			}
			status := "PASS"
			known, isKnown := knownFailures[name]
			switch {
			case why == "":
				exact++
				if isKnown {
					t.Logf("%s now imports exactly: remove it from knownFailures", name)
				}
			case isKnown:
				status = "FAIL (known)"
				t.Logf("known failure: %s (%s)", why, known)
			default:
				status = "FAIL"
				t.Errorf("%s: %s", name, why)
			}
			table = append(table, fmt.Sprintf("%-38s %-12s want: %s\n%51s got:  %s\n%51s why:  %s", name, status, want, "", got, "", orDash(why)))
		})
	}
	t.Logf("real corpus, file by file:\n%s", strings.Join(table, "\n"))
	t.Logf("%d of %d files import exactly", exact, len(names))
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// TestRealCorpusIsDocumented checks the corpus itself: every file in
// testdata/real has a golden result and a line in SOURCES.md, none is 2 MB
// or more, and golden.json lists no file that is not there.
func TestRealCorpusIsDocumented(t *testing.T) {
	b, err := os.ReadFile(filepath.Join(realDir, "golden.json"))
	if err != nil {
		t.Fatal(err)
	}
	var golden map[string]realGolden
	if err := json.Unmarshal(b, &golden); err != nil {
		t.Fatalf("golden.json: %v", err)
	}
	sources, err := os.ReadFile(filepath.Join(realDir, "SOURCES.md"))
	if err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(realDir)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, e := range entries {
		name := e.Name()
		switch filepath.Ext(name) {
		case ".csv", ".xlsx", ".tsv", ".txt":
		default:
			continue // SOURCES.md, spec.json, golden.json, golden.py
		}
		seen[name] = true
		if _, ok := golden[name]; !ok {
			t.Errorf("%s has no golden result: describe it in spec.json and run golden.py", name)
		}
		if !strings.Contains(string(sources), "`"+name+"`") {
			t.Errorf("%s is not in SOURCES.md", name)
		}
		fi, err := e.Info()
		switch {
		case err != nil:
			t.Errorf("%s: %v", name, err)
		case fi.Size() >= 2<<20:
			t.Errorf("%s has %d bytes, want under 2 MB", name, fi.Size())
		}
	}
	for name := range golden {
		if !seen[name] {
			t.Errorf("golden.json lists %s, which is not in %s", name, realDir)
		}
	}
}
