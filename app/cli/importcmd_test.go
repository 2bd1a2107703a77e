package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"csatdesk/data"
	"csatdesk/data/store"
)

const googleFormsEN = "../../data/importer/testdata/corpus/google_forms_en.csv"

// runCmd runs the import command and returns its output.
func runCmd(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	err := runImport(&Env{Stdout: &out, Stderr: &errb}, args)
	return out.String() + errb.String(), err
}

// countResponses opens db and counts the responses of every survey.
func countResponses(t *testing.T, db string) int {
	t.Helper()
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	svs, err := st.Surveys()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, sv := range svs {
		if err := st.EachResponse(sv.ID, 0, 0, func(data.Response) error { n++; return nil }); err != nil {
			t.Fatal(err)
		}
	}
	return n
}

func TestImportCommandCreatesASurveyAndSkipsTheSameFileLater(t *testing.T) {
	db := filepath.Join(t.TempDir(), "imp.db")
	out, err := runCmd(t, googleFormsEN, "--db", db, "--survey", "new")
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if !strings.Contains(out, "Read 6 rows, imported 6, skipped 0") || !strings.Contains(out, `Created survey 1 "google_forms_en"`) {
		t.Fatalf("output:\n%s", out)
	}
	if n := countResponses(t, db); n != 6 {
		t.Fatalf("%d responses stored, want 6", n)
	}

	report := filepath.Join(t.TempDir(), "report.csv")
	out, err = runCmd(t, "--db", db, googleFormsEN, "--survey", "google_forms_en", "--report", report)
	if err == nil || err.Error() != "nothing was imported" {
		t.Fatalf("importing nothing must fail the command; got %v\n%s", err, out)
	}
	if !strings.Contains(out, "Read 6 rows, imported 0, skipped 6 (see "+report+")") {
		t.Fatalf("output:\n%s", out)
	}
	b, err := os.ReadFile(report)
	if err != nil || !strings.Contains(string(b), "already imported") {
		t.Fatalf("report %q, %v", b, err)
	}

	out, err = runCmd(t, "--db", db, "--survey", "1", "--on-duplicate", "refuse", googleFormsEN)
	if err == nil || !strings.Contains(err.Error(), "already imported on") {
		t.Fatalf("refuse gave %v\n%s", err, out)
	}
	if n := countResponses(t, db); n != 6 {
		t.Fatalf("%d responses stored, want 6", n)
	}
}

// existingSurvey creates a database with one survey: a required 1–5
// satisfaction question and, when withSpeed, a required "Delivery speed"
// question.
func existingSurvey(t *testing.T, withSpeed bool) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "imp.db")
	st, err := store.Open(db, store.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	sv := data.Survey{Name: "Shop", Language: "en"}
	sv.AddQuestion(data.NewQuestion(data.KindRating, "How satisfied were you with your visit?", 5))
	if withSpeed {
		sv.AddQuestion(data.NewQuestion(data.KindRating, "Delivery speed", 5))
	}
	if err := st.CreateSurvey(&sv); err != nil {
		t.Fatal(err)
	}
	return db
}

func TestImportCommandRefusesWhatItCannotMap(t *testing.T) {
	cases := []struct {
		name      string
		csv       string
		withSpeed bool
		args      []string
		want      []string
	}{
		{"unknown answers are listed with column letter and header",
			"Date,How satisfied were you with your visit?\n2024-03-01,5\n2024-03-02,superb\n2024-03-03,4\n", false, nil,
			[]string{"column B (How satisfied were you with your visit?)", `"superb" (1×)`}},
		{"a required question without a column is named",
			"Date,How satisfied were you with your visit?\n2024-03-01,5\n2024-03-02,4\n", true, nil,
			[]string{"Delivery speed", "is required", "A (Date): collected_at"}},
		{"ambiguous dates ask for an order",
			"Date,How satisfied were you with your visit?\n01/02/2024,5\n03/04/2024,4\n", false, nil,
			[]string{"--date-order"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			db := existingSurvey(t, c.withSpeed)
			path := filepath.Join(t.TempDir(), "in.csv")
			if err := os.WriteFile(path, []byte(c.csv), 0o644); err != nil {
				t.Fatal(err)
			}
			out, err := runCmd(t, append([]string{path, "--db", db, "--survey", "Shop"}, c.args...)...)
			if err == nil {
				t.Fatalf("no error; output:\n%s", out)
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error does not mention %q:\n%v", w, err)
				}
			}
			if n := countResponses(t, db); n != 0 {
				t.Fatalf("%d responses stored, want 0", n)
			}
		})
	}
}

