package app

import (
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"csatdesk/data"
	"csatdesk/data/bank"
)

func (d *designer) buildEditor() {
	d.text = widget.NewMultiLineEntry()
	d.text.Wrapping = fyne.TextWrapWord
	d.text.SetMinRowsVisible(2)
	d.text.OnChanged = d.onText
	d.code = widget.NewEntry()
	d.code.SetPlaceHolder(lang.L("short name for imports, e.g. delivery"))
	d.code.OnChanged = d.onCode
	d.required = widget.NewCheck(lang.L("Answer required"), d.onRequired)
	d.kind = widget.NewSelect(kindLabels(), d.onKind)
	d.preset = widget.NewSelect(presetLabels(), d.onPreset)
	d.preset.PlaceHolder = lang.L("(own labels)")
	d.cutoff = widget.NewSelect(nil, d.onCutoff)
	d.labelsBox = container.NewGridWithColumns(2)
	d.choicesBox = container.NewVBox()
	d.addChoice = widget.NewButtonWithIcon(lang.L("Add choice"), theme.ContentAddIcon(), d.onAddChoice)

	d.presetRow = container.NewVBox(labelled(lang.L("Labels"), d.preset))
	d.cutoffRow = container.NewVBox(labelled(lang.L("Satisfied from"), d.cutoff))
	d.labelsRow = container.NewVBox(wrapLabel(lang.L("Label of each point (empty shows the number only)")), d.labelsBox)
	d.choiceRow = container.NewVBox(widget.NewLabel(lang.L("Choices")), d.choicesBox, container.NewHBox(d.addChoice))

	d.previewText = wrapLabel("")
	d.previewText.TextStyle = fyne.TextStyle{Bold: true}
	d.previewScale = wrapLabel("")
	d.previewNote = wrapLabel("")
	d.previewNote.Importance = widget.LowImportance
	preview := widget.NewCard("", lang.L("On paper"), container.NewVBox(d.previewText, d.previewScale, d.previewNote))

	d.noQuestion = wrapLabel(lang.L("Add a question on the left, or pick one to edit it."))
	fields := container.NewVBox(
		widget.NewLabel(lang.L("Question text")), d.text,
		container.NewGridWithColumns(2, labelled(lang.L("Code name"), d.code), d.required),
		labelled(lang.L("Kind and scale"), d.kind),
		d.presetRow, d.cutoffRow, // one under the other: side by side they made the designer wider than a small screen
		d.labelsRow, d.choiceRow,
	)
	d.fields = container.NewVScroll(fields)
	d.editor = container.NewBorder(nil, preview, nil, nil, container.NewStack(d.noQuestion, d.fields))
}

// current returns the selected question.
func (d *designer) current() *data.Question {
	if d.sel < 0 || d.sel >= len(d.qs) {
		return nil
	}
	return &d.qs[d.sel]
}

// showEditor fills the editor with the selected question.
func (d *designer) showEditor() {
	q := d.current()
	if q == nil {
		d.noQuestion.Show()
		d.fields.Hide()
		d.updatePreview()
		return
	}
	d.noQuestion.Hide()
	d.fields.Show()
	d.loading = true
	defer func() { d.loading = false }()
	d.text.SetText(q.Text)
	d.code.SetText(q.Code)
	d.required.SetChecked(q.Required)
	d.kind.SetSelectedIndex(kindIndex(*q))
	d.showScale()
}

// showScale fills the parts of the editor that depend on the kind and
// scale: label preset, cut-off, point labels, choices.
func (d *designer) showScale() {
	q := d.current()
	if q == nil {
		return
	}
	was := d.loading
	d.loading = true
	defer func() { d.loading = was }()

	show := func(o fyne.CanvasObject, on bool) {
		if on {
			o.Show()
		} else {
			o.Hide()
		}
	}
	numeric := q.Numeric() && q.Kind != data.KindChoice
	show(d.presetRow, q.Kind == data.KindRating)
	show(d.cutoffRow, numeric)
	show(d.labelsRow, numeric)
	show(d.choiceRow, q.Kind == data.KindChoice)

	d.preset.ClearSelected()
	if q.Kind == data.KindRating {
		for i, p := range bank.LabelPresets {
			if slices.Equal(bank.Labels(d.surveyLang(), p, q.Points()), q.Labels) {
				d.preset.SetSelectedIndex(i)
			}
		}
	}

	d.labels = nil
	d.labelsBox.Objects = nil
	if numeric {
		var opts []string
		for v := q.Min; v <= q.Max; v++ {
			opt := strconv.Itoa(v)
			if l := q.Label(v); l != "" && l != opt {
				opt += "  " + l
			}
			opts = append(opts, opt)
			e := widget.NewEntry()
			e.SetText(q.Label(v))
			e.SetPlaceHolder(strconv.Itoa(v))
			i := v - q.Min
			e.OnChanged = func(s string) { d.onLabel(i, s) }
			d.labels = append(d.labels, e)
			d.labelsBox.Objects = append(d.labelsBox.Objects, labelled(strconv.Itoa(v), e))
		}
		d.cutoff.SetOptions(opts)
		d.cutoff.ClearSelected()
		if q.SatisfiedFrom >= q.Min && q.SatisfiedFrom <= q.Max {
			d.cutoff.SetSelectedIndex(q.SatisfiedFrom - q.Min)
		}
	}
	d.labelsBox.Refresh()

	d.choices = nil
	d.choicesBox.Objects = nil
	if q.Kind == data.KindChoice {
		for i, c := range q.Choices {
			e := widget.NewEntry()
			e.SetText(c)
			e.OnChanged = func(s string) { d.onChoice(i, s) }
			d.choices = append(d.choices, e)
			rm := widget.NewButtonWithIcon("", theme.ContentRemoveIcon(), func() { d.onRemoveChoice(i) })
			if len(q.Choices) <= 2 {
				rm.Disable()
			}
			d.choicesBox.Objects = append(d.choicesBox.Objects,
				container.NewBorder(nil, nil, widget.NewLabel(strconv.Itoa(i+1)), rm, e))
		}
		if len(q.Choices) >= data.MaxChoices {
			d.addChoice.Disable()
		} else {
			d.addChoice.Enable()
		}
	}
	d.choicesBox.Refresh()
	d.updatePreview()
}

