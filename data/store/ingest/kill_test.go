package ingest

import (
	"bufio"
	"context"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"csatdesk/data/store"
)

// The kill test runs this test binary again as a child that imports a file
// and is killed with SIGKILL part-way.
const (
	envChild  = "CSATDESK_INGEST_CHILD"
	envDB     = "CSATDESK_INGEST_DB"
	envCSV    = "CSATDESK_INGEST_CSV"
	envSurvey = "CSATDESK_INGEST_SURVEY"
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
	id, _ := strconv.ParseUint(os.Getenv(envSurvey), 10, 64)
	sv, err := st.Survey(id)
	if err != nil {
		t.Fatal(err)
	}
	os.Stdout.WriteString("BEGIN\n")
	if _, err := importPath(t, context.Background(), st, os.Getenv(envCSV), &sv, genMapping(), Options{BatchSize: childBatch}); err != nil {
		t.Fatal(err)
	}
	os.Stdout.WriteString("END\n")
}

// startChild starts a child importing csv into db and returns once it is
// about to import.
func startChild(t *testing.T, db, csv string, sid uint64) (*exec.Cmd, *bufio.Scanner) {
	t.Helper()
	cmd := child(db, csv, sid)
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
func child(db, csv string, sid uint64) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperImportChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), envChild+"=1", envDB+"="+db, envCSV+"="+csv, envSurvey+"="+strconv.FormatUint(sid, 10))
	return cmd
}

// TestKill9LeavesAllOrNothing kills an importing process at random moments
// (seeded) and checks after each kill that reopening the store leaves
// either every row of the file or none, rollups that agree with the
// responses, and a sound file.
func TestKill9LeavesAllOrNothing(t *testing.T) {
	runs := 50
	if testing.Short() {
		runs = 10
	}
	dir := t.TempDir()
	base := filepath.Join(dir, "base.db")
	st := openStore(t, base)
	sv := genSurvey("kill")
	if err := st.CreateSurvey(&sv); err != nil {
		t.Fatal(err)
	}
	earlier := writeFile(t, "earlier.csv", genCSV(0, 200))
	if _, err := importPath(t, context.Background(), st, earlier, &sv, genMapping(), Options{}); err != nil {
		t.Fatal(err)
	}
	before := checkRollups(t, st, sv)
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	rows := 3000
	if raceEnabled {
		rows = 1000
	}
	csv := writeFile(t, "big.csv", genCSV(1000, 1000+rows))
	all := rows - badRows(1000, 1000+rows)

	// How long does a whole import take, from BEGIN to END? The first
	// run is cold; take the faster of two.
	full := time.Hour
	for i := range 2 {
		calib := filepath.Join(dir, "calib"+strconv.Itoa(i)+".db")
		copyFile(t, base, calib)
		cmd, sc := startChild(t, calib, csv, sv.ID)
		start := time.Now()
		for sc.Scan() && sc.Text() != "END" {
		}
		full = min(full, time.Since(start))
		for sc.Scan() {
		}
		if err := cmd.Wait(); err != nil {
			t.Fatalf("child: %v", err)
		}
	}

	const seed = 20240901
	rng := rand.New(rand.NewPCG(seed, 1))
	none, whole, rolledBack := 0, 0, 0
	for i := range runs {
		db := filepath.Join(dir, "run"+strconv.Itoa(i)+".db")
		copyFile(t, base, db)
		delay := time.Duration(rng.Int64N(int64(full) * 3 / 2))
		cmd, _ := startChild(t, db, csv, sv.ID)
		time.Sleep(delay)
		_ = cmd.Process.Signal(syscall.SIGKILL)
		_ = cmd.Wait()

		st, err := store.Open(db, store.Options{})
		if err != nil {
			t.Fatalf("run %d (killed after %v): reopen: %v", i, delay, err)
		}
		rolledBack += len(st.RecoveredImports())
		n := checkRollups(t, st, sv)
		switch n - before {
		case 0:
			none++
		case all:
			whole++
		default:
			t.Fatalf("run %d (killed after %v): %d of the file's %d rows are stored", i, delay, n-before, all)
		}
		if err := st.Close(); err != nil {
			t.Fatal(err)
		}
		os.Remove(db)
	}
	t.Logf("seed %d, %d runs, a whole import takes %v after start-up: %d left nothing (%d of them a pending import, rolled back on open), %d left the whole file",
		seed, runs, full, none, rolledBack, whole)
}
