package cli

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"csatdesk/data"
	"csatdesk/data/importer"
	"csatdesk/data/store"
)

// paperNoDate is a hand-typed sheet of paper forms: no date column, R's
// "NA" for a question left blank.
const paperNoDate = "Form,Overall satisfaction (1-5),How likely are you to recommend us? (0-10),Comments\n" +
	"1,5,10,Lovely dinner\n2,4,9,\n3,NA,8,The soup was cold but the staff were very kind about it\n4,2,4,Too noisy\n"

func writeTemp(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestAFileWithoutDatesIsRefusedWithAdviceAndLeavesNoDatabase(t *testing.T) {
	file := writeTemp(t, "paper.csv", paperNoDate)
	db := filepath.Join(t.TempDir(), "new.db")
	mapping := filepath.Join(t.TempDir(), "mapping.json")
	status, stdout, stderr := run("import", file, "--db", db, "--survey", "new", "--save-mapping", mapping)
	if status != 1 || !strings.Contains(stderr, "--date YYYY-MM-DD") {
		t.Fatalf("status %d, stderr:\n%s", status, stderr)
	}
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Errorf("a refused import left the database %s it created (%v)", db, err)
	}
	// --save-mapping wrote the guess although the import was refused.
	b, err := os.ReadFile(mapping)
	if err != nil || !strings.Contains(stdout, "Wrote the column mapping") {
		t.Fatalf("mapping not written on refusal: %v\n%s", err, stdout)
	}
	var m importer.Mapping
	if err := json.Unmarshal(b, &m); err != nil || len(m.Columns) != 4 {
		t.Fatalf("mapping %s: %v", b, err)
	}
	// The advice can be followed: the saved mapping and --date import it.
	status, stdout, stderr = run("import", file, "--db", db, "--survey", "new", "--mapping", mapping, "--date", "2025-03-14")
	if status != 0 {
		t.Fatalf("status %d\n%s%s", status, stdout, stderr)
	}
	for _, want := range []string{"imported 4", "4 rows had no date and are dated 2025-03-14", `"NA" ×1`} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	svs, _ := st.Surveys()
	var rs []data.Response
	_ = st.EachResponse(svs[0].ID, 0, 0, func(r data.Response) error { rs = append(rs, r); return nil })
	if len(rs) != 4 {
		t.Fatalf("%d responses stored", len(rs))
	}
	for _, r := range rs {
		if got := r.CollectedAt.In(time.Local).Format("2006-01-02"); got != "2025-03-14" {
			t.Errorf("form %s dated %s, want 2025-03-14", r.FormNumber, got)
		}
	}
}

func TestDateFlagDatesAFileWithoutDates(t *testing.T) {
	file := writeTemp(t, "paper.csv", paperNoDate)
	db := filepath.Join(t.TempDir(), "d.db")
	if status, _, stderr := run("import", file, "--db", db, "--survey", "new", "--date", "14.03.2025"); status != 1 || !strings.Contains(stderr, "YYYY-MM-DD") {
		t.Fatalf("a bad --date: status %d, %s", status, stderr)
	}
	status, stdout, stderr := run("import", file, "--db", db, "--survey", "new", "--date", "2025-03-14", "--no-answer", "none")
	// With no no-answer codes, "NA" is an answer with no score: its row
	// is skipped, with the reason.
	if status != 0 || !strings.Contains(stdout, "imported 3, skipped 1") || !strings.Contains(stdout, `"NA" is not an answer`) {
		t.Fatalf("--no-answer none: status %d\n%s%s", status, stdout, stderr)
	}
	db = filepath.Join(t.TempDir(), "d2.db")
	status, stdout, stderr = run("import", file, "--db", db, "--survey", "new", "--date", "2025-03-14", "--no-answer", "NA, n/a")
	if status != 0 || !strings.Contains(stdout, "imported 4") || !strings.Contains(stdout, `"NA" ×1`) {
		t.Fatalf("status %d\n%s%s", status, stdout, stderr)
	}
}

func TestExportAndSummaryWriteToStandardOutputWithOutDash(t *testing.T) {
	db, sv := sampleDB(t)
	dir := t.TempDir()
	wd, _ := os.Getwd()
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	defer os.Chdir(wd)

	status, stdout, stderr := run("export", "--db", db, "--survey", sv.Name, "--out", "-")
	if status != 0 {
		t.Fatalf("export: %d %s", status, stderr)
	}
	recs, err := csv.NewReader(strings.NewReader(stdout)).ReadAll()
	if err != nil || len(recs) < 100 || recs[0][0] != "response_id" {
		t.Fatalf("export to stdout: %d records, %v; first %q", len(recs), err, stdout[:min(80, len(stdout))])
	}
	if !strings.Contains(stderr, "Wrote") {
		t.Errorf("export's count goes to stderr, got %q", stderr)
	}

	status, stdout, stderr = run("summary", "--db", db, "--survey", sv.Name, "--format", "csv", "--out", "-")
	if status != 0 || !strings.HasPrefix(stdout, "period,start,responses") {
		t.Fatalf("summary: %d %q %s", status, stdout[:min(80, len(stdout))], stderr)
	}
	file := filepath.Join(dir, "sum.csv")
	status, _, stderr = run("summary", "--db", db, "--survey", sv.Name, "--format", "csv", "--out", file)
	if b, _ := os.ReadFile(file); status != 0 || string(b) != stdout {
		t.Fatalf("summary --out FILE: %d %s; file differs from stdout", status, stderr)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("files in the folder: %v, want only sum.csv (no file named -)", entries)
	}
}
