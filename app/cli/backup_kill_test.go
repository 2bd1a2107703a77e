package cli

import (
	"bytes"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"csatdesk/data/store"
)

// killWriteRuns kills `csatdesk <args> --out DIR/name` at random moments
// (seeded) and checks after each kill that the database is byte-identical
// to before, that the output is either absent or whole (whole checks it),
// and that the same command run again leaves no temporary file behind
// (it removes what the killed one left).
func killWriteRuns(t *testing.T, runs int, seed uint64, name string, args []string, whole func(t *testing.T, out string)) {
	t.Helper()
	db, _ := sampleDB(t)
	before, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	cmdArgs := func(out string) []string { return append(append([]string{}, args...), "--db", db, "--out", out) }
	calib := filepath.Join(t.TempDir(), name)
	full := cliChildTime(t, cmdArgs(calib)...)
	whole(t, calib)
	rng := rand.New(rand.NewPCG(seed, 8))
	nNone, nWhole, nLeft := 0, 0, 0
	for i := range runs {
		dir := t.TempDir()
		out := filepath.Join(dir, name)
		delay := time.Duration(rng.Int64N(int64(full) * 3 / 2))
		cmd, _ := cliChild(t, cmdArgs(out)...)
		time.Sleep(delay)
		_ = cmd.Process.Signal(syscall.SIGKILL)
		_ = cmd.Wait()
		if after, _ := os.ReadFile(db); !bytes.Equal(after, before) {
			t.Fatalf("run %d (killed after %v): the database changed", i, delay)
		}
		if _, err := os.Stat(out); err == nil {
			whole(t, out)
			nWhole++
		} else {
			nNone++
		}
		if left, _ := filepath.Glob(filepath.Join(dir, ".*")); len(left) > 0 {
			nLeft++
		}
		if code := Run(&Env{Stdout: io.Discard, Stderr: io.Discard}, cmdArgs(out)); code != 0 {
			t.Fatalf("run %d: running it again: exit %d", i, code)
		}
		whole(t, out)
		if left, _ := filepath.Glob(filepath.Join(dir, ".*")); len(left) > 0 {
			t.Fatalf("run %d (killed after %v): left after the next run: %v", i, delay, left)
		}
	}
	t.Logf("seed %d, %d runs, the command takes %v: %d left no file, %d a whole one; %d left a temporary file, each removed by the next run",
		seed, runs, full, nNone, nWhole, nLeft)
}

// TestKill9BackupWholeOrNothing: a killed `csatdesk backup` leaves no
// backup or a whole one (it opens, passes the check and holds every
// response), never changes the database, and its temporary file is
// removed by the next backup.
func TestKill9BackupWholeOrNothing(t *testing.T) {
	var want string
	killWriteRuns(t, soakRuns(50, 10), 20261206, "bk.db", []string{"backup"}, func(t *testing.T, out string) {
		t.Helper()
		st, err := store.Open(out, store.Options{ReadOnly: true})
		if err != nil {
			t.Fatalf("the backup does not open: %v", err)
		}
		err = st.Check()
		st.Close()
		if err != nil {
			t.Fatalf("the backup fails the check: %v", err)
		}
		got := surveyCounts(t, out)
		if want == "" {
			want = got
		}
		if got != want {
			t.Fatalf("the backup holds %q, want %q", got, want)
		}
	})
}

// TestKill9ExportWholeOrNothing: a killed `csatdesk export` leaves no file
// or the whole export (byte-identical), and its temporary file is removed
// by the next export into the folder.
func TestKill9ExportWholeOrNothing(t *testing.T) {
	var want []byte
	killWriteRuns(t, soakRuns(25, 6), 20261207, "out.csv", []string{"export", "--survey", "1"}, func(t *testing.T, out string) {
		t.Helper()
		got, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		if want == nil {
			want = got
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("the export is not whole: %d bytes, want %d", len(got), len(want))
		}
	})
}
