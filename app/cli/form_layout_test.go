package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"csatdesk/data/paperform"
	"csatdesk/data/store"
)

// TestFormSavesTheLayoutForScanning: printed forms can only be scanned
// with their layout, so form saves it in the database with the PDF.
func TestFormSavesTheLayoutForScanning(t *testing.T) {
	db, id := templateStore(t)
	out := filepath.Join(t.TempDir(), "forms.pdf")
	env := &Env{Stdout: &bytes.Buffer{}, Stderr: &bytes.Buffer{}}
	if err := runForm(env, []string{"--db", db, "--survey", strconv.FormatUint(id, 10), "--count", "3", "--paper", "Letter", "--out", out}); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(db, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	sv, err := st.Survey(id)
	if err != nil {
		t.Fatal(err)
	}
	l, err := paperform.Layout(sv, paperform.Options{Paper: "Letter", Business: sv.Business})
	if err != nil {
		t.Fatal(err)
	}
	if got, err := st.Layout(id, l.Hash()); got == nil || err != nil {
		t.Fatalf("the layout of the printed forms is not in the database (%v)", err)
	}
}

// TestFormWhileTheWindowHoldsTheDatabaseSavesTheLayoutThroughIt: the
// command is served by the window's process, which saves the layout in
// its open database.
func TestFormWhileTheWindowHoldsTheDatabaseSavesTheLayoutThroughIt(t *testing.T) {
	db, sv := sampleDB(t)
	st, _ := holdAndServe(t, db)
	dir := t.TempDir()
	code, _, errs := cliRun(t, dir, "form", "--db", db, "--survey", strconv.FormatUint(sv.ID, 10), "--count", "2", "--out", "forms.pdf")
	if code != 0 {
		t.Fatalf("form while the database is held: exit %d: %s", code, errs)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "forms.pdf")); err != nil || !bytes.HasPrefix(b, []byte("%PDF")) {
		t.Fatalf("no PDF: %v", err)
	}
	cur, err := st.Survey(sv.ID)
	if err != nil {
		t.Fatal(err)
	}
	l, err := paperform.Layout(cur, paperform.Options{Business: cur.Business})
	if err != nil {
		t.Fatal(err)
	}
	if got, err := st.Layout(sv.ID, l.Hash()); got == nil || err != nil {
		t.Fatalf("the window's database has no layout of the printed forms (%v)", err)
	}
}
