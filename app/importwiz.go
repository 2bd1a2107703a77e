package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"csatdesk/data"
	"csatdesk/data/importer"
	"csatdesk/data/store/ingest"
)

// previewRows is how many rows the preview converts.
const previewRows = 10

// importWizard imports a CSV or XLSX file in steps shown one under the
// other: the file (format, encoding, sheet), the target survey, the
// mapping of columns and unknown answers, a preview, the import with a
// progress dialog, and the report.
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

	// done is closed when an import started by onImport has finished and
	// the report is shown (tests wait on it).
	done   chan struct{}
	mu     sync.Mutex
	cancel context.CancelFunc

	fileInfo    *widget.Label
	encSel      *widget.Select
	sheetSel    *widget.Select
	targetSel   *widget.Select
	mapBox      *fyne.Container
	valuesBox   *fyne.Container
	dateSel     *widget.Select
	dateRow     fyne.CanvasObject
	table       *widget.Table
	tableRows   [][]string
	problems    *widget.Label
	importBtn   *widget.Button
	dupSel      *widget.Select
	reportInfo  *widget.Label
	reportList  *widget.List
	saveReport  *widget.Button
	progress    *widget.ProgressBar
	progressMsg *widget.Label
	progressDlg dialog.Dialog
	body        *fyne.Container
}

func newImportWizard(u *UI) *importWizard { return &importWizard{ui: u} }

// newSurveyChoice is the target Select's entry for a survey made from the file.
func newSurveyChoice() string { return lang.L("Create a survey from the file") }

func (w *importWizard) buildUI() fyne.CanvasObject {
	pick := widget.NewButtonWithIcon(lang.L("Choose a file…"), theme.FolderOpenIcon(), w.onPickFile)
	w.fileInfo = wrapLabel(lang.L("CSV, TSV, text or Excel (.xlsx) files from Google Forms, SurveyMonkey, Typeform or a spreadsheet."))
	var encNames []string
	for _, e := range importer.Encodings {
		encNames = append(encNames, e.Name)
	}
	w.encSel = widget.NewSelect(encNames, w.onEncoding)
	w.sheetSel = widget.NewSelect(nil, w.onSheet)
	w.targetSel = widget.NewSelect(nil, w.onTarget)
	w.mapBox = container.NewVBox()
	w.valuesBox = container.NewVBox()
	w.dateSel = widget.NewSelect([]string{string(importer.DMY), string(importer.MDY), string(importer.YMD)}, w.onDateOrder)
	w.dateRow = labelled(lang.L("Dates like 01/02 are"), w.dateSel)
	w.dateRow.Hide()
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
			l.SetText(w.tableRows[id.Row][id.Col])
			l.TextStyle.Bold = id.Row == 0
		},
	)
	w.problems = wrapLabel("")
	w.importBtn = widget.NewButtonWithIcon(lang.L("Import"), theme.DownloadIcon(), w.onImport)
	w.importBtn.Importance = widget.HighImportance
	w.importBtn.Disable()
	w.dupSel = widget.NewSelect([]string{
		lang.L("Skip rows imported before"),
		lang.L("Replace the earlier import of this file"),
		lang.L("Stop if this file was imported before"),
	}, nil)
	w.dupSel.SetSelectedIndex(0)
	w.reportInfo = wrapLabel("")
	w.reportList = widget.NewList(
		func() int {
			if w.report == nil {
				return 0
			}
			return len(w.report.Problems)
		},
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(w.report.Problems[i].String())
		},
	)
	w.saveReport = widget.NewButtonWithIcon(lang.L("Save report as CSV…"), theme.DocumentSaveIcon(), w.onSaveReport)
	w.saveReport.Disable()

	step := func(title string, content ...fyne.CanvasObject) fyne.CanvasObject {
		return widget.NewCard(title, "", container.NewVBox(content...))
	}
	tableBox := container.NewGridWrap(fyne.NewSize(1000, 260), w.table)
	reportBox := container.NewGridWrap(fyne.NewSize(1000, 200), w.reportList)
	w.body = container.NewVBox(
		step(lang.L("1. File"), container.NewHBox(pick), w.fileInfo,
			labelled(lang.L("Encoding"), w.encSel), labelled(lang.L("Sheet"), w.sheetSel)),
		step(lang.L("2. Import into"), w.targetSel),
		step(lang.L("3. Columns"), w.mapBox, w.valuesBox, w.dateRow),
		step(lang.L("4. Preview"), tableBox, w.problems,
			container.NewBorder(nil, nil, widget.NewLabel(lang.L("Data imported before")), w.importBtn, w.dupSel)),
		step(lang.L("5. Report"), w.reportInfo, reportBox, container.NewHBox(w.saveReport)),
	)
	w.reload()
	return container.NewVScroll(container.NewPadded(w.body))
}

