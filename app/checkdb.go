package app

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"csatdesk/app/job"
	"csatdesk/data/store"
)

// onCheck is File → Check the database…: store.CheckAll as a job with a
// progress bar, then its report in plain words. The check never writes.
func (u *UI) onCheck() { u.checkDatabase(nil) }

// checkDatabase runs the check; done, if not nil, gets the report after it
// is shown (tests).
func (u *UI) checkDatabase(done func(store.CheckReport, error)) {
	bar := widget.NewProgressBar()
	prog := dialog.NewCustomWithoutButtons(lang.L("Checking the database…"), container.NewVBox(bar), u.win)
	prog.Resize(fyne.NewSize(420, 120))
	prog.Show()
	var rep store.CheckReport
	u.run(func(_ context.Context, progress func(job.Progress)) error {
		var err error
		rep, err = u.st.CheckAll(func(f float64) { progress(job.Progress{Frac: f}) })
		return err
	}, func(p job.Progress) {
		bar.SetValue(p.Frac)
	}, func(err error) {
		prog.Hide()
		if err != nil {
			u.showError(err)
		} else {
			u.showCheckReport(rep)
		}
		if done != nil {
			done(rep, err)
		}
	})
}

// checkReportText is a check's report in words: a verdict, then one line
// per finding, then what to do.
func checkReportText(rep store.CheckReport) (title string, lines []string) {
	if rep.OK() {
		return lang.L("The database is sound"), []string{lang.L("{{.Surveys}} surveys and {{.N}} responses were read; the dashboard's figures and the indexes match them.",
			map[string]any{"Surveys": fmtCount(rep.Surveys), "N": fmtCount(rep.Responses)})}
	}
	for _, f := range rep.Findings {
		lines = append(lines, checkFindingText(f))
	}
	lines = append(lines, lang.L("What to do: restore the newest backup made before the damage. Keep this file until the restored one is checked."))
	return lang.L("The database is damaged"), lines
}

// checkFindingText says what one finding means, in the UI language.
func checkFindingText(f store.CheckFinding) string {
	args := map[string]any{"Survey": f.SurveyName, "ID": f.SurveyID}
	switch f.Kind {
	case store.CheckSurveyUnreadable:
		return lang.L("Survey {{.ID}} cannot be read.", args)
	case store.CheckResponseUnreadable:
		return lang.L("“{{.Survey}}”: responses cannot be read.", args)
	case store.CheckRollupsDiffer:
		return lang.L("“{{.Survey}}”: the dashboard's figures differ from a recount of the responses.", args)
	case store.CheckIndexDiffers:
		return lang.L("“{{.Survey}}”: the index of responses does not match the responses.", args)
	}
	return lang.L("The file's structure is damaged.")
}

// showCheckReport shows a check's report, the technical details last.
func (u *UI) showCheckReport(rep store.CheckReport) {
	title, lines := checkReportText(rep)
	box := container.NewVBox()
	for _, l := range lines {
		box.Add(wrapLabel(l))
	}
	for _, f := range rep.Findings {
		d := wrapLabel(f.Detail)
		d.SizeName = theme.SizeNameCaptionText
		box.Add(d)
	}
	showSized(u.win, title, box, len(rep.Findings) > 3)
}

// showSized shows box in a dialog with an OK button, as tall as its
// content; long, when the content may not fit the window, scrolls it in a
// dialog of most of the window's height.
func showSized(win fyne.Window, title string, box fyne.CanvasObject, long bool) {
	w := min(620, win.Canvas().Size().Width-40)
	if !long {
		d := dialog.NewCustom(title, lang.L("OK"), box, win)
		d.Resize(fyne.NewSize(w, 1))
		d.Show()
		return
	}
	d := dialog.NewCustom(title, lang.L("OK"), container.NewVScroll(box), win)
	d.Resize(fyne.NewSize(w, min(420, win.Canvas().Size().Height-40)))
	d.Show()
}
