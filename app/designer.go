package app

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"csatdesk/data"
	"csatdesk/data/bank"
)

// kindOption is one entry of the "kind and scale" choices: a kind, and for
// ratings the top of the scale.
type kindOption struct {
	kind   data.Kind
	points int
}

// kindOptions lists what a question can be, in the order the designer
// offers them.
var kindOptions = []kindOption{
	{data.KindRating, 3}, {data.KindRating, 5}, {data.KindRating, 7}, {data.KindRating, 10},
	{data.KindNPS, 11}, {data.KindCES, 7}, {data.KindYesNo, 2}, {data.KindChoice, 0}, {data.KindText, 0},
}

func (o kindOption) label() string {
	switch o.kind {
	case data.KindRating:
		return lang.L("Satisfaction 1–{{.Max}}", map[string]any{"Max": o.points})
	case data.KindNPS:
		return lang.L("Recommend (NPS) 0–10")
	case data.KindCES:
		return lang.L("Effort (CES) 1–7")
	case data.KindYesNo:
		return lang.L("Yes / no")
	case data.KindChoice:
		return lang.L("Choice")
	}
	return lang.L("Open text")
}

func kindLabels() []string {
	out := make([]string, len(kindOptions))
	for i, o := range kindOptions {
		out[i] = o.label()
	}
	return out
}

// kindIndex returns the kindOptions entry q is, or -1.
func kindIndex(q data.Question) int {
	for i, o := range kindOptions {
		if o.kind == q.Kind && (o.kind != data.KindRating || o.points == q.Max) {
			return i
		}
	}
	return -1
}

// newQuestionOf returns a new question of kind o with labels in the
// survey's language lng; business names the company in NPS and CES texts.
func newQuestionOf(o kindOption, lng, business string) data.Question {
	text := lang.L("New question")
	q := data.NewQuestion(o.kind, text, o.points)
	switch o.kind {
	case data.KindRating:
		q.Labels = bank.Labels(lng, bank.PresetWords, o.points)
		q.Text = lang.L("How satisfied are you with …?")
	case data.KindNPS:
		q = bank.NPSQuestion(lng, business)
	case data.KindCES:
		q = bank.CESQuestion(lng, business, "")
	case data.KindYesNo:
		q.Labels = bank.YesNoLabels(lng)
	case data.KindChoice:
		q.Choices = []string{lang.L("Option {{.N}}", map[string]any{"N": 1}), lang.L("Option {{.N}}", map[string]any{"N": 2})}
	}
	return q
}

// scaleText is "1–5", or "2 choices" for a choice question.
func scaleText(q data.Question) string {
	if q.Kind == data.KindChoice {
		return lang.N("{{.Count}} choice", len(q.Choices), map[string]any{"Count": len(q.Choices)})
	}
	return fmt.Sprintf("%d–%d", q.Min, q.Max)
}

// meaningChanged reports whether an answer to old would mean something
// else as an answer to q: a new kind, scale or cut-off.
func meaningChanged(old, q data.Question) bool {
	if old.Kind != q.Kind || old.Min != q.Min || old.Max != q.Max {
		return true
	}
	return old.Kind != data.KindChoice && old.Kind != data.KindText && old.SatisfiedFrom != q.SatisfiedFrom
}

// changeNote says in plain words what happens to question n when it is
// saved as a new question.
func changeNote(n int, old, q data.Question) string {
	switch {
	case old.Kind != q.Kind:
		return lang.L("Question {{.N}} changed from {{.Old}} to {{.New}}: old answers keep their meaning; new forms ask the new question.",
			map[string]any{"N": n, "Old": kindOptionOf(old).label(), "New": kindOptionOf(q).label()})
	case old.Min != q.Min || old.Max != q.Max:
		return lang.L("Question {{.N}} changed scale: old answers keep their {{.Old}} meaning; new forms use {{.New}}.",
			map[string]any{"N": n, "Old": scaleText(old), "New": scaleText(q)})
	}
	return lang.L("Question {{.N}} changed its cut-off: old answers count as satisfied from {{.Old}}, new ones from {{.New}}.",
		map[string]any{"N": n, "Old": old.SatisfiedFrom, "New": q.SatisfiedFrom})
}

