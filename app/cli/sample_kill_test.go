package cli

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"csatdesk/data/store"
)

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
	runs := soakRuns(50, 10)
	dir := t.TempDir()
	calib := filepath.Join(dir, "calib.db")
	full := cliChildTime(t, "sample", "--db", calib, "--seed", "3")
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
		cmd, _ := cliChild(t, "sample", "--db", db, "--seed", "3")
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
