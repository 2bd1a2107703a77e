package app

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"csatdesk/app/job"
	"csatdesk/data"
	"csatdesk/data/insight"
	"csatdesk/data/paperform"
)

// printOptions is the "Print forms" dialog.
type printOptions struct {
	survey data.Survey
	paper  *widget.Select
	count  *dialogEntry
	first  *dialogEntry
	prefix *dialogEntry
	msg    *widget.Label
	ok     *widget.Button
	dlg    dialog.Dialog
}

func (s *surveysScreen) onPrint() {
	sv, _, ok := s.selected()
	if !ok {
		return
	}
	p := &printOptions{
		survey: sv,
		paper:  widget.NewSelect([]string{"A4", "Letter"}, nil),
		count:  newDialogEntry(s.ui.win.Canvas()),
		first:  newDialogEntry(s.ui.win.Canvas()),
		prefix: newDialogEntry(s.ui.win.Canvas()),
		msg:    wrapLabel(""),
	}
	p.paper.SetSelected("A4")
	if strings.HasPrefix(string(lang.SystemLocale()), "en-US") || strings.HasPrefix(string(lang.SystemLocale()), "en_US") {
		p.paper.SetSelected("Letter")
	}
	p.count.SetText("50")
	p.first.SetText("1")
	p.prefix.SetPlaceHolder(lang.L("optional, e.g. A-"))
	p.msg.Importance = widget.DangerImportance
	p.ok = widget.NewButtonWithIcon(lang.L("Save PDF…"), theme.DocumentPrintIcon(), s.onPrintOptions)
	p.ok.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon(lang.L("Cancel"), theme.CancelIcon(), func() { p.dlg.Hide() })
	s.printer = p
	form := widget.NewForm(
		widget.NewFormItem(lang.L("Paper"), p.paper),
		widget.NewFormItem(lang.L("Number of forms"), p.count),
		widget.NewFormItem(lang.L("First form number"), p.first),
		widget.NewFormItem(lang.L("Number prefix"), p.prefix),
	)
	intro := wrapLabel(lang.L("Each form gets its own number, so every sheet is entered exactly once."))
	// The scanner reads the boxes where the layout says they are: a
	// shrunk print moves them.
	scale := wrapLabel(lang.L("Print at 100 % (actual size), not 'fit to page'."))
	scale.Importance = widget.WarningImportance
	scale.TextStyle.Bold = true
	p.dlg = dialog.NewCustomWithoutButtons(lang.L("Print forms of '{{.Name}}'", map[string]any{"Name": sv.Name}),
		container.NewVBox(intro, form, scale, p.msg, container.NewHBox(layoutSpacer(), cancel, p.ok)), s.ui.win)
	p.dlg.Resize(fyne.NewSize(480, 340))
	p.dlg.Show()
}

// options reads the print dialog; the error names the field.
func (p *printOptions) options() (paperform.Options, error) {
	count, err := strconv.Atoi(strings.TrimSpace(p.count.Text))
	if err != nil || count < 1 || count > paperform.MaxCount {
		return paperform.Options{}, errors.New(lang.L("Number of forms: type a number from 1 to {{.Max}}.", map[string]any{"Max": paperform.MaxCount}))
	}
	first := 1
	if t := strings.TrimSpace(p.first.Text); t != "" {
		first, err = strconv.Atoi(t)
		if err != nil || first < 0 {
			return paperform.Options{}, errors.New(lang.L("First form number: type a whole number, 0 or more."))
		}
	}
	return paperform.Options{
		Paper:        p.paper.Selected,
		Count:        count,
		FirstNumber:  first,
		NumberPrefix: strings.TrimSpace(p.prefix.Text),
		Business:     p.survey.Business,
	}, nil
}

func (s *surveysScreen) onPrintOptions() {
	p := s.printer
	opt, err := p.options()
	if err != nil {
		p.msg.SetText(errorText(err))
		return
	}
	p.msg.SetText("")
	p.dlg.Hide()
	s.ui.askSave(fileName(p.survey.Name, ".pdf"), func(path string) error {
		s.onPrintFile(p.survey, opt, path)
		return nil // reported when the forms are written
	})
}

// onPrintFile writes the forms to path in the background, with a progress
// dialog.
func (s *surveysScreen) onPrintFile(sv data.Survey, opt paperform.Options, path string) {
	bar := widget.NewProgressBarInfinite()
	prog := dialog.NewCustomWithoutButtons(lang.L("Printing forms"), container.NewVBox(
		widget.NewLabel(lang.N("Writing {{.Count}} form…", opt.Count, map[string]any{"Count": opt.Count})), bar), s.ui.win)
	prog.Show()
	s.printForms(path, sv, opt, func(err error) {
		prog.Hide()
		if err != nil {
			removeIfEmpty(path)
			s.ui.showError(err)
			return
		}
		// The waves' response rate counts returned forms against these.
		if err := insight.RecordPrinted(s.ui.st, sv.ID, insight.NewPrintBatch(opt.NumberPrefix, opt.FirstNumber, opt.Count, data.DayOf(time.Now()))); err != nil {
			s.ui.showError(err)
		}
		dialog.ShowInformation(lang.L("Forms ready"),
			lang.N("{{.Count}} form was saved to {{.Path}}, numbered {{.First}} to {{.Last}}. Print it on {{.Paper}} paper.", opt.Count,
				map[string]any{"Count": opt.Count, "Path": path, "First": opt.FormNumber(0), "Last": opt.FormNumber(opt.Count - 1), "Paper": opt.Paper}),
			s.ui.win)
	})
}

// printForms saves the forms' layout in the database (so their scans can
// be read later) and writes the PDF, as a background job, and calls done
// on the UI thread.
func (s *surveysScreen) printForms(path string, sv data.Survey, opt paperform.Options, done func(error)) {
	st := s.ui.st
	s.ui.run(func(context.Context, func(job.Progress)) error {
		l, err := paperform.Layout(sv, opt)
		if err != nil {
			return err
		}
		if err := st.SaveLayout(l); err != nil {
			return err
		}
		return paperform.WriteFile(path, sv, opt)
	}, nil, done)
}