func kindOptionOf(q data.Question) kindOption {
	if i := kindIndex(q); i >= 0 {
		return kindOptions[i]
	}
	return kindOption{kind: q.Kind, points: q.Max}
}

// designer edits one survey: its name, description, business and language
// on top; the question list on the left (add, add from the bank, reorder,
// remove); an editor for the selected question with a live paper preview
// on the right. Save validates and, when responses exist, keeps old
// answers meaningful by retiring changed questions (see plan).
type designer struct {
	ui *UI
	s  *surveysScreen

	orig      data.Survey     // as stored
	responses uint64          // stored responses of the survey
	qs        []data.Question // the active questions being edited; ID 0 = new
	sel       int             // index into qs; -1 = none
	loading   bool            // the editor is being filled: ignore OnChanged
	dirty     bool            // unsaved edits
	pending   *savePlan       // waiting for the user to confirm a new version
	shortcuts []fyne.Shortcut // Alt+Up / Alt+Down while the designer shows
	bankItems []data.Question // the questions of the bank topic shown
	bankTopic *widget.Select  // in the "Add from bank" dialog
	bankPick  *widget.CheckGroup

	name, descr, business *widget.Entry
	language              *widget.Select

	list                 *widget.List
	addKind              *widget.Select
	add, addBank         *widget.Button
	up, down, remove     *widget.Button
	text, code           *widget.Entry
	required             *widget.Check
	kind, preset, cutoff *widget.Select
	labels, choices      []*widget.Entry
	labelsBox            *fyne.Container
	choicesBox           *fyne.Container
	addChoice            *widget.Button
	presetRow, cutoffRow *fyne.Container
	labelsRow, choiceRow *fyne.Container
	editor               *fyne.Container
	fields               *container.Scroll
	noQuestion           *widget.Label

	previewText, previewScale, previewNote *widget.Label

	status     *widget.Label
	save, back *widget.Button
}

// savePlan is what Save will store, and what the user is told first.
type savePlan struct {
	sv    data.Survey
	notes []string // plain-words changes that made a new version
}

func newDesigner(s *surveysScreen, sv data.Survey, responses uint64) *designer {
	d := &designer{ui: s.ui, s: s, responses: responses, sel: -1}
	d.setSurvey(sv)
	return d
}

// setSurvey makes sv the stored state the designer edits.
func (d *designer) setSurvey(sv data.Survey) {
	d.orig = sv
	d.qs = sv.Active()
	for i := range d.qs {
		d.qs[i] = cloneQuestion(d.qs[i])
	}
	d.dirty = false
}

func cloneQuestion(q data.Question) data.Question {
	q.Labels = slices.Clone(q.Labels)
	q.Choices = slices.Clone(q.Choices)
	return q
}

