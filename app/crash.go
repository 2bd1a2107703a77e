package app

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
)

// What happens when CSAT Desk itself fails (a panic), so that the window
// never just vanishes (issue 13; docs/DECISIONS.md, "A panic ends in a
// message and a saved log"):
//
//   - on the UI goroutine (every callback, ours or Fyne's, and every
//     fyne.Do) it unwinds out of the window's event loop, which cannot be
//     restarted in the same process. UI.Run recovers it, writes a crash
//     log next to the database, closes the database and starts CSAT Desk
//     again with --crash-log, whose window says what happened and where
//     the log is. A second crash of the restarted program is not restarted
//     again (no loop): it prints where its log is and exits.
//   - in background work (UI.run, UI.background) it is recovered in the
//     job, logged the same way and shown as an error; the window stays.
//   - anywhere else (a goroutine of its own) nothing can recover it: the
//     Go runtime writes it to a file next to the database while the window
//     runs (debug.SetCrashOutput), and the next start keeps that file as a
//     crash log and says so.

// CrashLogFlag is the command-line flag that tells a restarted CSAT Desk
// which crash log to point to.
const CrashLogFlag = "crash-log"

// forcedPanic names where a test build (go build -tags crashtest, with
// CSATDESK_PANIC=ui, job or goroutine) panics on purpose, to check all this in the
// real window; always empty in a normal build.
var forcedPanic string

// maybePanic panics when a test build was asked to panic at where.
func maybePanic(where string) {
	switch {
	case forcedPanic == where:
		panic("forced panic (" + where + ") from CSATDESK_PANIC in a crashtest build")
	case forcedPanic == "goroutine" && where == "ui":
		go func() { panic("forced panic (goroutine) from CSATDESK_PANIC in a crashtest build") }()
	}
}

// Run shows the window and runs the app until it quits, returning the
// process's exit code. A panic on the UI goroutine is written to a crash
// log and CSAT Desk starts again (args are the arguments it was started
// with) to show a window that says so; see the comment at the top of
// crash.go.
func (u *UI) Run(args []string) int {
	fatal := fatalLogPath(u.st.Path())
	if kept := keepFatalLog(fatal); kept != "" {
		u.ShowCrashNotice(kept)
	}
	stop := watchFatal(fatal)
	stopBackups := u.auto.startTimer() // the daily backup
	logPath := u.runCatching(u.win.ShowAndRun)
	stopBackups()
	stop()
	if logPath == "" {
		return 0
	}
	fmt.Fprintf(os.Stderr, "csatdesk: stopped by a program error; report saved to %s\n", logPath)
	_ = u.st.Close() // the new process opens it
	if restarted(args) {
		return 1 // crashed again after a restart: no loop
	}
	exe, err := os.Executable()
	if err == nil {
		cmd := exec.Command(exe, relaunchArgs(args, logPath)...)
		cmd.Stdout, cmd.Stderr = os.Stdout, os.Stderr
		err = cmd.Start()
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "csatdesk: could not start again: %v\n", err)
	}
	return 1
}

// runCatching runs f and returns the crash log written for a panic that
// escaped it ("" when none).
func (u *UI) runCatching(f func()) (logPath string) {
	defer func() {
		if r := recover(); r != nil {
			logPath = writeCrashLog(u.st.Path(), r, debug.Stack())
		}
	}()
	f()
	return ""
}

// restarted reports whether args are those of a restart after a crash.
func restarted(args []string) bool {
	for _, a := range args {
		if a == "--"+CrashLogFlag || a == "-"+CrashLogFlag || strings.HasPrefix(a, "--"+CrashLogFlag+"=") || strings.HasPrefix(a, "-"+CrashLogFlag+"=") {
			return true
		}
	}
	return false
}

// relaunchArgs are the arguments of the restart: the same database, not
// the spreadsheet that was to be imported (it may be what failed), and
// the crash log to point to.
func relaunchArgs(args []string, logPath string) []string {
	out := []string{"--" + CrashLogFlag + "=" + logPath}
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--db" || a == "-db":
			if i+1 < len(args) {
				out = append(out, "--db", args[i+1])
				i++
			}
		case strings.HasPrefix(a, "--db=") || strings.HasPrefix(a, "-db="):
			out = append(out, a)
		}
	}
	return out
}

