package app

import (
	"context"
	"os"
	"path/filepath"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"csatdesk/app/job"
)

// askSave asks where to save a file (suggesting name) and calls write with
// the chosen path; see onSaveChosen.
func (u *UI) askSave(name string, write func(path string) error) {
	d := dialog.NewFileSave(u.onSaveChosen(write), u.win)
	d.SetFileName(name)
	d.Show()
}

// saveInBackground asks where to save a file (suggesting name) and runs
// write with the chosen path as a job (u.run), so that a long write (a
// backup, a re-read of a million-row file) does not freeze the window.
// Then, on the UI goroutine, an error is shown (and an empty file left by
// it removed), or saved gets the path.
func (u *UI) saveInBackground(name string, write func(path string) error, saved func(path string)) {
	u.askSave(name, func(path string) error {
		busy := u.busyAfter(lang.L("Saving {{.Name}}…", map[string]any{"Name": filepath.Base(path)}))
		u.run(func(context.Context, func(job.Progress)) error { return write(path) }, nil, func(err error) {
			busy()
			if err != nil {
				removeIfEmpty(path)
				u.showError(withContext(path+":", err))
				return
			}
			if saved != nil {
				saved(path)
			}
		})
		return nil // reported when the background work is done
	})
}

// busyDelay is how long a job runs before busyAfter shows that it does.
const busyDelay = 400 * time.Millisecond

// busyAfter shows a dialog with an endless progress bar and title if the
// job being started has not ended within busyDelay; call the returned
// function when it ends (it hides the dialog, or keeps it from showing).
func (u *UI) busyAfter(title string) (end func()) {
	var ended atomic.Bool
	var dlg dialog.Dialog
	timer := time.AfterFunc(busyDelay, func() {
		fyne.Do(func() {
			if ended.Load() {
				return
			}
			dlg = dialog.NewCustomWithoutButtons(title, widget.NewProgressBarInfinite(), u.win)
			dlg.Show()
		})
	})
	return func() {
		ended.Store(true)
		timer.Stop()
		if dlg != nil {
			dlg.Hide()
		}
	}
}

// askOpen asks for a file to open (with one of exts, if any) and calls open
// with its path; see onOpenChosen.
func (u *UI) askOpen(exts []string, open func(path string) error) {
	d := dialog.NewFileOpen(u.onOpenChosen(open), u.win)
	if len(exts) > 0 {
		d.SetFilter(storage.NewExtensionFileFilter(exts))
	}
	d.Show()
}

// onSaveChosen adapts write to Fyne's save dialog: a dialog error is shown,
// a cancel (no writer) does nothing, and otherwise the (empty) file the
// dialog created is closed and write gets its path, to write in full
// (cli.WriteFile, or a library's own WriteFile). A write error is shown, and an
// empty file left by it is removed.
func (u *UI) onSaveChosen(write func(path string) error) func(fyne.URIWriteCloser, error) {
	return func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			u.showError(err)
			return
		}
		if w == nil { // cancelled
			return
		}
		path := w.URI().Path()
		_ = w.Close()
		if err := write(path); err != nil {
			removeIfEmpty(path)
			u.showError(err)
		}
	}
}

// onOpenChosen adapts open to Fyne's open dialog, like onSaveChosen.
func (u *UI) onOpenChosen(open func(path string) error) func(fyne.URIReadCloser, error) {
	return func(r fyne.URIReadCloser, err error) {
		if err != nil {
			u.showError(err)
			return
		}
		if r == nil { // cancelled
			return
		}
		path := r.URI().Path()
		_ = r.Close()
		u.showError(open(path))
	}
}

// removeIfEmpty deletes the empty file a save dialog created when nothing
// could be written to it.
func removeIfEmpty(path string) {
	if fi, err := os.Stat(path); err == nil && fi.Size() == 0 {
		_ = os.Remove(path)
	}
}
