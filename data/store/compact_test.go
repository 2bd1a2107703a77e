package store

import (
	"context"
	"errors"
	"math/rand/v2"
	"os"
	"testing"
	"time"

	"csatdesk/data"
)

// bigAbortedImport fills the store at path with a survey of a few
// responses and an import of n rows that is aborted: the file keeps the
// pages the import used, free.
func bigAbortedImport(t *testing.T, st *Store, n int) data.Survey {
	t.Helper()
	first := data.DayFromDate(2024, 1, 1)
	rng := rand.New(rand.NewPCG(7, 7))
	sv := mustCreateSurvey(t, st, "S")
	if err := st.AddResponses(genResponses(rng, sv.ID, 300, first, 300)); err != nil {
		t.Fatal(err)
	}
	tx, err := st.BeginImport(ImportRecord{SurveyID: sv.ID, FileName: "big.csv", Hash: "big"})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < n; i += 5000 {
		if err := tx.AddResponses(genResponses(rng, sv.ID, min(5000, n-i), first, 700)); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Abort(); err != nil {
		t.Fatal(err)
	}
	return sv
}

func TestCompact(t *testing.T) {
	t.Run("a file with the free pages of an aborted import shrinks and holds exactly the same", func(t *testing.T) {
		st, path := openTemp(t)
		sv := bigAbortedImport(t, st, 30000)
		before := dumpAll(t, st)
		if err := st.Close(); err != nil {
			t.Fatal(err)
		}
		// Leftovers of a killed compaction are cleaned up.
		for _, p := range []string{path + ".compact-tmp", path + ".bak-compact"} {
			if err := os.WriteFile(p, []byte("left over"), 0o600); err != nil {
				t.Fatal(err)
			}
		}
		var steps []float64
		rep, err := Compact(context.Background(), path, func(f float64) { steps = append(steps, f) })
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%d → %d bytes, %d responses", rep.Before, rep.After, rep.Responses)
		if rep.Responses != 300 || rep.After >= rep.Before/2 {
			t.Errorf("report %+v: want 300 responses and a file less than half the size", rep)
		}
		if fi, _ := os.Stat(path); fi.Size() != rep.After {
			t.Errorf("the file is %d bytes, the report says %d", fi.Size(), rep.After)
		}
		if len(steps) == 0 || steps[len(steps)-1] != 1 {
			t.Errorf("progress %v, want it to end at 1", steps)
		}
		for _, p := range []string{path + ".compact-tmp", path + ".bak-compact"} {
			if _, err := os.Stat(p); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("%s is left: %v", p, err)
			}
		}
		st, err = Open(path, Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		assertSameDump(t, dumpAll(t, st), before)
		assertRollupsMatchRecount(t, st, sv.ID)
		// Sequences survive: the next survey gets the next ID.
		if next := mustCreateSurvey(t, st, "T"); next.ID != sv.ID+1 {
			t.Errorf("the next survey's ID is %d, want %d", next.ID, sv.ID+1)
		}
	})

	t.Run("a file another process holds is not compacted", func(t *testing.T) {
		st, path := openTemp(t)
		mustCreateSurvey(t, st, "S")
		fi, _ := os.Stat(path)
		if _, err := Compact(context.Background(), path, nil); !errors.Is(err, ErrLocked) {
			t.Fatalf("got %v, want ErrLocked", err)
		}
		if fi2, _ := os.Stat(path); fi2.Size() != fi.Size() || !fi2.ModTime().Equal(fi.ModTime()) {
			t.Error("the file changed")
		}
	})

	t.Run("a cancelled compaction leaves the file as it was", func(t *testing.T) {
		st, path := openTemp(t)
		mustCreateSurvey(t, st, "S")
		st.Close()
		data0, _ := os.ReadFile(path)
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if _, err := Compact(ctx, path, nil); !errors.Is(err, context.Canceled) {
			t.Fatalf("got %v, want context.Canceled", err)
		}
		if data1, _ := os.ReadFile(path); string(data1) != string(data0) {
			t.Error("the file changed")
		}
	})

	t.Run("a missing file is ErrNoDatabase", func(t *testing.T) {
		if _, err := Compact(context.Background(), t.TempDir()+"/none.db", nil); !errors.Is(err, ErrNoDatabase) {
			t.Fatalf("got %v", err)
		}
	})
}

func TestCompactAnOpenStore(t *testing.T) {
	st, path := openTemp(t)
	sv := bigAbortedImport(t, st, 20000)
	first := data.DayFromDate(2024, 1, 1)
	// Writers and readers go on during the compaction; nothing they do is
	// lost or sees a closed file.
	done := make(chan error, 2)
	stop := make(chan struct{})
	go func() {
		rng := rand.New(rand.NewPCG(9, 9))
		for i := 0; ; i++ {
			select {
			case <-stop:
				done <- nil
				return
			default:
			}
			if err := st.AddResponses(genResponses(rng, sv.ID, 10, first, 30)); err != nil {
				done <- err
				return
			}
		}
	}()
	go func() {
		for {
			select {
			case <-stop:
				done <- nil
				return
			default:
			}
			if _, err := st.SurveyStats(sv.ID); err != nil {
				done <- err
				return
			}
		}
	}()
	rep, err := st.Compact(context.Background(), nil)
	close(stop)
	for range 2 {
		if err := <-done; err != nil {
			t.Errorf("during the compaction: %v", err)
		}
	}
	if err != nil {
		t.Fatal(err)
	}
	if rep.After >= rep.Before {
		t.Errorf("report %+v", rep)
	}
	assertRollupsMatchRecount(t, st, sv.ID)
	before := dumpAll(t, st)
	if _, err := Open(path, Options{ReadOnly: true, Timeout: 50 * time.Millisecond}); !errors.Is(err, ErrLocked) {
		t.Errorf("opening the compacted file beside the store that has it: %v, want ErrLocked", err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	// What the open store wrote after the swap is in the file at path.
	st2, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st2.Close()
	assertSameDump(t, dumpAll(t, st2), before)
}
