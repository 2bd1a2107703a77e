package cli

import (
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"csatdesk/data/store"
)

// exportAll is every survey of db exported as CSV, one after the other:
// what a restore or a backup must keep byte for byte.
func exportAll(t *testing.T, db string) string {
	t.Helper()
	st, err := store.Open(db, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	svs, err := st.Surveys()
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	for _, sv := range svs {
		status, out, errs := run("export", "--db", db, "--survey", strconv.FormatUint(sv.ID, 10), "--out", "-")
		if status != 0 {
			t.Fatalf("export %s: %s", sv.Name, errs)
		}
		all.WriteString(sv.Name + "\n" + out)
	}
	return all.String()
}

func TestBackupWithoutOutMakesACheckedBackupThatBackupsLists(t *testing.T) {
	db, _ := sampleDB(t)
	status, stdout, errs := run("backup", "--db", db)
	if status != 0 || !strings.Contains(stdout, "sample-backups") || !strings.Contains(stdout, "checked") {
		t.Fatalf("status %d, %q: %s", status, stdout, errs)
	}
	list, err := store.ListBackups(store.BackupDir(db), db)
	if err != nil || len(list) != 1 || list[0].Responses == 0 || list[0].Surveys != 1 {
		t.Fatalf("%+v, %v", list, err)
	}
	status, stdout, errs = run("backups", "--db", db, "--check")
	if status != 0 || !strings.Contains(stdout, filepath.Base(list[0].Path)) || !strings.Contains(stdout, "checked") ||
		!strings.Contains(stdout, strconv.FormatUint(list[0].Responses, 10)) {
		t.Fatalf("backups: status %d, %q: %s", status, stdout, errs)
	}
	// A damaged backup is found by --check.
	b, _ := os.ReadFile(list[0].Path)
	b[len(b)/2] ^= 0xFF
	if err := os.WriteFile(list[0].Path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	if status, stdout, _ := run("backups", "--db", db, "--check"); status == 0 || !strings.Contains(stdout, "DAMAGED") {
		t.Errorf("a damaged backup: status %d, %q", status, stdout)
	}
	empty := filepath.Join(t.TempDir(), "none")
	if status, stdout, _ := run("backups", "--db", db, "--dir", empty); status != 0 || !strings.Contains(stdout, "No backups") {
		t.Errorf("no backups: status %d, %q", status, stdout)
	}
}

func TestRestoreFromACompressedBackupIsExact(t *testing.T) {
	db, sv := sampleDB(t)
	want := exportAll(t, db)
	dir := t.TempDir()
	if status, _, errs := run("backup", "--db", db, "--dir", dir); status != 0 {
		t.Fatal(errs)
	}
	list, _ := store.ListBackups(dir, db)
	st, err := store.Open(db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.DeleteSurvey(sv.ID); err != nil {
		t.Fatal(err)
	}
	st.Close()
	if exportAll(t, db) == want {
		t.Fatal("the delete changed nothing")
	}
	status, stdout, errs := run("restore", "--db", db, "--from", list[0].Path)
	if status != 0 || !strings.Contains(stdout, "checked") {
		t.Fatalf("status %d, %q: %s", status, stdout, errs)
	}
	if got := exportAll(t, db); got != want {
		t.Error("the export after the restore differs from the one before")
	}
}

// TestKill9BackupLeavesNoBrokenBackup kills `csatdesk backup --db` (into
// the backups folder) at random moments: the database then passes the
// check and exports byte for byte as before, every backup listed passes
// its check, and the next backup removes what the killed one left.
func TestKill9BackupLeavesNoBrokenBackup(t *testing.T) {
	runs := soakRuns(30, 8)
	db, _ := sampleDB(t)
	want := exportAll(t, db)
	dir := filepath.Join(t.TempDir(), "backups")
	full := cliChildTime(t, "backup", "--db", db, "--dir", dir)
	rng := rand.New(rand.NewPCG(20261206, 15))
	made := 0
	for i := range runs {
		// Each run its own folder: a backup made in it is checked, and
		// rotation does not blur what the run left.
		runDir := filepath.Join(dir, strconv.Itoa(i))
		delay := time.Duration(rng.Int64N(int64(full) * 3 / 2))
		cmd, _ := cliChild(t, "backup", "--db", db, "--dir", runDir)
		time.Sleep(delay)
		_ = cmd.Process.Signal(syscall.SIGKILL)
		_ = cmd.Wait()
		st, err := store.Open(db, store.Options{})
		if err != nil {
			t.Fatalf("run %d (killed after %v): %v", i, delay, err)
		}
		err = st.Check()
		st.Close()
		if err != nil {
			t.Fatalf("run %d (killed after %v): %v", i, delay, err)
		}
		if got := exportAll(t, db); got != want {
			t.Fatalf("run %d (killed after %v): the database's export changed", i, delay)
		}
		list, err := store.ListBackups(runDir, db)
		if err != nil {
			t.Fatalf("run %d: %v", i, err)
		}
		for _, b := range list {
			if _, err := store.VerifyBackup(b.Path); err != nil {
				t.Fatalf("run %d (killed after %v): a listed backup fails its check: %v", i, delay, err)
			}
		}
		made += len(list)
		if code := Run(&Env{Stdout: io.Discard, Stderr: io.Discard}, []string{"backup", "--db", db, "--dir", runDir}); code != 0 {
			t.Fatalf("run %d: backing up again: exit %d", i, code)
		}
		if left, _ := filepath.Glob(filepath.Join(runDir, ".csatdesk-backup-tmp-*")); len(left) != 0 {
			t.Fatalf("run %d: left %v", i, left)
		}
		os.RemoveAll(runDir)
	}
	t.Logf("%d runs, a backup takes %v: %d finished before the kill", runs, full, made)
}

// TestKill9RestoreLeavesOneWholeFile kills `csatdesk restore` of a
// compressed backup at random moments: the database is then the one
// before or the backup's, whole, exported byte for byte as one of them.
func TestKill9RestoreLeavesOneWholeFile(t *testing.T) {
	runs := soakRuns(30, 8)
	dir := t.TempDir()
	base, sv := sampleDB(t)
	if status, _, errs := run("backup", "--db", base, "--dir", filepath.Join(dir, "b")); status != 0 {
		t.Fatal(errs)
	}
	list, _ := store.ListBackups(filepath.Join(dir, "b"), base)
	backup := list[0].Path
	wantBackup := exportAll(t, base)
	st, err := store.Open(base, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.DeleteSurvey(sv.ID); err != nil { // other contents
		t.Fatal(err)
	}
	if _, _, err := CreateSample(st, 9, testNow); err != nil {
		t.Fatal(err)
	}
	st.Close()
	wantBefore := exportAll(t, base)
	baseBytes, err := os.ReadFile(base)
	if err != nil {
		t.Fatal(err)
	}
	calib := filepath.Join(dir, "calib.db")
	if err := os.WriteFile(calib, baseBytes, 0o600); err != nil {
		t.Fatal(err)
	}
	full := cliChildTime(t, "restore", "--db", calib, "--from", backup)
	rng := rand.New(rand.NewPCG(20261206, 16))
	restored := 0
	for i := range runs {
		db := filepath.Join(dir, "run"+strconv.Itoa(i)+".db")
		if err := os.WriteFile(db, baseBytes, 0o600); err != nil {
			t.Fatal(err)
		}
		delay := time.Duration(rng.Int64N(int64(full) * 3 / 2))
		cmd, _ := cliChild(t, "restore", "--db", db, "--from", backup)
		time.Sleep(delay)
		_ = cmd.Process.Signal(syscall.SIGKILL)
		_ = cmd.Wait()
		st, err := store.Open(db, store.Options{})
		if err != nil {
			t.Fatalf("run %d (killed after %v): %v", i, delay, err)
		}
		err = st.Check()
		st.Close()
		if err != nil {
			t.Fatalf("run %d (killed after %v): %v", i, delay, err)
		}
		switch exportAll(t, db) {
		case wantBefore:
		case wantBackup:
			restored++
		default:
			t.Fatalf("run %d (killed after %v): the database is neither the one before nor the backup", i, delay)
		}
		// The next restore cleans up what the killed one left.
		if code, _, errs := run("restore", "--db", db, "--from", backup); code != 0 {
			t.Fatalf("run %d: restoring again: exit %d: %s", i, code, errs)
		}
		if got := exportAll(t, db); got != wantBackup {
			t.Fatalf("run %d: the second restore is not the backup", i)
		}
		left, _ := filepath.Glob(db + ".restore-tmp*")
		if len(left) != 0 {
			t.Fatalf("run %d: left %v", i, left)
		}
		kept, _ := filepath.Glob(db + "*")
		for _, k := range kept {
			os.Remove(k)
		}
	}
	t.Logf("%d runs, a restore takes %v: %d were killed after the file was replaced, %d before", runs, full, restored, runs-restored)
}

// TestKill9BackupOutLeavesTheCopyWholeOrAbsent kills `csatdesk backup
// --out FILE` at random moments: FILE is then missing or a whole copy that
// passes its check with the database's export, and the next backup to
// FILE removes the temporary file the killed one left.
func TestKill9BackupOutLeavesTheCopyWholeOrAbsent(t *testing.T) {
	runs := soakRuns(20, 6)
	db, _ := sampleDB(t)
	want := exportAll(t, db)
	dir := t.TempDir()
	full := cliChildTime(t, "backup", "--db", db, "--out", filepath.Join(dir, "calib.db"))
	rng := rand.New(rand.NewPCG(20261206, 17))
	whole := 0
	for i := range runs {
		out := filepath.Join(dir, "copy"+strconv.Itoa(i)+".db")
		delay := time.Duration(rng.Int64N(int64(full) * 3 / 2))
		cmd, _ := cliChild(t, "backup", "--db", db, "--out", out)
		time.Sleep(delay)
		_ = cmd.Process.Signal(syscall.SIGKILL)
		_ = cmd.Wait()
		if _, err := os.Stat(out); err == nil {
			whole++
			st, err := store.Open(out, store.Options{ReadOnly: true})
			if err != nil {
				t.Fatalf("run %d (killed after %v): the copy does not open: %v", i, delay, err)
			}
			err = st.Check()
			st.Close()
			if err != nil {
				t.Fatalf("run %d (killed after %v): %v", i, delay, err)
			}
			if got := exportAll(t, out); got != want {
				t.Fatalf("run %d (killed after %v): the copy's export differs", i, delay)
			}
		}
		if code, _, errs := run("backup", "--db", db, "--out", out); code != 0 {
			t.Fatalf("run %d: backing up again: %s", i, errs)
		}
		if left, _ := filepath.Glob(filepath.Join(dir, "."+filepath.Base(out)+".tmp*")); len(left) != 0 {
			t.Fatalf("run %d: left %v", i, left)
		}
	}
	t.Logf("%d runs, a backup takes %v: %d copies were whole before the kill", runs, full, whole)
}
