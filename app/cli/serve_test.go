package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"csatdesk/data/store"
)

// envCLIRun holds the arguments, one a line, of the command
// TestHelperCLIRun runs.
const envCLIRun = "CSATDESK_CLI_RUN"

// TestHelperCLIRun is a csatdesk command line in a child process: it runs
// the command in envCLIRun with the process's own standard output and
// error and exits with its status. It does nothing in a normal run.
func TestHelperCLIRun(t *testing.T) {
	args := os.Getenv(envCLIRun)
	if args == "" {
		t.Skip("runs only as the child of a test")
	}
	os.Exit(Run(&Env{Stdout: os.Stdout, Stderr: os.Stderr}, strings.Split(args, "\n")))
}

// cliRun runs a csatdesk command in a child process in folder dir and
// returns its exit status, standard output and standard error.
func cliRun(t *testing.T, dir string, args ...string) (int, string, string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperCLIRun$", "-test.count=1")
	cmd.Env = append(os.Environ(), envCLIRun+"="+strings.Join(args, "\n"))
	cmd.Dir = dir
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return code, out.String(), errb.String()
}

// holdAndServe opens db as the window does and serves it.
func holdAndServe(t *testing.T, db string) (*store.Store, *Server) {
	t.Helper()
	st, err := store.Open(db, store.Options{Holder: store.HolderWindow})
	if err != nil {
		t.Fatal(err)
	}
	srv, err := Serve(st)
	if err != nil {
		st.Close()
		t.Fatal(err)
	}
	t.Cleanup(func() {
		srv.Close()
		st.Close()
	})
	return st, srv
}

// TestServedCommandsEqualDirectRuns: while a process holds the database
// open and serves it, read-only commands in another process (surveys,
// summary, export to standard output and to a file named relative to the
// command's folder, backup) give exactly what they give on a free file.
func TestServedCommandsEqualDirectRuns(t *testing.T) {
	db, _ := sampleDB(t)
	cmds := [][]string{
		{"surveys", "--db", db},
		{"summary", "--db", db, "--survey", "1"},
		{"summary", "--db", db, "--survey", "1", "--period", "quarter", "--format", "csv"},
		{"export", "--db", db, "--survey", "1", "--out", "-"},
	}
	want := make([]string, len(cmds))
	for i, c := range cmds {
		code, out, errs := run(c...)
		if code != 0 {
			t.Fatalf("%v: %s", c, errs)
		}
		want[i] = out
	}
	dir := t.TempDir()
	code, _, errs := run("export", "--db", db, "--survey", "1", "--out", filepath.Join(dir, "direct.csv"))
	if code != 0 {
		t.Fatal(errs)
	}
	holdAndServe(t, db)
	for i, c := range cmds {
		code, out, errs := cliRun(t, dir, c...)
		if code != 0 {
			t.Fatalf("%v while the database is held: exit %d: %s", c, code, errs)
		}
		if out != want[i] {
			t.Errorf("%v while the database is held:\n%s\nwant\n%s", c, out, want[i])
		}
	}
	if code, _, errs := cliRun(t, dir, "export", "--db", db, "--survey", "1", "--out", "served.csv"); code != 0 {
		t.Fatalf("export to a relative file: %s", errs)
	}
	a, _ := os.ReadFile(filepath.Join(dir, "direct.csv"))
	b, err := os.ReadFile(filepath.Join(dir, "served.csv"))
	if err != nil || !bytes.Equal(a, b) || len(a) == 0 {
		t.Errorf("the served export to a relative file differs (%v)", err)
	}
	if code, _, errs := cliRun(t, dir, "backup", "--db", db, "--out", "copy.db"); code != 0 {
		t.Fatalf("backup while the database is held: %s", errs)
	}
	srvWant := surveyCounts(t, filepath.Join(dir, "copy.db"))
	if !strings.Contains(srvWant, "Visit feedback") {
		t.Errorf("the backup holds %q", srvWant)
	}
}

