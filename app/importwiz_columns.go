package app

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"csatdesk/data/importer"
)

// dateOrders are the choices of the date order Select, in its order.
var dateOrders = []importer.DateOrder{importer.DMY, importer.MDY, importer.YMD}

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
	w.dayLabel = widget.NewLabel("")
	w.dayEntry = widget.NewEntry()
	w.dayEntry.SetPlaceHolder(lang.L("YYYY-MM-DD"))
	w.dayEntry.Validator = func(s string) error {
		if _, err := parseDay(s); err != nil {
			return err
		}
		return nil
	}
	w.dayEntry.OnChanged = w.onDay
	w.dayPick = widget.NewButtonWithIcon("", theme.CalendarIcon(), w.onPickDay)
	w.dayRow = container.NewBorder(nil, nil, w.dayLabel, w.dayPick, w.dayEntry)
	w.dayRow.Hide()
	w.noAnsInfo = wrapLabel("")
	w.noAnsBtn = widget.NewButton(lang.L("Change the list…"), w.onEditNoAnswer)
	w.incCheck = widget.NewCheck("", w.onIncomplete)
	w.incCheck.Hide()
	head := container.NewGridWithColumns(3, boldLabel(lang.L("Column of the file")), boldLabel(lang.L("Examples")), boldLabel(lang.L("Import as")))
	intro := wrapLabel(lang.L("Say what each column holds. Columns set to Ignore are not imported."))
	return container.NewBorder(container.NewVBox(intro, w.dateRow, w.dayRow, head), nil, nil, nil,
		container.NewVScroll(container.NewVBox(w.mapBox, w.valuesHead, w.valuesBox,
			widget.NewSeparator(), w.noAnsInfo, container.NewHBox(w.noAnsBtn), w.incCheck, w.notes)))
}

// parseDay reads a date written YYYY-MM-DD as midnight of that day here.
func parseDay(s string) (time.Time, error) {
	t, err := time.ParseInLocation("2006-01-02", strings.TrimSpace(s), time.Local)
	if err != nil {
		return time.Time{}, fmt.Errorf("%s", lang.L("write the date as YYYY-MM-DD, e.g. 2025-09-01"))
	}
	return t, nil
}

// dateColumn is the file column mapped as the date, or -1.
func (w *importWizard) dateColumn() int {
	for _, c := range w.m.Columns {
		if c.Target == importer.TargetCollectedAt {
			return c.Column
		}
	}
	return -1
}

// updateDayRow shows the date for rows without one when the file has no
// date column (proposing the file's date) or blank date cells (empty until
// the user chooses one: those rows are skipped and listed meanwhile).
func (w *importWizard) updateDayRow() {
	col := w.dateColumn()
	blank := 0
	if col >= 0 && w.sess != nil && col < len(w.sess.Profile.Columns) {
		blank = w.sess.Profile.Rows - w.sess.Profile.Columns[col].NonBlank
		// A blank LimeSurvey submitdate marks an unfinished response, not
		// a missing date: those are offered apart (incCheck).
		blank = max(0, blank-w.prop.Incomplete)
	}
	switch {
	case col < 0:
		w.dayLabel.SetText(lang.L("No column holds dates. Date of every response:"))
		if w.m.DefaultDate.IsZero() && w.dayEntry.Text == "" {
			w.dayEntry.SetText(w.fileDate.Format("2006-01-02")) // sets the mapping's date too
		}
		w.dayRow.Show()
	case blank > 0 && w.sess.Partial: // counted in the first rows only
		w.dayLabel.SetText(lang.L("Date of rows with no date:"))
		w.dayRow.Show()
	case blank > 0:
		w.dayLabel.SetText(lang.N("{{.Count}} row has no date. Its date:", blank, map[string]any{"Count": fmtCount(blank)}))
		w.dayRow.Show()
	default:
		w.dayRow.Hide()
	}
}

// onDay takes the date typed for rows without one.
func (w *importWizard) onDay(s string) {
	t, err := parseDay(s)
	if err != nil {
		t = time.Time{}
	}
	if t.Equal(w.m.DefaultDate) {
		return
	}
	w.m.DefaultDate = t
	w.updatePreview()
}

// onPickDay picks the date for rows without one on a calendar.
func (w *importWizard) onPickDay() {
	cur := w.m.DefaultDate
	if cur.IsZero() {
		cur = w.fileDate
	}
	var d dialog.Dialog
	cal := widget.NewCalendar(cur, func(t time.Time) {
		w.dayEntry.SetText(t.Format("2006-01-02"))
		d.Hide()
	})
	d = dialog.NewCustom(lang.L("Date of the responses"), lang.L("Cancel"), cal, w.ui.win)
	d.Show()
}

// noAnswerList is the list of answers read as "no answer" the mapping uses.
func (w *importWizard) noAnswerList() []string {
	if len(w.m.NoAnswer) == 0 {
		return importer.DefaultNoAnswer
	}
	if len(w.m.NoAnswer) == 1 && w.m.NoAnswer[0] == "" {
		return nil
	}
	return w.m.NoAnswer
}

