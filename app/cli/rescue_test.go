package cli

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"csatdesk/data/sample"
	"csatdesk/data/store"
)

// twoSurveyDB is the sample café (seed 3) and a second sample (seed 4).
func twoSurveyDB(t *testing.T) string {
	t.Helper()
	db, _ := sampleDB(t)
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	b := sample.Generate(sample.Options{Seed: 4, End: testNow})
	b.Survey.Name = "Second branch"
	if err := st.CreateSurveyWith(&b.Survey, b.Responses); err != nil {
		t.Fatal(err)
	}
	return db
}

// exportBoth exports every survey of db to CSV, by survey ID.
func exportBoth(t *testing.T, db string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, id := range []string{"1", "2"} {
		code, stdout, stderr := run("export", "--db", db, "--survey", id, "--out", "-")
		if code != 0 {
			t.Fatalf("export %s: %s", id, stderr)
		}
		out[id] = stdout
	}
	return out
}

// TestRescueOfASoundFileEqualsExport: rescue writes the same CSV as export
// for every survey, says every page was read, and leaves the file as it
// was.
func TestRescueOfASoundFileEqualsExport(t *testing.T) {
	db := twoSurveyDB(t)
	want := exportBoth(t, db)
	before, _ := os.ReadFile(db)
	dir := filepath.Join(t.TempDir(), "rescued")
	code, stdout, stderr := run("rescue", "--db", db, "--out", dir)
	if code != 0 {
		t.Fatalf("rescue: %s", stderr)
	}
	if !strings.Contains(stdout, "Every page of the file could be read") {
		t.Errorf("report: %s", stdout)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.csv"))
	if len(files) != 2 {
		t.Fatalf("files %v", files)
	}
	for _, f := range files {
		id, _, _ := strings.Cut(filepath.Base(f), "-")
		got, _ := os.ReadFile(f)
		if string(got) != want[id] {
			t.Errorf("%s differs from the export of survey %s", f, id)
		}
	}
	if after, _ := os.ReadFile(db); !bytes.Equal(after, before) {
		t.Error("rescue changed the database file")
	}
	if _, err := os.Stat(filepath.Join(dir, rescueReport)); err != nil {
		t.Error(err)
	}
}

// TestRescueOfADamagedFile: copies of a database with a page zeroed that
// Open refuses; rescue reads what it can: every row it writes is a row of
// the export of the sound file, it reports what it could not read, and
// the damaged file is never changed.
func TestRescueOfADamagedFile(t *testing.T) {
	db := twoSurveyDB(t)
	want := exportBoth(t, db)
	sound, _ := os.ReadFile(db)
	wantRows := map[string]bool{}
	for _, csv := range want {
		for _, l := range strings.Split(csv, "\n") {
			wantRows[l] = true
		}
	}
	wantByID := map[string]map[string]string{}
	for _, c := range want {
		recs, err := csv.NewReader(strings.NewReader(c)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range recs[1:] {
			row := map[string]string{}
			for j, col := range recs[0] {
				row[col] = r[j]
			}
			wantByID[r[0]] = row
		}
	}
	rng := rand.New(rand.NewPCG(3, 9))
	refused, rescuedRows, lostRows := 0, 0, 0
	for i := range 30 {
		bad := bytes.Clone(sound)
		p := 2 + rng.IntN(len(bad)/4096-2)
		clear(bad[p*4096 : (p+1)*4096])
		path := filepath.Join(t.TempDir(), "bad.db")
		if err := os.WriteFile(path, bad, 0o600); err != nil {
			t.Fatal(err)
		}
		st, err := store.Open(path, store.Options{ReadOnly: true})
		if err == nil {
			st.Close()
			continue // a free page: nothing lost
		}
		refused++
		dir := filepath.Join(t.TempDir(), "rescued")
		code, stdout, stderr := run("rescue", "--db", path, "--out", dir)
		if code != 0 {
			// Only a file with no readable header gives nothing at all.
			if !strings.Contains(stderr, "header") {
				t.Errorf("case %d (page %d): rescue: %s", i, p, stderr)
			}
			continue
		}
		if !strings.Contains(stdout, "could not be read") {
			t.Errorf("case %d (page %d): the report does not say what was lost: %s", i, p, stdout)
		}
		files, _ := filepath.Glob(filepath.Join(dir, "*.csv"))
		n := 0
		for _, f := range files {
			got, _ := os.ReadFile(f)
			lines := strings.Split(string(got), "\n")
			if !wantRows[lines[0]] {
				// A tag column is left out when no rescued response has
				// that tag (those that had it named a lost string):
				// compare each row with the sound export's row of the
				// same response, column by column.
				t.Logf("case %d: header differs, compared by column", i)
				if err := rowsHeldIn(string(got), wantByID); err != nil {
					t.Fatalf("case %d (page %d): %s: %v", i, p, f, err)
				}
				n += len(lines)
				continue
			}
			for _, l := range lines {
				if !wantRows[l] {
					t.Fatalf("case %d (page %d): %s holds a row the database never held: %q", i, p, f, l)
				}
				n++
			}
		}
		rescuedRows += n
		lostRows += strings.Count(want["1"]+want["2"], "\n") - n
		if after, _ := os.ReadFile(path); !bytes.Equal(after, bad) {
			t.Fatalf("case %d: rescue changed the damaged file", i)
		}
	}
	if refused == 0 {
		t.Fatal("no damaged copy was refused: the test proves nothing")
	}
	t.Logf("%d damaged copies refused by Open; rescue wrote %d rows of them (and lost %d)", refused, rescuedRows, lostRows)
}

// rowsHeldIn checks that every row of the rescued CSV text is the sound
// export's row of the same response: equal in every column the rescued
// file has, and empty in the columns it left out.
func rowsHeldIn(text string, wantByID map[string]map[string]string) error {
	recs, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil {
		return err
	}
	if len(recs) == 0 || len(recs[0]) == 0 || recs[0][0] != "response_id" {
		return fmt.Errorf("no header row: %q", text[:min(len(text), 80)])
	}
	head := recs[0]
	for _, r := range recs[1:] {
		w, ok := wantByID[r[0]]
		if !ok {
			return fmt.Errorf("response %s was never held", r[0])
		}
		seen := map[string]bool{}
		for j, col := range head {
			seen[col] = true
			if wv, ok := w[col]; !ok || wv != r[j] {
				return fmt.Errorf("response %s, column %s: %q, the database held %q", r[0], col, r[j], wv)
			}
		}
		for col, wv := range w {
			if !seen[col] && wv != "" {
				return fmt.Errorf("response %s lost its %s (%q) but was written", r[0], col, wv)
			}
		}
	}
	return nil
}
