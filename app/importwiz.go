package app

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strconv"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"csatdesk/data"
	"csatdesk/data/importer"
	"csatdesk/data/store/ingest"
)

// previewRows is how many rows the preview converts.
const previewRows = 10

// The wizard's steps, shown one at a time.
const (
	stepFile    = iota // the file (format, encoding, sheet) and the survey to import into
	stepColumns        // what each column holds, scores for unknown answers, date order
	stepCheck          // a preview of the first rows, data imported before, Import
	stepReport         // rows read, imported, skipped and why
	stepCount
)

// importWizard imports a CSV or XLSX file in four steps, one at a time
// with Back and Next: the file and target survey, the mapping of columns
// and unknown answers, a preview with the Import button (the import runs
// behind a progress dialog), and the report. importwiz_report.go has the
// import itself and the report.
type importWizard struct {
	ui *UI

	// The file and what was guessed about it.
	path    string
	hash    string
	f       *importer.File
	prof    *importer.Profile
	preview [][]string
	prop    importer.Proposal
	sv      *data.Survey // the target: existing, or new (ID 0) from the file
	surveys []data.Survey
	m       importer.Mapping
	report  *importer.Report
	// reported is true once an import has finished (or failed) and the
	// report step has something to say.
	reported bool

	// done is closed when an import started by onImport has finished and
	// the report is shown (tests wait on it).
	done   chan struct{}
	mu     sync.Mutex
	cancel func()

	step     int
	stepBtns [stepCount]*widget.Button
	pages    [stepCount]fyne.CanvasObject
	backBtn  *widget.Button
	nextBtn  *widget.Button

	// Step 1: file.
	pickBtn    *widget.Button
	fileInfo   *widget.Label
	encSel     *widget.Select
	encRow     [2]fyne.CanvasObject
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

	// Step 3: check and import.
	table     *widget.Table
	tableRows [][]string
	problems  *widget.Label
	split     *container.Split // the table above the problems
	dupSel    *widget.Select
	dupHint   *widget.Label
	importBtn *widget.Button

	// Step 4: report.
	reportInfo     *widget.Label
	reportHint     *widget.Label
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

func newImportWizard(u *UI) *importWizard { return &importWizard{ui: u} }

// newSurveyChoice is the target Select's entry for a survey made from the file.
func newSurveyChoice() string { return lang.L("Create a survey from the file") }

// dateOrders are the choices of the date order Select, in its order.
var dateOrders = []importer.DateOrder{importer.DMY, importer.MDY, importer.YMD}

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
	return container.NewPadded(container.NewBorder(
		container.NewVBox(stepper, widget.NewSeparator()),
		container.NewVBox(widget.NewSeparator(), nav),
		nil, nil, container.NewStack(w.pages[:]...)))
}

func (w *importWizard) buildFileStep() fyne.CanvasObject {
	w.pickBtn = widget.NewButtonWithIcon(lang.L("Choose a file…"), theme.FolderOpenIcon(), w.onPickFile)
	w.pickBtn.Importance = widget.HighImportance // until a file is chosen
	w.fileInfo = wrapLabel(lang.L("CSV, TSV, text or Excel (.xlsx) files from Google Forms, SurveyMonkey, Typeform or a spreadsheet."))
	var encNames []string
	for _, e := range importer.Encodings {
		encNames = append(encNames, e.Name)
	}
	w.encSel = widget.NewSelect(encNames, w.onEncoding)
	w.sheetSel = widget.NewSelect(nil, w.onSheet)
	w.targetSel = widget.NewSelect(nil, w.onTarget)
	w.encRow = [2]fyne.CanvasObject{widget.NewLabel(lang.L("Encoding")), w.encSel}
	w.sheetRow = [2]fyne.CanvasObject{widget.NewLabel(lang.L("Sheet")), w.sheetSel}
	form := container.New(layout.NewFormLayout(),
		w.encRow[0], w.encRow[1], w.sheetRow[0], w.sheetRow[1],
		widget.NewLabel(lang.L("Import into")), w.targetSel)
	for _, o := range append(w.encRow[:], w.sheetRow[:]...) {
		o.Hide()
	}
	w.targetHint = wrapLabel("")
	return container.NewVScroll(container.NewVBox(container.NewHBox(w.pickBtn), w.fileInfo, form, w.targetHint))
}

