package app

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"csatdesk/app/job"
	"csatdesk/data/store"
)

// Automatic backups (store.BackupInto): one when the window closes and one
// a day while it is open, into the backups folder — beside the database
// by default, or the folder chosen in Settings (a USB stick, a synced
// folder). Each is checked after writing and old ones are rotated by the
// store. The state — the last backup, or the last error in plain words —
// shows in Settings and in the File menu; an error of the backup made on
// close is kept in the preferences and shown at the next start.

// Preferences of the automatic backups.
const (
	prefBackupOff   = "backup-off"        // true turns automatic backups off
	prefBackupDir   = "backup-dir"        // the chosen folder ("" beside the database)
	prefBackupError = "backup-last-error" // the last failure, in words ("" none)
)

// Timing of the automatic backups.
var (
	// backupEvery is how often the window checks whether a day passed
	// since the last backup.
	backupEvery = 30 * time.Minute
	// backupFirstCheck is when it checks first after the start.
	backupFirstCheck = time.Minute
	// closeBackupLimit bounds the backup made on close; the window closes
	// then all the same.
	closeBackupLimit = 2 * time.Minute
	// closeBackupQuiet is how long the backup on close runs before the
	// window shows that it does.
	closeBackupQuiet = 500 * time.Millisecond
)

// autoBackups is the window's automatic backups and their state.
type autoBackups struct {
	ui *UI
	// last is the newest backup; has says whether there is one.
	last store.BackupInfo
	has  bool
	// checked is when the database was last found unchanged since last
	// (a day from then needs no new backup).
	checked time.Time
	// running is true while a backup runs; after runs when it ends.
	running bool
	after   []func()
	// errText is the last failure in words ("" none).
	errText string
	// now is the clock (tests replace it).
	now func() time.Time

	// The Settings section.
	enabled      *widget.Check
	folder       *widget.Label
	status       *widget.Label
	backupNowBtn *widget.Button
	besideBtn    *widget.Button
	// menuItem is File → Back up now, which shows the last backup.
	menuItem *fyne.MenuItem
}

// newAutoBackups reads the state of the backups of u's database.
func newAutoBackups(u *UI) *autoBackups {
	b := &autoBackups{ui: u, now: time.Now}
	b.errText = u.app.Preferences().String(prefBackupError)
	b.menuItem = fyne.NewMenuItem(lang.L("Back up now"), b.onBackUpNow)
	return b
}

// on reports whether automatic backups are on.
func (b *autoBackups) on() bool { return !b.ui.app.Preferences().Bool(prefBackupOff) }

// dir is the backups folder.
func (b *autoBackups) dir() string {
	if d := b.ui.app.Preferences().String(prefBackupDir); d != "" {
		return d
	}
	return store.BackupDir(b.ui.st.Path())
}

// refresh reads the newest backup (its header only) in the background.
func (b *autoBackups) refresh() {
	var last store.BackupInfo
	var has bool
	dir, db := b.dir(), b.ui.st.Path()
	b.ui.background(func() { last, has, _ = store.LastBackup(dir, db) }, func() {
		b.last, b.has = last, has
		b.show()
	})
}

// backUp makes a backup now as a job; done, if not nil, gets its error
// on the UI goroutine. One runs at a time (a second call while one runs
// is dropped, with done called with nil).
func (b *autoBackups) backUp(done func(error)) {
	b.backUpWith(context.Background(), nil, done)
}

// onBackUpNow is Back up now (File menu, Settings): a backup, and then
// where it is or why it failed, in a dialog.
func (b *autoBackups) onBackUpNow() {
	if b.running {
		return
	}
	end := b.ui.busyAfter(lang.L("Backing up…"))
	b.backUp(func(err error) {
		end()
		switch {
		case err != nil:
			b.ui.showError(errors.New(lang.L("The last backup failed: {{.Why}}", map[string]any{"Why": b.errText})))
		case b.has:
			dialog.ShowInformation(lang.L("Backup saved"), lang.L("The database was copied to {{.Path}}", map[string]any{"Path": b.last.Path}), b.ui.win)
		}
	})
}

// backUpWith is backUp under ctx with progress.
func (b *autoBackups) backUpWith(ctx context.Context, progress func(float64), done func(error)) *job.Job {
	if b.running {
		if done != nil {
			done(nil)
		}
		return nil
	}
	b.running = true
	b.show()
	dir, custom := b.dir(), b.ui.app.Preferences().String(prefBackupDir) != ""
	now := b.now()
	var res store.BackupResult
	return b.ui.run(func(jctx context.Context, p func(job.Progress)) error {
		if custom { // a chosen folder is not made: a USB stick may be out
			if _, err := os.Stat(dir); err != nil {
				return err
			}
		}
		ctx, cancel := mergeCtx(ctx, jctx)
		defer cancel()
		var err error
		res, err = b.ui.st.BackupInto(ctx, dir, store.BackupOptions{Now: now, SkipUnchanged: true,
			Progress: func(f float64) {
				p(job.Progress{Frac: f})
			}})
		return err
	}, func(p job.Progress) {
		if progress != nil {
			progress(p.Frac)
		}
	}, func(err error) {
		b.running = false
		b.record(res, err, dir, now)
		if done != nil {
			done(err)
		}
		after := b.after
		b.after = nil
		for _, f := range after {
			f()
		}
	})
}