// updateOptions says which answers of the file are read as "no answer" and
// offers the unfinished responses of the file, if any.
func (w *importWizard) updateOptions() {
	var found []string
	for _, u := range w.prop.NoAnswer {
		for _, v := range u.Values {
			found = append(found, lang.L("“{{.Value}}” ×{{.Count}} in column {{.Column}}", map[string]any{
				"Value": v.Value, "Count": fmtCount(v.Count), "Column": importer.ColumnLetter(u.Column)}))
		}
	}
	list := w.noAnswerList()
	n := len(list)
	text := lang.L("No answers are read as “no answer”: every answer is read as given.")
	if n > 0 {
		text = lang.N("{{.Count}} answer such as {{.Examples}} means “no answer”: left blank, not counted.", n,
			map[string]any{"Count": n, "Examples": "“" + strings.Join(list[:min(3, n)], "”, “") + "”"})
	}
	if len(found) > 0 {
		text += " " + lang.L("In this file: {{.Found}}.", map[string]any{"Found": strings.Join(found, ", ")})
	}
	w.noAnsInfo.SetText(text)
	if w.prop.Incomplete > 0 {
		w.incCheck.Text = lang.N("Import the {{.Count}} response that was not finished too (no submit date)", w.prop.Incomplete,
			map[string]any{"Count": fmtCount(w.prop.Incomplete)})
		w.incCheck.OnChanged = nil
		w.incCheck.SetChecked(w.m.Incomplete == importer.IncompleteInclude)
		w.incCheck.OnChanged = w.onIncomplete
		w.incCheck.Show()
	} else {
		w.incCheck.Hide()
	}
	w.incCheck.Refresh()
}

func (w *importWizard) onIncomplete(on bool) {
	w.m.Incomplete = importer.IncompleteLeaveOut
	if on {
		w.m.Incomplete = importer.IncompleteInclude
	}
	w.updatePreview()
}

// onEditNoAnswer edits the answers read as "no answer", one a line.
func (w *importWizard) onEditNoAnswer() {
	e := newDialogEntry(w.ui.win.Canvas()) // Escape cancels, even from the list
	e.MultiLine, e.Wrapping = true, fyne.TextWrapWord
	e.SetText(strings.Join(w.noAnswerList(), "\n"))
	e.SetMinRowsVisible(8)
	hint := wrapLabel(lang.L("One answer a line. These answers are blank answers: not counted, not a score. An empty list reads every answer as given."))
	d := dialog.NewCustomConfirm(lang.L("Answers that mean “no answer”"), lang.L("OK"), lang.L("Cancel"),
		container.NewBorder(hint, nil, nil, nil, e), func(ok bool) {
			if !ok {
				return
			}
			w.setNoAnswer(strings.Split(e.Text, "\n"))
		}, w.ui.win)
	d.Resize(fyne.NewSize(min(480, w.ui.win.Canvas().Size().Width-40), min(460, w.ui.win.Canvas().Size().Height-40)))
	d.Show()
}

// setNoAnswer makes lines (blank ones dropped) the answers read as "no
// answer"; none at all reads every answer as given.
func (w *importWizard) setNoAnswer(lines []string) {
	var list []string
	for _, l := range lines {
		if l = strings.TrimSpace(l); l != "" {
			list = append(list, l)
		}
	}
	if len(list) == 0 {
		list = []string{""} // importer: no codes at all
	}
	w.m.NoAnswer = list
	w.updateOptions()
	w.updatePreview()
	w.relayoutStep()
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
	for _, f := range w.sv.Contact { // the contact fields the survey asks (followup.go), stored apart
		add(lang.L("Contact")+": "+contactFieldWords(f), importer.ColumnMap{Target: importer.ContactTarget(f)})
	}
	return names, targets
}

// buildMapping shows one row per column (header, sample values, target)
// and a score picker per answer Guess could not score.
func (w *importWizard) buildMapping() {
	names, targets := w.targetChoices()
	// The rows are set at once: Add lays the box out again for each row,
	// which took seconds for a survey tool's export of 160 columns.
	var rows []fyne.CanvasObject
	for i := range w.m.Columns {
		cm := &w.m.Columns[i]
		samples := ""
		if cm.Column < len(w.sess.Profile.Columns) {
			var vs []string
			for _, v := range w.sess.Profile.Columns[cm.Column].Values {
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
			w.updateDayRow()
			w.updatePreview()
			w.relayoutStep()
		}
		name := importer.ColumnLetter(cm.Column)
		if cm.Header != "" {
			name += " (" + cm.Header + ")"
		}
		head := boldLabel(name)
		head.Wrapping = fyne.TextWrapWord
		sample := widget.NewLabel(samples)
		sample.Truncation = fyne.TextTruncateEllipsis
		rows = append(rows, container.NewGridWithColumns(3, head, sample,
			container.NewVBox(layout.NewSpacer(), container.NewBorder(nil, nil, nil, tagBox, sel), layout.NewSpacer())))
	}
	w.mapBox.Objects = rows
	w.mapBox.Refresh()

	var values []fyne.CanvasObject
	for _, u := range w.prop.Unmapped {
		q, ok := w.sv.Question(u.QuestionID)
		if !ok {
			continue
		}
		values = append(values, wrapLabel(lang.L("Column {{.Column}}: answers with no score on “{{.Question}}”", map[string]any{
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
			values = append(values, labelled(lang.N("“{{.Value}}” ({{.Count}} row)", vc.Count, map[string]any{"Value": value, "Count": vc.Count}), sel))
		}
	}
	w.valuesBox.Objects = values
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