func (w *importWizard) buildColumnsStep() fyne.CanvasObject {
	w.notes = wrapLabel("")
	w.notes.Hide()
	w.mapBox = container.NewVBox()
	w.valuesHead = boldLabel(lang.L("Answers with no score"))
	w.valuesHead.Hide()
	w.valuesBox = container.NewVBox()
	w.dateSel = widget.NewSelect([]string{
		lang.L("day first: 31/01/2024"), lang.L("month first: 01/31/2024"), lang.L("year first: 2024/01/31"),
	}, nil)
	w.dateRow = labelled(lang.L("Dates like 01/02 are written"), w.dateSel)
	w.dateRow.Hide()
	head := container.NewGridWithColumns(3, boldLabel(lang.L("Column of the file")), boldLabel(lang.L("Examples")), boldLabel(lang.L("Import as")))
	intro := wrapLabel(lang.L("Say what each column holds. Columns set to Ignore are not imported."))
	return container.NewBorder(container.NewVBox(intro, w.dateRow, head), nil, nil, nil,
		container.NewVScroll(container.NewVBox(w.mapBox, w.valuesHead, w.valuesBox, w.notes)))
}

func (w *importWizard) buildCheckStep() fyne.CanvasObject {
	w.table = widget.NewTable(
		func() (int, int) {
			if len(w.tableRows) == 0 {
				return 0, 0
			}
			return len(w.tableRows), len(w.tableRows[0])
		},
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			l.TextStyle.Bold = id.Row == 0
			l.SetText(w.tableRows[id.Row][id.Col])
		},
	)
	w.table.StickyRowCount = 1
	w.problems = wrapLabel("")
	w.dupSel = widget.NewSelect([]string{
		lang.L("Skip rows imported before"),
		lang.L("Replace what was imported before (same file or same respondent IDs)"),
		lang.L("Stop if this file was imported before"),
	}, w.onDuplicateChoice)
	w.dupHint = wrapLabel("")
	w.dupSel.SetSelectedIndex(0)
	w.split = container.NewVSplit(w.table, container.NewVScroll(w.problems))
	return container.NewBorder(
		wrapLabel(lang.L("The first rows of the file as they will be stored:")),
		container.NewVBox(labelled(lang.L("Data imported before"), w.dupSel), w.dupHint),
		nil, nil, w.split)
}

func (w *importWizard) buildReportStep() fyne.CanvasObject {
	w.reportInfo = wrapLabel("")
	w.reportInfo.TextStyle.Bold = true
	w.reportHint = wrapLabel("")
	w.reportHint.Hide()
	w.reportHead = boldLabel(lang.L("Rows skipped, and why"))
	w.reportHead.Hide()
	w.reportProblems = container.NewVBox()
	w.saveReport = widget.NewButtonWithIcon(lang.L("Save report as CSV…"), theme.DocumentSaveIcon(), w.onSaveReport)
	w.saveReport.Disable()
	w.saveFailed = widget.NewButtonWithIcon(lang.L("Save skipped rows to fix…"), theme.DocumentSaveIcon(), w.onSaveFailed)
	w.saveFailed.Disable()
	another := widget.NewButtonWithIcon(lang.L("Import another file…"), theme.FolderOpenIcon(), w.onPickFile)
	// What may show or hide is inside the scroll: a wrapped label shown
	// again asks for its height at no width, which would grow the window.
	return container.NewBorder(w.reportInfo,
		container.NewHBox(w.saveReport, w.saveFailed, layout.NewSpacer(), another),
		nil, nil, container.NewVScroll(container.NewVBox(w.reportHint, w.reportHead, w.reportProblems)))
}

