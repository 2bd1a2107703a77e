package store

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"
)

// TestRemoveStaleTempsOnlyLeftovers: a temporary file of a process that
// is gone goes; one of a live process (this one, another one) stays; an
// older version's name goes only once old; other files never.
func TestRemoveStaleTempsOnlyLeftovers(t *testing.T) {
	dir := t.TempDir()
	gone := exec.Command("true")
	if err := gone.Run(); err != nil {
		t.Skip("no true command")
	}
	live := exec.Command("sleep", "30")
	if err := live.Start(); err != nil {
		t.Skip("no sleep command")
	}
	defer func() { _ = live.Process.Kill(); _ = live.Wait() }()
	dead, alive, self := strconv.Itoa(gone.Process.Pid), strconv.Itoa(live.Process.Pid), strconv.Itoa(os.Getpid())
	files := map[string]bool{ // name → should go
		".b.db.tmp-" + dead + "-123":  true,
		".b.db.tmp-" + alive + "-456": false,
		".b.db.tmp-" + self + "-789":  false,
		".b.db.tmp98765":              true, // an older version's, made old below
		".b.db.tmp43210":              false,
		".b.db.tmpfoo":                false,
		"b.db":                        false,
		".b.db.tmp-x-1":               false,
	}
	for name := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	old := time.Now().Add(-2 * legacyTempAge)
	os.Chtimes(filepath.Join(dir, ".b.db.tmp98765"), old, old)
	removed := RemoveStaleTemps(dir, ".b.db.tmp")
	for name, goes := range files {
		_, err := os.Stat(filepath.Join(dir, name))
		if gone := os.IsNotExist(err); gone != goes {
			t.Errorf("%s: removed %v, want %v", name, gone, goes)
		}
		if goes && !slices.Contains(removed, filepath.Join(dir, name)) {
			t.Errorf("%s not reported", name)
		}
	}
}

// TestBackupFileCleansWhatAKilledBackupLeft: the next backup to the same
// file removes the temporary file a killed one left, and its own leaves
// none.
func TestBackupFileCleansWhatAKilledBackupLeft(t *testing.T) {
	st, _ := openTemp(t)
	mustCreateSurvey(t, st, "x")
	dir := t.TempDir()
	gone := exec.Command("true")
	if err := gone.Run(); err != nil {
		t.Skip("no true command")
	}
	left := filepath.Join(dir, ".bk.db.tmp-"+strconv.Itoa(gone.Process.Pid)+"-1")
	os.WriteFile(left, []byte("half a backup"), 0o600)
	if err := st.BackupFile(filepath.Join(dir, "bk.db")); err != nil {
		t.Fatal(err)
	}
	names, _ := filepath.Glob(filepath.Join(dir, "*"))
	hidden, _ := filepath.Glob(filepath.Join(dir, ".*"))
	if len(names) != 1 || len(hidden) != 0 {
		t.Errorf("after the backup: %v %v", names, hidden)
	}
}
