package ingest

import (
	"bufio"
	"context"
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

// envOpenChild names the database TestHelperOpenChild opens (rolling back
// what an interrupted import left) and closes.
const envOpenChild = "CSATDESK_INGEST_OPEN"

// TestHelperOpenChild is the child of TestKill9RollbackAllOrNothing: it
// prints BEGIN, opens the database in envOpenChild (which rolls back the
// interrupted import), closes it and prints END. It does nothing in a
// normal run.
func TestHelperOpenChild(t *testing.T) {
	db := os.Getenv(envOpenChild)
	if db == "" {
		t.Skip("runs only as the child of TestKill9RollbackAllOrNothing")
	}
	os.Stdout.WriteString("BEGIN\n")
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(st.RecoveredImports()) == 0 {
		t.Fatal("nothing was rolled back")
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	os.Stdout.WriteString("END\n")
}

// pendingImports counts the imports of db that are not done, read-only
// (which rolls nothing back).
func pendingImports(t *testing.T, db string) int {
	t.Helper()
	st, err := store.Open(db, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	imps, err := st.Imports()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, rec := range imps {
		if rec.State != store.ImportDone {
			n++
		}
	}
	return n
}

// TestKill9RollbackAllOrNothing makes a database holding an import killed
// late (most of its batches written, not finished), then kills the
// rollback that the next open runs at random moments (seeded), and checks
// after each kill that the next open leaves every earlier response as it
// was, nothing of the import, no pending import and a sound file.
func TestKill9RollbackAllOrNothing(t *testing.T) {
	rows, runs := 3000, soakRuns(50, 10)
	if raceEnabled {
		rows = 1000
	}
	dir := t.TempDir()
	base := filepath.Join(dir, "base.db")
	st := openStore(t, base)
	sv := genSurvey("kill")
	if err := st.CreateSurvey(&sv); err != nil {
		t.Fatal(err)
	}
	if _, err := importPath(t, context.Background(), st, writeFile(t, "earlier.csv", genCSV(0, 200)), &sv, genMapping(), Options{}); err != nil {
		t.Fatal(err)
	}
	none := fingerprint(t, st, sv)
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	csv := writeFile(t, "big.csv", genCSV(1000, 1000+rows))

	// How long a whole import takes, then a file holding one killed at
	// 60..95 % of that (tried until one is left pending).
	// The faster of two runs: the first is cold.
	calib := filepath.Join(dir, "calib.db")
	full := time.Hour
	var cmd *exec.Cmd
	var sc *bufio.Scanner
	for range 2 {
		copyFile(t, base, calib)
		cmd, sc = startChild(t, calib, csv, sv.ID, Skip)
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
	pending := filepath.Join(dir, "pending.db")
	rng := rand.New(rand.NewPCG(20261206, 5))
	for try := 0; ; try++ {
		if try == 100 {
			t.Fatal("no kill left a pending import in 100 tries")
		}
		copyFile(t, base, pending)
		cmd, _ := startChild(t, pending, csv, sv.ID, Skip)
		time.Sleep(time.Duration(float64(full) * (0.3 + 0.6*rng.Float64())))
		_ = cmd.Process.Signal(syscall.SIGKILL)
		_ = cmd.Wait()
		if pendingImports(t, pending) > 0 {
			break
		}
	}
	openChild := func(db string) *exec.Cmd {
		c := exec.Command(os.Args[0], "-test.run=^TestHelperOpenChild$", "-test.count=1")
		c.Env = append(os.Environ(), envOpenChild+"="+db)
		return c
	}
	// How long the rollback takes, from BEGIN to END.
	copyFile(t, pending, calib)
	c := openChild(calib)
	cmd, sc = startCmd(t, c)
	start := time.Now()
	for sc.Scan() && sc.Text() != "END" {
	}
	rollback := time.Since(start)
	for sc.Scan() {
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("rollback child: %v", err)
	}

	stillPending := 0
	for i := range runs {
		db := filepath.Join(dir, "run"+strconv.Itoa(i)+".db")
		copyFile(t, pending, db)
		delay := time.Duration(rng.Int64N(int64(rollback) * 3 / 2))
		cmd, _ := startCmd(t, openChild(db))
		time.Sleep(delay)
		_ = cmd.Process.Signal(syscall.SIGKILL)
		_ = cmd.Wait()
		if pendingImports(t, db) > 0 {
			stillPending++
		}
		st, err := store.Open(db, store.Options{})
		if err != nil {
			t.Fatalf("run %d (killed after %v): reopen: %v", i, delay, err)
		}
		if err := st.Check(); err != nil {
			t.Fatalf("run %d (killed after %v): check: %v", i, delay, err)
		}
		checkRollups(t, st, sv)
		if got := fingerprint(t, st, sv); got != none {
			t.Fatalf("run %d (killed after %v): %s after the rollback, want %s", i, delay, got, none)
		}
		imps, err := st.Imports()
		if err != nil {
			t.Fatal(err)
		}
		if len(imps) != 1 || imps[0].State != store.ImportDone {
			t.Fatalf("run %d (killed after %v): imports %+v, want the earlier one only", i, delay, imps)
		}
		if err := st.Close(); err != nil {
			t.Fatal(err)
		}
		os.Remove(db)
	}
	t.Logf("%d runs, a rollback takes %v after start-up: %d were killed before it finished", runs, rollback, stillPending)
}

// startCmd starts cmd and returns once it printed BEGIN, with its output
// from there on.
func startCmd(t *testing.T, cmd *exec.Cmd) (*exec.Cmd, *bufio.Scanner) {
	t.Helper()
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
	t.Fatalf("the child stopped before BEGIN")
	return nil, nil
}
