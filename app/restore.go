package app

import (
	"context"
	"errors"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"csatdesk/app/job"
	"csatdesk/data/insight"
	"csatdesk/data/store"
)

// File → Restore from a backup…: the backups in the backups folder, newest
// first, with their date, surveys, responses and size, and "Choose another
// file…"; a confirmation that says what will happen; then, as one job, a
// backup of the database as it is (labelled before-restore) and
// store.RestoreFrom, which replaces the file atomically while the window's
// store stays open; every screen then reads the restored data. The
// damaged-database window (openfail.go) lists the same backups.

// restoreChooser is the dialog listing the backups to restore from.
type restoreChooser struct {
	dlg     dialog.Dialog
	list    *widget.List
	backups []store.BackupInfo
	// chosen is the selected row (-1 none).
	chosen  int
	restore *widget.Button
	other   *widget.Button
	empty   *widget.Label
}

// restoreChooserSize fits a 1024×600 screen.
var restoreChooserSize = fyne.NewSize(680, 440)

// newRestoreChooser builds the dialog on win for the backups in dir (a
// listing error, if any, is said in it). pick gets the backup chosen;
// other is "Choose another file…".
func newRestoreChooser(win fyne.Window, dir string, backups []store.BackupInfo, listErr error,
	pick func(store.BackupInfo), other func()) *restoreChooser {
	c := &restoreChooser{backups: backups, chosen: -1}
	c.list = widget.NewList(func() int { return len(c.backups) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(backupRowText(c.backups[i])) })
	c.list.OnSelected = func(i widget.ListItemID) {
		c.chosen = i
		c.restore.Enable()
	}
	c.restore = widget.NewButtonWithIcon(lang.L("Restore"), theme.HistoryIcon(), func() {
		if c.chosen >= 0 && c.chosen < len(c.backups) {
			c.dlg.Hide()
			pick(c.backups[c.chosen])
		}
	})
	c.restore.Importance = widget.HighImportance
	c.restore.Disable()
	c.other = widget.NewButtonWithIcon(lang.L("Choose another file…"), theme.FolderOpenIcon(), func() {
		c.dlg.Hide()
		other()
	})
	cancel := widget.NewButtonWithIcon(lang.L("Cancel"), theme.CancelIcon(), func() { c.dlg.Hide() })
	where := wrapLabel(lang.L("Backups in {{.Dir}}, newest first:", map[string]any{"Dir": dir}))
	c.empty = wrapLabel("")
	switch {
	case listErr != nil && len(backups) == 0:
		c.empty.SetText(lang.L("The backups folder cannot be read: {{.Why}}", map[string]any{"Why": backupErrorText(listErr, dir)}))
	case len(backups) == 0:
		c.empty.SetText(lang.L("There are no backups here yet. Choose another file, such as a backup on a USB stick."))
	default:
		c.empty.Hide()
	}
	buttons := container.NewHBox(c.other, layoutSpacer(), cancel, c.restore)
	body := container.NewBorder(container.NewVBox(where, c.empty), buttons, nil, nil, c.list)
	c.dlg = dialog.NewCustomWithoutButtons(lang.L("Restore from a backup"), body, win)
	c.dlg.Resize(restoreChooserSize)
	return c
}

// backupRowText is one backup in the list: when, what it holds, its size.
func backupRowText(b store.BackupInfo) string {
	s := lang.L("{{.When}} — {{.Surveys}}, {{.Responses}}, {{.Size}}", map[string]any{
		"When": whenText(b.Time), "Surveys": surveysText(b.Surveys), "Responses": responsesText(int(b.Responses)), "Size": megabytes(b.Size)})
	if b.Label == store.LabelBeforeRestore {
		s += " " + lang.L("(made before a restore)")
	}
	return s
}

// onRestore is File → Restore from a backup….
func (u *UI) onRestore() {
	dir, db := u.auto.dir(), u.st.Path()
	var list []store.BackupInfo
	var lerr error
	u.background(func() { list, lerr = store.ListBackups(dir, db) }, func() {
		u.restoreChooser = newRestoreChooser(u.win, dir, list, lerr,
			func(b store.BackupInfo) { u.confirmRestore(b.Path, &b) },
			func() {
				u.askOpen([]string{".gz", ".db"}, func(path string) error {
					u.confirmRestore(path, nil)
					return nil
				})
			})
		u.restoreChooser.dlg.Show()
	})
}

