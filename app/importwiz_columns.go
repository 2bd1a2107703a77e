package app

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
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
	head := container.NewGridWithColumns(3, boldLabel(lang.L("Column of the file")), boldLabel(lang.L("Examples")), boldLabel(lang.L("Import as")))
	intro := wrapLabel(lang.L("Say what each column holds. Columns set to Ignore are not imported."))
	return container.NewBorder(container.NewVBox(intro, w.dateRow, head), nil, nil, nil,
		container.NewVScroll(container.NewVBox(w.mapBox, w.valuesHead, w.valuesBox, w.notes)))
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
