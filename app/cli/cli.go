// Package cli is CSAT Desk's command line: the subcommands of the csatdesk
// binary used for automation and tests (sample, surveys, summary, import,
// export, chart, form, backup). It is the second thin client of the same
// core as the window: figures and charts come from data/insight and
// charts/report, imports from data/store/ingest, and it has no GUI
// dependency (main_test.go forbids Fyne here). Errors go to stderr with a
// non-zero exit status.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"

	"csatdesk/app/version"
	"csatdesk/data"
	"csatdesk/data/insight"
	"csatdesk/data/store"
)

// command is one subcommand.
type command struct {
	name, args, help string
	run              func(env *Env, args []string) error
}

// Env is where a command reads and writes.
type Env struct {
	Stdout, Stderr io.Writer
	// remote: the command runs for another process (Serve), which must
	// not be asked back.
	remote bool
}

var commands []command

func init() {
	commands = []command{
		{"sample", "--db PATH [--seed N]", "create the sample café business (2 locations, 2 years of responses)", runSample},
		{"surveys", "--db PATH", "list surveys: id, name, questions, responses", runSurveys},
		{"summary", "--db PATH --survey ID|NAME [--question ID] [--period day|week|month|quarter|year] [--from DATE --to DATE] [--segment NAME=VALUE] [--format table|csv] [--out FILE|-]",
			"print n, CSAT %, Wilson 95 % range, mean and NPS per period", runSummary},
		{"import", importArgs, importHelp, runImport},
		{"export", "--db PATH --survey ID|NAME --out FILE.csv|FILE.xlsx|- [--from DATE --to DATE]", "write one row per response (XLSX adds a sheet of monthly CSAT, NPS and n)", runExport},
		{"form", "--db PATH --survey ID|NAME --count N [--first 1] [--prefix A-] [--paper A4|Letter] [--lang xx] --out FILE.pdf", "print numbered paper forms of a survey as one PDF, to fill in by hand and scan", runForm},
		{"survey", surveyArgs, surveyHelp, runSurvey},
		{"scan", scanArgs, scanHelp, runScan},
		{"backup", "--db PATH [--out FILE | --dir FOLDER]", "copy the database safely while it may be in use, checked; without --out a compressed backup into the backups folder, old ones rotated (7 daily, 4 weekly, 12 monthly)", runBackup},
		{"backups", "--db PATH [--dir FOLDER] [--check]", "list the backups in the backups folder, newest first (--check: decompress and check each)", runBackups},
		{"restore", "--db PATH --from BACKUP", "put a backup in place of the database, checked and all at once; the database before is kept beside it", runRestore},
		{"compact", "--db PATH", "shrink the database file to what it holds (after deletes and cancelled imports); checked before it replaces the file", runCompact},
		{"rescue", "--db PATH --out DIR", "read every survey that can be read from a damaged database into DIR (one CSV each, and a report of what could not be read); the database is not changed", runRescue},
		{"merge", mergeArgs, mergeHelp, runMerge},
		{"check", "--db PATH", checkHelp, runCheck},
		{"chart", chartArgs, chartHelp, runChart},
		{"followup", followupArgs, followupHelp, runFollowUp},
		{"report", reportArgs, reportHelp, runReport},
		{"version", "", "print the version, commit, build date and licence (also: csatdesk --version)", runVersion},
		{"help", "", "show this help", nil},
	}
}

// IsCommand reports whether name is a subcommand (so main knows whether to
// open the window instead).
func IsCommand(name string) bool {
	for _, c := range commands {
		if c.name == name {
			return true
		}
	}
	return name == "-h" || name == "--help" || name == "--version" || name == "-version"
}