func (d *designer) buildUI() fyne.CanvasObject {
	d.name, d.descr, d.business = widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	d.language = widget.NewSelect(languageNames(), nil)
	d.name.SetText(d.orig.Name)
	d.descr.SetText(d.orig.Description)
	d.descr.SetPlaceHolder(lang.L("what the survey is for (not printed)"))
	d.business.SetText(d.orig.Business)
	d.business.SetPlaceHolder(lang.L("printed at the top of the forms"))
	d.language.SetSelectedIndex(languageIndex(d.orig.Language))
	for _, e := range []*widget.Entry{d.name, d.descr, d.business} {
		e.OnChanged = d.onHeaderChanged
	}
	d.language.OnChanged = d.onHeaderChanged
	header := container.NewGridWithColumns(2,
		labelled(lang.L("Name"), d.name), labelled(lang.L("Business"), d.business),
		labelled(lang.L("About this survey"), d.descr), labelled(lang.L("Language of the questions"), d.language),
	)

	d.list = widget.NewList(func() int { return len(d.qs) }, d.newRow, d.updateRow)
	d.list.OnSelected = d.onSelect
	d.addKind = widget.NewSelect(kindLabels(), nil)
	d.addKind.SetSelectedIndex(1)
	d.add = widget.NewButtonWithIcon(lang.L("Add"), theme.ContentAddIcon(), d.onAdd)
	d.addBank = widget.NewButtonWithIcon(lang.L("Add from bank…"), theme.ListIcon(), d.onAddFromBank)
	d.up = widget.NewButtonWithIcon(lang.L("Up"), theme.MoveUpIcon(), d.onUp)
	d.down = widget.NewButtonWithIcon(lang.L("Down"), theme.MoveDownIcon(), d.onDown)
	d.remove = widget.NewButtonWithIcon(lang.L("Remove"), theme.DeleteIcon(), d.onRemove)
	listTools := container.NewVBox(
		container.NewBorder(nil, nil, nil, d.add, d.addKind),
		container.NewGridWithColumns(4, d.addBank, d.up, d.down, d.remove),
		widget.NewLabelWithStyle(lang.L("Alt+↑ / Alt+↓ move the selected question"), fyne.TextAlignLeading, fyne.TextStyle{Italic: true}),
	)
	left := container.NewBorder(widget.NewLabelWithStyle(lang.L("Questions"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		listTools, nil, nil, d.list)

	d.buildEditor()
	split := container.NewHSplit(left, d.editor)
	split.Offset = 0.42

	d.status = wrapLabel("")
	d.status.Importance = widget.DangerImportance
	d.back = widget.NewButtonWithIcon(lang.L("Back to the list"), theme.NavigateBackIcon(), d.onBack)
	d.save = widget.NewButtonWithIcon(lang.L("Save survey"), theme.DocumentSaveIcon(), d.onSave)
	d.save.Importance = widget.HighImportance
	note := layoutSpacer()
	if d.responses > 0 {
		n := int(d.responses)
		l := wrapLabel(lang.N("This survey has {{.Count}} response: changing a question's kind, scale or cut-off, or removing it, keeps the old question for the old answers.", n, map[string]any{"Count": n}))
		l.Importance = widget.LowImportance
		note = l
	}
	footer := container.NewVBox(widget.NewSeparator(), d.status,
		container.NewBorder(nil, nil, d.back, d.save, note))

	d.updateTools()
	if len(d.qs) > 0 {
		d.list.Select(0)
	} else {
		d.showEditor()
	}
	return container.NewBorder(container.NewVBox(header, widget.NewSeparator()), footer, nil, nil, split)
}

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
	d.labelsRow = container.NewVBox(widget.NewLabel(lang.L("Label of each point (empty shows the number only)")), d.labelsBox)
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
		container.NewGridWithColumns(2, d.presetRow, d.cutoffRow),
		d.labelsRow, d.choiceRow,
	)
	d.fields = container.NewVScroll(fields)
	d.editor = container.NewBorder(nil, preview, nil, nil, container.NewStack(d.noQuestion, d.fields))
}

func presetLabels() []string {
	out := make([]string, len(bank.LabelPresets))
	for i, p := range bank.LabelPresets {
		switch p {
		case bank.PresetNumbers:
			out[i] = lang.L("Numbers")
		case bank.PresetWords:
			out[i] = lang.L("Words")
		case bank.PresetStars:
			out[i] = lang.L("Stars")
		case bank.PresetEmoji:
			out[i] = lang.L("Emoji (printed as numbers)")
		}
	}
	return out
}

// surveyLang returns the survey language chosen in the header.
func (d *designer) surveyLang() string {
	return bank.Languages[max(d.language.SelectedIndex(), 0)].Code
}

func (d *designer) newRow() fyne.CanvasObject {
	text := widget.NewLabel("")
	text.Truncation = fyne.TextTruncateEllipsis
	kind := widget.NewLabel("")
	kind.Importance = widget.LowImportance
	return container.NewBorder(nil, nil, nil, kind, text)
}

func (d *designer) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	if i < 0 || i >= len(d.qs) {
		return
	}
	q := d.qs[i]
	box := o.(*fyne.Container)
	box.Objects[0].(*widget.Label).SetText(fmt.Sprintf("%d. %s", i+1, strings.TrimSpace(q.Text)))
	box.Objects[1].(*widget.Label).SetText(kindOptionOf(q).label())
}

func (d *designer) onHeaderChanged(string) {
	if !d.loading {
		d.dirty = true
	}
}

func (d *designer) onSelect(i widget.ListItemID) {
	d.sel = i
	d.showEditor()
	d.updateTools()
}