// TestWriteCommandOnAHeldDatabaseNamesTheHolder: a command that writes is
// refused, and the message names the window, its process and the time.
func TestWriteCommandOnAHeldDatabaseNamesTheHolder(t *testing.T) {
	db, _ := sampleDB(t)
	holdAndServe(t, db)
	code, _, errs := cliRun(t, t.TempDir(), "sample", "--db", db, "--seed", "5")
	want := "the CSAT Desk window (process " + strconv.Itoa(os.Getpid()) + ", since "
	if code == 0 || !strings.Contains(errs, want) || !strings.Contains(errs, "Close it or use the window's File menu") {
		t.Fatalf("exit %d: %q, want the holder named (%q)", code, errs, want)
	}
	// An import that is not a dry run is not served either.
	csv := filepath.Join(t.TempDir(), "a.csv")
	os.WriteFile(csv, []byte("Timestamp,Score\n2025-01-01,5\n"), 0o600)
	if code, _, errs := cliRun(t, t.TempDir(), "import", csv, "--db", db, "--survey", "1"); code == 0 || !strings.Contains(errs, want) {
		t.Fatalf("import while held: exit %d: %s", code, errs)
	}
}

// TestServeSocketIsTheUsersOnly: the socket is 0600 in a 0700 folder of
// the user's, and a folder others can enter is refused.
func TestServeSocketIsTheUsersOnly(t *testing.T) {
	t.Setenv("XDG_RUNTIME_DIR", t.TempDir())
	db, _ := sampleDB(t)
	_, srv := holdAndServe(t, db)
	fi, err := os.Lstat(srv.Socket())
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Type() != os.ModeSocket || fi.Mode().Perm() != 0o600 {
		t.Errorf("socket %s: mode %v", srv.Socket(), fi.Mode())
	}
	di, _ := os.Stat(filepath.Dir(srv.Socket()))
	if di.Mode().Perm() != 0o700 {
		t.Errorf("socket folder: mode %v", di.Mode().Perm())
	}
	h, ok := store.HolderOf(db)
	if !ok || h.Socket != srv.Socket() || h.PID != os.Getpid() || h.What != store.HolderWindow {
		t.Errorf("holder record %+v %v", h, ok)
	}
	open := t.TempDir()
	os.Chmod(open, 0o755)
	if err := checkSocketDir(open); err == nil {
		t.Error("a folder others can enter was accepted for the socket")
	}
	t.Setenv("XDG_RUNTIME_DIR", open) // "csatdesk" inside it is made 0700: fine
	if p, err := SocketPath(db); err != nil || !strings.HasPrefix(p, filepath.Join(open, "csatdesk")) {
		t.Errorf("SocketPath: %s %v", p, err)
	}
	os.Chmod(filepath.Join(open, "csatdesk"), 0o755)
	if p, err := SocketPath(db); err == nil && strings.HasPrefix(p, open) {
		t.Errorf("SocketPath used a folder others can enter: %s", p)
	}
}

// TestStaleHolderRecordIsIgnored: a record left by a killed process (its
// PID gone) names no one, and the next open takes the file and writes its
// own; closing removes it.
func TestStaleHolderRecordIsIgnored(t *testing.T) {
	db, _ := sampleDB(t)
	dead := exec.Command("true")
	if err := dead.Run(); err != nil {
		t.Skip("no true command")
	}
	b, _ := json.Marshal(store.Holder{PID: dead.Process.Pid, What: store.HolderWindow, Since: time.Now(), Socket: "/nonexistent/x.sock"})
	if err := os.WriteFile(store.HolderPath(db), b, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, ok := store.HolderOf(db); ok {
		t.Fatal("a record of a process that is gone was taken as the holder")
	}
	code, out, errs := run("surveys", "--db", db)
	if code != 0 || !strings.Contains(out, "Visit feedback") {
		t.Fatalf("surveys with a stale record: %d %s", code, errs)
	}
	st, err := store.Open(db, store.Options{Holder: "a test"})
	if err != nil {
		t.Fatal(err)
	}
	if h, ok := store.HolderOf(db); !ok || h.PID != os.Getpid() || h.What != "a test" {
		t.Errorf("holder %+v %v", h, ok)
	}
	st.Close()
	if _, err := os.Stat(store.HolderPath(db)); !os.IsNotExist(err) {
		t.Errorf("the holder record is still there after Close: %v", err)
	}
}