// Run runs the subcommand args[0] with its arguments and returns the exit
// status.
func Run(env *Env, args []string) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		Usage(env.Stdout)
		return 0
	}
	if args[0] == "--version" || args[0] == "-version" {
		args = append([]string{"version"}, args[1:]...)
	}
	for _, c := range commands {
		if c.name == args[0] && c.run != nil {
			if !env.remote {
				holderWhat.Store(holderText(c.name))
				rollbackStderr.Store(writerBox{env.Stderr})
				// The window holds the database and serves: ask it
				// at once rather than after the lock's timeout.
				if code, ok := runHeld(env, args); ok {
					return code
				}
			}
			if err := c.run(env, args[1:]); err != nil {
				// The database is held open by the window: it runs
				// read-only commands for us (serve.go).
				var le *store.LockedError
				if !env.remote && errors.As(err, &le) && isServable(args) {
					if code, ok := runRemote(env, args, le); ok {
						return code
					}
				}
				if !errors.Is(err, flag.ErrHelp) {
					fmt.Fprintf(env.Stderr, "csatdesk %s: %v%s\n", c.name, err, diskHint(err))
				}
				return 1
			}
			return 0
		}
	}
	fmt.Fprintf(env.Stderr, "csatdesk: unknown command %q (try: csatdesk help)\n", args[0])
	return 2
}

// diskHint says what a full disk means for what was being written; "" for
// other errors.
func diskHint(err error) string {
	// bbolt formats some of its errors with %s: the words tell then.
	msg := err.Error()
	switch {
	case errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EDQUOT),
		strings.Contains(msg, syscall.ENOSPC.Error()), strings.Contains(msg, syscall.EDQUOT.Error()):
		return " (the disk is full: free some space and try again; what was being written was not kept, the database is as before)"
	case errors.Is(err, syscall.EFBIG), strings.Contains(msg, syscall.EFBIG.Error()):
		return " (the file would be larger than this disk or account allows; what was being written was not kept, the database is as before)"
	}
	return ""
}

