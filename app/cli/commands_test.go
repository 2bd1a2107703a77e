package cli

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"csatdesk/data"
	"csatdesk/data/export"
	"csatdesk/data/store"
)

// revisedDB stores a survey whose main question changed scale (1–5 to
// 1–10) after answers from January to June 2026, as the designer does it
// (the old question retired, the edited copy under a new ID in its
// place, version 2), with answers to the new question from July to
// October. Every month has 10 answers, 7 of them satisfied.
func revisedDB(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "revised.db")
	st, err := store.Open(db, store.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	sv := data.Survey{Name: "Revised"}
	sv.AddQuestion(data.NewQuestion(data.KindRating, "How satisfied were you?", 5))
	sv.AddQuestion(data.NewQuestion(data.KindNPS, "Would you recommend us?", 0))
	if err := st.CreateSurvey(&sv); err != nil {
		t.Fatal(err)
	}
	add := func(first, last time.Month, qid uint32, answers []int) {
		var rs []data.Response
		for m := first; m <= last; m++ {
			for i, v := range answers {
				rs = append(rs, data.Response{SurveyID: sv.ID, CollectedAt: time.Date(2026, m, 10+i, 12, 0, 0, 0, time.UTC),
					Answers: map[uint32]int{qid: v, 2: 9}})
			}
		}
		if err := st.AddResponses(rs); err != nil {
			t.Fatal(err)
		}
	}
	add(1, 6, 1, []int{5, 5, 5, 4, 4, 4, 3, 2, 1, 5})
	old := sv.Questions[0]
	old.Retired = true
	nq := data.NewQuestion(data.KindRating, "How satisfied were you?", 10)
	nq.SinceVersion = 2
	id := sv.AddQuestion(nq)
	sv.Questions = []data.Question{sv.Questions[2], sv.Questions[1], old}
	sv.Version = 2
	if err := st.SaveSurvey(&sv); err != nil {
		t.Fatal(err)
	}
	add(7, 10, id, []int{10, 9, 8, 8, 7, 6, 10, 9, 3, 8})
	return db
}

// readCSV parses CSV text into records.
func readCSV(t *testing.T, s string) [][]string {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(s)).ReadAll()
	if err != nil {
		t.Fatalf("%v in %q", err, s)
	}
	return recs
}

func TestSummaryOfARevisedQuestionKeepsThePastMonthsN(t *testing.T) {
	db := revisedDB(t)
	status, out, errs := run("summary", "--db", db, "--survey", "Revised", "--format", "csv")
	if status != 0 {
		t.Fatalf("status %d: %s", status, errs)
	}
	recs := readCSV(t, out)
	if len(recs) != 11 || recs[0][3] != "n" || recs[0][5] != "csat_pct" {
		t.Fatalf("want a header and 10 months, got %q", recs)
	}
	for _, r := range recs[1:] {
		if r[3] != "10" || r[4] != "7" || r[5] != "70.0" {
			t.Errorf("%s: n %s, satisfied %s, CSAT %s; want 10, 7, 70.0", r[0], r[3], r[4], r[5])
		}
	}
	// The table says that earlier versions count.
	status, out, _ = run("summary", "--db", db, "--survey", "Revised", "--period", "year")
	if status != 0 || !strings.Contains(out, "1 earlier versions") || !strings.Contains(out, "100") {
		t.Errorf("status %d, table:\n%s", status, out)
	}
}

func TestSummaryAgreesWithARecountOfTheSample(t *testing.T) {
	db, sv := sampleDB(t)
	st, err := store.Open(db, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	q, _ := sv.MainCSAT()
	byYear := map[string][2]uint64{} // n, satisfied
	err = st.EachResponse(sv.ID, 0, 0, func(r data.Response) error {
		if v, ok := r.Answers[q.ID]; ok {
			y := strconv.Itoa(r.CollectedAt.Year())
			c := byYear[y]
			c[0]++
			if v >= q.SatisfiedFrom {
				c[1]++
			}
			byYear[y] = c
		}
		return nil
	})
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	status, out, errs := run("summary", "--db", db, "--survey", strconv.FormatUint(sv.ID, 10), "--period", "year", "--format", "csv")
	if status != 0 {
		t.Fatalf("status %d: %s", status, errs)
	}
	recs := readCSV(t, out)
	if len(recs) < 3 || recs[0][len(recs[0])-1] != "nps" {
		t.Fatalf("want years and an NPS column: %q", recs)
	}
	for _, r := range recs[1:] {
		want := byYear[r[0]]
		if r[3] != strconv.FormatUint(want[0], 10) || r[4] != strconv.FormatUint(want[1], 10) {
			t.Errorf("%s: n %s, satisfied %s; a recount gives %d, %d", r[0], r[3], r[4], want[0], want[1])
		}
		delete(byYear, r[0])
	}
	if len(byYear) > 0 {
		t.Errorf("years missing from the summary: %v", byYear)
	}
}

func TestSummaryRefusesBadArguments(t *testing.T) {
	db, _ := sampleDB(t)
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"no survey", []string{"--db", db}, "--survey is required"},
		{"unknown survey", []string{"--db", db, "--survey", "nope"}, "nope"},
		{"bad period", []string{"--db", db, "--survey", "1", "--period", "fortnight"}, "fortnight"},
		{"bad format", []string{"--db", db, "--survey", "1", "--format", "xml"}, "--format"},
		{"bad segment", []string{"--db", db, "--survey", "1", "--segment", "paper"}, "NAME=VALUE"},
		{"reversed dates", []string{"--db", db, "--survey", "1", "--from", "2026-05-01", "--to", "2026-04-01"}, "before"},
		{"unknown question", []string{"--db", db, "--survey", "1", "--question", "99"}, "no question 99"},
		{"missing database", []string{"--db", filepath.Join(t.TempDir(), "none.db"), "--survey", "1"}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			status, _, errs := run(append([]string{"summary"}, c.args...)...)
			if status == 0 || !strings.Contains(errs, c.want) {
				t.Errorf("status %d, stderr %q; want a failure saying %q", status, errs, c.want)
			}
		})
	}
}

