// Package app is CSAT Desk's window: the navigation shell and one file per
// screen (dashboard.go, …), each screen an unexported struct holding its
// widgets with a buildUI method and one method per callback. The app, the
// window and the store are passed in explicitly; background work reports
// back through fyne.Do. Every user-visible string goes through lang.L.
package app

import (
	"errors"
	"fmt"
	"os"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"csatdesk/app/job"
	"csatdesk/assets"
	"csatdesk/data"
	"csatdesk/data/importer"
	"csatdesk/data/insight"
	"csatdesk/data/store"
)

// LoadTranslations registers the embedded UI translations with Fyne; call
// it once before the app starts.
func LoadTranslations() error {
	if err := lang.AddTranslationsFS(assets.Translations, "translations"); err != nil {
		return fmt.Errorf("translations: %w", err)
	}
	return addTraditionalChineseRegions()
}

// UI is the main window and its screens.
type UI struct {
	app      fyne.App
	win      fyne.Window
	st       *store.Store
	tabs     *container.AppTabs
	dash     *dashboard
	entry    *entry
	entryTab fyne.CanvasObject
	prefs    *settingsScreen
	surveys  *surveysScreen
	browse   *responses
	imports  *importWizard
	verify   *verifyScreen
	settings insight.Settings
	model    *surveyModel // the surveys and counts every screen reads (model.go)

	// jobs runs the background work — file loads, imports, exports,
	// backups, prints, renders — with cancel and progress, reporting back
	// through fyne.Do (jobs.go). UI tests replace it with job.Sync(),
	// because Fyne's test driver runs fyne.Do callbacks on the calling
	// goroutine.
	jobs *job.Runner
}

// New builds the main window for store st. Call ShowAndRun (or use
// Window() in tests).
func New(a fyne.App, st *store.Store) *UI {
	u := &UI{app: a, st: st, jobs: job.New(fyne.Do)}
	u.settings = insight.LoadSettings(st)
	u.model = &surveyModel{st: st} // read by the u.reload below
	applyTheme(a, a.Preferences().IntWithFallback(prefTheme, 0))
	u.win = a.NewWindow(lang.L("CSAT Desk"))
	u.win.SetTitle(fmt.Sprintf("%s — %s", lang.L("CSAT Desk"), st.Path()))
	u.dash = newDashboard(u)
	u.entry = newEntry(u)
	u.entryTab = u.entry.buildUI()
	u.prefs = newSettingsScreen(u)
	u.surveys = newSurveysScreen(u)
	u.browse = newResponses(u)
	u.imports = newImportWizard(u)
	u.verify = newVerifyScreen(u)
	u.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon(lang.L("Dashboard"), theme.HomeIcon(), u.dash.buildUI()),
		container.NewTabItemWithIcon(lang.L("Surveys"), theme.DocumentIcon(), u.surveys.buildUI()),
		container.NewTabItemWithIcon(lang.L("Enter forms"), theme.DocumentCreateIcon(), u.entryTab),
		container.NewTabItemWithIcon(lang.L("Verify"), theme.ConfirmIcon(), u.verify.buildUI()),
		container.NewTabItemWithIcon(lang.L("Import"), theme.DownloadIcon(), u.imports.buildUI()),
		container.NewTabItemWithIcon(lang.L("Responses"), theme.ListIcon(), u.browse.buildUI()),
		container.NewTabItemWithIcon(lang.L("Settings"), theme.SettingsIcon(), u.prefs.buildUI()),
	)
	u.tabs.SetTabLocation(container.TabLocationLeading)
	u.tabs.OnSelected = func(t *container.TabItem) {
		if t.Content == u.entryTab {
			u.entry.onShown()
		}
		if t.Content == u.browse.root {
			u.browse.onShown()
		}
		if t.Content == u.dash.root {
			u.dash.onShown()
		}
	}
	u.win.SetContent(u.tabs)
	u.win.SetMainMenu(u.mainMenu())
	u.win.Resize(fyne.NewSize(1240, 760))
	u.model.onChange = u.onModelChange
	u.reload()
	return u
}

// reload re-reads the surveys on every screen (after surveys change).
func (u *UI) reload() { u.model.changed(surveysChanged) }

