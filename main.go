// Command csatdesk is CSAT Desk: an offline desktop app for small
// businesses to design customer-satisfaction surveys, enter and import
// results, and see CSAT trends. Without a subcommand it opens the window on
// the database in the user's data folder (or --db PATH); with one (see
// `csatdesk help`) it runs that command and exits.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	_ "csatdesk/app/startenv" // before fyne reads the locale

	"csatdesk/app"
	"csatdesk/app/cli"
	"csatdesk/assets"
	"csatdesk/data/store"
)

// appID is the reverse-DNS ID of FyneApp.toml.
const appID = "app.csatdesk.desktop"

func main() {
	os.Exit(run(os.Args[1:]))
}

func run(args []string) int {
	if len(args) > 0 && cli.IsCommand(args[0]) {
		return cli.Run(&cli.Env{Stdout: os.Stdout, Stderr: os.Stderr}, args)
	}
	fs := flag.NewFlagSet("csatdesk", flag.ContinueOnError)
	db := fs.String("db", "", "database file (default: the user's data folder)")
	crashLog := fs.String(app.CrashLogFlag, "", "set by the restart after a crash: the report to point to")
	kiosk := fs.Bool("kiosk", false, "start in kiosk mode (the saved kiosk setup)")
	kioskSurvey := fs.Uint64("survey", 0, "with --kiosk: the survey ID to ask")
	fs.Usage = func() { cli.Usage(os.Stderr) }
	if err := fs.Parse(args); err != nil {
		return 2
	}
	// A spreadsheet given as the only argument opens in the import wizard.
	importFile := ""
	if fs.NArg() == 1 && isSpreadsheet(fs.Arg(0)) {
		importFile = fs.Arg(0)
	} else if fs.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "csatdesk: unknown command %q (try: csatdesk help)\n", fs.Arg(0))
		return 2
	}
	if err := app.LoadTranslations(); err != nil {
		fmt.Fprintf(os.Stderr, "csatdesk: %v\n", err)
	}
	a := fyneapp.NewWithID(appID)
	app.ApplyLanguagePreference(a)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))

	path := *db
	if path == "" {
		p, err := store.DefaultPath()
		if err != nil {
			fmt.Fprintf(os.Stderr, "csatdesk: %v\n", err)
			return 1
		}
		path = p
	}
	st, err := store.Open(path, store.Options{Create: true})
	if err != nil {
		fmt.Fprintf(os.Stderr, "csatdesk: %v\n", err)
		app.ErrorWindow(a, path, err).ShowAndRun()
		return 1
	}
	defer st.Close()
	u := app.New(a, st)
	if importFile != "" {
		if err := u.OpenImport(importFile); err != nil {
			fmt.Fprintf(os.Stderr, "csatdesk: %v\n", err)
		}
	}
	if *kiosk {
		u.StartKiosk(*kioskSurvey)
	}
	if *crashLog != "" {
		u.ShowCrashNotice(*crashLog)
	}
	return u.Run(args) // a panic: crash log, restart with a message (app/crash.go)
}

// isSpreadsheet reports whether path names a file the importer reads.
func isSpreadsheet(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv", ".tsv", ".txt", ".xlsx":
		return true
	}
	return false
}
