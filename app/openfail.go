package app

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"csatdesk/app/cli"
	"csatdesk/data/store"
)

// The window shown when the database cannot be opened (damaged, locked,
// from a newer version, missing). It says what happened in words a shop
// owner can act on and offers what they can do from here: open another
// database file, restore a backup over the damaged file (which is kept
// beside it, renamed), or quit. Opening or restoring starts the main
// window on that database and closes this one. It wears the theme and the
// font of the main window.

// The window's sizes: its own, and the larger one it takes while Fyne's
// file dialog (drawn inside it) is open; both fit a 1024×600 screen.
var (
	windowSizeError  = fyne.NewSize(680, 330)
	windowSizeDialog = fyne.NewSize(900, 540)
)

// openFailure is the open-error window: the message and its buttons.
type openFailure struct {
	app  fyne.App
	win  fyne.Window
	path string // the database that failed

	heading, message *widget.Label
	hint             *widget.Label // where backups are
	open, restore    *widget.Button
	rescue           *widget.Button // a damaged file: read out what can be read
	quit             *widget.Button

	// chooser is the list of backups shown by Restore a backup….
	chooser *restoreChooser

	// started receives the main window once a database is open; it shows
	// it (tests replace it).
	started func(*UI)
}

// ErrorWindow shows why the database at path could not be opened, with
// what to do, in a window of its own; the app cannot start without a
// database. When the user opens another file or restores a backup, the
// main window starts on it (and closes its database when it closes).
func ErrorWindow(a fyne.App, path string, err error) fyne.Window {
	f := newOpenFailure(a, path, err)
	f.win.Resize(windowSizeError)
	f.win.CenterOnScreen()
	return f.win
}

// newOpenFailure builds the window for err opening path.
func newOpenFailure(a fyne.App, path string, err error) *openFailure {
	applyTheme(a, a.Preferences().IntWithFallback(prefTheme, 0))
	f := &openFailure{app: a, path: path, started: func(u *UI) { u.win.Show() }}
	f.win = a.NewWindow(lang.L("CSAT Desk"))
	f.win.SetContent(f.buildUI(err))
	f.bindKeys()
	return f
}

// buildUI lays out the message and the buttons. The message is word
// wrapped at a fixed width in a scrolling area of a fixed size: a wrapped
// label's own minimum height is that of the width it last had, and once
// laid out narrow (one character a line) it made the window taller than a
// 600-pixel screen.
func (f *openFailure) buildUI(err error) fyne.CanvasObject {
	f.heading = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	f.heading.SizeName = theme.SizeNameSubHeadingText
	f.message = wrapLabel("")
	f.open = widget.NewButtonWithIcon(lang.L("Open another file…"), theme.FolderOpenIcon(), f.onOpen)
	f.restore = widget.NewButtonWithIcon(lang.L("Restore a backup…"), theme.HistoryIcon(), f.onRestore)
	f.rescue = widget.NewButtonWithIcon(lang.L("Rescue surveys…"), theme.DownloadIcon(), f.onRescue)
	f.quit = widget.NewButtonWithIcon(lang.L("Quit"), theme.CancelIcon(), f.app.Quit)
	f.hint = wrapLabel(lang.L("CSAT Desk backs up by itself when it closes and once a day, into {{.Folder}}. A backup can also be a file saved with File → Back up database…, or the copy made beside the database before an upgrade ({{.Name}}.bak-v…).", map[string]any{"Name": filepath.Base(f.path), "Folder": f.backupDir()}))
	f.hint.SizeName = theme.SizeNameCaptionText
	f.show(err)
	text := container.NewVScroll(container.NewVBox(f.message, f.hint))
	text.SetMinSize(fyne.NewSize(560, 150))
	icon := widget.NewIcon(theme.WarningIcon())
	top := container.NewBorder(nil, nil, container.NewCenter(icon), nil, f.heading)
	// Rescue (a damaged file only) on a row of its own: four buttons in a
	// row do not fit the 680-pixel window.
	buttons := container.NewVBox(container.NewHBox(f.rescue), container.NewHBox(f.open, f.restore, layoutSpacer(), f.quit))
	return container.NewPadded(container.NewBorder(top, buttons, nil, nil, text))
}