// Usage prints the list of subcommands.
func Usage(w io.Writer) {
	fmt.Fprintln(w, "CSAT Desk: customer-satisfaction surveys for small businesses, offline.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Usage:")
	fmt.Fprintln(w, "  csatdesk [--db PATH]            open the window (default database: the user's data folder)")
	fmt.Fprintln(w, "  csatdesk [--db PATH] FILE.csv   open the window on the import wizard with that file (.csv, .tsv, .txt, .xlsx)")
	fmt.Fprintln(w, "  csatdesk [--db PATH] --kiosk [--survey ID]   open in kiosk mode with the kiosk set up in the window (docs/KIOSK.md)")
	for _, c := range commands {
		fmt.Fprintf(w, "  csatdesk %s %s\n      %s\n", c.name, c.args, c.help)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Dates are YYYY-MM-DD. PATH defaults to the database the window opens.")
}

// flags returns a FlagSet for command name that reports to env.Stderr.
func flags(env *Env, name string) *flag.FlagSet {
	fs := flag.NewFlagSet("csatdesk "+name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	return fs
}

// dbFlag registers --db.
func dbFlag(fs *flag.FlagSet) *string {
	return fs.String("db", "", "database file (default: the user's data folder)")
}

// openStore opens the database at path (or the default one); create says
// whether a missing file may be created.
func openStore(path string, create bool) (*store.Store, error) {
	return openWith(path, store.Options{Create: create})
}

// openStoreReadOnly opens the database at path (default: the user's)
// read-only: no migration, no rollback of a pending import.
func openStoreReadOnly(path string) (*store.Store, error) {
	return openWith(path, store.Options{ReadOnly: true})
}

func openWith(path string, opt store.Options) (*store.Store, error) {
	if strings.TrimSpace(path) == "" {
		p, err := store.DefaultPath()
		if err != nil {
			return nil, err
		}
		path = p
	}
	if st := servedStore(path); st != nil {
		return st, nil // this process holds it (the window serving a command)
	}
	if w, ok := holderWhat.Load().(string); ok {
		opt.Holder = w
	}
	opt.OnRollback = rollbackNotice()
	return store.Open(path, opt)
}

// holderWhat is what the holder record of a database this process opens
// says holds it (holderText of the command Run runs).
var holderWhat atomic.Value

// holderText says what a command holding a database is, for the message
// another process gets.
func holderText(cmd string) string {
	if cmd == "import" {
		return "an import from the command line"
	}
	if cmd == "scan" {
		return "a scan batch from the command line"
	}
	return "a csatdesk " + cmd + " command"
}

// rollbackStderr is where the CLI says that an open rolls back an
// interrupted import (Run sets it to the command's standard error).
var rollbackStderr atomic.Value

// writerBox holds an io.Writer in an atomic.Value (which needs one type).
type writerBox struct{ w io.Writer }

// rollbackNotice returns the Options.OnRollback of the CLI: one line when
// the rollback starts.
func rollbackNotice() func(store.RollbackProgress) {
	box, ok := rollbackStderr.Load().(writerBox)
	if !ok || box.w == nil {
		return nil
	}
	w := box.w
	said := false
	return func(p store.RollbackProgress) {
		if !said {
			said = true
			fmt.Fprintf(w, "Undoing an interrupted import of %s (it did not finish the last time)…\n", p.FileName)
		}
	}
}

// openSurvey is the prologue of every command that works on one survey:
// --survey is required, the database must exist, the survey must be in it.
// On error nothing is left open.
func openSurvey(path, idOrName string) (*store.Store, data.Survey, error) {
	if strings.TrimSpace(idOrName) == "" {
		return nil, data.Survey{}, errors.New("--survey is required: a survey ID or name (see: csatdesk surveys)")
	}
	st, err := openStore(path, false)
	if err != nil {
		return nil, data.Survey{}, err
	}
	sv, err := st.FindSurvey(idOrName)
	if err != nil {
		st.Close()
		return nil, data.Survey{}, err
	}
	return st, sv, nil
}

// openQuestions opens the survey named idOrName in the database at path
// and picks the questions a figure of question ID qid counts (0: the main
// satisfaction question with those it replaced), with the survey's stats.
// The caller closes st.
func openQuestions(path, idOrName string, qid uint) (st *store.Store, sv data.Survey, qs []data.Question, stats store.SurveyStats, err error) {
	st, sv, err = openSurvey(path, idOrName)
	if err != nil {
		return nil, sv, nil, stats, err
	}
	if qs, err = insight.Pick(&sv, uint32(qid)); err == nil {
		stats, err = st.SurveyStats(sv.ID)
	}
	if err != nil {
		st.Close()
		return nil, sv, nil, stats, err
	}
	return st, sv, qs, stats, nil
}

// parseFiles parses fs, letting positional arguments (file names) come
// before, between or after the flags, and returns them in order.
func parseFiles(fs *flag.FlagSet, args []string) ([]string, error) {
	var files []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return files, nil
		}
		files = append(files, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// parse parses fs and refuses stray positional arguments.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	return nil
}

// WriteFile writes path through a temporary file in the same folder and a
// rename, so a failure never leaves half a file behind (nor a temporary
// one). The file ends up readable by others: exports are meant to be
// shared. The window's saves use it too.
func WriteFile(path string, write func(io.Writer) error) error {
	store.RemoveStaleTemps(filepath.Dir(path), ".csatdesk") // what killed writes left
	tmp, err := os.CreateTemp(filepath.Dir(path), store.TempPattern(".csatdesk"))
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	err = write(tmp)
	if err == nil {
		err = tmp.Chmod(0o644)
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// runVersion prints the build's version line and licence.
func runVersion(env *Env, args []string) error {
	fs := flags(env, "version")
	if err := parse(fs, args); err != nil {
		return err
	}
	fmt.Fprintln(env.Stdout, version.Get())
	fmt.Fprintln(env.Stdout, "Licence:", version.Licence)
	fmt.Fprintln(env.Stdout, "Includes:", version.ThirdParty)
	return nil
}
