package ingest

import (
	"bufio"
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"csatdesk/data"
	"csatdesk/data/store"
)

// The kill test runs this test binary again as a child that imports a file
// and is killed with SIGKILL part-way.
const (
	envChild  = "CSATDESK_INGEST_CHILD"
	envDB     = "CSATDESK_INGEST_DB"
	envCSV    = "CSATDESK_INGEST_CSV"
	envSurvey = "CSATDESK_INGEST_SURVEY"
	envDup    = "CSATDESK_INGEST_DUPLICATE"
)

// childBatch is small so that the child writes many batches.
const childBatch = 150

// TestHelperImportChild is the child of TestKill9LeavesAllOrNothing; it
// does nothing in a normal run.
func TestHelperImportChild(t *testing.T) {
	if os.Getenv(envChild) != "1" {
		t.Skip("runs only as the child of TestKill9LeavesAllOrNothing")
	}
	st, err := store.Open(os.Getenv(envDB), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var sv data.Survey
	if os.Getenv(envSurvey) == "new" { // import --survey new
		sv = genSurvey(newSurveyName)
	} else {
		id, _ := strconv.ParseUint(os.Getenv(envSurvey), 10, 64)
		if sv, err = st.Survey(id); err != nil {
			t.Fatal(err)
		}
	}
	dup, err := ParseDuplicate(os.Getenv(envDup))
	if err != nil {
		t.Fatal(err)
	}
	os.Stdout.WriteString("BEGIN\n")
	if _, err := importPath(t, context.Background(), st, os.Getenv(envCSV), &sv, genMapping(), Options{BatchSize: childBatch, OnDuplicate: dup}); err != nil {
		t.Fatal(err)
	}
	os.Stdout.WriteString("END\n")
}

// startChild starts a child importing csv into db and returns once it is
// about to import.
func startChild(t *testing.T, db, csv string, sid uint64, dup Duplicate) (*exec.Cmd, *bufio.Scanner) {
	t.Helper()
	cmd := child(db, csv, sid, dup)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		if sc.Text() == "BEGIN" {
			return cmd, sc
		}
	}
	_ = cmd.Wait()
	t.Fatalf("the child stopped before importing")
	return nil, nil
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	in, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}

// child returns the command that imports csv into db.
// A survey ID of 0 imports into a new survey (newSurveyName).
func child(db, csv string, sid uint64, dup Duplicate) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperImportChild$", "-test.count=1")
	survey := strconv.FormatUint(sid, 10)
	if sid == 0 {
		survey = "new"
	}
	cmd.Env = append(os.Environ(), envChild+"=1", envDB+"="+db, envCSV+"="+csv, envSurvey+"="+survey, envDup+"="+dup.String())
	return cmd
}

