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
	follow   *followUpScreen // the follow-up list (followup.go)
	welcome  *welcome        // the first-run panel on the dashboard (welcome.go)
	settings insight.Settings
	model    *surveyModel // the surveys and counts every screen reads (model.go)
	// auto is the automatic backups (backups.go); restoreChooser the
	// last File → Restore list shown (restore.go).
	auto           *autoBackups
	restoreChooser *restoreChooser
	kiosk          *kioskScreen // the running kiosk, if any (kiosk.go)
	phones         *phonesPanel // the phone page's panel (phones.go)

	topics  *topicsScreen  // comment topics (topics.go)
	compare *compareScreen // A/B comparison (compare.go)

	// jobs runs the background work — file loads, imports, exports,
	// backups, prints, renders — with cancel and progress, reporting back
	// through fyne.Do (jobs.go). UI tests replace it with job.Sync(),
	// because Fyne's test driver runs fyne.Do callbacks on the calling
	// goroutine.
	jobs *job.Runner

	// afterClose, when set, runs after the window closed (the error
	// window's store, opened here, closes with it).
	afterClose func()
}

// newJobs makes the window's job runner. UI tests that build windows
// through New indirectly (the damaged-database window, the screen checks)
// replace it with job.Sync, so that no job started while the window is
// built runs on a goroutine of its own.
var newJobs = func() *job.Runner { return job.New(fyne.Do) }

// New builds the main window for store st. Call ShowAndRun (or use
// Window() in tests).
func New(a fyne.App, st *store.Store) *UI {
	u := &UI{app: a, st: st, jobs: newJobs()}
	u.settings = insight.LoadSettings(st)
	u.model = &surveyModel{st: st} // read by the u.reload below
	applyTheme(a, a.Preferences().IntWithFallback(prefTheme, 0))
	u.win = a.NewWindow(lang.L("CSAT Desk"))
	u.win.SetTitle(fmt.Sprintf("%s — %s", lang.L("CSAT Desk"), st.Path()))
	u.dash = newDashboard(u)
	u.follow = newFollowUpScreen(u) // before the dashboard's counter is built
	u.entry = newEntry(u)
	u.entryTab = u.entry.buildUI()
	u.auto = newAutoBackups(u)
	u.prefs = newSettingsScreen(u)
	u.surveys = newSurveysScreen(u)
	u.browse = newResponses(u)
	u.imports = newImportWizard(u)
	u.verify = newVerifyScreen(u)
	u.topics = newTopicsScreen(u)
	u.compare = newCompareScreen(u)
	u.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon(lang.L("Dashboard"), theme.HomeIcon(), u.dash.buildUI()),
		container.NewTabItemWithIcon(lang.L("Surveys"), theme.DocumentIcon(), u.surveys.buildUI()),
		container.NewTabItemWithIcon(lang.L("Enter forms"), theme.DocumentCreateIcon(), u.entryTab),
		container.NewTabItemWithIcon(lang.L("Verify"), theme.ConfirmIcon(), u.verify.buildUI()),
		container.NewTabItemWithIcon(lang.L("Import"), theme.DownloadIcon(), u.imports.buildUI()),
		container.NewTabItemWithIcon(lang.L("Responses"), theme.ListIcon(), u.browse.buildUI()),
		container.NewTabItemWithIcon(lang.L("Follow-up"), theme.MailReplyIcon(), u.follow.buildUI()),
		container.NewTabItemWithIcon(lang.L("Topics"), theme.MailComposeIcon(), u.topics.buildUI()),
		container.NewTabItemWithIcon(lang.L("Compare"), theme.ViewRestoreIcon(), u.compare.buildUI()),
		container.NewTabItemWithIcon(lang.L("Settings"), theme.SettingsIcon(), u.prefs.buildUI()),
	)
	u.tabs.SetTabLocation(container.TabLocationLeading)
	// The first-run panel with three ways to start (welcome.go) in place
	// of the dashboard's own.
	u.dash.welcome = newWelcome(u).box
	u.dash.body.Objects = []fyne.CanvasObject{u.dash.welcome}
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
		if t.Content == u.topics.root {
			u.topics.onShown()
		}
		if t.Content == u.compare.root {
			u.compare.onShown()
		}
		if t.Content == u.follow.root {
			u.follow.onShown()
		}
	}
	u.win.SetContent(newSidebarFit(u.tabs))
	installDialogKeys(u.win.Canvas(), nil)
	u.win.SetMainMenu(u.mainMenu())
	u.win.Resize(u.startSize())
	u.win.SetOnClosed(u.onClosed)
	u.win.SetCloseIntercept(u.auto.onCloseRequest) // a backup first
	u.model.onChange = u.onModelChange
	u.reload()
	translatePlaceholders(u.tabs)
	return u
}

