package store

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"

	"csatdesk/data"
)

func TestRestoreFileReplacesADamagedFileAndKeepsItUntouched(t *testing.T) {
	st, path := openTemp(t)
	sv := mustCreateSurvey(t, st, "S")
	rng := rand.New(rand.NewPCG(3, 3))
	if err := st.AddResponses(genResponses(rng, sv.ID, 200, data.DayFromDate(2025, 1, 1), 60)); err != nil {
		t.Fatal(err)
	}
	backup := filepath.Join(t.TempDir(), "backup.db")
	if err := st.BackupFile(backup); err != nil {
		t.Fatal(err)
	}
	want := dumpAll(t, st)
	st.Close()
	damaged, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2*4096; i++ { // both meta pages
		damaged[i] ^= 0x5A
	}
	if err := os.WriteFile(path, damaged, 0o600); err != nil {
		t.Fatal(err)
	}
	aside := path + ".damaged-test"
	rep, err := RestoreFile(path, backup, aside)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Aside != aside || rep.Responses != 200 {
		t.Errorf("report %+v", rep)
	}
	if kept, _ := os.ReadFile(aside); !bytes.Equal(kept, damaged) {
		t.Error("the damaged file was not kept as it was")
	}
	st, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	assertSameDump(t, dumpAll(t, st), want)
	if _, err := os.Stat(path + ".restore-tmp"); !os.IsNotExist(err) {
		t.Errorf("the temporary copy is left: %v", err)
	}
}
