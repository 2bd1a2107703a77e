package ingest

import (
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"csatdesk/data"
	"csatdesk/data/store"
)

// newSurveyName is the survey the child of TestKill9NewSurveyAllOrNothing
// creates from the file.
const newSurveyName = "created from the file"

// newSurveyState says what the store holds of an import into a new
// survey: "none" (no new survey, no import record, the earlier survey as
// before) or the new survey's fingerprint. Anything else fails the test.
func newSurveyState(t *testing.T, st *store.Store, earlier data.Survey, none string) string {
	t.Helper()
	if got := fingerprint(t, st, earlier); got != none {
		t.Fatalf("the earlier survey changed: %s, was %s", got, none)
	}
	svs, err := st.Surveys()
	if err != nil {
		t.Fatal(err)
	}
	imps, err := st.Imports()
	if err != nil {
		t.Fatal(err)
	}
	switch len(svs) {
	case 1:
		if len(imps) != 1 {
			t.Fatalf("no new survey, but %d import records", len(imps))
		}
		return "none"
	case 2:
		sv := svs[0]
		if sv.ID == earlier.ID {
			sv = svs[1]
		}
		if sv.Name != newSurveyName {
			t.Fatalf("the new survey is called %q, want %q", sv.Name, newSurveyName)
		}
		if len(imps) != 2 || imps[1].State != store.ImportDone || imps[1].CreatedSurvey {
			t.Fatalf("a new survey, but the imports are %+v", imps)
		}
		checkRollups(t, st, sv)
		return fingerprint(t, st, sv)
	default:
		t.Fatalf("%d surveys: %+v", len(svs), svs)
		return ""
	}
}

// TestKill9NewSurveyAllOrNothing kills a process importing a file into a
// new survey (import --survey new, the wizard's "Create a survey from the
// file") at random moments (seeded), and checks after each kill that the
// reopened store holds either no new survey and no response of the file,
// or the new survey with every response — never an empty survey (which
// made the next import "name (2)") — and the earlier survey as it was.
func TestKill9NewSurveyAllOrNothing(t *testing.T) {
	rows, runs := 3000, soakRuns(40, 10)
	if raceEnabled {
		rows = 1000
	}
	dir := t.TempDir()
	base := filepath.Join(dir, "base.db")
	st := openStore(t, base)
	earlier := genSurvey("kill")
	if err := st.CreateSurvey(&earlier); err != nil {
		t.Fatal(err)
	}
	if _, err := importPath(t, context.Background(), st, writeFile(t, "earlier.csv", genCSV(0, 200)), &earlier, genMapping(), Options{}); err != nil {
		t.Fatal(err)
	}
	none := fingerprint(t, st, earlier)
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	csv := writeFile(t, "big.csv", genCSV(1000, 1000+rows))

	full := time.Hour
	var whole string
	for i := range 2 {
		calib := filepath.Join(dir, "calib"+strconv.Itoa(i)+".db")
		copyFile(t, base, calib)
		cmd, sc := startChild(t, calib, csv, 0, Skip)
		start := time.Now()
		for sc.Scan() && sc.Text() != "END" {
		}
		full = min(full, time.Since(start))
		for sc.Scan() {
		}
		if err := cmd.Wait(); err != nil {
			t.Fatalf("child: %v", err)
		}
		st, err := store.Open(calib, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		whole = newSurveyState(t, st, earlier, none)
		st.Close()
	}
	if whole == "none" {
		t.Fatal("the import created nothing")
	}

	const seed = 20261206
	rng := rand.New(rand.NewPCG(seed, 2))
	nNone, nWhole, rolledBack := 0, 0, 0
	for i := range runs {
		db := filepath.Join(dir, "run"+strconv.Itoa(i)+".db")
		copyFile(t, base, db)
		delay := time.Duration(rng.Int64N(int64(full) * 3 / 2))
		cmd, _ := startChild(t, db, csv, 0, Skip)
		time.Sleep(delay)
		_ = cmd.Process.Signal(syscall.SIGKILL)
		_ = cmd.Wait()

		st, err := store.Open(db, store.Options{})
		if err != nil {
			t.Fatalf("run %d (killed after %v): reopen: %v", i, delay, err)
		}
		rolledBack += len(st.RecoveredImports())
		if err := st.Check(); err != nil {
			t.Fatalf("run %d (killed after %v): check: %v", i, delay, err)
		}
		switch got := newSurveyState(t, st, earlier, none); got {
		case "none":
			nNone++
		case whole:
			nWhole++
		default:
			t.Fatalf("run %d (killed after %v): the new survey holds part of the file (%s; all: %s)", i, delay, got, whole)
		}
		if err := st.Close(); err != nil {
			t.Fatal(err)
		}
		os.Remove(db)
	}
	t.Logf("seed %d, %d runs, a whole import takes %v after start-up: %d left no new survey (%d of them a pending import, rolled back on open), %d left the survey with the whole file",
		seed, runs, full, nNone, rolledBack, nWhole)
	if nNone == 0 || rolledBack == 0 {
		t.Errorf("no kill landed inside the import (%d none, %d rolled back): the test proves nothing", nNone, rolledBack)
	}
}
