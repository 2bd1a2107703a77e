package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"csatdesk/data/store"
)

// The window shown while the database opens after a crash or a kill that
// interrupted an import: opening takes what that import had added back
// out (store.Open's rollback), which on a large import takes seconds, and
// the user sees why, with its progress, instead of nothing. Once open, the
// main window starts on the database and this one closes; if the open
// fails, the open-error window (openfail.go) takes its place.

// RollbackWindow opens the database at path with opt (the caller has seen,
// with store.PendingImports, that it holds the interrupted import of
// file) in a window that shows the rollback's progress. When the database
// is open, the main window starts on it: serve, if set, is called with
// the store and returns what to run before the store closes with the
// window. Show the returned window and run the app.
func RollbackWindow(a fyne.App, path, file string, opt store.Options, serve func(*store.Store) func()) fyne.Window {
	applyTheme(a, a.Preferences().IntWithFallback(prefTheme, 0))
	w := a.NewWindow(lang.L("CSAT Desk"))
	heading := widget.NewLabelWithStyle(lang.L("Undoing an interrupted import…"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameSubHeadingText
	text := wrapLabel(lang.L("CSAT Desk stopped during an import of {{.File}}. What that import had added is being taken out again, so that the database is exactly as it was before it. Nothing else changes.", map[string]any{"File": file}))
	bar := widget.NewProgressBar()
	w.SetContent(container.NewPadded(container.NewVBox(heading, text, bar)))
	w.Resize(fyne.NewSize(560, 200))
	w.CenterOnScreen()
	w.SetCloseIntercept(func() {}) // the rollback finishes either way: closing would only hide it
	report := opt.OnRollback
	opt.OnRollback = func(p store.RollbackProgress) {
		if report != nil {
			report(p)
		}
		if p.Total > 0 {
			v := float64(p.Done) / float64(p.Total)
			fyne.Do(func() { bar.SetValue(v) })
		}
	}
	go func() {
		st, err := store.Open(path, opt)
		fyne.Do(func() {
			if err != nil {
				f := newOpenFailure(a, path, err)
				f.win.Resize(windowSizeError)
				f.win.CenterOnScreen()
				f.win.Show()
				w.Close()
				return
			}
			var stop func()
			if serve != nil {
				stop = serve(st)
			}
			u := newRollbackUI(a, st)
			u.afterClose = func() {
				if stop != nil {
					stop()
				}
				_ = st.Close()
			}
			u.win.Show()
			w.Close()
			rollbackOpened(u)
		})
	}()
	return w
}

// rollbackOpened is told the main window RollbackWindow started, and
// newRollbackUI makes it (tests replace both: Fyne's test driver runs
// fyne.Do on the calling goroutine, where building the whole window races
// with its background jobs).
var (
	rollbackOpened = func(*UI) {}
	newRollbackUI  = New
)