func TestSampleCreatesTheCafeAndSurveysListsIt(t *testing.T) {
	db := filepath.Join(t.TempDir(), "new.db")
	status, out, errs := run("sample", "--db", db, "--seed", "5")
	if status != 0 {
		t.Fatalf("status %d: %s", status, errs)
	}
	var id, n int
	var name string
	if _, err := fmtSscan(out, &id, &name, &n); err != nil {
		t.Fatalf("%v in %q", err, out)
	}
	st, err := store.Open(db, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	svs, _ := st.Surveys()
	stats, err := st.SurveyStats(uint64(id))
	st.Close()
	if err != nil || len(svs) != 1 || svs[0].Name != name || stats.Responses != uint64(n) || n < 500 {
		t.Fatalf("sample says survey %d %q with %d responses; the database has %d surveys, %d responses (%v)", id, name, n, len(svs), stats.Responses, err)
	}

	status, out, errs = run("surveys", "--db", db)
	if status != 0 {
		t.Fatalf("status %d: %s", status, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "ID") {
		t.Fatalf("want a header and one survey:\n%s", out)
	}
	f := strings.Fields(lines[1])
	want := []string{strconv.Itoa(id), strconv.Itoa(len(svs[0].Questions)), strconv.Itoa(n), stats.Last.String()}
	got := []string{f[0], f[len(f)-3], f[len(f)-2], f[len(f)-1]}
	if strings.Join(got, " ") != strings.Join(want, " ") || !strings.Contains(lines[1], name) {
		t.Errorf("surveys lists %q, want id, questions, responses, last %q and the name %q", lines[1], want, name)
	}
	if status, _, _ := run("surveys", "--db", filepath.Join(t.TempDir(), "none.db")); status == 0 {
		t.Error("surveys of a missing database should fail, not create it")
	}
}

// fmtSscan reads "Created survey ID "NAME" with N responses in PATH".
func fmtSscan(s string, id *int, name *string, n *int) (int, error) {
	rest, ok := strings.CutPrefix(s, "Created survey ")
	idText, rest, ok2 := strings.Cut(rest, " ")
	q, rest, ok3 := strings.Cut(strings.TrimPrefix(rest, `"`), `" with `)
	nText, _, ok4 := strings.Cut(rest, " responses in ")
	if !ok || !ok2 || !ok3 || !ok4 {
		return 0, strconv.ErrSyntax
	}
	var err error
	if *id, err = strconv.Atoi(idText); err != nil {
		return 0, err
	}
	*name = q
	if *n, err = strconv.Atoi(nText); err != nil {
		return 0, err
	}
	return 3, nil
}

func TestExportWritesEveryResponseAsCSVAndXLSX(t *testing.T) {
	db, sv := sampleDB(t)
	st, err := store.Open(db, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	stats, _ := st.SurveyStats(sv.ID)
	var inMarch int
	_ = st.EachResponse(sv.ID, data.DayFromDate(2026, 3, 1), data.DayFromDate(2026, 3, 31), func(data.Response) error { inMarch++; return nil })
	st.Close()
	dir := t.TempDir()

	csvPath := filepath.Join(dir, "all.csv")
	status, out, errs := run("export", "--db", db, "--survey", sv.Name, "--out", csvPath)
	if status != 0 {
		t.Fatalf("status %d: %s", status, errs)
	}
	b, err := os.ReadFile(csvPath)
	if err != nil {
		t.Fatal(err)
	}
	recs := readCSV(t, string(b))
	if uint64(len(recs)-1) != stats.Responses || !strings.Contains(out, "Wrote "+strconv.FormatUint(stats.Responses, 10)+" responses") {
		t.Errorf("CSV has %d rows, stdout %q; the survey has %d responses", len(recs)-1, out, stats.Responses)
	}

	march := filepath.Join(dir, "march.csv")
	if status, _, errs := run("export", "--db", db, "--survey", "1", "--out", march, "--from", "2026-03-01", "--to", "2026-03-31"); status != 0 {
		t.Fatalf("status %d: %s", status, errs)
	}
	b, _ = os.ReadFile(march)
	if got := len(readCSV(t, string(b))) - 1; got != inMarch || inMarch == 0 {
		t.Errorf("March export has %d rows, want %d", got, inMarch)
	}

	xlsxPath := filepath.Join(dir, "all.xlsx")
	if status, _, errs := run("export", "--db", db, "--survey", "1", "--out", xlsxPath); status != 0 {
		t.Fatalf("status %d: %s", status, errs)
	}
	xf, err := excelize.OpenFile(xlsxPath)
	if err != nil {
		t.Fatal(err)
	}
	defer xf.Close()
	rows, err := xf.GetRows(export.SheetResponses)
	if err != nil || uint64(len(rows)-1) != stats.Responses {
		t.Errorf("the Responses sheet has %d rows (%v), want %d", len(rows)-1, err, stats.Responses)
	}
	months, err := xf.GetRows(export.SheetMonthly)
	if err != nil || len(months) < 24 {
		t.Errorf("the Monthly sheet has %d rows (%v), want two years of months", len(months), err)
	}

	if status, _, errs := run("export", "--db", db, "--survey", "1"); status == 0 || !strings.Contains(errs, "--out") {
		t.Errorf("export without --out: status %d, %q", status, errs)
	}
}

func TestExportXLSXOfARevisedQuestionKeepsThePastMonths(t *testing.T) {
	db := revisedDB(t)
	path := filepath.Join(t.TempDir(), "r.xlsx")
	if status, _, errs := run("export", "--db", db, "--survey", "Revised", "--out", path); status != 0 {
		t.Fatalf("status %d: %s", status, errs)
	}
	xf, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer xf.Close()
	months, err := xf.GetRows(export.SheetMonthly)
	if err != nil || len(months) != 11 {
		t.Fatalf("Monthly has %d rows (%v), want a header and 10 months", len(months), err)
	}
	for _, m := range months[1:] {
		if len(m) < 3 || m[2] == "" {
			t.Errorf("month %q has no CSAT %%", m)
		}
	}
}

func TestBackupOpensWithTheSameSurveysAndResponses(t *testing.T) {
	db, sv := sampleDB(t)
	out := filepath.Join(t.TempDir(), "copy.db")
	status, stdout, errs := run("backup", "--db", db, "--out", out)
	if status != 0 || !strings.Contains(stdout, out) {
		t.Fatalf("status %d, %q: %s", status, stdout, errs)
	}
	counts := func(path string) (names []string, n uint64) {
		st, err := store.Open(path, store.Options{ReadOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		svs, err := st.Surveys()
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range svs {
			names = append(names, s.Name)
			stats, _ := st.SurveyStats(s.ID)
			n += stats.Responses
		}
		return names, n
	}
	wantNames, wantN := counts(db)
	gotNames, gotN := counts(out)
	if strings.Join(gotNames, "|") != strings.Join(wantNames, "|") || gotN != wantN || wantN == 0 || wantNames[0] != sv.Name {
		t.Errorf("backup has %q with %d responses, the original %q with %d", gotNames, gotN, wantNames, wantN)
	}
	// Without --out: a compressed backup into the backups folder (it was
	// an error before the automatic backups), with the same counts.
	if status, stdout, errs := run("backup", "--db", db); status != 0 || !strings.Contains(stdout, "-backups") {
		t.Errorf("backup without --out: status %d, %q, %q", status, stdout, errs)
	}
	if list, err := store.ListBackups(store.BackupDir(db), db); err != nil || len(list) != 1 || list[0].Responses != wantN {
		t.Errorf("backup without --out: %+v, %v", list, err)
	}
}

func TestChartOfARevisedQuestionDrawsItsWholeHistory(t *testing.T) {
	db := revisedDB(t)
	out := filepath.Join(t.TempDir(), "trend.png")
	// Only months before the change: the retired question's answers.
	status, stdout, errs := run("chart", "--db", db, "--survey", "Revised", "--out", out, "--size", "screen",
		"--from", "2026-01-01", "--to", "2026-06-30")
	if status != 0 || !strings.Contains(stdout, "Wrote") {
		t.Fatalf("status %d, %q: %s", status, stdout, errs)
	}
	if fi, err := os.Stat(out); err != nil || fi.Size() == 0 {
		t.Errorf("no PNG: %v", err)
	}
}

func TestHelpListsEveryCommandAndUnknownOnesAreRefused(t *testing.T) {
	status, out, _ := run("help")
	if status != 0 {
		t.Fatalf("help: status %d", status)
	}
	for _, name := range []string{"sample", "surveys", "summary", "import", "export", "form", "backup", "restore", "compact", "chart", "help"} {
		if !IsCommand(name) || !strings.Contains(out, "csatdesk "+name+" ") {
			t.Errorf("%s is not a command listed by help:\n%s", name, out)
		}
	}
	if IsCommand("report.csv") {
		t.Error("a file name is not a command")
	}
	if status, _, errs := run("frobnicate"); status != 2 || !strings.Contains(errs, "unknown command") {
		t.Errorf("an unknown command: status %d, %q", status, errs)
	}
}
