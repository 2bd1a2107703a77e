package app

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"csatdesk/app/job"
	"csatdesk/data"
	"csatdesk/data/importer"
	"csatdesk/data/store/ingest"
)

// newSurveyChoice is the target Select's entry for a survey made from the file.
func newSurveyChoice() string { return lang.L("Create a survey from the file") }

func (w *importWizard) buildFileStep() fyne.CanvasObject {
	w.pickBtn = widget.NewButtonWithIcon(lang.L("Choose a file…"), theme.FolderOpenIcon(), w.onPickFile)
	w.pickBtn.Importance = widget.HighImportance // until a file is chosen
	w.fileInfo = wrapLabel(lang.L("CSV, TSV, text or Excel (.xlsx) files from Google Forms, SurveyMonkey, Typeform or a spreadsheet."))
	w.loadBar = widget.NewProgressBar()
	w.loadMsg = widget.NewLabel("")
	w.loadCancel = widget.NewButtonWithIcon(lang.L("Cancel"), theme.CancelIcon(), w.onLoadCancel)
	w.loadBox = container.NewBorder(nil, nil, w.loadMsg, w.loadCancel, w.loadBar)
	w.loadBox.Hide()
	var encNames []string
	for _, e := range importer.Encodings {
		encNames = append(encNames, e.Name)
	}
	w.encSel = widget.NewSelect(encNames, w.onEncoding)
	var layoutNames []string
	for _, l := range layoutChoices {
		layoutNames = append(layoutNames, layoutWords(l))
	}
	w.layoutSel = widget.NewSelect(layoutNames, w.onLayout)
	w.layoutRow = [2]fyne.CanvasObject{widget.NewLabel(lang.L("Made by")), w.layoutSel}
	w.sheetSel = widget.NewSelect(nil, w.onSheet)
	w.targetSel = widget.NewSelect(nil, w.onTarget)
	w.encRow = [2]fyne.CanvasObject{widget.NewLabel(lang.L("Encoding")), w.encSel}
	w.sheetRow = [2]fyne.CanvasObject{widget.NewLabel(lang.L("Sheet")), w.sheetSel}
	form := container.New(layout.NewFormLayout(),
		w.layoutRow[0], w.layoutRow[1], w.encRow[0], w.encRow[1], w.sheetRow[0], w.sheetRow[1],
		widget.NewLabel(lang.L("Import into")), w.targetSel)
	for _, o := range append(append(w.encRow[:], w.sheetRow[:]...), w.layoutRow[:]...) {
		o.Hide()
	}
	w.targetHint = wrapLabel("")
	return container.NewVScroll(container.NewVBox(container.NewHBox(w.pickBtn), w.loadBox, w.fileInfo, form, w.targetHint))
}

func (w *importWizard) onPickFile() {
	w.ui.askOpen([]string{".csv", ".tsv", ".txt", ".xlsx"}, func(path string) error {
		w.open(path, importer.Options{})
		return nil // said in the window when the file is read
	})
}

// open reads the file at path with opt as a job, behind a progress bar
// with Cancel, and then shows it (show).
func (w *importWizard) open(path string, opt importer.Options) *job.Job {
	w.fileDate = time.Now()
	if fi, err := os.Stat(path); err == nil {
		w.fileDate = fi.ModTime()
	}
	openFile := w.openFile
	return w.startLoad(filepath.Base(path), func(ctx context.Context, progress func(float64)) (*ingest.Session, error) {
		return openFile(ctx, path, opt, progress)
	})
}

// startLoad runs open as a job: the file step shows a progress bar with
// Cancel meanwhile, and the session it gives is shown when it is done. A
// load started while another runs cancels that one.
func (w *importWizard) startLoad(name string, open func(ctx context.Context, progress func(float64)) (*ingest.Session, error)) *job.Job {
	if w.loadJob != nil {
		w.loadJob.Cancel()
	}
	w.loadGen++
	gen := w.loadGen
	w.loadBar.SetValue(0)
	w.loadMsg.SetText(lang.L("Reading {{.Name}}…", map[string]any{"Name": name}))
	w.loadBox.Show()
	w.pickBtn.Disable()
	w.encSel.Disable()
	w.sheetSel.Disable()
	w.layoutSel.Disable()
	w.relayoutStep()
	var sess *ingest.Session
	j := w.ui.jobs.Start(func(ctx context.Context, progress func(job.Progress)) error {
		var err error
		sess, err = open(ctx, func(f float64) { progress(job.Progress{Frac: f}) })
		return err
	}, func(p job.Progress) {
		if gen == w.loadGen {
			w.loadBar.SetValue(p.Frac)
		}
	}, func(err error) {
		if gen != w.loadGen { // cancelled, or another file was chosen since
			if sess != nil {
				_ = sess.Close()
			}
			return
		}
		w.endLoad()
		switch {
		case err == nil:
			w.show(sess)
		case !errors.Is(err, context.Canceled):
			// A refusal names the file, and says why in the user's words;
			// the name leads no sentence (the error dialog capitalises it).
			why := strings.TrimPrefix(errorText(err), name+": ")
			w.ui.showError(errors.New(lang.L("Cannot import {{.Name}}:", map[string]any{"Name": name}) + " " + why))
		}
	})
	if gen == w.loadGen && w.loadBox.Visible() {
		w.loadJob = j
	}
	return j
}

