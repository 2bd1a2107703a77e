package cli

import (
	"bufio"
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

const (
	envSampleChild = "CSATDESK_SAMPLE_CHILD"
	envSampleDB    = "CSATDESK_SAMPLE_DB"
)

// TestHelperSampleChild is the child of TestKill9SampleAllOrNothing; it
// does nothing in a normal run.
func TestHelperSampleChild(t *testing.T) {
	if os.Getenv(envSampleChild) != "1" {
		t.Skip("runs only as the child of TestKill9SampleAllOrNothing")
	}
	os.Stdout.WriteString("BEGIN\n")
	if code := Run(&Env{Stdout: os.Stdout, Stderr: os.Stderr}, []string{"sample", "--db", os.Getenv(envSampleDB), "--seed", "3"}); code != 0 {
		t.Fatalf("sample: exit %d", code)
	}
	os.Stdout.WriteString("END\n")
}

// sampleChild runs `csatdesk sample` on db in a child process and returns
// once it is about to start.
func sampleChild(t *testing.T, db string) (*exec.Cmd, *bufio.Scanner) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperSampleChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), envSampleChild+"=1", envSampleDB+"="+db)
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
	t.Fatal("the child stopped before the sample")
	return nil, nil
}

// sampleState returns how many surveys and responses the store at db
// holds, after checking the file.
func sampleState(t *testing.T, db string) (surveys, responses int) {
	t.Helper()
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.Check(); err != nil {
		t.Fatal(err)
	}
	svs, err := st.Surveys()
	if err != nil {
		t.Fatal(err)
	}
	for _, sv := range svs {
		stats, err := st.SurveyStats(sv.ID)
		if err != nil {
			t.Fatal(err)
		}
		responses += int(stats.Responses)
	}
	return len(svs), responses
}

// TestKill9SampleAllOrNothing kills `csatdesk sample` at random moments
// (seeded) and checks that each kill leaves either no survey or the
// sample survey with all its responses — never an empty survey.
func TestKill9SampleAllOrNothing(t *testing.T) {
	runs := 30
	if testing.Short() {
		runs = 8
	}
	dir := t.TempDir()
	calib := filepath.Join(dir, "calib.db")
	cmd, sc := sampleChild(t, calib)
	start := time.Now()
	for sc.Scan() && sc.Text() != "END" {
	}
	full := time.Since(start)
	for sc.Scan() {
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("child: %v", err)
	}
	_, all := sampleState(t, calib)
	if all == 0 {
		t.Fatal("the sample stored nothing")
	}

	const seed = 20261206
	rng := rand.New(rand.NewPCG(seed, 3))
	nNone, nWhole := 0, 0
	for i := range runs {
		db := filepath.Join(dir, "run"+strconv.Itoa(i)+".db")
		delay := time.Duration(rng.Int64N(int64(full) * 3 / 2))
		cmd, _ := sampleChild(t, db)
		time.Sleep(delay)
		_ = cmd.Process.Signal(syscall.SIGKILL)
		_ = cmd.Wait()
		if _, err := os.Stat(db); err != nil {
			nNone++ // killed before the file was made
			continue
		}
		switch n, rs := sampleState(t, db); {
		case n == 0 && rs == 0:
			nNone++
		case n == 1 && rs == all:
			nWhole++
		default:
			t.Fatalf("run %d (killed after %v): %d surveys with %d responses; want none, or 1 with %d", i, delay, n, rs, all)
		}
		os.Remove(db)
	}
	t.Logf("seed %d, %d runs, the sample takes %v: %d left nothing, %d the whole sample", seed, runs, full, nNone, nWhole)
}
