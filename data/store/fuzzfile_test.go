package store

import (
	"bytes"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"csatdesk/data"
)

// smallDB returns the bytes of a small database holding a survey with a
// few responses and an interrupted import: the fuzz targets' seed.
func smallDB(f *testing.F) []byte {
	f.Helper()
	path := filepath.Join(f.TempDir(), "seed.db")
	st, err := Open(path, Options{Create: true})
	if err != nil {
		f.Fatal(err)
	}
	sv := testSurvey("seed")
	if err := st.CreateSurvey(&sv); err != nil {
		f.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 1))
	if err := st.AddResponses(genResponses(rng, sv.ID, 30, data.DayFromDate(2025, 1, 1), 5)); err != nil {
		f.Fatal(err)
	}
	tx, err := st.BeginImport(ImportRecord{SurveyID: sv.ID, FileName: "f.csv", Hash: "h"})
	if err != nil {
		f.Fatal(err)
	}
	if err := tx.AddResponses(genResponses(rng, sv.ID, 20, data.DayFromDate(2025, 2, 1), 5)); err != nil {
		f.Fatal(err)
	}
	st.Close()
	b, err := os.ReadFile(path)
	if err != nil {
		f.Fatal(err)
	}
	// bbolt grows the file 16 MB at a time: keep only the pages in use
	// (the high-water mark of the newest meta page), a few dozen KB.
	w := &pageWalker{seen: map[uint64]bool{}}
	w.f, _ = os.Open(path)
	defer w.f.Close()
	w.size = int64(len(b))
	if _, _, err := w.meta(); err != nil {
		f.Fatal(err)
	}
	return b[:w.hwm*uint64(w.pageSize)]
}

// FuzzStoreFile: whatever the bytes of a database file, the structural
// check, Salvage and a read-only Open never panic, never hang and never write to a
// file they refuse; a file they open reads without a panic (errors are
// ErrCorrupt).
func FuzzStoreFile(f *testing.F) {
	seed := smallDB(f)
	f.Add(seed)
	torn := bytes.Clone(seed)
	clear(torn[2*4096 : 3*4096])
	f.Add(torn)
	f.Add(seed[:5*4096])
	f.Fuzz(func(t *testing.T, in []byte) {
		// Whole pages: a file cut short is refused at once (TestOpen
		// covers that); a changed byte goes deeper.
		if r := len(in) % 4096; r != 0 {
			in = append(in, make([]byte, 4096-r)...)
		}
		path := filepath.Join(t.TempDir(), "f.db")
		if err := os.WriteFile(path, in, 0o600); err != nil {
			t.Fatal(err)
		}
		_ = checkStructure(path)
		if _, err := Salvage(path); err != nil && !errors.Is(err, ErrCorrupt) {
			t.Fatalf("salvage: %v", err)
		}
		// Read-only: the read-write path (rollback, fsyncs) is the damage
		// suite's; here many inputs a second matter more.
		st, err := Open(path, Options{ReadOnly: true})
		if err != nil {
			if after, _ := os.ReadFile(path); len(in) > 0 && !bytes.Equal(after, in) {
				t.Fatalf("refused (%v) but written to", err)
			}
			return
		}
		defer st.Close()
		_, _ = stateDigest(st)
	})
}

// FuzzDecodeRecords: the JSON records of the store (surveys, imports)
// never panic on any bytes, and what they accept encodes back to a record
// that decodes the same.
func FuzzDecodeRecords(f *testing.F) {
	sv := testSurvey("x")
	b, _ := encodeSurvey(&sv)
	f.Add(b)
	imp, _ := encodeImport(&ImportRecord{ID: 3, SurveyID: 1, FileName: "a.csv", Hash: "h", State: ImportPending})
	f.Add(imp)
	f.Add([]byte(`{"v":1}`))
	f.Fuzz(func(t *testing.T, in []byte) {
		if sv, err := decodeSurvey(in); err == nil {
			b, err := encodeSurvey(&sv)
			if err != nil {
				return // a survey no encoder would write: fine to refuse
			}
			if _, err := decodeSurvey(b); err != nil {
				t.Fatalf("a decoded survey does not decode again: %v", err)
			}
		}
		if rec, err := decodeImport(in); err == nil {
			b, err := encodeImport(&rec)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := decodeImport(b); err != nil {
				t.Fatalf("a decoded import record does not decode again: %v", err)
			}
		}
	})
}
