package store

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"csatdesk/data"
)

// envSoakRuns, when set to a positive number, replaces the run count of
// every kill test (`make soak` sets it to 1000; app/cli and
// data/store/ingest read the same variable).
const envSoakRuns = "CSATDESK_SOAK_RUNS"

// soakRuns is the number of kill runs a test makes: def normally, short
// under -short, and the envSoakRuns value when that is set.
func soakRuns(def, short int) int {
	if n, err := strconv.Atoi(os.Getenv(envSoakRuns)); err == nil && n > 0 {
		return n
	}
	if testing.Short() {
		return short
	}
	return def
}

// envEntryChild names the database the typed-entry child saves into.
const envEntryChild = "CSATDESK_STORE_ENTRY_CHILD"

// entryForms is how many forms the typed-entry child saves, one
// transaction each (AddResponse, as the entry screen's Ctrl+Enter).
const entryForms = 400

// entrySeed makes the typed forms: the parent regenerates them to compare.
const entrySeed = 77

// typedForms returns the forms the child types into survey sid.
func typedForms(sid uint64) []data.Response {
	rng := rand.New(rand.NewPCG(entrySeed, 1))
	return genResponses(rng, sid, entryForms, data.DayFromDate(2025, 3, 1), 30)
}

// TestHelperEntryChild is the child of TestKill9TypedEntry: it saves
// entryForms responses one at a time, printing "SAVED i" after each. It
// does nothing in a normal run.
func TestHelperEntryChild(t *testing.T) {
	db := os.Getenv(envEntryChild)
	if db == "" {
		t.Skip("runs only as the child of TestKill9TypedEntry")
	}
	st, err := Open(db, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	svs, err := st.Surveys()
	if err != nil || len(svs) != 1 {
		t.Fatalf("surveys %v: %v", svs, err)
	}
	w := bufio.NewWriter(os.Stdout)
	w.WriteString("BEGIN\n")
	w.Flush()
	for i, r := range typedForms(svs[0].ID) {
		if err := st.AddResponse(&r); err != nil {
			t.Fatal(err)
		}
		w.WriteString("SAVED " + strconv.Itoa(i) + "\n")
		w.Flush()
	}
	w.WriteString("END\n")
	w.Flush()
}

// TestKill9TypedEntry kills a process saving typed forms one by one at
// random moments (seeded) and checks after each kill that the file passes
// the check, every response stored before is byte-identical, the forms
// saved are a prefix of what was typed (each whole, with its answers,
// tags and rollups), and at least every form the child reported saved.
func TestKill9TypedEntry(t *testing.T) {
	runs := soakRuns(50, 10)
	dir := t.TempDir()
	base := filepath.Join(dir, "base.db")
	st, err := Open(base, Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	sv := mustCreateSurvey(t, st, "typed")
	rng := rand.New(rand.NewPCG(5, 6))
	if err := st.AddResponses(genResponses(rng, sv.ID, 500, data.DayFromDate(2025, 1, 1), 40)); err != nil {
		t.Fatal(err)
	}
	earlier := dumpBucket(t, st, bucketResponses)
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	baseBytes, err := os.ReadFile(base)
	if err != nil {
		t.Fatal(err)
	}
	start := func(db string) (*exec.Cmd, *bufio.Scanner) {
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperEntryChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), envEntryChild+"="+db)
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
		t.Fatal("the child stopped before BEGIN")
		return nil, nil
	}
	// Calibrate: how long saving every form takes.
	calib := filepath.Join(dir, "calib.db")
	if err := os.WriteFile(calib, baseBytes, 0o600); err != nil {
		t.Fatal(err)
	}
	cmd, sc := start(calib)
	t0 := time.Now()
	for sc.Scan() && sc.Text() != "END" {
	}
	full := time.Since(t0)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("child: %v", err)
	}

	want := typedForms(sv.ID)
	krng := rand.New(rand.NewPCG(20261206, 7))
	total := 0
	for i := range runs {
		db := filepath.Join(dir, "run"+strconv.Itoa(i)+".db")
		if err := os.WriteFile(db, baseBytes, 0o600); err != nil {
			t.Fatal(err)
		}
		delay := time.Duration(krng.Int64N(int64(full) * 11 / 10))
		cmd, sc := start(db)
		reported := make(chan int, 1)
		go func() {
			n := 0
			for sc.Scan() {
				if s, ok := strings.CutPrefix(sc.Text(), "SAVED "); ok {
					n, _ = strconv.Atoi(s)
					n++
				}
			}
			reported <- n
		}()
		time.Sleep(delay)
		_ = cmd.Process.Signal(syscall.SIGKILL)
		_ = cmd.Wait()
		saved := <-reported

		st, err := Open(db, Options{})
		if err != nil {
			t.Fatalf("run %d (killed after %v): reopen: %v", i, delay, err)
		}
		if err := st.Check(); err != nil {
			t.Fatalf("run %d (killed after %v): check: %v", i, delay, err)
		}
		var got []data.Response
		if err := st.EachResponse(sv.ID, 0, 0, func(r data.Response) error {
			if r.Day() >= data.DayFromDate(2025, 3, 1) { // the earlier ones end in February
				got = append(got, r)
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		all := dumpBucket(t, st, bucketResponses)
		for k, v := range earlier {
			if all[k] != v {
				t.Fatalf("run %d (killed after %v): earlier response %q changed", i, delay, k)
			}
		}
		typed := len(all) - len(earlier)
		if typed != len(got) || typed < saved || typed > saved+1 || typed > len(want) {
			t.Fatalf("run %d (killed after %v): %d typed forms stored, the child had reported %d saved", i, delay, typed, saved)
		}
		// The typed forms stored are the first typed ones, whole.
		stored := map[string]bool{}
		for _, r := range got {
			stored[formSig(r)] = true
		}
		for j := range typed {
			r := want[j]
			if !stored[formSig(r)] {
				t.Fatalf("run %d (killed after %v): typed form %d is missing or not whole", i, delay, j)
			}
		}
		assertRollupsMatchRecount(t, st, sv.ID)
		if err := st.Close(); err != nil {
			t.Fatal(err)
		}
		total += typed
		os.Remove(db)
	}
	t.Logf("%d runs, saving %d forms takes %v: %d forms were stored in all", runs, entryForms, full, total)
}

// formSig is what a typed form says: its number, time, channel, tags,
// answers and texts (fmt prints maps sorted by key).
func formSig(r data.Response) string {
	return fmt.Sprint(r.FormNumber, "|", r.CollectedAt.UnixNano(), "|", r.Channel, "|", r.Tags, "|", r.Answers, "|", r.Texts)
}
