package app

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"csatdesk/app/job"
	"csatdesk/data"
	"csatdesk/data/importer"
	"csatdesk/data/store/ingest"
)

// The wizard's steps, shown one at a time.
const (
	stepFile    = iota // the file (format, encoding, sheet) and the survey to import into
	stepColumns        // what each column holds, scores for unknown answers, date order
	stepCheck          // a preview of the first rows, data imported before, Import
	stepReport         // rows read, imported, skipped and why
	stepCount
)

// importWizard imports a CSV or XLSX file in four steps, one at a time
// with Back and Next, one file each: the file and target survey
// (importwiz_file.go), the mapping of columns and unknown answers
// (importwiz_columns.go), a preview with the Import button
// (importwiz_check.go) and the report (importwiz_report.go). What it does
// with the file — read it once while hashing it, guess, check, import,
// remember the mapping — is an ingest.Session; the reading and the import
// run as jobs, behind a progress bar with Cancel.
type importWizard struct {
	ui *UI

	// The file and what was guessed about it.
	sess *ingest.Session
	// fileDate is the day the file was last changed: the date proposed for
	// the responses of a file without dates.
	fileDate time.Time
	prop     importer.Proposal
	sv       *data.Survey // the target: existing, or new (ID 0) from the file
	surveys  []data.Survey
	m        importer.Mapping
	report   *importer.Report
	// reported is true once an import has finished (or failed) and the
	// report step has something to say.
	reported bool

	// openFile opens a file for the session; tests replace it.
	openFile func(ctx context.Context, path string, opt importer.Options, progress func(float64)) (*ingest.Session, error)
	// loadJob is the file being read, loadGen counts loads so that the end
	// of one cancelled or overtaken is ignored.
	loadJob *job.Job
	loadGen int

	// importJob is the running import; done is closed when it has
	// finished and the report is shown (tests wait on it).
	importJob *job.Job
	done      <-chan struct{}

	root     fyne.CanvasObject // the whole wizard
	step     int
	stepBtns [stepCount]*widget.Button
	pages    [stepCount]fyne.CanvasObject
	backBtn  *widget.Button
	nextBtn  *widget.Button

	// Step 1: file.
	pickBtn    *widget.Button
	fileInfo   *widget.Label
	loadBox    *fyne.Container // shown while a file is read
	loadBar    *widget.ProgressBar
	loadMsg    *widget.Label
	loadCancel *widget.Button
	encSel     *widget.Select
	encRow     [2]fyne.CanvasObject
	layoutSel  *widget.Select
	layoutRow  [2]fyne.CanvasObject
	sheetSel   *widget.Select
	sheetRow   [2]fyne.CanvasObject
	targetSel  *widget.Select
	targetHint *widget.Label

	// Step 2: columns.
	notes      *widget.Label
	mapBox     *fyne.Container
	valuesHead *widget.Label
	valuesBox  *fyne.Container
	dateSel    *widget.Select
	dateRow    fyne.CanvasObject
	dayRow     fyne.CanvasObject // the date of rows without one
	dayLabel   *widget.Label
	dayEntry   *widget.Entry
	dayPick    *widget.Button
	noAnsInfo  *widget.Label  // the answers read as "no answer"
	noAnsBtn   *widget.Button // edits that list
	incCheck   *widget.Check  // include unfinished responses

	// Step 3: check and import.
	table     *widget.Table
	tableRows [][]string
	sizing    bool // the preview's column widths are being set: it shows no cells
	problems  *widget.Label
	split     *container.Split // the table above the problems
	dupSel    *widget.Select
	dupHint   *widget.Label
	importBtn *widget.Button

	// Step 4: report.
	reportInfo     *widget.Label
	reportHint     *widget.Label
	reportNotes    *widget.Label // dates given, unfinished responses, no-answer codes
	reportHead     *widget.Label
	reportProblems *fyne.Container
	saveReport     *widget.Button
	saveFailed     *widget.Button

	// The progress dialog of a running import.
	progress    *widget.ProgressBar
	progressMsg *widget.Label
	stopBtn     *widget.Button
	progressDlg dialog.Dialog
}

func newImportWizard(u *UI) *importWizard {
	st := u.st
	return &importWizard{ui: u, openFile: func(ctx context.Context, path string, opt importer.Options, progress func(float64)) (*ingest.Session, error) {
		return ingest.OpenPath(ctx, st, path, opt, progress)
	}}
}

func (w *importWizard) buildUI() fyne.CanvasObject {
	titles := [stepCount]string{lang.L("1. File"), lang.L("2. Columns"), lang.L("3. Check and import"), lang.L("4. Report")}
	stepper := container.NewHBox()
	for i := range w.stepBtns {
		if i > 0 {
			stepper.Add(widget.NewIcon(theme.NavigateNextIcon()))
		}
		w.stepBtns[i] = widget.NewButton(titles[i], func() { w.showStep(i) })
		stepper.Add(w.stepBtns[i])
	}
	w.pages = [stepCount]fyne.CanvasObject{w.buildFileStep(), w.buildColumnsStep(), w.buildCheckStep(), w.buildReportStep()}

	w.backBtn = widget.NewButtonWithIcon(lang.L("Back"), theme.NavigateBackIcon(), w.onBack)
	w.nextBtn = widget.NewButtonWithIcon(lang.L("Next"), theme.NavigateNextIcon(), w.onNext)
	w.nextBtn.IconPlacement = widget.ButtonIconTrailingText
	w.nextBtn.Importance = widget.HighImportance
	w.importBtn = widget.NewButtonWithIcon(lang.L("Import"), theme.DownloadIcon(), w.onImport)
	w.importBtn.Importance = widget.HighImportance
	w.importBtn.Disable()
	nav := container.NewHBox(w.backBtn, layout.NewSpacer(), w.nextBtn, w.importBtn)

	w.reload()
	w.showStep(stepFile)
	w.root = container.NewPadded(container.NewBorder(
		container.NewVBox(stepper, widget.NewSeparator()),
		container.NewVBox(widget.NewSeparator(), nav),
		nil, nil, container.NewStack(w.pages[:]...)))
	return w.root
}

