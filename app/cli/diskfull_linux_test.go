//go:build linux

package cli

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"csatdesk/data/store"
)

// envFsize, in TestHelperCLIFull's environment, is the largest file size
// in bytes the child may write: a disk that fills up at that point.
const envFsize = "CSATDESK_CLI_FSIZE"

// TestHelperCLIFull runs the command in envCLIRun (as TestHelperCLIRun)
// with files limited to envFsize bytes (RLIMIT_FSIZE, SIGXFSZ ignored so a
// write past it fails with EFBIG, as on a full disk; it holds for root
// too, unlike a read-only folder). It does nothing in a normal run.
func TestHelperCLIFull(t *testing.T) {
	args, size := os.Getenv(envCLIRun), os.Getenv(envFsize)
	if args == "" || size == "" {
		t.Skip("runs only as the child of a test")
	}
	n, err := strconv.ParseUint(size, 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	signal.Ignore(syscall.SIGXFSZ)
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: n, Max: n}); err != nil {
		t.Fatal(err)
	}
	os.Exit(Run(&Env{Stdout: os.Stdout, Stderr: os.Stderr}, strings.Split(args, "\n")))
}

// cliFull runs a csatdesk command in a child process whose files cannot
// grow past limit bytes.
func cliFull(t *testing.T, limit int64, args ...string) (int, string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperCLIFull$", "-test.count=1")
	cmd.Env = append(os.Environ(), envCLIRun+"="+strings.Join(args, "\n"), fmt.Sprintf("%s=%d", envFsize, limit))
	var errb bytes.Buffer
	cmd.Stderr = &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return code, errb.String()
}

// TestDiskFullDuringImportBackupExport: an import, a backup and an export
// that run out of disk space fail with a clear message, leave no partial
// output file (nor a temporary one), and leave the database openable,
// sound and holding exactly what it held.
func TestDiskFullDuringImportBackupExport(t *testing.T) {
	db, _ := sampleDB(t)
	want := surveyCounts(t, db)
	// A file of 150,000 responses: more than the space the database file
	// has left before it must grow.
	var b strings.Builder
	b.WriteString("Timestamp,Respondent,Overall satisfaction (1-5)\n")
	for i := range 150000 {
		fmt.Fprintf(&b, "2025-%02d-%02d 10:%02d,R%d,%d\n", 1+i%12, 1+i%28, i%60, i, 1+i%5)
	}
	csv := filepath.Join(t.TempDir(), "big.csv")
	if err := os.WriteFile(csv, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	fi, _ := os.Stat(db)
	out := t.TempDir()
	for _, c := range []struct {
		name  string
		limit int64
		args  []string
		file  string // the output that must not be left half-written
	}{
		{"import", fi.Size(), []string{"import", csv, "--db", db, "--survey", "new"}, ""},
		{"backup", 64 << 10, []string{"backup", "--db", db, "--out", filepath.Join(out, "bk.db")}, filepath.Join(out, "bk.db")},
		{"export csv", 8 << 10, []string{"export", "--db", db, "--survey", "1", "--out", filepath.Join(out, "x.csv")}, filepath.Join(out, "x.csv")},
		{"export xlsx", 8 << 10, []string{"export", "--db", db, "--survey", "1", "--out", filepath.Join(out, "x.xlsx")}, filepath.Join(out, "x.xlsx")},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, errs := cliFull(t, c.limit, c.args...)
			if code == 0 {
				t.Fatalf("succeeded with files limited to %d bytes", c.limit)
			}
			if !strings.Contains(errs, "larger than this disk or account allows") || !strings.Contains(errs, "the database is as before") {
				t.Errorf("unclear message: %s", errs)
			}
			if c.file != "" {
				if _, err := os.Stat(c.file); err == nil {
					t.Errorf("%s was left behind", c.file)
				}
			}
			if left, _ := filepath.Glob(filepath.Join(out, ".*")); len(left) > 0 {
				t.Errorf("temporary files left: %v", left)
			}
			st, err := store.Open(db, store.Options{})
			if err != nil {
				t.Fatalf("the database does not open after a full disk: %v", err)
			}
			err = st.Check()
			st.Close()
			if err != nil {
				t.Fatalf("the database fails the check after a full disk: %v", err)
			}
			if got := surveyCounts(t, db); got != want {
				t.Errorf("the database holds %q after a full disk, want %q", got, want)
			}
			t.Logf("%s: %s", c.name, strings.TrimSpace(errs))
		})
	}
}

// TestReadOnlyFolderForBackupAndExport: a backup or an export into a folder
// that cannot be written fails naming the file and leaves nothing. (Root
// writes anywhere: the full-disk test above covers root.)
func TestReadOnlyFolderForBackupAndExport(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root can write into a read-only folder")
	}
	db, _ := sampleDB(t)
	out := t.TempDir()
	if err := os.Chmod(out, 0o555); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(out, 0o755)
	for _, args := range [][]string{
		{"backup", "--db", db, "--out", filepath.Join(out, "bk.db")},
		{"export", "--db", db, "--survey", "1", "--out", filepath.Join(out, "x.csv")},
	} {
		code, _, errs := run(args...)
		if code == 0 || !strings.Contains(errs, out) || !strings.Contains(errs, "permission denied") {
			t.Errorf("%v: exit %d: %s", args, code, errs)
		}
		if names, _ := os.ReadDir(out); len(names) > 0 {
			t.Errorf("%v left %v", args, names)
		}
	}
}