func TestImportCommandWithADateOrderImports(t *testing.T) {
	db := existingSurvey(t, false)
	path := filepath.Join(t.TempDir(), "in.csv")
	if err := os.WriteFile(path, []byte("Date,How satisfied were you with your visit?\n01/02/2024,5\n03/04/2024,4\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := runCmd(t, path, "--db", db, "--survey", "Shop", "--date-order", "dmy")
	if err != nil || !strings.Contains(out, "Read 2 rows, imported 2, skipped 0") {
		t.Fatalf("%v\n%s", err, out)
	}
}

func TestImportCommandArguments(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	for _, c := range []struct{ args []string }{
		{[]string{"--db", db, "--survey", "new"}},
		{[]string{googleFormsEN, "--db", db}},
		{[]string{googleFormsEN, "--db", db, "--survey", "new", "--on-duplicate", "merge"}},
		{[]string{googleFormsEN, "--db", db, "--survey", "new", "--encoding", "EBCDIC"}},
		{[]string{googleFormsEN, googleFormsEN, "--db", db, "--survey", "new"}},
		{[]string{googleFormsEN, "--db", db, "--survey", "new", "--replace", "--skip-duplicates"}},
	} {
		if out, err := runCmd(t, c.args...); err == nil {
			t.Errorf("%q: no error\n%s", c.args, out)
		}
	}
}

func TestImportCommandWritesTheFailedRowsToFixAndImportsThemLater(t *testing.T) {
	db := filepath.Join(t.TempDir(), "imp.db")
	dir := t.TempDir()
	failed := filepath.Join(dir, "to-fix.csv")
	out, err := runCmd(t, "../../data/importer/testdata/corpus/mixed_dates.csv", "--db", db, "--survey", "new", "--date-order", "MDY", "--failed", failed)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if !strings.Contains(out, "imported 9, skipped 3") || !strings.Contains(out, "Wrote the 3 rows to fix to "+failed) ||
		!strings.Contains(out, "csatdesk import "+failed+" --survey 1") {
		t.Fatalf("output:\n%s", out)
	}
	b, err := os.ReadFile(failed)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "yesterday") || strings.Count(string(b), "\n") != 4 {
		t.Fatalf("rows to fix:\n%s", b)
	}

	// Unfixed, the rows are skipped again, with the same advice.
	out, err = runCmd(t, failed, "--db", db, "--survey", "1", "--date-order", "MDY")
	if err == nil || !strings.Contains(out, "imported 0, skipped 3") || !strings.Contains(out, "--failed FILE.csv") {
		t.Fatalf("%v\n%s", err, out)
	}
	// Fixed, they import; the reason column is ignored.
	fixed := strings.NewReplacer("31/31/2023,", "2023-09-11,", "yesterday,", "2023-09-12,", "\n,4,", "\n2023-09-13,4,").Replace(string(b))
	if err := os.WriteFile(failed, []byte(fixed), 0o644); err != nil {
		t.Fatal(err)
	}
	again := filepath.Join(dir, "none.csv")
	out, err = runCmd(t, failed, "--db", db, "--survey", "1", "--failed", again)
	if err != nil || !strings.Contains(out, "Read 3 rows, imported 3, skipped 0") || !strings.Contains(out, "was not written") {
		t.Fatalf("%v\n%s", err, out)
	}
	if _, err := os.Stat(again); !os.IsNotExist(err) {
		t.Errorf("%s was written with no failed rows (%v)", again, err)
	}
	if n := countResponses(t, db); n != 12 {
		t.Fatalf("%d responses stored, want 12", n)
	}
}

func TestImportCommandDryRunAndMappingFiles(t *testing.T) {
	db := existingSurvey(t, false)
	dir := t.TempDir()
	path := filepath.Join(dir, "in.csv")
	csv := "Date,How satisfied were you with your visit?\n2024-03-01,5\n2024-03-02,so-so\n2024-03-03,4\n"
	if err := os.WriteFile(path, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	// "so-so" has no score: refused, with the way out named.
	out, err := runCmd(t, path, "--db", db, "--survey", "Shop", "--dry-run")
	if err == nil || !strings.Contains(err.Error(), "--save-mapping") {
		t.Fatalf("unknown answer: %v\n%s", err, out)
	}
	// A clean file: a dry run succeeds, says what it would do, writes nothing.
	clean := filepath.Join(dir, "clean.csv")
	if err := os.WriteFile(clean, []byte(strings.Replace(csv, "so-so", "3", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	mapping := filepath.Join(dir, "m.json")
	before, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	out, err = runCmd(t, clean, "--db", db, "--survey", "Shop", "--dry-run", "--save-mapping", mapping)
	if err != nil || !strings.Contains(out, "Dry run: read 3 rows, would import 3, would skip 0") {
		t.Fatalf("clean dry run: %v\n%s", err, out)
	}
	if after, _ := os.ReadFile(db); !bytes.Equal(before, after) {
		t.Fatal("a dry run changed the database file")
	}
	if n := countResponses(t, db); n != 0 {
		t.Fatalf("a dry run stored %d responses", n)
	}
	// The saved mapping, given a score for "so-so", imports the first file.
	b, err := os.ReadFile(mapping)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(b), `"Target": "question",`, `"Target": "question", "ValueMap": {"So-so": 3},`, 1)
	if edited == string(b) {
		t.Fatalf("saved mapping has no question column:\n%s", b)
	}
	if err := os.WriteFile(mapping, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err = runCmd(t, path, "--db", db, "--survey", "Shop", "--mapping", mapping)
	if err != nil || !strings.Contains(out, "Read 3 rows, imported 3, skipped 0") {
		t.Fatalf("import with the edited mapping: %v\n%s", err, out)
	}
	if n := countResponses(t, db); n != 3 {
		t.Fatalf("%d responses stored, want 3", n)
	}
	// A dry run of the same file again would skip every row: not clean.
	if out, err := runCmd(t, path, "--db", db, "--survey", "Shop", "--mapping", mapping, "--dry-run"); err == nil {
		t.Fatalf("a dry run that would skip rows succeeded:\n%s", out)
	}
	// A mapping naming a column the file lacks is refused.
	if err := os.WriteFile(mapping, []byte(`{"Columns":[{"Column":7,"Target":"collected_at"}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := runCmd(t, path, "--db", db, "--survey", "Shop", "--mapping", mapping); err == nil || !strings.Contains(err.Error(), "column 8") {
		t.Fatalf("bad mapping: %v", err)
	}
}

func TestImportCommandListsProblemsInTheLanguageAsked(t *testing.T) {
	db := filepath.Join(t.TempDir(), "imp.db")
	report := filepath.Join(t.TempDir(), "report.csv")
	file := "../../data/importer/testdata/corpus/mixed_dates.csv"
	out, _ := runCmd(t, file, "--db", db, "--survey", "new", "--date-order", "MDY", "--dry-run")
	if !strings.Contains(out, "is not a date we recognise") {
		t.Fatalf("English output:\n%s", out)
	}
	out, _ = runCmd(t, file, "--db", db, "--survey", "new", "--date-order", "MDY", "--dry-run", "--lang", "ru")
	if !strings.Contains(out, "строка ") || strings.Contains(out, "is not a date we recognise") {
		t.Fatalf("--lang ru output:\n%s", out)
	}
	if _, err := runCmd(t, file, "--db", db, "--survey", "new", "--date-order", "MDY", "--dry-run", "--lang", "it", "--report", report); err == nil {
		t.Fatal("a dry run with rows to skip succeeded")
	}
	b, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "non è una data che riconosciamo") {
		t.Fatalf("--lang it report:\n%s", b)
	}
}