// reload re-reads the survey list for step 2.
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

// load opens path with opt, profiles it and proposes a mapping.
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
	w.path, w.f, w.prof, w.report = path, f, prof, nil
	src := f.Source
	info := lang.L("{{.Name}}: {{.Format}}, {{.Rows}} rows, {{.Columns}} columns, layout {{.Layout}}", map[string]any{
		"Name": src.Name, "Format": strings.ToUpper(src.Format), "Rows": prof.Rows, "Columns": len(src.Columns), "Layout": string(src.Layout)})
	if src.Format == "csv" {
		info += "\n" + lang.L("Separator: {{.Delimiter}}", map[string]any{"Delimiter": delimiterWords(src.Delimiter)})
	}
	for _, n := range src.Notes {
		info += "\n" + n
	}
	w.fileInfo.SetText(info)
	w.encSel.OnChanged = nil
	if src.Format == "csv" {
		w.encSel.SetSelected(src.Encoding)
		w.encSel.Enable()
	} else {
		w.encSel.ClearSelected()
		w.encSel.Disable()
	}
	w.encSel.OnChanged = w.onEncoding
	w.sheetSel.OnChanged = nil
	w.sheetSel.Options = src.Sheets
	if len(src.Sheets) > 1 {
		w.sheetSel.SetSelected(src.Sheet)
		w.sheetSel.Enable()
	} else {
		w.sheetSel.ClearSelected()
		w.sheetSel.Disable()
	}
	w.sheetSel.OnChanged = w.onSheet

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
	return w.guess(target)
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

func (w *importWizard) onTarget(name string) { w.ui.showError(w.guess(name)) }

// guess proposes a mapping of the file onto the survey called name (or a
// new one), re-applying a mapping remembered for the same headers.
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
		return err
	}
	w.prop = prop
	w.sv = target
	if target == nil {
		w.sv = prop.Survey
	}
	w.m = prop.Mapping
	if saved, ok := w.savedMapping(); ok && target != nil && saved.SurveyID == target.ID && len(saved.Mapping.Columns) == len(w.m.Columns) {
		if saved.Mapping.Validate(target) == nil {
			w.m = saved.Mapping
		}
	}
	w.dateSel.OnChanged = nil
	w.dateSel.SetSelected(string(w.m.DateOrder))
	w.dateSel.OnChanged = w.onDateOrder
	if prop.DateAmbiguous {
		w.dateRow.Show()
	} else {
		w.dateRow.Hide()
	}
	w.buildMapping()
	w.updatePreview()
	w.body.Refresh() // the steps changed height
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
				vs = append(vs, strconv.Quote(v.Value))
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
		tagBox := container.NewGridWrap(fyne.NewSize(160, tag.MinSize().Height), tag)
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
		head := widget.NewLabel(cm.Name())
		head.TextStyle.Bold = true
		head.Truncation = fyne.TextTruncateEllipsis
		sample := widget.NewLabel(samples)
		sample.Truncation = fyne.TextTruncateEllipsis
		w.mapBox.Add(container.NewGridWithColumns(3, head, sample, container.NewBorder(nil, nil, nil, tagBox, sel)))
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

func (w *importWizard) onDateOrder(s string) {
	w.m.DateOrder = importer.DateOrder(s)
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
		w.problems.SetText(lang.L("Cannot import yet: {{.Err}}", map[string]any{"Err": err.Error()}))
		w.importBtn.Disable()
		w.table.Refresh()
		return
	}
	head := []string{lang.L("Row"), lang.L("Date"), lang.L("Channel")}
	for _, q := range w.sv.Questions {
		head = append(head, q.Text)
	}
	head = append(head, lang.L("Comment"))
	w.tableRows = append(w.tableRows, head)
	var probs []string
	first := w.f.Source.HeaderRow + w.f.Source.HeaderRows
	for i, rec := range w.preview {
		r, ps := conv.Convert(first+i, rec)
		for _, p := range ps {
			probs = append(probs, p.String())
		}
		if len(ps) > 0 {
			continue
		}
		row := []string{strconv.Itoa(first + i), r.CollectedAt.Format("2006-01-02 15:04"), r.Channel}
		for _, q := range w.sv.Questions {
			if v, ok := r.Answers[q.ID]; ok {
				row = append(row, strconv.Itoa(v))
			} else {
				row = append(row, r.Texts[q.ID])
			}
		}
		w.tableRows = append(w.tableRows, append(row, r.Comment))
	}
	for c := range head {
		w.table.SetColumnWidth(c, 150)
	}
	w.table.Refresh()
	if len(probs) == 0 {
		w.problems.SetText(lang.L("No problems in the first rows."))
	} else {
		w.problems.SetText(lang.L("Problems in the first rows (these rows will be skipped):") + "\n" + strings.Join(probs, "\n"))
	}
	w.importBtn.Enable()
	w.body.Refresh()
}