// fingerprint sums up every stored response of sv (respondent, date and
// answers), to tell the store before an import from the store after it.
func fingerprint(t *testing.T, st *store.Store, sv data.Survey) string {
	t.Helper()
	var lines []string
	if err := st.EachResponse(sv.ID, 0, 0, func(r data.Response) error {
		lines = append(lines, fmt.Sprint(r.ExternalID, r.CollectedAt.Unix(), r.Answers))
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	slices.Sort(lines)
	h := sha256.Sum256([]byte(strings.Join(lines, "\n")))
	return fmt.Sprintf("%d responses %x", len(lines), h[:8])
}

// allFields returns every stored response of sv by ID, with every field.
func allFields(t *testing.T, st *store.Store, sv data.Survey) map[data.ResponseID]string {
	t.Helper()
	out := map[data.ResponseID]string{}
	if err := st.EachResponse(sv.ID, 0, 0, func(r data.Response) error {
		out[r.ID] = fmt.Sprint(r.SurveyID, r.SurveyVersion, r.CollectedAt.UnixNano(), r.CollectedAt.Format("-07:00"), r.EnteredAt.UnixNano(),
			r.Source, r.Channel, r.FormNumber, r.ExternalID, r.Comment, r.Tags, r.Answers, r.Texts)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestKill9LeavesAllOrNothing kills an importing process at random moments
// (seeded) and checks after each kill that reopening the store leaves
// either the whole import or nothing of it — every response as before, or
// exactly as after an import that ran to the end (a replacing one included:
// the responses it replaces are gone only with the whole file in) — rollups
// that agree with the responses, and a sound file.
func TestKill9LeavesAllOrNothing(t *testing.T) {
	rows := 3000
	if raceEnabled {
		rows = 1000
	}
	cases := []struct {
		name    string
		earlier []byte
		file    []byte
		dup     Duplicate
		runs    int
	}{
		{"a new file", genCSV(0, 200), genCSV(1000, 1000+rows), Skip, 50},
		{"a newer export replacing respondents imported before", genCSV(0, 1000),
			genCSVWith(500, 500+rows, true, func(i int) bool { return i < 1000 }), Replace, 50},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			killRuns(t, c.earlier, c.file, c.dup, soakRuns(c.runs, c.runs/5))
		})
	}
}

func killRuns(t *testing.T, earlierCSV, fileCSV []byte, dup Duplicate, runs int) {
	dir := t.TempDir()
	base := filepath.Join(dir, "base.db")
	st := openStore(t, base)
	sv := genSurvey("kill")
	if err := st.CreateSurvey(&sv); err != nil {
		t.Fatal(err)
	}
	earlier := writeFile(t, "earlier.csv", earlierCSV)
	if _, err := importPath(t, context.Background(), st, earlier, &sv, genMapping(), Options{}); err != nil {
		t.Fatal(err)
	}
	checkRollups(t, st, sv)
	none := fingerprint(t, st, sv)
	earlierAll := allFields(t, st, sv)
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	csv := writeFile(t, "big.csv", fileCSV)

	// How long does a whole import take, from BEGIN to END? The first
	// run is cold; take the faster of two. The second one's store is
	// what a whole import leaves.
	full := time.Hour
	var whole string
	for i := range 2 {
		calib := filepath.Join(dir, "calib"+strconv.Itoa(i)+".db")
		copyFile(t, base, calib)
		cmd, sc := startChild(t, calib, csv, sv.ID, dup)
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
		checkRollups(t, st, sv)
		whole = fingerprint(t, st, sv)
		st.Close()
	}
	if whole == none {
		t.Fatal("the import changed nothing")
	}

	const seed = 20240901
	rng := rand.New(rand.NewPCG(seed, 1))
	nNone, nWhole, rolledBack := 0, 0, 0
	for i := range runs {
		db := filepath.Join(dir, "run"+strconv.Itoa(i)+".db")
		copyFile(t, base, db)
		delay := time.Duration(rng.Int64N(int64(full) * 3 / 2))
		cmd, _ := startChild(t, db, csv, sv.ID, dup)
		time.Sleep(delay)
		_ = cmd.Process.Signal(syscall.SIGKILL)
		_ = cmd.Wait()

		st, err := store.Open(db, store.Options{})
		if err != nil {
			t.Fatalf("run %d (killed after %v): reopen: %v", i, delay, err)
		}
		rolledBack += len(st.RecoveredImports())
		checkRollups(t, st, sv)
		got := fingerprint(t, st, sv)
		if got == none || dup != Replace {
			// Every response stored before is there as it was, every
			// field (a replacing import, once whole, replaces some).
			now := allFields(t, st, sv)
			for id, was := range earlierAll {
				if now[id] != was {
					t.Fatalf("run %d (killed after %v): response %s stored before the import is now %q, was %q", i, delay, id, now[id], was)
				}
			}
		}
		switch got {
		case none:
			nNone++
		case whole:
			nWhole++
		default:
			t.Fatalf("run %d (killed after %v): the store holds part of the import (%s; nothing: %s, all: %s)", i, delay, fingerprint(t, st, sv), none, whole)
		}
		if err := st.Close(); err != nil {
			t.Fatal(err)
		}
		os.Remove(db)
	}
	t.Logf("seed %d, %d runs, a whole import takes %v after start-up: %d left nothing (%d of them a pending import, rolled back on open), %d left the whole file",
		seed, runs, full, nNone, rolledBack, nWhole)
}