// show puts err (opening f.path) into words, with the actions that fit it.
func (f *openFailure) show(err error) {
	f.heading.SetText(openErrorHeading(err))
	f.message.SetText(openErrorText(f.path, err))
	f.restore.Show()
	f.hint.Show()
	f.rescue.Hide()
	if errors.Is(err, store.ErrCorrupt) {
		f.rescue.Show()
	}
	if errors.Is(err, store.ErrLocked) || errors.Is(err, store.ErrNewerSchema) {
		f.restore.Hide() // the file is fine: a backup would throw away its data
		f.hint.Hide()
	}
}

// bindKeys makes Escape quit (Enter and Escape answer a dialog first).
func (f *openFailure) bindKeys() {
	installDialogKeys(f.win.Canvas(), func(k *fyne.KeyEvent) {
		if k.Name == fyne.KeyEscape {
			f.quit.OnTapped()
		}
	})
}

// asker is a minimal UI on the error window, for the file dialogs and the
// error dialogs the main window uses (askOpen, showError).
func (f *openFailure) asker() *UI { return &UI{app: f.app, win: f.win} }

func (f *openFailure) onOpen() { f.ask([]string{".db"}, f.openFile) }

// backupDir is the folder of the automatic backups: the one chosen in
// Settings, else the one beside the database.
func (f *openFailure) backupDir() string {
	if dir := f.app.Preferences().String(prefBackupDir); dir != "" {
		return dir
	}
	return store.BackupDir(f.path)
}

// onRestore lists the automatic backups of the database (restore.go's
// list), with "Choose another file…" for any other backup.
func (f *openFailure) onRestore() {
	dir := f.backupDir()
	list, err := store.ListBackups(dir, f.path)
	f.win.Resize(windowSizeDialog)
	f.win.CenterOnScreen()
	f.chooser = newRestoreChooser(f.win, dir, list, err, func(b store.BackupInfo) {
		if err := f.restoreFrom(b.Path); err != nil {
			f.asker().showError(err)
		}
	}, func() { f.ask(nil, f.restoreFrom) })
	f.chooser.dlg.Show()
}

// ask shows Fyne's file dialog (files with exts, if any) in the folder of
// the database, in the window grown and centred again to hold it.
func (f *openFailure) ask(exts []string, open func(path string) error) {
	f.win.Resize(windowSizeDialog)
	f.win.CenterOnScreen()
	d := dialog.NewFileOpen(f.asker().onOpenChosen(open), f.win)
	if len(exts) > 0 {
		d.SetFilter(storage.NewExtensionFileFilter(exts))
	}
	if dir, err := storage.ListerForURI(storage.NewFileURI(filepath.Dir(f.path))); err == nil {
		d.SetLocation(dir)
	}
	d.Show()
}

// onRescue asks for a folder and writes into it every survey that can be
// read from the damaged file (cli.Rescue: one CSV each and a report; the
// file is only read), then shows the report.
func (f *openFailure) onRescue() {
	f.win.Resize(windowSizeDialog)
	f.win.CenterOnScreen()
	d := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil {
			f.asker().showError(err)
			return
		}
		if dir == nil {
			return
		}
		report, err := cli.Rescue(f.path, dir.Path(), time.Now())
		if err != nil {
			f.asker().showError(err)
			return
		}
		text := widget.NewLabel(report)
		scroll := container.NewScroll(text)
		scroll.SetMinSize(fyne.NewSize(760, 320))
		dialog.ShowCustom(lang.L("Rescued into {{.Dir}}", map[string]any{"Dir": dir.Path()}), lang.L("Close"), scroll, f.win)
	}, f.win)
	if loc, err := storage.ListerForURI(storage.NewFileURI(filepath.Dir(f.path))); err == nil {
		d.SetLocation(loc)
	}
	d.Show()
}

// openFile starts the main window on the database at path.
func (f *openFailure) openFile(path string) error {
	st, err := store.Open(path, store.Options{Holder: store.HolderWindow})
	if err != nil {
		f.path = path
		f.show(err)
		return nil // said in the window
	}
	f.start(st)
	return nil
}

// restoreFrom checks that backup is a readable CSAT Desk database, moves
// the damaged file aside (path.damaged-YYYYMMDD-HHMMSS, never deleted),
// copies the backup in its place and starts the main window on it. When
// anything fails, the damaged file is put back and the error returned.
func (f *openFailure) restoreFrom(backup string) error {
	st, err := restoreBackup(f.path, backup, time.Now())
	if err != nil {
		return err
	}
	f.start(st)
	return nil
}

