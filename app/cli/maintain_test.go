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

func TestRestorePutsTheBackupInPlaceAndKeepsTheFileBefore(t *testing.T) {
	db, sv := sampleDB(t)
	backup := filepath.Join(t.TempDir(), "backup.db")
	if status, _, errs := run("backup", "--db", db, "--out", backup); status != 0 {
		t.Fatal(errs)
	}
	want := surveyCounts(t, db)
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.DeleteSurvey(sv.ID); err != nil {
		t.Fatal(err)
	}
	st.Close()
	afterDelete := surveyCounts(t, db)

	status, stdout, errs := run("restore", "--db", db, "--from", backup)
	if status != 0 || !strings.Contains(stdout, "Restored "+db+" from "+backup+": 1 survey,") {
		t.Fatalf("status %d, %q: %s", status, stdout, errs)
	}
	if got := surveyCounts(t, db); got != want {
		t.Errorf("after restore: %q, the backup: %q", got, want)
	}
	kept, _ := filepath.Glob(db + ".before-restore-*")
	if len(kept) != 1 || !strings.Contains(stdout, kept[0]) {
		t.Fatalf("kept %v; printed %q", kept, stdout)
	}
	if got := surveyCounts(t, kept[0]); got != afterDelete {
		t.Errorf("the file kept: %q, want %q", got, afterDelete)
	}
	if _, err := os.Stat(db + ".restore-tmp"); !os.IsNotExist(err) {
		t.Errorf("the temporary copy is left: %v", err)
	}
}

func TestRestoreRefusesABadBackupAHeldFileAndMissingFlags(t *testing.T) {
	db, _ := sampleDB(t)
	before, _ := os.ReadFile(db)
	bad := filepath.Join(t.TempDir(), "bad.db")
	if err := os.WriteFile(bad, []byte("not a database at all, not even close to one page"), 0o600); err != nil {
		t.Fatal(err)
	}
	// A damaged backup: a real one with pages overwritten.
	damaged := filepath.Join(t.TempDir(), "damaged.db")
	broken := append([]byte(nil), before...)
	for i := 4 * 4096; i < 60*4096 && i < len(broken); i++ {
		broken[i] = 0xA5
	}
	if err := os.WriteFile(damaged, broken, 0o600); err != nil {
		t.Fatal(err)
	}
	for name, from := range map[string]string{"not a database": bad, "a damaged copy": damaged, "missing": bad + ".none"} {
		status, _, errs := run("restore", "--db", db, "--from", from)
		if status != 1 || !strings.Contains(errs, "csatdesk restore:") {
			t.Errorf("%s: status %d, %q", name, status, errs)
		}
	}
	if status, _, errs := run("restore", "--db", db, "--from", db); status != 1 || !strings.Contains(errs, "itself") {
		t.Errorf("the database itself: status %d, %q", status, errs)
	}
	if status, _, errs := run("restore", "--db", db); status != 1 || !strings.Contains(errs, "--from") {
		t.Errorf("no --from: status %d, %q", status, errs)
	}
	backup := filepath.Join(t.TempDir(), "backup.db")
	if status, _, errs := run("backup", "--db", db, "--out", backup); status != 0 {
		t.Fatal(errs)
	}
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	status, _, errs := run("restore", "--db", db, "--from", backup)
	st.Close()
	if status != 1 || !strings.Contains(errs, store.ErrLocked.Error()) {
		t.Errorf("a held file: status %d, %q", status, errs)
	}
	if after, _ := os.ReadFile(db); string(after) != string(before) {
		t.Error("a refused restore changed the database")
	}
	if kept, _ := filepath.Glob(db + ".before-restore-*"); len(kept) != 0 {
		t.Errorf("a refused restore left %v", kept)
	}
}
