package importer

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"csatdesk/data"
)

// firstImport opens a file, guesses as the wizard does (with the corpus
// file's survey and options, if any) and runs the import.
type firstImport struct {
	f   *File
	sv  *data.Survey
	m   Mapping
	rep Report
}

func importFirst(t *testing.T, path string) firstImport {
	t.Helper()
	var opt corpusOptions
	base := strings.TrimSuffix(path, filepath.Ext(path))
	if b, err := os.ReadFile(base + ".options.json"); err == nil {
		if err := json.Unmarshal(b, &opt); err != nil {
			t.Fatal(err)
		}
	}
	var sv *data.Survey
	if b, err := os.ReadFile(base + ".survey.json"); err == nil {
		sv = new(data.Survey)
		if err := json.Unmarshal(b, sv); err != nil {
			t.Fatal(err)
		}
	}
	f, err := OpenPath(path, opt.Options)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	p, err := Scan(f, 0)
	if err != nil {
		t.Fatal(err)
	}
	prop, err := Guess(f.Source, p, sv)
	if err != nil {
		t.Fatal(err)
	}
	if sv == nil {
		sv = prop.Survey
	}
	m := prop.Mapping
	for i := range m.Columns {
		if vm := opt.ValueMap[jsonID(m.Columns[i].QuestionID)]; m.Columns[i].Target == TargetQuestion && vm != nil {
			m.Columns[i].ValueMap = vm
		}
	}
	m.Loc = time.UTC
	rep, err := Run(f, sv, m, func(data.Response) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	return firstImport{f, sv, m, rep}
}

// readCSV parses a file WriteFailedRows wrote (BOM, commas).
func readCSV(t *testing.T, b []byte) [][]string {
	t.Helper()
	if !bytes.HasPrefix(b, []byte("\ufeff")) {
		t.Fatalf("no UTF-8 BOM: %q", b[:min(len(b), 20)])
	}
	cr := csv.NewReader(bytes.NewReader(b[3:]))
	cr.FieldsPerRecord = -1
	recs, err := cr.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func writeCSV(t *testing.T, recs [][]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	cw := csv.NewWriter(&buf)
	if err := cw.WriteAll(recs); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// set returns a fix that puts value into column col of every failed row.
func set(col int, value string) func(int, []string) {
	return func(_ int, rec []string) { rec[col] = value }
}

func fixes(fs ...func(int, []string)) func(int, []string) {
	return func(i int, rec []string) {
		for _, f := range fs {
			f(i, rec)
		}
	}
}

func TestFailedRowsFixedInTheFileImportWhole(t *testing.T) {
	cases := []struct {
		name   string
		file   string
		failed int
		fix    func(i int, rec []string) // cells of the i-th failed row, reason excluded
	}{
		{"a Google Forms answer in Russian with no score", "google_forms_ru.csv", 1, set(2, "Доволен")},
		{"repeated IDs and an unknown answer", "duplicate_ids.csv", 3, fixes(
			func(i int, rec []string) { rec[0] = []string{"2001", "2002", "2003"}[i] }, set(2, "3"))},
		{"scores outside the scale, negative ones guarded", "out_of_range.csv", 4, fixes(set(1, "3"), set(2, "7"))},
		{"dates that are no dates", "mixed_dates.csv", 3, set(0, "2023-09-12")},
		{"a required answer left blank", "blank_scores.csv", 2, set(1, "4")},
		{"zero bytes in cells", "nul_bytes.csv", 2, func(_ int, rec []string) {
			for i := range rec {
				rec[i] = strings.ReplaceAll(rec[i], "\x00", "")
			}
		}},
		{"a cut-off last line", "truncated_last_line.csv", 1, fixes(set(2, "7"), set(3, "complete now"))},
		{"a cell past the header's last column", "ragged_rows.csv", 1, fixes(set(3, "Bad, extra cell"), set(4, ""))},
		{"a Typeform row without a submit date", "typeform.csv", 1, set(7, "2023-09-02 09:01:00")},
		{"a Windows-1257 file with a decimal comma", "latvian_1257_semicolon.csv", 1, set(4, "4")},
		{"an answer after blank lines", "leading_blank_rows.csv", 1, set(1, "4")},
		{"an XLSX sheet with a merged two-row header", "xlsx_two_sheets_merged_header.xlsx", 1, set(2, "5")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			first := importFirst(t, filepath.Join(corpusDir, c.file))
			if len(first.rep.Failed) != c.failed {
				t.Fatalf("%d failed rows, want %d (%v)", len(first.rep.Failed), c.failed, first.rep.Failed)
			}
			var buf bytes.Buffer
			if err := WriteFailedRows(&buf, first.f, first.rep); err != nil {
				t.Fatal(err)
			}
			recs := readCSV(t, buf.Bytes())
			src := first.f.Source
			head, body := recs[:src.HeaderRows], recs[src.HeaderRows:]
			if len(body) != c.failed {
				t.Fatalf("%d rows written, want %d:\n%s", len(body), c.failed, buf.String())
			}
			reason := len(head[0]) - 1
			if head[0][reason] != ReasonHeader {
				t.Fatalf("last header %q, want %q", head[0][reason], ReasonHeader)
			}
			for _, rec := range body {
				if len(rec) != reason+1 || rec[reason] == "" {
					t.Fatalf("row %q has no reason in column %d", rec, reason)
				}
			}
			for i, rec := range body {
				c.fix(i, rec[:reason])
			}
			fixed := writeCSV(t, recs)

			f, err := Open("fixed.csv", bytes.NewReader(fixed), int64(len(fixed)), Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			got := f.Source
			if got.Layout != src.Layout || got.HeaderRows != src.HeaderRows {
				t.Fatalf("layout %s with %d header rows, want %s with %d", got.Layout, got.HeaderRows, src.Layout, src.HeaderRows)
			}
			if rc := ReasonColumn(got); rc != reason {
				t.Fatalf("reason column %d, want %d", rc, reason)
			}
			if !slices.Equal(got.Headers[:len(src.Headers)], src.Headers) {
				t.Fatalf("headers %q, want %q", got.Headers, src.Headers)
			}

			// Guessed again onto the same survey, the columns map as before
			// and the reasons are ignored.
			p, err := Scan(f, 0)
			if err != nil {
				t.Fatal(err)
			}
			prop, err := Guess(got, p, first.sv)
			if err != nil {
				t.Fatal(err)
			}
			for i, cm := range prop.Mapping.Columns {
				if i >= len(first.m.Columns) {
					if cm.Target != TargetIgnore {
						t.Errorf("column %s is guessed as %s, want ignored", cm.Name(), cm.Target)
					}
					continue
				}
				was := first.m.Columns[i]
				if cm.Target != was.Target || cm.QuestionID != was.QuestionID || cm.Tag != was.Tag {
					t.Errorf("column %s is guessed as %s %d %q, was %s %d %q", cm.Name(), cm.Target, cm.QuestionID, cm.Tag, was.Target, was.QuestionID, was.Tag)
				}
			}

			// The mapping used the first time, fitted, imports every row.
			m, ok := first.m.ForFailedRows(got)
			if !ok {
				t.Fatal("the first mapping does not fit the file of failed rows")
			}
			rep, err := Run(f, first.sv, m, func(data.Response) error { return nil })
			if err != nil {
				t.Fatal(err)
			}
			if rep.Imported != c.failed || rep.Skipped != 0 {
				t.Fatalf("imported %d, skipped %d, want %d and 0: %v", rep.Imported, rep.Skipped, c.failed, rep.Problems)
			}
		})
	}
}

// A SurveyMonkey export keeps both header rows, so it is a SurveyMonkey
// file again, with the same merged column names.
func TestFailedRowsOfASurveyMonkeyFileKeepBothHeaderRows(t *testing.T) {
	orig, err := os.ReadFile(filepath.Join(corpusDir, "surveymonkey.csv"))
	if err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(string(orig), ",Satisfied,8,", ",Superb,8,", 1)
	if bad == string(orig) {
		t.Fatal("the corpus file changed: no row to spoil")
	}
	path := filepath.Join(t.TempDir(), "surveymonkey.csv")
	if err := os.WriteFile(path, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	first := importFirst(t, path)
	if len(first.rep.Failed) != 1 {
		t.Fatalf("failed rows %v, want one", first.rep.Failed)
	}
	var buf bytes.Buffer
	if err := WriteFailedRows(&buf, first.f, first.rep); err != nil {
		t.Fatal(err)
	}
	recs := readCSV(t, buf.Bytes())
	lines := strings.Split(string(orig), "\n")
	for i := range 2 {
		want := lines[i] + "," + []string{ReasonHeader, ""}[i]
		if got := strings.Join(recs[i], ","); got != want {
			t.Errorf("header row %d:\n got %s\nwant %s", i+1, got, want)
		}
	}
	row := recs[2]
	if row[0] != "114123456782" || !strings.Contains(row[len(row)-1], "Superb") {
		t.Fatalf("failed row %q", row)
	}
	row[slices.Index(row, "Superb")] = "Satisfied"
	fixed := writeCSV(t, recs)
	f, err := Open("fixed.csv", bytes.NewReader(fixed), int64(len(fixed)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if f.Source.Layout != LayoutSurveyMonkey || f.Source.HeaderRows != 2 ||
		!slices.Equal(f.Source.Headers[:len(first.f.Source.Headers)], first.f.Source.Headers) {
		t.Fatalf("read back as %s with %d header rows: %q", f.Source.Layout, f.Source.HeaderRows, f.Source.Headers)
	}
	m, ok := first.m.ForFailedRows(f.Source)
	if !ok {
		t.Fatal("the mapping does not fit")
	}
	rep, err := Run(f, first.sv, m, func(data.Response) error { return nil })
	if err != nil || rep.Imported != 1 {
		t.Fatalf("imported %d (%v), want 1: %v", rep.Imported, err, rep.Problems)
	}
}

func TestFailedRowsFile(t *testing.T) {
	const file = "Date,Overall satisfaction,Comment\n" +
		"2023-09-01,5,ok\n" +
		"2023-09-02,9,=HYPERLINK(\"x\")\n" +
		"2023-09-03,4,fine\n" +
		"someday,x,-bad\n"
	open := func(t *testing.T, s string) *File {
		f, err := Open("in.csv", strings.NewReader(s), int64(len(s)), Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { f.Close() })
		return f
	}
	cases := []struct {
		name string
		rep  Report
		want string
	}{
		{"lists every reason of a row, guards formulas, and the generic reason when none was kept",
			Report{Failed: []int{3, 5}, Problems: []Problem{
				{Col: -1, Reason: "a note on the whole import"},
				{Row: 3, Col: 1, Column: "B (Overall satisfaction)", Value: "9", Reason: "9 is outside the 1–5 scale"},
			}},
			"\ufeffDate,Overall satisfaction,Comment," + ReasonHeader + "\n" +
				"2023-09-02,9,\"'=HYPERLINK(\"\"x\"\")\",B (Overall satisfaction): 9 is outside the 1–5 scale\n" +
				"someday,x,'-bad," + genericReason + "\n"},
		{"joins two reasons of one row",
			Report{Failed: []int{5}, Problems: []Problem{
				{Row: 5, Col: 0, Column: "A (Date)", Reason: "no date"},
				{Row: 5, Col: 1, Column: "B (Overall satisfaction)", Reason: "no score"},
			}},
			"\ufeffDate,Overall satisfaction,Comment," + ReasonHeader + "\n" +
				"someday,x,'-bad,A (Date): no date; B (Overall satisfaction): no score\n"},
		{"writes only the header when no row failed", Report{},
			"\ufeffDate,Overall satisfaction,Comment," + ReasonHeader + "\n"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := WriteFailedRows(&buf, open(t, file), c.rep); err != nil {
				t.Fatal(err)
			}
			if buf.String() != c.want {
				t.Errorf("got\n%s\nwant\n%s", buf.String(), c.want)
			}
		})
	}

	t.Run("replaces the reasons of a file it wrote instead of adding a column", func(t *testing.T) {
		var buf bytes.Buffer
		rep := Report{Failed: []int{2}, Problems: []Problem{{Row: 2, Col: 1, Column: "B", Reason: "new reason"}}}
		in := "Date,Overall satisfaction," + ReasonHeader + "\n2023-09-02,9,old reason\n"
		if err := WriteFailedRows(&buf, open(t, in), rep); err != nil {
			t.Fatal(err)
		}
		want := "\ufeffDate,Overall satisfaction," + ReasonHeader + "\n2023-09-02,9,B: new reason\n"
		if buf.String() != want {
			t.Errorf("got\n%s\nwant\n%s", buf.String(), want)
		}
	})
}