// start shows the main window on st and closes this one; the store closes
// with the main window.
func (f *openFailure) start(st *store.Store) {
	u := New(f.app, st)
	srv, err := cli.Serve(st) // read-only commands of other processes, as main does
	u.afterClose = func() {
		if err == nil {
			_ = srv.Close()
		}
		_ = st.Close()
	}
	f.started(u)
	f.win.Close()
}

// restoreBackup puts the database backup in place of the one at path,
// keeping that one as path.damaged-<time> (store.RestoreFile: checked,
// atomic), and opens it.
func restoreBackup(path, backup string, now time.Time) (*store.Store, error) {
	if same(path, backup) {
		return nil, errors.New(lang.L("Pick a backup copy, not the damaged file itself."))
	}
	aside := path + ".damaged-" + now.Format("20060102-150405")
	rep, err := store.RestoreFile(path, backup, aside)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", lang.L("{{.Path}} cannot be used as a backup", map[string]any{"Path": backup}), err)
	}
	st, err := store.Open(path, store.Options{Holder: store.HolderWindow})
	if err != nil {
		if rep.Aside != "" {
			_ = os.Rename(rep.Aside, path) // the damaged file back
		}
		return nil, fmt.Errorf("restore %s: %w", backup, err)
	}
	return st, nil
}

// same reports whether a and b name the same file.
func same(a, b string) bool {
	ia, err1 := os.Stat(a)
	ib, err2 := os.Stat(b)
	if err1 == nil && err2 == nil {
		return os.SameFile(ia, ib)
	}
	aa, _ := filepath.Abs(a)
	bb, _ := filepath.Abs(b)
	return aa == bb
}

// openErrorHeading is the window's headline for err.
func openErrorHeading(err error) string {
	switch {
	case errors.Is(err, store.ErrLocked):
		return lang.L("This database is already open")
	case errors.Is(err, store.ErrNewerSchema):
		return lang.L("This database needs a newer CSAT Desk")
	case errors.Is(err, store.ErrCorrupt):
		return lang.L("This database is damaged")
	case errors.Is(err, store.ErrNoDatabase):
		return lang.L("There is no database here")
	}
	return lang.L("The database could not be opened")
}

// holderWords translates the holder texts the store and the command line
// write (store.Holder.What); another program's own text stays as it is.
func holderWords(what string) string {
	switch what {
	case store.HolderWindow:
		return lang.L("the CSAT Desk window")
	case "an import from the command line":
		return lang.L("an import from the command line")
	case "rollback of an interrupted import":
		return lang.L("the rollback of an interrupted import")
	}
	return what
}

// openErrorText turns a store.Open error into words a shop owner can act on.
func openErrorText(path string, err error) string {
	data := map[string]any{"Path": path, "Err": err.Error()}
	switch {
	case errors.Is(err, store.ErrLocked):
		var le *store.LockedError
		if errors.As(err, &le) && le.Known {
			data["What"] = holderWords(le.Holder.What)
			data["PID"] = le.Holder.PID
			data["Since"] = le.Holder.Since.Local().Format("15:04")
			return lang.L("{{.Path}} is open in {{.What}} (process {{.PID}}, since {{.Since}}). Close it and start again, or open another file.", data)
		}
		return lang.L("CSAT Desk is already open on {{.Path}} (another window or another user?). Close the other copy and start again, or open another file.", data)
	case errors.Is(err, store.ErrNewerSchema):
		return lang.L("{{.Path}} was saved by a newer version of CSAT Desk. Install the newer version to open it; this version leaves the file untouched.", data)
	case errors.Is(err, store.ErrCorrupt):
		return lang.L("{{.Path}} is not a CSAT Desk database or is damaged. Nothing in it was changed. Restore your last backup in its place (the damaged file is kept beside it), or open another database file.", data)
	case errors.Is(err, store.ErrNoDatabase):
		return lang.L("There is no database at {{.Path}}. Open another file, or check the path you started CSAT Desk with.", data)
	}
	return lang.L("CSAT Desk could not open {{.Path}}: {{.Err}}", data)
}
