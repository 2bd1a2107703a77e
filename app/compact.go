package app

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"csatdesk/app/job"
	"csatdesk/data/store"
)

// onCompact is File → Compact the database…: it asks, then compacts the
// open database as a job with a progress bar and tells the sizes before
// and after.
func (u *UI) onCompact() {
	dialog.ShowConfirm(lang.L("Compact the database"),
		lang.L("Compacting rewrites the database file without the free space left by deleted responses and cancelled imports. Everything in it is checked before the file is replaced. Saving waits until it is done."),
		func(ok bool) {
			if ok {
				u.compact(nil)
			}
		}, u.win)
}

// compact compacts the database; done, if not nil, gets the report and
// error after the result is shown (tests wait on it).
func (u *UI) compact(done func(store.CompactReport, error)) {
	bar := widget.NewProgressBar()
	dlg := dialog.NewCustomWithoutButtons(lang.L("Compacting the database…"), container.NewVBox(bar), u.win)
	dlg.Resize(fyne.NewSize(420, 120))
	dlg.Show()
	var rep store.CompactReport
	u.run(func(ctx context.Context, progress func(job.Progress)) error {
		var err error
		rep, err = u.st.Compact(ctx, func(f float64) { progress(job.Progress{Frac: f}) })
		return err
	}, func(p job.Progress) {
		bar.SetValue(p.Frac)
	}, func(err error) {
		dlg.Hide()
		if err != nil {
			u.showError(err)
		} else {
			dialog.ShowInformation(lang.L("Database compacted"), compactedText(rep), u.win)
		}
		if done != nil {
			done(rep, err)
		}
	})
}

// compactedText tells the sizes before and after a compaction.
func compactedText(rep store.CompactReport) string {
	return lang.L("The database file was {{.Before}} and is now {{.After}}; its {{.N}} responses were checked.", map[string]any{
		"Before": megabytes(rep.Before), "After": megabytes(rep.After), "N": fmtCount(int(rep.Responses))})
}

// megabytes writes a file size in MB with one decimal, in the window's
// language.
func megabytes(n int64) string {
	return lang.L("{{.MB}} MB", map[string]any{"MB": numbers().Number(float64(n)/1e6, 1)})
}