// activeSurveys returns the surveys that are not archived, and their names
// for a Select.
func (u *UI) activeSurveys() ([]data.Survey, []string, error) { return u.model.active() }

// dataChanged refreshes the figures and counts after responses change.
func (u *UI) dataChanged() { u.model.changed(responsesChanged) }

// OpenImport shows the Import tab and loads the file at path in the
// background, as when a spreadsheet is opened with CSAT Desk. A file that
// cannot be read is said in the window; a path that names no file is
// returned at once.
func (u *UI) OpenImport(path string) error {
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("cannot open %s: %w", path, err)
	}
	for _, t := range u.tabs.Items {
		if t.Text == lang.L("Import") {
			u.tabs.Select(t)
		}
	}
	u.imports.open(path, importer.Options{})
	return nil
}

// Window returns the main window.
func (u *UI) Window() fyne.Window { return u.win }

// ShowAndRun shows the window and runs the app until it quits.
func (u *UI) ShowAndRun() { u.win.ShowAndRun() }

func (u *UI) mainMenu() *fyne.MainMenu {
	backup := fyne.NewMenuItem(lang.L("Back up database…"), u.onBackup)
	sample := fyne.NewMenuItem(lang.L("Add the sample café business"), u.dash.onCreateSample)
	return fyne.NewMainMenu(fyne.NewMenu(lang.L("File"), backup, sample))
}

// showError shows err in a dialog; a nil error shows nothing.
func (u *UI) showError(err error) {
	if err == nil {
		return
	}
	dialog.ShowError(errors.New(errorText(err)), u.win) // in the UI language
}

func (u *UI) onBackup() {
	u.saveInBackground("csatdesk-backup.db", func(path string) error {
		if err := u.st.BackupFile(path); err != nil {
			return fmt.Errorf("%s: %w", lang.L("Backup failed"), err)
		}
		return nil
	}, func(path string) {
		dialog.ShowInformation(lang.L("Backup saved"), lang.L("The database was copied to {{.Path}}", map[string]any{"Path": path}), u.win)
	})
}

// ErrorWindow shows why the database could not be opened, with what to do,
// in a window of its own (the app cannot start without its database).
func ErrorWindow(a fyne.App, path string, err error) fyne.Window {
	w := a.NewWindow(lang.L("CSAT Desk"))
	content, _ := errorWindowContent(openErrorText(path, err), a.Quit)
	w.SetContent(content)
	w.Resize(fyne.NewSize(560, 180))
	w.SetFixedSize(true)
	w.CenterOnScreen()
	return w
}

// errorWindowContent lays out the open-error window: the message, word
// wrapped in a scrolling area of a fixed size, and a Quit button. The fixed
// size matters: a wrapped label's own minimum height is that of the width
// it last had, and once laid out narrow (one character a line) it made the
// window taller than a 600-pixel screen, showing only its empty middle.
func errorWindowContent(msg string, quit func()) (fyne.CanvasObject, *widget.Label) {
	l := wrapLabel(msg)
	text := container.NewVScroll(l)
	text.SetMinSize(fyne.NewSize(520, 110))
	return container.NewPadded(container.NewBorder(nil,
		container.NewHBox(layoutSpacer(), newButton(lang.L("Quit"), quit)), nil, nil, text)), l
}

// openErrorText turns a store.Open error into words a shop owner can act on.
func openErrorText(path string, err error) string {
	data := map[string]any{"Path": path, "Err": err.Error()}
	switch {
	case errors.Is(err, store.ErrLocked):
		return lang.L("CSAT Desk is already open on {{.Path}} (another window or another user?). Close the other copy and start again.", data)
	case errors.Is(err, store.ErrNewerSchema):
		return lang.L("{{.Path}} was saved by a newer version of CSAT Desk. Install the newer version to open it; this version leaves the file untouched.", data)
	case errors.Is(err, store.ErrCorrupt):
		return lang.L("{{.Path}} is not a CSAT Desk database or is damaged. Restore it from a backup, or start with --db and a new file name.", data)
	case errors.Is(err, store.ErrNoDatabase):
		return lang.L("There is no database at {{.Path}}. Check the path, or leave out --db to use the default one.", data)
	}
	return lang.L("CSAT Desk could not open {{.Path}}: {{.Err}}", data)
}
