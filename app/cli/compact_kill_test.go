package cli

import (
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"csatdesk/data/store"
)

// TestKill9CompactLeavesOneWholeFile kills `csatdesk compact` at random
// moments (seeded) and checks that the database at its path then opens,
// passes the check and holds every survey and response as before.
func TestKill9CompactLeavesOneWholeFile(t *testing.T) {
	runs := soakRuns(50, 10)
	dir := t.TempDir()
	base, first := sampleDB(t)
	st, err := store.Open(base, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.DeleteSurvey(first.ID); err != nil { // free pages to reclaim
		t.Fatal(err)
	}
	if _, _, err := CreateSample(st, 5, testNow); err != nil {
		t.Fatal(err)
	}
	st.Close()
	want := surveyCounts(t, base)
	copyTo := func(db string) {
		b, err := os.ReadFile(base)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(db, b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	calib := filepath.Join(dir, "calib.db")
	copyTo(calib)
	full := cliChildTime(t, "compact", "--db", calib)
	rng := rand.New(rand.NewPCG(20261206, 4))
	compacted := 0
	for i := range runs {
		db := filepath.Join(dir, "run"+strconv.Itoa(i)+".db")
		copyTo(db)
		before, _ := os.Stat(db)
		delay := time.Duration(rng.Int64N(int64(full) * 3 / 2))
		cmd, _ := cliChild(t, "compact", "--db", db)
		time.Sleep(delay)
		_ = cmd.Process.Signal(syscall.SIGKILL)
		_ = cmd.Wait()
		st, err := store.Open(db, store.Options{})
		if err != nil {
			t.Fatalf("run %d (killed after %v): %v", i, delay, err)
		}
		if err := st.Check(); err != nil {
			t.Fatalf("run %d (killed after %v): %v", i, delay, err)
		}
		st.Close()
		if got := surveyCounts(t, db); got != want {
			t.Fatalf("run %d (killed after %v): %q, want %q", i, delay, got, want)
		}
		if after, _ := os.Stat(db); after.Size() < before.Size() {
			compacted++
		}
		// The next compaction cleans up what the killed one left.
		if code := Run(&Env{Stdout: io.Discard, Stderr: io.Discard}, []string{"compact", "--db", db}); code != 0 {
			t.Fatalf("run %d: compacting again: exit %d", i, code)
		}
		left, _ := filepath.Glob(db + ".*")
		if len(left) != 0 {
			t.Fatalf("run %d: left %v", i, left)
		}
		os.Remove(db)
	}
	t.Logf("%d runs, a compaction takes %v: %d were killed after the file was replaced, %d before", runs, full, compacted, runs-compacted)
}