// fatalLogPath is where the runtime writes a panic nothing recovered
// while CSAT Desk runs on the database at dbPath.
func fatalLogPath(dbPath string) string {
	return filepath.Join(filepath.Dir(dbPath), "csatdesk-crash-running-"+filepath.Base(dbPath)+".log")
}

// keepFatalLog renames what the runtime wrote at path during a run that
// ended in a fatal panic to a dated crash log, and returns its path ("" if
// the last run ended well).
func keepFatalLog(path string) string {
	fi, err := os.Stat(path)
	if err != nil {
		return ""
	}
	if fi.Size() == 0 {
		_ = os.Remove(path)
		return ""
	}
	kept := filepath.Join(filepath.Dir(path), crashLogName(fi.ModTime()))
	if err := os.Rename(path, kept); err != nil {
		return path
	}
	return kept
}

// watchFatal has the runtime write a fatal panic of any goroutine to path;
// stop ends that and removes the file, still empty after a good run.
func watchFatal(path string) (stop func()) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o644)
	if err != nil {
		return func() {}
	}
	if err := debug.SetCrashOutput(f, debug.CrashOptions{}); err != nil {
		_ = f.Close()
		_ = os.Remove(path)
		return func() {}
	}
	return func() {
		_ = debug.SetCrashOutput(nil, debug.CrashOptions{})
		_ = f.Close()
		_ = os.Remove(path)
	}
}

// crashLogName is the name of a crash log written at t.
func crashLogName(t time.Time) string {
	return "csatdesk-crash-" + t.Format("20060102-150405") + ".log"
}

// writeCrashLog writes what is known of a panic next to the database at
// dbPath (or in the temporary folder when that folder cannot be written)
// and returns the file's path; "" when nothing could be written.
func writeCrashLog(dbPath string, value any, stack []byte) string {
	now := time.Now()
	var b strings.Builder
	fmt.Fprintf(&b, "CSAT Desk crash report\n\ntime:     %s\n", now.Format(time.RFC3339))
	version := "(unknown)"
	if bi, ok := debug.ReadBuildInfo(); ok {
		version = bi.Main.Version
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" || s.Key == "vcs.modified" {
				version += " " + s.Key + "=" + s.Value
			}
		}
	}
	fmt.Fprintf(&b, "version:  %s\ngo:       %s %s/%s\ndatabase: %s\n\npanic: %v\n\n%s", version, runtime.Version(), runtime.GOOS, runtime.GOARCH, dbPath, value, stack)
	for _, dir := range []string{filepath.Dir(dbPath), os.TempDir()} {
		path := filepath.Join(dir, crashLogName(now))
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err == nil {
			return path
		}
	}
	return ""
}

// crashError is a panic in background work, recovered.
type crashError struct {
	value any
	log   string
}

func (e *crashError) Error() string {
	return lang.L("CSAT Desk hit an error in its own code ({{.Err}}). Nothing was lost; a report was saved to {{.Path}}.",
		map[string]any{"Err": fmt.Sprint(e.value), "Path": e.log})
}

// catchPanic, deferred in work run off the UI goroutine, turns a panic
// into a crashError (with its log written) in *err.
func (u *UI) catchPanic(err *error) {
	if r := recover(); r != nil {
		*err = &crashError{value: r, log: writeCrashLog(u.st.Path(), r, debug.Stack())}
	}
}

// crashNoticeText is what the restarted window says.
func crashNoticeText(logPath string) string {
	return lang.L("CSAT Desk closed because of an error in its own code, and has started again. Everything saved before is in the database. A report was saved to {{.Path}}: please send it to whoever looks after your copy of CSAT Desk.",
		map[string]any{"Path": logPath})
}

// ShowCrashNotice tells, in the restarted window, that CSAT Desk stopped
// because of a program error and where its report is.
func (u *UI) ShowCrashNotice(logPath string) {
	msg := wrapLabel(crashNoticeText(logPath))
	box := container.NewGridWrap(fyne.NewSize(480, 150), msg)
	d := dialog.NewCustom(lang.L("CSAT Desk started again"), lang.L("OK"), box, u.win)
	d.Show()
}