// edited records a change to the selected question.
func (d *designer) edited() {
	d.dirty = true
	d.status.SetText("")
	if d.sel >= 0 {
		d.list.RefreshItem(d.sel)
	}
	d.updatePreview()
}

func (d *designer) onText(s string) {
	if q := d.current(); q != nil && !d.loading {
		q.Text = s
		d.edited()
	}
}

func (d *designer) onCode(s string) {
	if q := d.current(); q != nil && !d.loading {
		q.Code = strings.TrimSpace(s)
		d.edited()
	}
}

func (d *designer) onRequired(on bool) {
	if q := d.current(); q != nil && !d.loading {
		q.Required = on
		d.edited()
	}
}

// onKind turns the selected question into another kind or scale, keeping
// its text, code and required flag.
func (d *designer) onKind(string) {
	q := d.current()
	i := d.kind.SelectedIndex()
	if q == nil || d.loading || i < 0 || i == kindIndex(*q) {
		return
	}
	n := newQuestionOf(kindOptions[i], d.surveyLang(), d.business.Text)
	n.ID, n.Text, n.Code, n.SinceVersion = q.ID, q.Text, q.Code, q.SinceVersion
	if q.Kind != data.KindText {
		n.Required = q.Required
	}
	if kindOptions[i].kind == data.KindRating && q.Kind == data.KindRating {
		// Keep the label style: stars stay stars on the new scale.
		for _, p := range bank.LabelPresets {
			if slices.Equal(bank.Labels(d.surveyLang(), p, q.Points()), q.Labels) {
				n.Labels = bank.Labels(d.surveyLang(), p, n.Points())
			}
		}
	}
	*q = n
	d.loading = true
	d.required.SetChecked(q.Required)
	d.loading = false
	d.showScale()
	d.edited()
}

func (d *designer) onPreset(string) {
	q := d.current()
	i := d.preset.SelectedIndex()
	if q == nil || d.loading || i < 0 {
		return
	}
	q.Labels = bank.Labels(d.surveyLang(), bank.LabelPresets[i], q.Points())
	d.showScale()
	d.edited()
}

func (d *designer) onCutoff(string) {
	q := d.current()
	i := d.cutoff.SelectedIndex()
	if q == nil || d.loading || i < 0 {
		return
	}
	q.SatisfiedFrom = q.Min + i
	d.edited()
}

// onLabel sets the label of scale point i (0 = the first point).
func (d *designer) onLabel(i int, s string) {
	q := d.current()
	if q == nil || d.loading {
		return
	}
	if len(q.Labels) != q.Points() {
		q.Labels = make([]string, q.Points())
	}
	q.Labels[i] = s
	d.loading = true
	d.preset.ClearSelected()
	d.loading = false
	d.edited()
}

func (d *designer) onChoice(i int, s string) {
	q := d.current()
	if q == nil || d.loading || i >= len(q.Choices) {
		return
	}
	q.Choices[i] = s
	d.edited()
}

func (d *designer) onAddChoice() {
	q := d.current()
	if q == nil || q.Kind != data.KindChoice || len(q.Choices) >= data.MaxChoices {
		return
	}
	q.Choices = append(q.Choices, lang.L("Option {{.N}}", map[string]any{"N": len(q.Choices) + 1}))
	q.Max = len(q.Choices)
	d.showScale()
	d.edited()
}

func (d *designer) onRemoveChoice(i int) {
	q := d.current()
	if q == nil || len(q.Choices) <= 2 || i >= len(q.Choices) {
		return
	}
	q.Choices = slices.Delete(q.Choices, i, i+1)
	q.Max = len(q.Choices)
	d.showScale()
	d.edited()
}