// canShow reports whether step i has something to show yet.
func (w *importWizard) canShow(i int) bool {
	switch i {
	case stepColumns, stepCheck:
		return w.sess != nil && w.sv != nil
	case stepReport:
		return w.reported
	}
	return true
}

// showStep shows step i (if it can be shown) and updates the navigation.
func (w *importWizard) showStep(i int) {
	if i < 0 || i >= stepCount || !w.canShow(i) {
		i = stepFile
	}
	w.step = i
	for j, p := range w.pages {
		if j == i {
			p.Show()
		} else {
			p.Hide()
		}
	}
	w.refreshNav()
	relayout(w.pages[i])
}

// refreshNav updates the step buttons, Back and Next/Import for the
// current step and what can be shown.
func (w *importWizard) refreshNav() {
	if w.backBtn == nil {
		return
	}
	for j, b := range w.stepBtns {
		b.Importance = widget.LowImportance
		if j == w.step {
			b.Importance = widget.HighImportance
		}
		if j == w.step || w.canShow(j) {
			b.Enable()
		} else {
			b.Disable()
		}
		b.Refresh()
	}
	if w.step > stepFile {
		w.backBtn.Enable()
	} else {
		w.backBtn.Disable()
	}
	if w.step < stepCheck {
		w.nextBtn.Show()
		if w.canShow(w.step + 1) {
			w.nextBtn.Enable()
		} else {
			w.nextBtn.Disable()
		}
	} else {
		w.nextBtn.Hide()
	}
	if w.step == stepCheck {
		w.importBtn.Show()
	} else {
		w.importBtn.Hide()
	}
}

func (w *importWizard) onBack() { w.showStep(w.step - 1) }

func (w *importWizard) onNext() { w.showStep(w.step + 1) }

// reload re-reads the survey list for step 1, and drops the remembered
// mappings of surveys deleted since (ingest.PruneMappings, as a job).
func (w *importWizard) reload() {
	svs, err := w.ui.model.all()
	if err != nil {
		w.ui.showError(err)
		return
	}
	w.surveys = svs
	opts := []string{newSurveyChoice()}
	for _, sv := range svs {
		opts = append(opts, sv.Name)
	}
	w.targetSel.Options = opts
	w.targetSel.Refresh()
	w.retarget()
	st := w.ui.st
	w.ui.run(func(context.Context, func(job.Progress)) error {
		_, err := ingest.PruneMappings(st, ingest.MappingsKept)
		return err
	}, nil, func(error) {}) // housekeeping: a failure only leaves them for next time
}

// retarget maps the loaded file again when the survey it is mapped onto
// was revised, renamed or deleted elsewhere since: the mapping's question
// IDs and the required questions are those of the survey as it is now (a
// deleted one falls back to a new survey from the file).
func (w *importWizard) retarget() {
	if w.sess == nil || w.sv == nil || w.sv.ID == 0 || w.targetSel.Selected == newSurveyChoice() {
		return
	}
	name := newSurveyChoice()
	for _, sv := range w.surveys {
		if sv.ID == w.sv.ID {
			if sv.Name == w.sv.Name && sv.Updated.Equal(w.sv.Updated) {
				return // unchanged
			}
			name = sv.Name
		}
	}
	w.targetSel.OnChanged = nil
	w.targetSel.SetSelected(name)
	w.targetSel.OnChanged = w.onTarget
	w.ui.showError(w.guess(name))
	w.refreshNav()
}

// choose shows the labelled select row with sel set to value when shown,
// or hides it cleared, without calling onChanged, which it then restores.
func choose(sel *widget.Select, row [2]fyne.CanvasObject, shown bool, value string, onChanged func(string)) {
	sel.OnChanged = nil
	defer func() { sel.OnChanged = onChanged }()
	for _, o := range row {
		if shown {
			o.Show()
		} else {
			o.Hide()
		}
	}
	if shown {
		sel.SetSelected(value)
	} else {
		sel.ClearSelected()
	}
}

// relayout lays out o and everything in it again at the sizes they have.
// The wizard calls it on a step after changing what the step shows: a
// label given more lines, a row shown or hidden, rows rebuilt. It does not
// rely on the window noticing the new minimum sizes, which missed a change
// when several happened at once (lines of text drawn over one another on
// step 1, and labels shown again at no width).
func relayout(o fyne.CanvasObject) {
	switch c := o.(type) {
	case *fyne.Container:
		if c.Layout != nil {
			c.Layout.Layout(c.Objects, c.Size())
		}
		for _, ch := range c.Objects {
			if ch.Visible() {
				relayout(ch)
			}
		}
	case *container.Scroll:
		c.Refresh() // fits the content to its new minimum size
		relayout(c.Content)
	case *container.Split:
		c.Refresh()
		relayout(c.Leading)
		relayout(c.Trailing)
	}
}