// record keeps the outcome of a backup and shows it.
func (b *autoBackups) record(res store.BackupResult, err error, dir string, now time.Time) {
	prefs := b.ui.app.Preferences()
	switch {
	case errors.Is(err, context.Canceled):
	case err != nil:
		b.errText = backupErrorText(err, dir)
		prefs.SetString(prefBackupError, b.errText)
	default:
		b.errText = ""
		prefs.SetString(prefBackupError, "")
		b.last, b.has = res.Backup, true
		if res.Skipped {
			b.checked = now
		}
	}
	b.show()
}

// mergeCtx is a context done when either a or b is.
func mergeCtx(a, b context.Context) (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(a)
	stop := context.AfterFunc(b, cancel)
	return ctx, func() { stop(); cancel() }
}

// due reports whether a day passed since the last backup (or the last
// finding that nothing changed since).
func (b *autoBackups) due(now time.Time) bool {
	if !b.on() || b.running {
		return false
	}
	last := b.checked
	if b.has && b.last.Time.After(last) {
		last = b.last.Time
	}
	return last.IsZero() || now.Sub(last) >= 24*time.Hour
}

// tick makes the daily backup when one is due.
func (b *autoBackups) tick() {
	if b.due(b.now()) {
		b.backUp(nil)
	}
}

// startTimer checks every backupEvery (the first time after
// backupFirstCheck) whether the daily backup is due; stop ends it.
func (b *autoBackups) startTimer() (stop func()) {
	quit := make(chan struct{})
	go func() {
		first := time.NewTimer(backupFirstCheck)
		defer first.Stop()
		t := time.NewTicker(backupEvery)
		defer t.Stop()
		for {
			select {
			case <-quit:
				return
			case <-first.C:
			case <-t.C:
			}
			fyne.Do(b.tick)
		}
	}()
	return func() { close(quit) }
}

// onCloseRequest is the window's close: with automatic backups on, a
// backup first (skipped when nothing changed since the last one), then the
// window closes whatever came of it. A backup that takes longer than
// closeBackupQuiet shows a progress dialog with a button to close without
// it; none takes longer than closeBackupLimit.
func (b *autoBackups) onCloseRequest() {
	closeNow := func() { b.ui.win.Close() }
	if !b.on() || b.ui.st == nil {
		closeNow()
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), closeBackupLimit)
	closed := false
	var dlg dialog.Dialog
	bar := widget.NewProgressBar()
	finish := func() {
		if closed {
			return
		}
		closed = true
		cancel()
		if dlg != nil {
			dlg.Hide()
		}
		closeNow()
	}
	stopQuiet := b.ui.jobs.Later(closeBackupQuiet, func() {
		if closed || !b.running {
			return
		}
		skip := widget.NewButtonWithIcon(lang.L("Close without a backup"), theme.CancelIcon(), finish)
		dlg = dialog.NewCustomWithoutButtons(lang.L("Making a backup before closing…"),
			container.NewVBox(bar, container.NewHBox(layoutSpacer(), skip)), b.ui.win)
		dlg.Resize(fyne.NewSize(420, 140))
		dlg.Show()
	})
	if b.running { // a backup is under way: close when it ends
		b.after = append(b.after, func() { stopQuiet(); finish() })
		return
	}
	b.backUpWith(ctx, bar.SetValue, func(error) {
		stopQuiet()
		finish()
	})
}

// show puts the state into the Settings section and the File menu.
func (b *autoBackups) show() {
	if b.status != nil {
		b.status.SetText(b.statusText())
		b.status.Importance = widget.MediumImportance
		if b.errText != "" {
			b.status.Importance = widget.DangerImportance
		}
		b.status.Refresh()
	}
	if b.folder != nil {
		b.folder.SetText(b.dir())
	}
	if b.backupNowBtn != nil {
		if b.running {
			b.backupNowBtn.Disable()
		} else {
			b.backupNowBtn.Enable()
		}
	}
	b.menuItem.Label = b.menuText()
	b.menuItem.Disabled = b.running
	if m := b.ui.win.MainMenu(); m != nil {
		m.Refresh()
	}
}

// whenText is a backup's time for people: the date in the UI language and
// the time of day.
func whenText(t time.Time) string {
	t = t.Local()
	return fmtDate(t) + " " + t.Format("15:04")
}