// updateTools enables the list buttons that make sense now.
func (d *designer) updateTools() {
	set := func(b *widget.Button, on bool) {
		if on {
			b.Enable()
		} else {
			b.Disable()
		}
	}
	set(d.up, d.sel > 0)
	set(d.down, d.sel >= 0 && d.sel < len(d.qs)-1)
	set(d.remove, d.sel >= 0)
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

// updatePreview shows how the selected question reads on paper.
func (d *designer) updatePreview() {
	q := d.current()
	if q == nil {
		d.previewText.SetText("")
		d.previewScale.SetText("")
		d.previewNote.SetText("")
		return
	}
	d.previewText.SetText(fmt.Sprintf("%d. %s", d.sel+1, strings.TrimSpace(q.Text)))
	d.previewScale.SetText(paperScale(*q))
	note := ""
	switch {
	case q.Kind == data.KindRating || q.Kind == data.KindNPS || q.Kind == data.KindCES:
		if q.SatisfiedFrom >= q.Min && q.SatisfiedFrom <= q.Max {
			note = lang.L("Counts as satisfied: {{.From}}–{{.To}}", map[string]any{"From": q.SatisfiedFrom, "To": q.Max})
		}
	case q.Kind == data.KindYesNo:
		note = lang.L("Counts as satisfied: {{.Answer}}", map[string]any{"Answer": q.Label(q.SatisfiedFrom)})
	}
	if q.Required {
		if note != "" {
			note += " · "
		}
		note += lang.L("answer required")
	}
	d.previewNote.SetText(note)
}

// paperScale draws the answer area of q as text: circled points with their
// labels, tick boxes for yes/no and choices, lines for open text.
func paperScale(q data.Question) string {
	switch q.Kind {
	case data.KindText:
		return "______________________________________________\n______________________________________________"
	case data.KindYesNo:
		return "☐ " + nonEmpty(q.Label(1), "1") + "     ☐ " + nonEmpty(q.Label(0), "0")
	case data.KindChoice:
		var parts []string
		for _, c := range q.Choices {
			parts = append(parts, "☐ "+c)
		}
		return strings.Join(parts, "     ")
	}
	var parts []string
	for v := q.Min; v <= q.Max; v++ {
		p := "( " + strconv.Itoa(v) + " )"
		if l := q.Label(v); l != "" && l != strconv.Itoa(v) {
			p += " " + l
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, "   ")
}

func nonEmpty(s, alt string) string {
	if strings.TrimSpace(s) == "" {
		return alt
	}
	return s
}

// uniqueCode returns code, or code_2, code_3 … when another question uses
// it already.
func (d *designer) uniqueCode(code string) string {
	if code == "" {
		return ""
	}
	taken := map[string]bool{}
	for _, q := range d.qs {
		taken[strings.ToLower(q.Code)] = true
	}
	try := code
	for n := 2; taken[strings.ToLower(try)]; n++ {
		try = fmt.Sprintf("%s_%d", code, n)
	}
	return try
}

// insert adds new questions after the selected one (or at the end) and
// selects the first of them.
func (d *designer) insert(qs ...data.Question) {
	at := len(d.qs)
	if d.sel >= 0 {
		at = d.sel + 1
	}
	for i := range qs {
		qs[i].ID = 0
		qs[i].Code = d.uniqueCode(qs[i].Code)
		d.qs = slices.Insert(d.qs, at+i, qs[i])
	}
	d.dirty = true
	d.list.Refresh()
	d.list.Select(at)
	d.list.ScrollTo(at)
}

func (d *designer) onAdd() {
	i := d.addKind.SelectedIndex()
	if i < 0 {
		return
	}
	d.insert(newQuestionOf(kindOptions[i], d.surveyLang(), d.business.Text))
	d.ui.win.Canvas().Focus(d.text)
}

func (d *designer) onAddFromBank() {
	topics := make([]string, len(bank.Topics))
	for i, t := range bank.Topics {
		topics[i] = bank.TopicName(d.surveyLang(), t)
	}
	d.bankPick = widget.NewCheckGroup(nil, nil)
	d.bankTopic = widget.NewSelect(topics, func(string) { d.onBankTopic() })
	d.bankTopic.SetSelectedIndex(0)
	content := container.NewBorder(labelled(lang.L("Topic"), d.bankTopic), nil, nil, nil, container.NewVScroll(d.bankPick))
	dlg := dialog.NewCustomConfirm(lang.L("Add questions from the bank"), lang.L("Add"), lang.L("Cancel"), content, d.onBankChosen, d.ui.win)
	dlg.Resize(fyne.NewSize(720, 520))
	dlg.Show()
}

// onBankTopic lists the bank questions of the chosen topic in the survey's
// language.
func (d *designer) onBankTopic() {
	i := d.bankTopic.SelectedIndex()
	if i < 0 {
		return
	}
	d.bankItems = bank.Bank(d.surveyLang(), bank.Topics[i])
	opts := make([]string, len(d.bankItems))
	for j, q := range d.bankItems {
		opts[j] = fmt.Sprintf("%s  [%s]", q.Text, kindOptionOf(q).label())
	}
	d.bankPick.Options = opts
	d.bankPick.Selected = nil
	d.bankPick.Refresh()
}

// onBankChosen adds the ticked bank questions.
func (d *designer) onBankChosen(ok bool) {
	if !ok || d.bankPick == nil {
		return
	}
	var add []data.Question
	for j, o := range d.bankPick.Options {
		if slices.Contains(d.bankPick.Selected, o) {
			add = append(add, d.bankItems[j])
		}
	}
	if len(add) > 0 {
		d.insert(add...)
	}
}

// move moves the selected question by delta places.
func (d *designer) move(delta int) {
	i, j := d.sel, d.sel+delta
	if i < 0 || j < 0 || j >= len(d.qs) {
		return
	}
	d.qs[i], d.qs[j] = d.qs[j], d.qs[i]
	d.dirty = true
	d.list.Refresh()
	d.list.Select(j)
	d.updatePreview()
}

func (d *designer) onUp()   { d.move(-1) }
func (d *designer) onDown() { d.move(1) }

func (d *designer) onRemove() {
	at := d.sel
	if at < 0 {
		return
	}
	d.qs = slices.Delete(d.qs, at, at+1)
	d.dirty = true
	d.list.UnselectAll()
	d.list.Refresh()
	d.sel = -1
	if len(d.qs) > 0 {
		d.list.Select(min(at, len(d.qs)-1))
	} else {
		d.showEditor()
	}
	d.updateTools()
}

// bindKeys puts Alt+Up / Alt+Down on the window while the designer shows.
// They fire when the question list (not a text field) has the focus.
func (d *designer) bindKeys() {
	c := d.ui.win.Canvas()
	up := &desktop.CustomShortcut{KeyName: fyne.KeyUp, Modifier: fyne.KeyModifierAlt}
	down := &desktop.CustomShortcut{KeyName: fyne.KeyDown, Modifier: fyne.KeyModifierAlt}
	c.AddShortcut(up, func(fyne.Shortcut) { d.onUp() })
	c.AddShortcut(down, func(fyne.Shortcut) { d.onDown() })
	d.shortcuts = []fyne.Shortcut{up, down}
}

func (d *designer) unbindKeys() {
	for _, s := range d.shortcuts {
		d.ui.win.Canvas().RemoveShortcut(s)
	}
	d.shortcuts = nil
}

// plan builds the survey Save would store. Without responses every edit
// is made in place. With responses, a question whose kind, scale or
// cut-off changed is never changed in place: the old one is retired (kept
// for the old answers) and the edited one added with a new ID; a removed
// question is retired; added questions start with the new version. Any of
// these bumps the version, and notes say what happened. The error is the
// first validation problem, naming the question and field.
func (d *designer) plan() (savePlan, error) {
	out := d.orig
	out.Name = strings.TrimSpace(d.name.Text)
	out.Description = strings.TrimSpace(d.descr.Text)
	out.Business = strings.TrimSpace(d.business.Text)
	out.Language = d.surveyLang()
	if out.Version == 0 {
		out.Version = 1
	}
	if out.NextQuestionID == 0 {
		out.NextQuestionID = 1
		for _, q := range d.orig.Questions {
			out.NextQuestionID = max(out.NextQuestionID, q.ID+1)
		}
	}
	versioned := d.responses > 0
	next := out.Version + 1
	since := out.Version
	if versioned {
		since = next
	}
	var retired []data.Question
	for _, q := range d.orig.Questions {
		if q.Retired {
			retired = append(retired, q)
		}
	}
	var notes []string
	kept := map[uint32]bool{}
	out.Questions = make([]data.Question, 0, len(d.qs)+len(retired))
	for n, q := range d.qs {
		q = cloneQuestion(q)
		q.Retired = false
		if q.ID == 0 {
			q.SinceVersion = since
			if versioned {
				notes = append(notes, lang.L("Question {{.N}} is new: forms printed before did not ask it.", map[string]any{"N": n + 1}))
			}
			out.AddQuestion(q)
			continue
		}
		kept[q.ID] = true
		old, _ := d.orig.Question(q.ID)
		if versioned && meaningChanged(old, q) {
			old.Retired = true
			retired = append(retired, old)
			q.SinceVersion = next
			notes = append(notes, changeNote(n+1, old, q))
			out.AddQuestion(q)
			continue
		}
		out.Questions = append(out.Questions, q)
	}
	for n, q := range d.orig.Active() {
		if kept[q.ID] || !versioned {
			continue
		}
		q.Retired = true
		retired = append(retired, q)
		notes = append(notes, lang.L("{{.Question}} was removed: it is kept out of sight so its old answers still count.",
			map[string]any{"Question": problemWords(q.Ref(n + 1))}))
	}
	out.Questions = append(out.Questions, retired...)
	if len(notes) > 0 {
		out.Version = next
		notes = append(notes, lang.L("Survey is now version {{.Version}}.", map[string]any{"Version": next}))
	}
	if err := out.Validate(); err != nil {
		return savePlan{}, err
	}
	return savePlan{sv: out, notes: notes}, nil
}

func (d *designer) onSave() {
	p, err := d.plan()
	if err != nil {
		d.setStatus(lang.L("Not saved: {{.Err}}", map[string]any{"Err": errorText(err)}), true)
		return
	}
	if len(p.notes) == 0 {
		d.commit(p)
		return
	}
	d.pending = &p
	c := dialog.NewConfirm(lang.L("Save as a new version?"), strings.Join(p.notes, "\n"), d.onConfirmSave, d.ui.win)
	c.SetConfirmText(lang.L("Save new version"))
	c.Show()
}

// onConfirmSave stores the pending plan when the user agreed to the new
// version.
func (d *designer) onConfirmSave(ok bool) {
	p := d.pending
	d.pending = nil
	if !ok || p == nil {
		return
	}
	d.commit(*p)
}

// commit stores the planned survey and shows it as saved.
func (d *designer) commit(p savePlan) {
	sv := p.sv
	if err := d.ui.st.SaveSurvey(&sv); err != nil {
		d.setStatus(lang.L("Not saved: {{.Err}}", map[string]any{"Err": errorText(err)}), true)
		return
	}
	sel := d.sel
	d.setSurvey(sv)
	d.list.UnselectAll()
	d.sel = -1
	d.list.Refresh()
	if n := len(d.qs); n > 0 {
		d.list.Select(min(max(sel, 0), n-1))
	}
	if len(p.notes) > 0 {
		d.setStatus(lang.L("Saved as version {{.Version}}.", map[string]any{"Version": sv.Version}), false)
	} else {
		d.setStatus(lang.L("Saved."), false)
	}
	d.s.changed()
}

// setStatus shows a message under the editor, in red for a problem.
func (d *designer) setStatus(msg string, problem bool) {
	d.status.Importance = widget.SuccessImportance
	if problem {
		d.status.Importance = widget.DangerImportance
	}
	d.status.SetText(msg)
}

func (d *designer) onBack() {
	if !d.dirty {
		d.s.closeDesigner()
		return
	}
	dialog.ShowConfirm(lang.L("Discard changes?"),
		lang.L("The survey has changes that are not saved. Go back to the list without saving?"),
		func(ok bool) {
			if ok {
				d.s.closeDesigner()
			}
		}, d.ui.win)
}