// endLoad hides the progress of a load.
func (w *importWizard) endLoad() {
	w.loadJob = nil
	w.loadBox.Hide()
	w.pickBtn.Enable()
	w.encSel.Enable()
	w.sheetSel.Enable()
	w.layoutSel.Enable()
	w.relayoutStep()
}

// onLoadCancel stops reading a file at once: the wizard shows what it
// showed before, and the load's end, whenever it comes, is ignored.
func (w *importWizard) onLoadCancel() {
	if w.loadJob != nil {
		w.loadJob.Cancel()
	}
	w.loadGen++
	w.endLoad()
}

// show makes sess the wizard's file: what was found in it, and the
// mapping onto the survey remembered for its headers, or a new one.
func (w *importWizard) show(sess *ingest.Session) {
	if w.sess != nil && w.sess != sess {
		_ = w.sess.Close()
	}
	w.sess, w.report, w.reported = sess, nil, false
	src := sess.File.Source
	rows, _ := sess.Rows() // estimated when the session profiled the first rows only
	facts := map[string]any{"Layout": layoutWords(src.Layout), "Rows": fmtCount(rows), "Columns": len(src.Columns),
		"Delimiter": delimiterWords(src.Delimiter)}
	info := lang.L("File: {{.Name}}", map[string]any{"Name": src.Name}) + "\n"
	if src.Format == "csv" {
		info += lang.L("Looks like: {{.Layout}}. Rows: {{.Rows}}, columns: {{.Columns}}. Separator: {{.Delimiter}}.", facts)
		if src.EncodingGuessed {
			info += "\n" + lang.L("The encoding ({{.Encoding}}) was guessed: check the letters on step 3, and choose another one here if they look wrong.", map[string]any{"Encoding": src.Encoding})
		}
	} else {
		info += lang.L("Looks like: {{.Layout}}. Rows: {{.Rows}}, columns: {{.Columns}}.", facts)
	}
	for _, n := range src.Notes {
		info += "\n" + problemWords(n)
	}
	if importer.ReasonColumn(src) >= 0 {
		info += "\n" + lang.L("These are rows CSAT Desk skipped before, saved to be fixed; the last column, with the reasons, is not imported.")
	}
	w.fileInfo.SetText(info)
	w.pickBtn.Importance = widget.MediumImportance
	w.pickBtn.Refresh()
	// The encoding matters for text files, the sheet when there are several.
	choose(w.encSel, w.encRow, src.Format == "csv", src.Encoding, w.onEncoding)
	choose(w.layoutSel, w.layoutRow, true, layoutWords(src.Layout), w.onLayout)
	w.sheetSel.Options = src.Sheets
	choose(w.sheetSel, w.sheetRow, len(src.Sheets) > 1, src.Sheet, w.onSheet)

	// A mapping remembered for these headers picks its survey again.
	target := newSurveyChoice()
	if id, ok := sess.RememberedSurvey(); ok {
		for _, sv := range w.surveys {
			if sv.ID == id {
				target = sv.Name
			}
		}
	}
	w.targetSel.OnChanged = nil
	w.targetSel.SetSelected(target)
	w.targetSel.OnChanged = w.onTarget
	w.ui.showError(w.guess(target))
	w.showStep(stepFile)
}

// relayoutStep lays out the step shown again after its content changed.
func (w *importWizard) relayoutStep() {
	if w.pages[w.step] != nil {
		relayout(w.pages[w.step])
	}
}

// layoutChoices are the layouts the user can have a file read as, in the
// order of the "Made by" Select.
var layoutChoices = []importer.Layout{
	importer.LayoutGeneric, importer.LayoutGoogleForms, importer.LayoutMicrosoftForms, importer.LayoutSurveyMonkey,
	importer.LayoutTypeform, importer.LayoutQualtrics, importer.LayoutLimeSurvey, importer.LayoutJotform,
	importer.LayoutKobo, importer.LayoutWenjuanxing, importer.LayoutCSATDesk,
}