// surveysText is "N surveys" in the UI language.
func surveysText(n int) string {
	return lang.N("{{.Count}} survey", n, map[string]any{"Count": fmtCount(n)})
}

// responsesText is "N responses" in the UI language.
func responsesText(n int) string {
	return lang.N("{{.Count}} response", n, map[string]any{"Count": fmtCount(n)})
}

// statusText says when the last backup was made, or why it failed.
func (b *autoBackups) statusText() string {
	var s string
	switch {
	case b.running:
		s = lang.L("Backing up…")
	case b.errText != "":
		s = lang.L("The last backup failed: {{.Why}}", map[string]any{"Why": b.errText})
	case b.has:
		s = lang.L("Last backup: {{.When}} ({{.Responses}})", map[string]any{
			"When": whenText(b.last.Time), "Responses": responsesText(int(b.last.Responses))})
	default:
		s = lang.L("Last backup: never")
	}
	if !b.on() {
		s += " " + lang.L("Automatic backups are off.")
	}
	return s
}

// menuText is the File menu's Back up now item, with the last backup.
func (b *autoBackups) menuText() string {
	switch {
	case b.running:
		return lang.L("Backing up…")
	case b.errText != "":
		return lang.L("Back up now (the last backup failed)")
	case b.has:
		return lang.L("Back up now (last: {{.When}})", map[string]any{"When": whenText(b.last.Time)})
	}
	return lang.L("Back up now")
}

// backupErrorText says in plain words why a backup into dir failed.
func backupErrorText(err error, dir string) string {
	d := map[string]any{"Dir": dir}
	switch {
	case errors.Is(err, store.ErrBackupBroken):
		return lang.L("the copy did not pass its check after writing, so it was not kept. The disk of {{.Dir}} may be failing.", d)
	case errors.Is(err, store.ErrCorrupt):
		return lang.L("the database is damaged, so it was not copied. Restore a backup from File → Restore from a backup….", d)
	case errors.Is(err, os.ErrNotExist):
		return lang.L("the folder {{.Dir}} is not there (is the USB stick plugged in?).", d)
	case errors.Is(err, os.ErrPermission):
		return lang.L("the folder {{.Dir}} cannot be written to. Choose another folder in Settings.", d)
	case errors.Is(err, syscall.ENOSPC):
		return lang.L("the disk of {{.Dir}} is full.", d)
	case errors.Is(err, context.DeadlineExceeded):
		return lang.L("it took too long and was stopped.", d)
	}
	return errorText(err)
}

// settingsUI is the Backups section of the Settings screen.
func (b *autoBackups) settingsUI() fyne.CanvasObject {
	b.enabled = widget.NewCheck(lang.L("Automatic backups (when the window closes and once a day)"), b.onEnabled)
	b.enabled.SetChecked(b.on())
	b.folder = widget.NewLabel(b.dir())
	b.folder.Truncation = fyne.TextTruncateEllipsis
	choose := widget.NewButtonWithIcon(lang.L("Choose folder…"), theme.FolderOpenIcon(), b.onChooseFolder)
	b.besideBtn = widget.NewButton(lang.L("Beside the database"), b.onDefaultFolder)
	b.status = wrapLabel("")
	b.backupNowBtn = widget.NewButtonWithIcon(lang.L("Back up now"), theme.DocumentSaveIcon(), b.onBackUpNow)
	restore := widget.NewButtonWithIcon(lang.L("Restore from a backup…"), theme.HistoryIcon(), b.ui.onRestore)
	heading := boldLabel(lang.L("Backups"))
	folderRow := container.NewBorder(nil, nil, widget.NewLabel(lang.L("Folder:")), container.NewHBox(choose, b.besideBtn), b.folder)
	b.show()
	b.refresh()
	return container.NewVBox(widget.NewSeparator(), heading, b.enabled, folderRow, b.status,
		container.NewHBox(b.backupNowBtn, restore))
}

func (b *autoBackups) onEnabled(on bool) {
	b.ui.app.Preferences().SetBool(prefBackupOff, !on)
	b.show()
}

func (b *autoBackups) onChooseFolder() {
	d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
		if err != nil {
			b.ui.showError(err)
			return
		}
		if u == nil {
			return // cancelled
		}
		b.setFolder(u.Path())
	}, b.ui.win)
	d.Show()
}

func (b *autoBackups) onDefaultFolder() { b.setFolder("") }

// setFolder makes dir the backups folder ("" beside the database).
func (b *autoBackups) setFolder(dir string) {
	if dir != "" {
		dir = filepath.Clean(dir)
	}
	b.ui.app.Preferences().SetString(prefBackupDir, dir)
	b.has = false
	b.checked = time.Time{}
	b.show()
	b.refresh()
}
