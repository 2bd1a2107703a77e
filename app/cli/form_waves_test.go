package cli

import (
	"bytes"
	"path/filepath"
	"strconv"
	"testing"

	"csatdesk/data/insight"
	"csatdesk/data/store"
)

// TestFormRecordsTheFormsItPrinted: a wave's response rate counts returned
// forms against the printed ones, so each print run is recorded with its
// numbers.
func TestFormRecordsTheFormsItPrinted(t *testing.T) {
	db, id := templateStore(t)
	var stdout, stderr bytes.Buffer
	env := &Env{Stdout: &stdout, Stderr: &stderr}
	for _, args := range [][]string{
		{"--count", "50", "--prefix", "A-"},
		{"--count", "20", "--first", "51", "--prefix", "A-"},
	} {
		out := filepath.Join(t.TempDir(), "forms.pdf")
		if err := runForm(env, append([]string{"--db", db, "--survey", "Restaurant / café visit", "--out", out}, args...)); err != nil {
			t.Fatalf("form %v: %v (stderr %q)", args, err, stderr.String())
		}
	}
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	plan, err := insight.LoadWaves(st, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Printed) != 2 {
		t.Fatalf("printed %+v, want two batches", plan.Printed)
	}
	a, b := plan.Printed[0], plan.Printed[1]
	if a.Prefix != "A-" || a.First != 1 || a.Count != 50 || b.First != 51 || b.Count != 20 || a.Day == 0 {
		t.Errorf("batches %+v, %+v; want A-0001…A-0050 and A-0051…A-0070 with a date", a, b)
	}
	if !a.Holds("A-0050") || a.Holds("A-0051") || !b.Holds("A-0070") {
		t.Error("the batches do not hold the numbers printed on the forms")
	}
}

// TestFormServedByTheWindowRecordsThePrintedFormsThroughIt: while the
// window holds the database the command runs on a borrowed, read-only
// store; the printed batch is recorded through the window's store.
func TestFormServedByTheWindowRecordsThePrintedFormsThroughIt(t *testing.T) {
	db, sv := sampleDB(t)
	st, _ := holdAndServe(t, db)
	dir := t.TempDir()
	code, _, errs := cliRun(t, dir, "form", "--db", db, "--survey", strconv.FormatUint(sv.ID, 10), "--count", "3", "--first", "7", "--out", "forms.pdf")
	if code != 0 {
		t.Fatalf("form while the database is held: exit %d: %s", code, errs)
	}
	plan, err := insight.LoadWaves(st, sv.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Printed) != 1 || plan.Printed[0].First != 7 || plan.Printed[0].Count != 3 {
		t.Errorf("printed %+v, want one batch of 3 from 7", plan.Printed)
	}
}