// layoutWords names a file layout for the user.
func layoutWords(l importer.Layout) string {
	switch l {
	case importer.LayoutGoogleForms:
		return "Google Forms"
	case importer.LayoutSurveyMonkey:
		return "SurveyMonkey"
	case importer.LayoutTypeform:
		return "Typeform"
	case importer.LayoutCSATDesk:
		return lang.L("a CSAT Desk export")
	}
	if name := l.ProductName(); name != "" {
		return name // Qualtrics, LimeSurvey, Microsoft Forms, Jotform, KoboToolbox
	}
	return lang.L("a table with one row per response")
}

func delimiterWords(d rune) string {
	switch d {
	case '\t':
		return lang.L("tab")
	case ';':
		return lang.L("semicolon (;)")
	case '|':
		return lang.L("bar (|)")
	}
	return lang.L("comma (,)")
}

// reopen reads the file again with another encoding or sheet, as a job.
func (w *importWizard) reopen(opt importer.Options) {
	s := w.sess
	if s == nil {
		return
	}
	if opt.Encoding == "" && s.File.Source.Format == "csv" {
		opt.Encoding = w.encSel.Selected
	}
	if opt.Sheet == "" {
		opt.Sheet = w.sheetSel.Selected
	}
	if opt.Layout == "" {
		opt.Layout = s.Options.Layout // a layout the user chose stays
	}
	w.startLoad(s.Name(), func(ctx context.Context, progress func(float64)) (*ingest.Session, error) {
		return s.Reopen(ctx, opt, progress)
	})
}

func (w *importWizard) onEncoding(name string) { w.reopen(importer.Options{Encoding: name}) }

func (w *importWizard) onSheet(name string) { w.reopen(importer.Options{Sheet: name}) }

// onLayout reads the file again as made by the tool chosen.
func (w *importWizard) onLayout(string) {
	if i := w.layoutSel.SelectedIndex(); i >= 0 {
		w.reopen(importer.Options{Layout: layoutChoices[i]})
	}
}

func (w *importWizard) onTarget(name string) {
	w.ui.showError(w.guess(name))
	w.refreshNav()
}

// guess proposes a mapping of the file onto the survey called name (or a
// new one), re-applying a mapping remembered for the same headers
// (ingest.Session.Guess and Recall).
func (w *importWizard) guess(name string) error {
	if w.sess == nil {
		return nil
	}
	var target *data.Survey
	for i := range w.surveys {
		if w.surveys[i].Name == name {
			sv := w.surveys[i]
			target = &sv
		}
	}
	prop, err := w.sess.Guess(target)
	if err == nil {
		prop, _ = w.sess.Recall(target, prop)
	}
	if err != nil {
		w.sv = nil
		w.importBtn.Disable()
		w.refreshNav()
		return err
	}
	w.prop = prop
	w.sv = target
	if target == nil {
		w.sv = prop.Survey
		w.targetHint.SetText(lang.L("A new survey gets one question for each column of answers; you can rename and change it later under Surveys."))
	} else {
		w.targetHint.SetText(lang.L("The columns are matched to the questions of “{{.Survey}}” by their text; check them on the next step.", map[string]any{"Survey": target.Name}))
	}
	w.m = prop.Mapping
	// A date remembered with the mapping was another file's: this file's
	// rows without a date get the date of this file, or the one chosen.
	w.m.DefaultDate = time.Time{}
	w.dayEntry.OnChanged = nil
	w.dayEntry.SetText("")
	w.dayEntry.OnChanged = w.onDay
	w.updateDayRow()
	w.updateOptions()
	w.dateSel.OnChanged = nil
	w.dateSel.ClearSelected()
	for i, o := range dateOrders {
		if o == w.m.DateOrder {
			w.dateSel.SetSelectedIndex(i)
		}
	}
	w.dateSel.OnChanged = w.onDateOrder
	if prop.DateAmbiguous {
		w.dateRow.Show()
	} else {
		w.dateRow.Hide()
	}
	w.notes.SetText(strings.Join(noteTexts(prop.Notes), "\n"))
	w.notes.Hidden = len(prop.Notes) == 0
	w.notes.Refresh()
	w.buildMapping()
	w.updatePreview()
	w.refreshNav()
	w.relayoutStep()
	return nil
}
