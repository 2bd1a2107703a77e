package kiosk

import (
	"bufio"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"csatdesk/data"
)

// envKioskChild names the database a kill test's child taps into.
const envKioskChild = "CSATDESK_KIOSK_CHILD"

// soakRuns is the run count of a kill test: CSATDESK_SOAK_RUNS (make soak
// sets 1000), else short under -short, else def (as in app/cli).
func soakRuns(def, short int) int {
	if n, err := strconv.Atoi(os.Getenv("CSATDESK_SOAK_RUNS")); err == nil && n > 0 {
		return n
	}
	if testing.Short() {
		return short
	}
	return def
}

// childTaps is how many presses a child makes unless killed.
const childTaps = 1000

// TestHelperKioskChild is the kill test's child: a kiosk that presses
// childTaps times and prints each press's ID once Tap returned, i.e. when
// the window would show its thank-you. It does nothing in a normal run.
func TestHelperKioskChild(t *testing.T) {
	path := os.Getenv(envKioskChild)
	if path == "" {
		t.Skip("runs only as the child of a kill test")
	}
	st := openStore(t, path)
	svs, err := st.Surveys()
	if err != nil || len(svs) != 1 {
		t.Fatalf("surveys: %v", err)
	}
	s, err := New(Config{Survey: svs[0], Location: "Riga", Device: "till"}, st)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(os.Stdout)
	w.WriteString("BEGIN\n")
	w.Flush()
	at := time.Now()
	for i := range childTaps {
		p, err := s.Tap(1+i%5, at.Add(time.Duration(i)*time.Second))
		if err != nil {
			t.Fatal(err)
		}
		w.WriteString(p.Response.ID.String() + "\n")
		w.Flush() // the thank-you shows only now
	}
	w.WriteString("END\n")
	w.Flush()
}

// TestKillingTheKioskLosesNoCommittedPress kills the kiosk at random
// moments while it presses up to 1,000 times, then checks that every press
// it reported (showed the thank-you for) is in the database, which opens
// cleanly.
func TestKillingTheKioskLosesNoCommittedPress(t *testing.T) {
	runs := soakRuns(3, 1)
	path := filepath.Join(t.TempDir(), "kill.db")
	st := openStore(t, path)
	sv := kioskSurvey()
	if err := st.CreateSurvey(&sv); err != nil {
		t.Fatal(err)
	}
	st.Close()
	total := 0
	for run := range runs {
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperKioskChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), envKioskChild+"="+path)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(out)
		for sc.Scan() && sc.Text() != "BEGIN" {
		}
		// Kill after a random number of reported presses, at a random
		// moment within the next one.
		killAt := 1 + rand.IntN(childTaps/4)
		var ids []string
		for sc.Scan() {
			line := sc.Text()
			if line == "END" {
				break
			}
			ids = append(ids, line)
			if len(ids) == killAt {
				time.Sleep(time.Duration(rand.IntN(3000)) * time.Microsecond)
				_ = cmd.Process.Kill()
				break
			}
		}
		for sc.Scan() { // presses reported before the kill landed
			if l := sc.Text(); l != "END" && l != "PASS" && !strings.HasPrefix(l, "ok") && len(l) == 32 {
				ids = append(ids, l)
			}
		}
		_ = cmd.Wait()
		st := openStore(t, path)
		for _, s := range ids {
			id, err := data.ParseResponseID(s)
			if err != nil {
				t.Fatalf("run %d: child printed %q", run, s)
			}
			if _, err := st.Response(sv.ID, id); err != nil {
				t.Errorf("run %d: press %s was thanked for but is not stored: %v", run, s, err)
			}
		}
		if err := st.Check(); err != nil {
			t.Errorf("run %d: the database after the kill: %v", run, err)
		}
		st.Close()
		total += len(ids)
	}
	t.Logf("%d runs, %d thanked presses, all stored", runs, total)
}