// confirmRestore says plainly what restoring from path (described by b,
// when listed) will do and restores when the user agrees.
func (u *UI) confirmRestore(path string, b *store.BackupInfo) {
	if same(path, u.st.Path()) {
		u.showError(errors.New(lang.L("Pick a backup copy, not the open database itself.")))
		return
	}
	body := wrapLabel(restoreConfirmText(u.st.Path(), u.auto.dir(), path, b))
	dlg := dialog.NewCustomConfirm(lang.L("Restore this backup?"), lang.L("Restore"), lang.L("Cancel"), body,
		func(ok bool) {
			if ok {
				u.restoreFrom(path, nil)
			}
		}, u.win)
	dlg.Resize(fyne.NewSize(560, 300))
	dlg.Show()
}

// restoreConfirmText says what restoring the database at db from path
// (described by b, when listed) does, the current file being backed up
// into dir first.
func restoreConfirmText(db, dir, path string, b *store.BackupInfo) string {
	d := map[string]any{"DB": filepath.Base(db), "Dir": dir, "File": path}
	var msg string
	if b != nil {
		d["When"], d["Surveys"], d["Responses"] = whenText(b.Time), surveysText(b.Surveys), responsesText(int(b.Responses))
		msg = lang.L("The database {{.DB}} will be replaced by the backup of {{.When}} ({{.Surveys}}, {{.Responses}}). Anything entered or imported after {{.When}} will no longer be in it.", d)
	} else {
		msg = lang.L("The database {{.DB}} will be replaced by {{.File}}, once that file passes its check.", d)
	}
	return msg + "\n\n" + lang.L("First the database as it is now is saved as a backup marked “before a restore” in {{.Dir}}, so you can go back to it the same way.", d)
}

// restoreFrom backs the database up (before-restore), then restores the
// backup at path into the open store, with a progress dialog; every
// screen then reads the restored data. done, if not nil, gets the report
// and error after the result is shown (tests wait on it).
func (u *UI) restoreFrom(path string, done func(store.RestoreReport, error)) {
	bar := widget.NewProgressBar()
	dlg := dialog.NewCustomWithoutButtons(lang.L("Restoring the backup…"), container.NewVBox(bar), u.win)
	dlg.Resize(fyne.NewSize(420, 120))
	dlg.Show()
	dir := u.auto.dir()
	var rep store.RestoreReport
	var before store.BackupResult
	u.run(func(ctx context.Context, progress func(job.Progress)) error {
		var err error
		before, err = u.st.BackupInto(ctx, dir, store.BackupOptions{Label: store.LabelBeforeRestore,
			Progress: func(f float64) { progress(job.Progress{Frac: f / 2}) }})
		if err != nil {
			return withContext(lang.L("The database could not be backed up first, so nothing was restored:"),
				errors.New(backupErrorText(err, dir)))
		}
		rep, err = u.st.RestoreFrom(ctx, path, func(f float64) { progress(job.Progress{Frac: 0.5 + f/2}) })
		return err
	}, func(p job.Progress) {
		bar.SetValue(p.Frac)
	}, func(err error) {
		dlg.Hide()
		if err != nil {
			u.showError(err)
		} else {
			u.afterRestore()
			dialog.ShowInformation(lang.L("Backup restored"), lang.L("The database now holds {{.Surveys}} and {{.Responses}}. The database as it was before is kept as {{.File}}.", map[string]any{
				"Surveys": surveysText(rep.Surveys), "Responses": responsesText(int(rep.Responses)), "File": before.Backup.Path}), u.win)
		}
		if done != nil {
			done(rep, err)
		}
	})
}

// afterRestore makes every screen read the restored database.
func (u *UI) afterRestore() {
	u.settings = insight.LoadSettings(u.st)
	for _, t := range u.tabs.Items {
		if t.Content == u.prefs.root {
			u.prefs = newSettingsScreen(u)
			t.Content = u.prefs.buildUI()
		}
	}
	u.tabs.Refresh()
	u.reload()
	u.dataChanged()
	u.auto.refresh()
}
