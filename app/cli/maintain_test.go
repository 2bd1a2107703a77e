package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"csatdesk/data/store"
)

// surveyCounts returns the names and response counts of the surveys in db.
func surveyCounts(t *testing.T, db string) string {
	t.Helper()
	st, err := store.Open(db, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	svs, err := st.Surveys()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, s := range svs {
		stats, _ := st.SurveyStats(s.ID)
		out = append(out, s.Name+"="+strings.TrimSpace(byteSize(int64(stats.Responses))))
	}
	return strings.Join(out, "|")
}

func TestCompactShrinksAfterADeleteAndKeepsEverything(t *testing.T) {
	db, first := sampleDB(t)
	// The first sample deleted (its pages are free), a second one stored.
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.DeleteSurvey(first.ID); err != nil {
		t.Fatal(err)
	}
	if _, _, err := CreateSample(st, 4, testNow); err != nil {
		t.Fatal(err)
	}
	st.Close()
	want := surveyCounts(t, db)
	fi, _ := os.Stat(db)

	status, stdout, errs := run("compact", "--db", db)
	if status != 0 || !strings.Contains(stdout, "Compacted "+db) || !strings.Contains(stdout, byteSize(fi.Size())+" before") {
		t.Fatalf("status %d, %q: %s", status, stdout, errs)
	}
	after, _ := os.Stat(db)
	if after.Size() >= fi.Size() || !strings.Contains(stdout, byteSize(after.Size())+" after") {
		t.Errorf("%d bytes before, %d after; printed %q", fi.Size(), after.Size(), stdout)
	}
	if got := surveyCounts(t, db); got != want {
		t.Errorf("after compact: %s, before: %s", got, want)
	}
}

func TestCompactRefusesAHeldOrMissingFile(t *testing.T) {
	db, _ := sampleDB(t)
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	status, _, errs := run("compact", "--db", db)
	st.Close()
	if status != 1 || !strings.Contains(errs, "csatdesk compact:") || !strings.Contains(errs, store.ErrLocked.Error()) {
		t.Errorf("a held file: status %d, %q", status, errs)
	}
	status, _, errs = run("compact", "--db", filepath.Join(t.TempDir(), "none.db"))
	if status != 1 || !strings.Contains(errs, store.ErrNoDatabase.Error()) {
		t.Errorf("a missing file: status %d, %q", status, errs)
	}
	if status, _, _ := run("compact", "--db", db, "extra"); status == 0 {
		t.Error("an extra argument is accepted")
	}
}

func TestByteSizeIsReadable(t *testing.T) {
	for n, want := range map[int64]string{0: "0 bytes", 999: "999 bytes", 1500: "2 KB", 16805888: "16.8 MB", 1_700_000_000: "1.70 GB"} {
		if got := byteSize(n); got != want {
			t.Errorf("byteSize(%d) = %q, want %q", n, got, want)
		}
	}
}