// canShow reports whether step i has something to show yet.
func (w *importWizard) canShow(i int) bool {
	switch i {
	case stepColumns, stepCheck:
		return w.f != nil && w.sv != nil
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

// reload re-reads the survey list for step 1.
func (w *importWizard) reload() {
	svs, err := w.ui.st.Surveys()
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
}

func (w *importWizard) onPickFile() {
	w.ui.askOpen([]string{".csv", ".tsv", ".txt", ".xlsx"}, func(path string) error {
		return w.load(path, importer.Options{})
	})
}

// load opens path with opt, profiles it and proposes a mapping, and shows
// the first step.
func (w *importWizard) load(path string, opt importer.Options) error {
	f, err := importer.OpenPath(path, opt)
	if err != nil {
		return err
	}
	prof, err := importer.Scan(f, 0)
	if err == nil {
		w.preview, err = f.Preview(previewRows)
	}
	if err != nil {
		f.Close()
		return err
	}
	if path != w.path || w.hash == "" {
		if w.hash, err = ingest.HashFile(path); err != nil {
			f.Close()
			return err
		}
	}
	if w.f != nil {
		w.f.Close()
	}
	w.path, w.f, w.prof, w.report, w.reported = path, f, prof, nil, false
	src := f.Source
	facts := map[string]any{"Layout": layoutWords(src.Layout), "Rows": fmtCount(prof.Rows), "Columns": len(src.Columns),
		"Delimiter": delimiterWords(src.Delimiter)}
	info := lang.L("File: {{.Name}}", map[string]any{"Name": src.Name}) + "\n"
	if src.Format == "csv" {
		info += lang.L("Looks like: {{.Layout}}. Rows: {{.Rows}}, columns: {{.Columns}}. Separator: {{.Delimiter}}.", facts)
		if src.EncodingGuessed {
			info += "\n" + lang.L("The encoding was guessed: if letters look wrong on step 3, choose another one here.")
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
	w.sheetSel.Options = src.Sheets
	choose(w.sheetSel, w.sheetRow, len(src.Sheets) > 1, src.Sheet, w.onSheet)

	// A mapping remembered for these headers picks its survey again.
	target := newSurveyChoice()
	if saved, ok := w.savedMapping(); ok {
		for _, sv := range w.surveys {
			if sv.ID == saved.SurveyID {
				target = sv.Name
			}
		}
	}
	w.targetSel.OnChanged = nil
	w.targetSel.SetSelected(target)
	w.targetSel.OnChanged = w.onTarget
	err = w.guess(target)
	w.showStep(stepFile)
	return err
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

func (w *importWizard) reopen(opt importer.Options) {
	if w.path == "" {
		return
	}
	if opt.Encoding == "" && w.f != nil && w.f.Source.Format == "csv" {
		opt.Encoding = w.encSel.Selected
	}
	if opt.Sheet == "" {
		opt.Sheet = w.sheetSel.Selected
	}
	w.ui.showError(w.load(w.path, opt))
}

func (w *importWizard) onEncoding(name string) { w.reopen(importer.Options{Encoding: name}) }

func (w *importWizard) onSheet(name string) { w.reopen(importer.Options{Sheet: name}) }

func (w *importWizard) onTarget(name string) {
	w.ui.showError(w.guess(name))
	w.refreshNav()
}

// guess proposes a mapping of the file onto the survey called name (or a
// new one), re-applying a mapping remembered for the same headers. A file
// of skipped rows saved by the report (importer.WriteFailedRows) takes the
// mapping remembered for the file it came from.
func (w *importWizard) guess(name string) error {
	if w.f == nil {
		return nil
	}
	var target *data.Survey
	for i := range w.surveys {
		if w.surveys[i].Name == name {
			sv := w.surveys[i]
			target = &sv
		}
	}
	prop, err := importer.Guess(w.f.Source, w.prof, target)
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
	if saved, ok := w.savedMapping(); ok && target != nil && saved.SurveyID == target.ID {
		sm := saved.Mapping
		if len(sm.Columns) != len(w.m.Columns) {
			sm, _ = sm.ForFailedRows(w.f.Source)
		}
		if len(sm.Columns) == len(w.m.Columns) && sm.Validate(target) == nil {
			w.m = sm
		}
	}
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
	return nil
}

// targetChoices lists what a column can be, in the order of the Select.
func (w *importWizard) targetChoices() (names []string, targets []importer.ColumnMap) {
	add := func(name string, cm importer.ColumnMap) {
		names, targets = append(names, name), append(targets, cm)
	}
	add(lang.L("Ignore"), importer.ColumnMap{Target: importer.TargetIgnore})
	for i, q := range w.sv.Questions {
		add(lang.L("Question {{.N}}: {{.Text}}", map[string]any{"N": i + 1, "Text": q.Text}),
			importer.ColumnMap{Target: importer.TargetQuestion, QuestionID: q.ID})
	}
	add(lang.L("Date"), importer.ColumnMap{Target: importer.TargetCollectedAt})
	add(lang.L("Channel"), importer.ColumnMap{Target: importer.TargetChannel})
	add(lang.L("Tag (segment)"), importer.ColumnMap{Target: importer.TargetTag})
	add(lang.L("Form number"), importer.ColumnMap{Target: importer.TargetFormNumber})
	add(lang.L("External (respondent) ID"), importer.ColumnMap{Target: importer.TargetExternalID})
	add(lang.L("Comment"), importer.ColumnMap{Target: importer.TargetComment})
	add(lang.L("CSAT Desk response ID"), importer.ColumnMap{Target: importer.TargetResponseID})
	return names, targets
}

// buildMapping shows one row per column (header, sample values, target)
// and a score picker per answer Guess could not score.
func (w *importWizard) buildMapping() {
	names, targets := w.targetChoices()
	w.mapBox.RemoveAll()
	for i := range w.m.Columns {
		cm := &w.m.Columns[i]
		samples := ""
		if cm.Column < len(w.prof.Columns) {
			var vs []string
			for _, v := range w.prof.Columns[cm.Column].Values {
				if len(vs) == 3 {
					break
				}
				vs = append(vs, "“"+v.Value+"”")
			}
			samples = strings.Join(vs, ", ")
		}
		tag := widget.NewEntry()
		tag.SetPlaceHolder(lang.L("tag name, e.g. location"))
		tag.SetText(cm.Tag)
		tag.OnChanged = func(s string) {
			w.m.Columns[i].Tag = strings.TrimSpace(s)
			w.updatePreview()
		}
		tagBox := container.NewGridWrap(fyne.NewSize(140, tag.MinSize().Height), tag)
		sel := widget.NewSelect(names, nil)
		for j, t := range targets {
			if t.Target == cm.Target && t.QuestionID == cm.QuestionID {
				sel.SetSelectedIndex(j)
			}
		}
		if cm.Target != importer.TargetTag {
			tagBox.Hide()
		}
		sel.OnChanged = func(string) {
			t := targets[sel.SelectedIndex()]
			c := &w.m.Columns[i]
			c.Target, c.QuestionID = t.Target, t.QuestionID
			if c.Target == importer.TargetTag {
				tagBox.Show()
				if c.Tag == "" {
					c.Tag = strings.ToLower(strings.TrimSpace(c.Header))
					tag.SetText(c.Tag)
				}
			} else {
				tagBox.Hide()
			}
			w.updatePreview()
		}
		name := importer.ColumnLetter(cm.Column)
		if cm.Header != "" {
			name += " (" + cm.Header + ")"
		}
		head := boldLabel(name)
		head.Wrapping = fyne.TextWrapWord
		sample := widget.NewLabel(samples)
		sample.Truncation = fyne.TextTruncateEllipsis
		w.mapBox.Add(container.NewGridWithColumns(3, head, sample,
			container.NewVBox(layout.NewSpacer(), container.NewBorder(nil, nil, nil, tagBox, sel), layout.NewSpacer())))
	}
	w.mapBox.Refresh()

	w.valuesBox.RemoveAll()
	for _, u := range w.prop.Unmapped {
		q, ok := w.sv.Question(u.QuestionID)
		if !ok {
			continue
		}
		w.valuesBox.Add(wrapLabel(lang.L("Column {{.Column}}: answers with no score on “{{.Question}}”", map[string]any{
			"Column": importer.ColumnLetter(u.Column) + " (" + u.Header + ")", "Question": q.Text})))
		var scale []string
		for v := q.Min; v <= q.Max; v++ {
			s := strconv.Itoa(v)
			if l := q.Label(v); l != "" && l != s {
				s += " – " + l
			}
			scale = append(scale, s)
		}
		for _, vc := range u.Values {
			col, value, min := u.Column, vc.Value, q.Min
			sel := widget.NewSelect(scale, nil)
			sel.PlaceHolder = lang.L("skip these rows")
			if cur, ok := w.columnMap(col).ValueMap[value]; ok {
				sel.SetSelectedIndex(cur - min)
			}
			sel.OnChanged = func(string) {
				cm := w.columnMap(col)
				if cm.ValueMap == nil {
					cm.ValueMap = map[string]int{}
				}
				cm.ValueMap[value] = min + sel.SelectedIndex()
				w.updatePreview()
			}
			w.valuesBox.Add(labelled(lang.N("“{{.Value}}” ({{.Count}} row)", vc.Count, map[string]any{"Value": value, "Count": vc.Count}), sel))
		}
	}
	w.valuesHead.Hidden = len(w.valuesBox.Objects) == 0
	w.valuesHead.Refresh()
	w.valuesBox.Refresh()
}

// columnMap returns the mapping of file column col.
func (w *importWizard) columnMap(col int) *importer.ColumnMap {
	for i := range w.m.Columns {
		if w.m.Columns[i].Column == col {
			return &w.m.Columns[i]
		}
	}
	w.m.Columns = append(w.m.Columns, importer.ColumnMap{Column: col})
	return &w.m.Columns[len(w.m.Columns)-1]
}

func (w *importWizard) onDateOrder(string) {
	if i := w.dateSel.SelectedIndex(); i >= 0 {
		w.m.DateOrder = dateOrders[i]
	}
	w.updatePreview()
}

// updatePreview converts the first rows as they will be stored and lists
// what is wrong so far.
func (w *importWizard) updatePreview() {
	w.tableRows = nil
	if w.sv == nil || w.f == nil {
		w.table.Refresh()
		return
	}
	m := w.m
	m.Loc = time.Local
	conv, err := importer.NewConverter(w.sv, m)
	if err != nil {
		w.problems.SetText(lang.L("Cannot import yet: {{.Err}}", map[string]any{"Err": errorText(err)}))
		w.importBtn.Disable()
		w.table.Refresh()
		return
	}
	// The columns: what the mapping fills in, beside row, date and answers.
	has := func(t importer.Target) bool {
		for _, c := range m.Columns {
			if c.Target == t {
				return true
			}
		}
		return false
	}
	var tags []string
	for _, c := range m.Columns {
		if c.Target == importer.TargetTag && strings.TrimSpace(c.Tag) != "" {
			tags = append(tags, strings.TrimSpace(c.Tag))
		}
	}
	channel := has(importer.TargetChannel) || m.Channel != ""
	form, ext, comment := has(importer.TargetFormNumber), has(importer.TargetExternalID), has(importer.TargetComment)
	head := []string{lang.L("Row"), lang.L("Date")}
	add := func(show bool, h string) {
		if show {
			head = append(head, h)
		}
	}
	add(channel, lang.L("Channel"))
	add(form, lang.L("Form number"))
	add(ext, lang.L("External (respondent) ID"))
	for _, q := range w.sv.Questions {
		head = append(head, q.Text)
	}
	head = append(head, tags...)
	add(comment, lang.L("Comment"))
	w.tableRows = append(w.tableRows, head)
	var probs []string
	first := w.f.Source.HeaderRow + w.f.Source.HeaderRows
	for i, rec := range w.preview {
		r, ps := conv.Convert(first+i, rec)
		for _, p := range ps {
			probs = append(probs, problemText(p))
		}
		if len(ps) > 0 {
			continue
		}
		row := []string{strconv.Itoa(first + i), r.CollectedAt.Format("2006-01-02 15:04")}
		cell := func(show bool, v string) {
			if show {
				row = append(row, v)
			}
		}
		cell(channel, r.Channel)
		cell(form, r.FormNumber)
		cell(ext, r.ExternalID)
		for _, q := range w.sv.Questions {
			if v, ok := r.Answers[q.ID]; ok {
				row = append(row, strconv.Itoa(v))
			} else {
				row = append(row, r.Texts[q.ID])
			}
		}
		for _, t := range tags {
			row = append(row, r.Tags[t])
		}
		cell(comment, r.Comment)
		w.tableRows = append(w.tableRows, row)
	}
	w.sizeColumns()
	w.table.Refresh()
	if len(probs) == 0 {
		w.problems.SetText(lang.L("No problems in the first rows."))
		w.split.SetOffset(0.9)
	} else {
		w.problems.SetText(lang.L("Problems in the first rows (these rows will be skipped):") + "\n" + strings.Join(probs, "\n"))
		w.split.SetOffset(0.65)
	}
	w.importBtn.Enable()
}

// sizeColumns fits each preview column to its widest cell, within limits,
// so short columns take little room and long texts do not take it all.
func (w *importWizard) sizeColumns() {
	if len(w.tableRows) == 0 {
		return
	}
	pad := theme.Padding()*4 + 2
	size := theme.TextSize()
	for c := range w.tableRows[0] {
		wd := float32(0)
		for r, row := range w.tableRows {
			t := fyne.MeasureText(row[c], size, fyne.TextStyle{Bold: r == 0})
			wd = max(wd, t.Width)
		}
		w.table.SetColumnWidth(c, min(max(wd+pad, 60), 280))
	}
}

// problemText says where a problem is and what it is, for the preview and
// the report.
func problemText(p importer.Problem) string {
	switch {
	case p.Row <= 0:
		return reasonText(p)
	case p.Column == "":
		return lang.L("Row {{.Row}}: {{.Reason}}", map[string]any{"Row": p.Row, "Reason": reasonText(p)})
	}
	return lang.L("Row {{.Row}}, column {{.Column}}: {{.Reason}}", map[string]any{"Row": p.Row, "Column": p.Column, "Reason": reasonText(p)})
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

// onDuplicateChoice explains the chosen handling of data imported before.
func (w *importWizard) onDuplicateChoice(string) {
	switch w.dupSel.SelectedIndex() {
	case 1:
		w.dupHint.SetText(lang.L("The earlier import of this file, and stored responses with the same respondent ID or CSAT Desk response ID, are replaced by the rows of this file, all at once."))
	case 2:
		w.dupHint.SetText(lang.L("If this file was imported before, nothing is imported. Rows whose respondent ID is stored already are left out."))
	default:
		w.dupHint.SetText(lang.L("Rows already in CSAT Desk (from this file, or with the same respondent ID) are left out; the rest is imported."))
	}
}

// duplicate is the chosen handling of data imported before.
func (w *importWizard) duplicate() ingest.Duplicate {
	switch w.dupSel.SelectedIndex() {
	case 1:
		return ingest.Replace
	case 2:
		return ingest.Refuse
	}
	return ingest.Skip
}

// savedImportMapping is what the wizard remembers per header signature.
type savedImportMapping struct {
	SurveyID uint64           `json:"survey"`
	Mapping  importer.Mapping `json:"mapping"`
}

// mappingKey is the settings key of the current file's layout and headers.
// The reason column of a file of skipped rows (importer.ReasonColumn) is
// left out, so such a file finds the mapping of the file it came from.
func (w *importWizard) mappingKey() string {
	headers := w.f.Source.Headers
	if rc := importer.ReasonColumn(w.f.Source); rc >= 0 {
		headers = headers[:rc]
	}
	h := sha256.New()
	h.Write([]byte(w.f.Source.Layout))
	for _, s := range headers {
		h.Write([]byte{0})
		h.Write([]byte(s))
	}
	return "import-mapping:" + hex.EncodeToString(h.Sum(nil)[:12])
}

func (w *importWizard) savedMapping() (savedImportMapping, bool) {
	var s savedImportMapping
	b, err := w.ui.st.Setting(w.mappingKey())
	if err != nil || b == nil || json.Unmarshal(b, &s) != nil {
		return s, false
	}
	return s, true
}

// mappingToRemember is the current mapping as the file it came from would
// use it: a file of skipped rows remembers it without its reason column.
func (w *importWizard) mappingToRemember() importer.Mapping {
	m := w.m
	rc := importer.ReasonColumn(w.f.Source)
	if rc < 0 {
		return m
	}
	m.Columns = nil
	for _, c := range w.m.Columns {
		if c.Column < rc {
			m.Columns = append(m.Columns, c)
		}
	}
	m.StripFormulaGuard = w.f.Source.Layout == importer.LayoutCSATDesk
	return m
}
