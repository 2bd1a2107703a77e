package app

import (
	"context"
	"errors"
	"io"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"csatdesk/app/cli"
	"csatdesk/app/job"
	"csatdesk/charts/pdfreport"
	"csatdesk/data"
	"csatdesk/data/bank"
)

// reportShowDelay is how long writing a report runs before its progress
// dialog (with Cancel) shows.
const reportShowDelay = 500 * time.Millisecond

// reportPeriods is how many months (quarters: a third) the dialog offers.
const reportPeriods = 24

// reportDialog is File → Report (PDF)…: which survey, a month or a quarter
// and which one, the report's language and the poster page; then a save
// dialog, and the report is written in the background.
type reportDialog struct {
	ui  *UI
	now time.Time

	surveys  []data.Survey
	survey   *widget.Select
	period   *widget.Select // Month, Quarter
	which    *widget.Select // the months or quarters, newest first
	language *widget.Select // the survey's language, then every language
	poster   *widget.Check
	ok       *widget.Button
	dlg      dialog.Dialog

	starts []data.Day // the first days of the periods in which
}

// onReport opens the report dialog.
func (u *UI) onReport() {
	if r := u.newReportDialog(time.Now()); r != nil {
		r.dlg.Show()
	}
}

// newReportDialog builds the dialog (nil, with a message shown, when there
// is no survey to report on).
func (u *UI) newReportDialog(now time.Time) *reportDialog {
	svs, names, err := u.activeSurveys()
	if err != nil {
		u.showError(err)
		return nil
	}
	if len(svs) == 0 {
		dialog.ShowInformation(lang.L("Report (PDF)"), lang.L("Create a survey first."), u.win)
		return nil
	}
	r := &reportDialog{ui: u, now: now, surveys: svs}
	r.survey = widget.NewSelect(names, func(string) { r.onSurvey() })
	r.period = widget.NewSelect([]string{lang.L("Month"), lang.L("Quarter")}, func(string) { r.onPeriod() })
	r.which = widget.NewSelect(nil, nil)
	r.language = widget.NewSelect(nil, nil)
	r.poster = widget.NewCheck(lang.L("Add the results poster page for the staff room"), nil)
	r.ok = widget.NewButtonWithIcon(lang.L("Save PDF…"), theme.DocumentSaveIcon(), r.onSave)
	r.ok.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon(lang.L("Cancel"), theme.CancelIcon(), func() { r.dlg.Hide() })
	r.survey.SetSelectedIndex(0)
	if d := u.dash; d != nil && d.survey != nil {
		for i, sv := range svs {
			if sv.ID == d.survey.ID {
				r.survey.SetSelectedIndex(i)
			}
		}
	}
	r.period.SetSelectedIndex(0)
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Survey"), r.survey),
		widget.NewFormItem(lang.L("Period"), r.period),
		widget.NewFormItem(lang.L("Which"), r.which),
		widget.NewFormItem(lang.L("Language"), r.language),
	)
	intro := wrapLabel(lang.L("KPIs, trend, locations and channels, follow-up and recent comments of unhappy customers (without their contact details), for a team meeting."))
	r.dlg = dialog.NewCustomWithoutButtons(lang.L("Report (PDF)"),
		container.NewVBox(intro, form, r.poster, container.NewHBox(layoutSpacer(), cancel, r.ok)), u.win)
	r.dlg.Resize(fyne.NewSize(520, 360))
	return r
}

// selected is the survey chosen.
func (r *reportDialog) selected() data.Survey {
	return r.surveys[max(0, r.survey.SelectedIndex())]
}

// periodKind is the period chosen.
func (r *reportDialog) periodKind() data.Period {
	if r.period.SelectedIndex() == 1 {
		return data.PeriodQuarter
	}
	return data.PeriodMonth
}

// onSurvey offers the survey's language first.
func (r *reportDialog) onSurvey() {
	sv := r.selected()
	opts := []string{lang.L("The survey's ({{.Language}})", map[string]any{"Language": bank.Languages[languageIndex(sv.Language)].Name})}
	opts = append(opts, languageNames()...)
	r.language.SetOptions(opts)
	r.language.SetSelectedIndex(0)
}

// onPeriod lists the months or quarters: the one in progress, then the
// last complete one (chosen), then earlier ones.
func (r *reportDialog) onPeriod() {
	p := r.periodKind()
	code := uiLocale()
	today := data.DayOf(r.now)
	n := reportPeriods
	if p == data.PeriodQuarter {
		n = reportPeriods / 3
	}
	r.starts = r.starts[:0]
	var names []string
	start := p.Start(today)
	r.starts = append(r.starts, start)
	names = append(names, lang.L("{{.Period}} (so far)", map[string]any{"Period": pdfreport.PeriodTitle(code, p, start)}))
	for range n {
		start = p.Start(start - 1)
		r.starts = append(r.starts, start)
		names = append(names, pdfreport.PeriodTitle(code, p, start))
	}
	r.which.SetOptions(names)
	r.which.SetSelectedIndex(1)
}

// language is the report language chosen ("" = the survey's).
func (r *reportDialog) languageCode() string {
	i := r.language.SelectedIndex()
	if i <= 0 {
		return ""
	}
	return bank.Languages[i-1].Code
}

func (r *reportDialog) onSave() {
	sv, p, code, poster := r.selected(), r.periodKind(), r.languageCode(), r.poster.Checked
	day := r.starts[max(0, r.which.SelectedIndex())]
	r.dlg.Hide()
	name := fileName(sv.Name+" "+pdfreport.PeriodTitle(pdfreport.Language(code, sv.Language), p, day), ".pdf")
	r.ui.askSave(name, func(path string) error {
		r.ui.writeReport(path, sv, p, day, code, poster, nil)
		return nil // reported when it is written
	})
}

// writeReport writes the report to path in the background. A progress
// dialog with Cancel shows when it takes longer than reportShowDelay.
// done, if not nil, gets the end (tests).
func (u *UI) writeReport(path string, sv data.Survey, p data.Period, day data.Day, code string, poster bool, done func(error)) {
	var ended atomic.Bool
	var prog dialog.Dialog
	var j *job.Job
	timer := time.AfterFunc(reportShowDelay, func() {
		fyne.Do(func() {
			if ended.Load() {
				return
			}
			cancel := widget.NewButtonWithIcon(lang.L("Cancel"), theme.CancelIcon(), func() {
				if j != nil {
					j.Cancel()
				}
			})
			prog = dialog.NewCustomWithoutButtons(lang.L("Writing the report…"),
				container.NewVBox(widget.NewProgressBarInfinite(), container.NewHBox(layoutSpacer(), cancel)), u.win)
			prog.Show()
		})
	})
	j = u.run(func(ctx context.Context, _ func(job.Progress)) error {
		in, err := cli.BuildReport(ctx, u.st, sv, p, day, code)
		if err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		return cli.WriteFile(path, func(w io.Writer) error {
			return pdfreport.Write(w, in, pdfreport.Options{Poster: poster})
		})
	}, nil, func(err error) {
		ended.Store(true)
		timer.Stop()
		if prog != nil {
			prog.Hide()
		}
		switch {
		case errors.Is(err, context.Canceled):
			removeIfEmpty(path)
		case err != nil:
			removeIfEmpty(path)
			u.showError(withContext(path+":", err))
		default:
			dialog.ShowInformation(lang.L("Report saved"), lang.L("The report was saved to {{.Path}}.", map[string]any{"Path": path}), u.win)
		}
		if done != nil {
			done(err)
		}
	})
}