// savedImportMapping is what the wizard remembers per header signature.
type savedImportMapping struct {
	SurveyID uint64           `json:"survey"`
	Mapping  importer.Mapping `json:"mapping"`
}

// mappingKey is the settings key of the current file's layout and headers.
func (w *importWizard) mappingKey() string {
	h := sha256.New()
	h.Write([]byte(w.f.Source.Layout))
	for _, s := range w.f.Source.Headers {
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

// importNow imports the file with the current mapping, calling progress
// as it goes, and remembers the mapping. It is what onImport runs in the
// background; tests call it directly.
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

func (w *importWizard) importNow(ctx context.Context, progress func(rows int, frac float64)) (importer.Report, error) {
	m := w.m
	m.Loc = time.Local
	sv := *w.sv
	rep, err := ingest.Import(ctx, w.ui.st, w.f, &sv, m, ingest.Options{
		Hash: w.hash, TotalRows: w.prof.Rows, Progress: progress, OnDuplicate: w.duplicate(), Loc: time.Local,
	})
	if err != nil {
		return rep, err
	}
	if sv.ID != 0 {
		if b, err := json.Marshal(savedImportMapping{SurveyID: sv.ID, Mapping: w.m}); err == nil {
			_ = w.ui.st.SetSetting(w.mappingKey(), b)
		}
	}
	return rep, nil
}

// onImport runs the import in the background behind a progress dialog
// with a Cancel button.
func (w *importWizard) onImport() {
	if w.f == nil || w.sv == nil {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	w.mu.Lock()
	w.cancel = cancel
	w.mu.Unlock()
	done := make(chan struct{})
	w.done = done
	w.progress = widget.NewProgressBar()
	w.progressMsg = widget.NewLabel(lang.L("Starting…"))
	stop := widget.NewButtonWithIcon(lang.L("Cancel"), theme.CancelIcon(), w.onCancel)
	w.progressDlg = dialog.NewCustomWithoutButtons(lang.L("Importing {{.Name}}", map[string]any{"Name": w.f.Source.Name}),
		container.NewVBox(w.progress, w.progressMsg, container.NewHBox(layoutSpacer(), stop)), w.ui.win)
	w.progressDlg.Resize(fyne.NewSize(460, 160))
	w.progressDlg.Show()
	w.importBtn.Disable()
	start := time.Now()
	bar, msg := w.progress, w.progressMsg
	go func() {
		rep, err := w.importNow(ctx, func(rows int, frac float64) {
			el := time.Since(start).Seconds()
			text := lang.L("{{.Rows}} rows, {{.Speed}} rows/s", map[string]any{"Rows": rows, "Speed": int(float64(rows) / max(el, 0.001))})
			if frac > 0 && frac < 1 {
				left := time.Duration(el*(1-frac)/frac) * time.Second
				text += ", " + lang.L("about {{.Left}} left", map[string]any{"Left": left.Round(time.Second).String()})
			}
			fyne.Do(func() {
				bar.SetValue(frac)
				msg.SetText(text)
			})
		})
		cancel()
		fyne.Do(func() {
			w.progressDlg.Hide()
			w.finish(rep, err)
			close(done)
		})
	}()
}

func (w *importWizard) onCancel() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.cancel != nil {
		w.cancel()
	}
}

// finish shows the report of an import and refreshes the other screens.
func (w *importWizard) finish(rep importer.Report, err error) {
	w.importBtn.Enable()
	if err != nil {
		if errors.Is(err, context.Canceled) {
			w.reportInfo.SetText(lang.L("The import was cancelled; nothing was imported."))
		} else if errors.Is(err, ingest.ErrAlreadyImported) {
			w.reportInfo.SetText(err.Error()) // says when, and what to choose instead
		} else {
			w.reportInfo.SetText(lang.L("The import failed; nothing was imported."))
			w.ui.showError(err)
		}
		w.report = nil
		w.saveReport.Disable()
		w.reportList.Refresh()
		return
	}
	w.report = &rep
	w.reportInfo.SetText(lang.L("{{.Name}}: read {{.Read}} rows, imported {{.Imported}}, skipped {{.Skipped}}.", map[string]any{
		"Name": rep.File, "Read": rep.Read, "Imported": rep.Imported, "Skipped": rep.Skipped}))
	w.reportList.Refresh()
	if len(rep.Problems) > 0 {
		w.saveReport.Enable()
	} else {
		w.saveReport.Disable()
	}
	w.ui.reload()
	w.reload()
	w.body.Refresh()
}

func (w *importWizard) onSaveReport() {
	if w.report == nil {
		return
	}
	rep := *w.report
	w.ui.askSave(strings.TrimSuffix(rep.File, ".csv")+"-report.csv", func(path string) error {
		return writeFile(path, rep.WriteCSV)
	})
}