// Window size.
//
// The window opens at the size it had when it was last closed, and the
// first time at firstSize, which fits a 1024×600 netbook screen with its
// title bar and panel (Fyne 2.7 cannot ask for the screen's size, and a
// window larger than the screen hid its right and bottom edge: Save
// buttons, the status line). Every screen's minimum size fits within
// 1024×600 in every language (app/screencheck_test.go).
const (
	prefWindowWidth  = "window-width"
	prefWindowHeight = "window-height"
)

// firstSize is the window's size at the first start.
var firstSize = fyne.NewSize(1000, 560)

// startSize is the size the window opens at: the one remembered, or
// firstSize, never below what the content needs.
func (u *UI) startSize() fyne.Size {
	p := u.app.Preferences()
	s := fyne.NewSize(float32(p.FloatWithFallback(prefWindowWidth, float64(firstSize.Width))),
		float32(p.FloatWithFallback(prefWindowHeight, float64(firstSize.Height))))
	return s.Max(u.win.Content().MinSize())
}

// onClosed keeps the window's size for the next start and runs afterClose.
func (u *UI) onClosed() {
	u.rememberSize()
	u.stopPhones()
	if u.afterClose != nil {
		u.afterClose()
	}
}

// rememberSize keeps the window's size for the next start.
func (u *UI) rememberSize() {
	s := u.win.Canvas().Size()
	if s.Width < 1 || s.Height < 1 {
		return
	}
	u.app.Preferences().SetFloat(prefWindowWidth, float64(s.Width))
	u.app.Preferences().SetFloat(prefWindowHeight, float64(s.Height))
}

// sidebarFit holds the tabs and shows the sidebar's icons only when every
// tab fits with its icon. Fyne draws an icon above each tab's name (83
// pixels a tab), so at a 600-pixel screen's window height Responses and
// Settings went behind an overflow menu; without icons every tab shows.
type sidebarFit struct {
	tabs  *container.AppTabs
	icons []fyne.Resource
	shown bool
}

// newSidebarFit returns the tabs in a container that fits their sidebar.
func newSidebarFit(tabs *container.AppTabs) *fyne.Container {
	s := &sidebarFit{tabs: tabs, shown: true}
	for _, it := range tabs.Items {
		s.icons = append(s.icons, it.Icon)
	}
	return container.New(s, tabs)
}

// tabHeight is the height of a sidebar tab with its icon above its name.
func tabHeight() float32 {
	line := fyne.MeasureText("Ag", theme.TextSize(), fyne.TextStyle{}).Height
	return 2*theme.IconInlineSize() + line + 2*theme.Padding() + 2*theme.InnerPadding()
}

// Layout gives the tabs the whole space, with or without icons.
func (s *sidebarFit) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	if fit := size.Height >= float32(len(s.icons))*tabHeight(); fit != s.shown {
		s.shown = fit
		for i, it := range s.tabs.Items {
			if i < len(s.icons) && fit {
				it.Icon = s.icons[i]
			} else {
				it.Icon = nil
			}
		}
		s.tabs.Refresh()
	}
	for _, o := range objs {
		o.Move(fyne.Position{})
		o.Resize(size)
	}
}

// MinSize is the tabs' minimum size.
func (s *sidebarFit) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var m fyne.Size
	for _, o := range objs {
		m = m.Max(o.MinSize())
	}
	return m
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
	restore := fyne.NewMenuItem(lang.L("Restore from a backup…"), u.onRestore)
	sample := fyne.NewMenuItem(lang.L("Add the sample café business"), u.dash.onCreateSample)
	compact := fyne.NewMenuItem(lang.L("Compact the database…"), u.onCompact)
	merge := fyne.NewMenuItem(lang.L("Merge another database…"), u.onMerge)
	check := fyne.NewMenuItem(lang.L("Check the database…"), u.onCheck)
	kioskItem := fyne.NewMenuItem(lang.L("Start kiosk…"), u.onKioskSetup)
	phones := fyne.NewMenuItem(lang.L("Collect from phones…"), u.onPhones)
	reportItem := fyne.NewMenuItem(lang.L("Report (PDF)…"), u.onReport)
	scanItem := fyne.NewMenuItem(lang.L("Scan paper forms…"), u.onScan)
	reviewItem := fyne.NewMenuItem(lang.L("Review scanned forms…"), u.onScanReview)
	return fyne.NewMainMenu(fyne.NewMenu(lang.L("File"), u.auto.menuItem, backup, restore, compact, merge, check, sample,
		fyne.NewMenuItemSeparator(), reportItem, fyne.NewMenuItemSeparator(), scanItem, reviewItem, fyne.NewMenuItemSeparator(), kioskItem, phones), u.goMenu(), u.helpMenu())
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
