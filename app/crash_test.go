package app

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"csatdesk/app/job"
)

func TestAPanicOnTheUIGoroutineIsLoggedNextToTheDatabase(t *testing.T) {
	u, st := newTestUI(t)
	logPath := u.runCatching(func() { panic("boom in a callback") })
	if logPath == "" {
		t.Fatal("no crash log written")
	}
	if filepath.Dir(logPath) != filepath.Dir(st.Path()) {
		t.Errorf("crash log %s is not next to the database %s", logPath, st.Path())
	}
	b, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"panic: boom in a callback", "crash_test.go", "database: " + st.Path()} {
		if !strings.Contains(string(b), want) {
			t.Errorf("crash log lacks %q:\n%s", want, b)
		}
	}
	if got := u.runCatching(func() {}); got != "" {
		t.Errorf("no panic, yet a log %q", got)
	}
}

func TestAPanicInBackgroundWorkIsShownAndLoggedAndTheWindowStays(t *testing.T) {
	u, st := newTestUI(t)
	doneRan := false
	u.background(func() { panic("boom in a render") }, func() { doneRan = true })
	if doneRan {
		t.Error("done ran after its work panicked")
	}
	if u.win.Canvas().Overlays().Top() == nil {
		t.Error("no error dialog for a panic in background work")
	}
	var got error
	j := u.run(func(context.Context, func(job.Progress)) error { panic("boom in a job") }, nil, func(err error) { got = err })
	<-j.Done()
	var c *crashError
	if !errors.As(got, &c) || c.log == "" || !strings.Contains(got.Error(), "boom in a job") || !strings.Contains(got.Error(), c.log) {
		t.Fatalf("a job's panic ended as %v", got)
	}
	logs, _ := filepath.Glob(filepath.Join(filepath.Dir(st.Path()), "csatdesk-crash-*.log"))
	if len(logs) == 0 {
		t.Error("no crash log next to the database")
	}
}

func TestTheRestartKeepsTheDatabaseAndDropsTheFileToImport(t *testing.T) {
	cases := []struct {
		name string
		args []string
		want []string
	}{
		{"default database", nil, []string{"--crash-log=/x/c.log"}},
		{"--db PATH", []string{"--db", "/d/a.db"}, []string{"--crash-log=/x/c.log", "--db", "/d/a.db"}},
		{"-db=PATH and a spreadsheet", []string{"-db=/d/a.db", "in.csv"}, []string{"--crash-log=/x/c.log", "-db=/d/a.db"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := relaunchArgs(c.args, "/x/c.log")
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("relaunchArgs(%q) = %q, want %q", c.args, got, c.want)
			}
			if restarted(c.args) {
				t.Error("the first start counted as a restart")
			}
			if !restarted(got) {
				t.Error("the restart did not count as one (a second crash would loop)")
			}
		})
	}
}

func TestTheRestartedWindowSaysWhatHappenedAndWhereTheLogIs(t *testing.T) {
	u, _ := newTestUI(t)
	u.ShowCrashNotice("/home/me/csatdesk-crash-1.log")
	if u.win.Canvas().Overlays().Top() == nil {
		t.Fatal("no notice shown")
	}
	if s := crashNoticeText("/home/me/csatdesk-crash-1.log"); !strings.Contains(s, "/home/me/csatdesk-crash-1.log") || !strings.Contains(s, "error") {
		t.Errorf("the notice says %q", s)
	}
}

// A panic in a goroutine of its own cannot be recovered: the runtime
// writes it next to the database and the next start keeps it as a log.
func TestAFatalPanicInAnyGoroutineLeavesALogForTheNextStart(t *testing.T) {
	if dir := os.Getenv("CSATDESK_FATAL_DIR"); dir != "" {
		watchFatal(fatalLogPath(filepath.Join(dir, "shop.db")))
		done := make(chan bool)
		go func() { panic("boom in a goroutine of its own") }()
		<-done
	}
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestAFatalPanicInAnyGoroutineLeavesALogForTheNextStart$")
	cmd.Env = append(os.Environ(), "CSATDESK_FATAL_DIR="+dir)
	if err := cmd.Run(); err == nil {
		t.Fatal("the crashing child exited well")
	}
	path := fatalLogPath(filepath.Join(dir, "shop.db"))
	kept := keepFatalLog(path)
	if kept == "" || kept == path {
		t.Fatalf("kept %q", kept)
	}
	b, err := os.ReadFile(kept)
	if err != nil || !strings.Contains(string(b), "boom in a goroutine of its own") {
		t.Fatalf("crash log %s: %v\n%s", kept, err, b)
	}
	if _, err := os.Stat(path); err == nil {
		t.Error("the running log is still there")
	}
	if again := keepFatalLog(path); again != "" {
		t.Errorf("a second start reports %q again", again)
	}
	stop := watchFatal(path)
	stop()
	if _, err := os.Stat(path); err == nil {
		t.Error("a good run leaves an empty log behind")
	}
}
