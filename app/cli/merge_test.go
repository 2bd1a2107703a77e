package cli

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"csatdesk/data"
	"csatdesk/data/export"
	"csatdesk/data/sample"
	"csatdesk/data/store"
)

// mergePair makes two laptops' files: the sample café on both (copied),
// then on B extra responses of the café, n of them, and a survey of its
// own. It returns both paths.
func mergePair(t *testing.T, n int) (a, b string) {
	t.Helper()
	base, sv := sampleDB(t)
	dir := t.TempDir()
	a, b = filepath.Join(dir, "a.db"), filepath.Join(dir, "b.db")
	for _, p := range []string{a, b} {
		raw, err := os.ReadFile(base)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, raw, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	st, err := store.Open(b, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	more := sample.Generate(sample.Options{Seed: 11, End: testNow}).Responses
	rs := make([]data.Response, 0, n)
	for _, r := range more[:n] {
		r.ID, r.SurveyID = data.ResponseID{}, sv.ID
		rs = append(rs, r)
	}
	if err := st.AddResponses(rs); err != nil {
		t.Fatal(err)
	}
	own := sample.Generate(sample.Options{Seed: 12, End: testNow})
	own.Survey.Name = "Branch two"
	if err := st.CreateSurveyWith(&own.Survey, own.Responses[:300]); err != nil {
		t.Fatal(err)
	}
	return a, b
}

// exportDB exports every survey of the database at db as CSV, one after
// the other, read-only.
func exportDB(t *testing.T, db string) string {
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
	var b bytes.Buffer
	for _, sv := range svs {
		b.WriteString(sv.Name + "\n")
		if _, err := export.WriteCSV(&b, &sv, []string{data.TagLocation, data.TagStaff}, func(fn func(data.Response) error) error {
			return st.EachResponse(sv.ID, 0, data.Day(1<<30), fn)
		}); err != nil {
			t.Fatal(err)
		}
	}
	return b.String()
}

func TestMergeCommandReportsAndMergingAgainAddsNothing(t *testing.T) {
	a, b := mergePair(t, 400)
	before := exportDB(t, a)
	code, out, errs := run("merge", "--db", a, "--from", b, "--dry-run")
	if code != 0 || !strings.Contains(out, "Responses added: 700") || !strings.Contains(out, "Dry run") {
		t.Fatalf("dry run: exit %d\n%s%s", code, out, errs)
	}
	if exportDB(t, a) != before {
		t.Fatal("the dry run changed the database")
	}
	code, out, errs = run("merge", "--db", a, "--from", b)
	if code != 0 || !strings.Contains(out, "Responses added: 700") || !strings.Contains(out, "Surveys added: 1") ||
		!strings.Contains(out, "Conflicts (this database's response kept): 0") {
		t.Fatalf("merge: exit %d\n%s%s", code, out, errs)
	}
	after := exportDB(t, a)
	if after == before || exportDB(t, b) != after {
		t.Fatal("after the merge A should hold exactly what B holds (B is A plus more)")
	}
	code, out, _ = run("merge", "--db", a, "--from", b)
	if code != 0 || !strings.Contains(out, "Responses added: 0") || exportDB(t, a) != after {
		t.Fatalf("second merge: exit %d\n%s", code, out)
	}
	if code, out, errs = run("check", "--db", a); code != 0 || !strings.Contains(out, "is sound") {
		t.Fatalf("check: exit %d\n%s%s", code, out, errs)
	}
	if code, _, errs = run("merge", "--db", a, "--from", a); code == 0 || !strings.Contains(errs, "this database itself") {
		t.Fatalf("merge into itself: exit %d %s", code, errs)
	}
	if code, _, errs = run("merge", "--db", a, "--from", b, "--match", "x=2"); code == 0 || !strings.Contains(errs, "OTHERID=MAINID") {
		t.Fatalf("bad --match: exit %d %s", code, errs)
	}
}

func TestCheckCommandFindsDamage(t *testing.T) {
	db, _ := sampleDB(t)
	raw, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	// Damage the middle of every data page a little: the values of a
	// response or rollup page no longer read as written.
	for off := 4 * 4096; off+4096 <= len(raw); off += 4096 {
		for i := off + 2048; i < off+2056; i++ {
			raw[i] ^= 0x5a
		}
	}
	if err := os.WriteFile(db, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errs := run("check", "--db", db)
	if code == 0 {
		t.Fatalf("check of a damaged file: exit 0\n%s", out)
	}
	if !strings.Contains(out+errs, "restore") {
		t.Fatalf("check does not say what to do:\n%s%s", out, errs)
	}
}

// TestKill9MergeIsAllOrNothing kills `csatdesk merge` at random moments
// (seeded): the main database must then pass the check and hold exactly
// what it held before or exactly the merged result, every response byte
// for byte as exported.
func TestKill9MergeIsAllOrNothing(t *testing.T) {
	runs := soakRuns(25, 6)
	a, b := mergePair(t, 3000)
	dir := t.TempDir()
	before := exportDB(t, a)
	calib := filepath.Join(dir, "calib.db")
	copyDB := func(to string) {
		raw, err := os.ReadFile(a)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(to, raw, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	copyDB(calib)
	full := cliChildTime(t, "merge", "--db", calib, "--from", b)
	after := exportDB(t, calib)
	if after == before {
		t.Fatal("the calibration merge changed nothing")
	}
	rng := rand.New(rand.NewPCG(20261206, 15))
	none, all := 0, 0
	for i := range runs {
		db := filepath.Join(dir, "run"+strconv.Itoa(i)+".db")
		copyDB(db)
		delay := time.Duration(rng.Int64N(int64(full) * 3 / 2))
		cmd, _ := cliChild(t, "merge", "--db", db, "--from", b)
		time.Sleep(delay)
		_ = cmd.Process.Signal(syscall.SIGKILL)
		_ = cmd.Wait()
		st, err := store.Open(db, store.Options{})
		if err != nil {
			t.Fatalf("run %d (killed after %v): %v", i, delay, err)
		}
		rep, err := st.CheckAll(nil)
		st.Close()
		if err != nil || !rep.OK() {
			t.Fatalf("run %d (killed after %v): check: %v %+v", i, delay, err, rep.Findings)
		}
		switch exportDB(t, db) {
		case before:
			none++
		case after:
			all++
		default:
			t.Fatalf("run %d (killed after %v): the database holds part of the merge", i, delay)
		}
		os.Remove(db)
	}
	t.Logf("%d runs: %d merged whole, %d not at all (one merge takes %v)", runs, all, none, full)
}
