package app

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"csatdesk/data"
	"csatdesk/data/bank"
)

// designer edits one survey: its name, description, business and language
// on top; the question list on the left (add, add from the bank, reorder,
// remove); an editor for the selected question with a live paper preview
// on the right. Save validates and, when responses exist, keeps old
// answers meaningful through data.Revise (see plan). Its parts live in
// designer_list.go (the question list), designer_question.go (the
// editor), designer_kinds.go (kinds, scales and change notes),
// designer_bank.go (the bank dialog) and designer_preview.go.
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
	contact               []*widget.Check // the contact fields asked, as data.ContactFields (designer_contact.go)

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
	contact := d.buildContactSection()

	d.list = widget.NewList(func() int { return len(d.qs) }, d.newRow, d.updateRow)
	d.list.OnSelected = d.onSelect
	d.addKind = widget.NewSelect(kindLabels(), nil)
	d.addKind.SetSelectedIndex(1)
	d.add = widget.NewButtonWithIcon(lang.L("Add"), theme.ContentAddIcon(), d.onAdd)
	d.addBank = widget.NewButtonWithIcon(lang.L("Add from bank…"), theme.ListIcon(), d.onAddFromBank)
	d.up = widget.NewButtonWithIcon(lang.L("Up"), theme.MoveUpIcon(), d.onUp)
	d.down = widget.NewButtonWithIcon(lang.L("Down"), theme.MoveDownIcon(), d.onDown)
	d.remove = widget.NewButtonWithIcon(lang.L("Remove"), theme.DeleteIcon(), d.onRemove)
	hint := wrapLabel(lang.L("Alt+↑ / Alt+↓ move the selected question"))
	hint.TextStyle = fyne.TextStyle{Italic: true}
	// Three rows, not four buttons in a row: in Latvian or Russian a row
	// of four equal cells made the designer wider than a 1024-pixel screen.
	listTools := container.NewVBox(
		container.NewBorder(nil, nil, nil, d.add, d.addKind),
		d.addBank,
		container.NewGridWithColumns(3, d.up, d.down, d.remove),
		hint,
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
	return container.NewBorder(container.NewVBox(header, contact, widget.NewSeparator()), footer, nil, nil, split)
}

// surveyLang returns the survey language chosen in the header.
func (d *designer) surveyLang() string {
	return bank.Languages[max(d.language.SelectedIndex(), 0)].Code
}

func (d *designer) onHeaderChanged(string) {
	if !d.loading {
		d.dirty = true
	}
}

// plan builds the survey Save would store: the edited header and
// questions revised against the stored survey by data.Revise (the store
// applies the same rule again), with notes in plain words for what made a
// new version. The error is the first validation problem, naming the
// question and field.
func (d *designer) plan() (savePlan, error) {
	edited := d.orig
	edited.Name = strings.TrimSpace(d.name.Text)
	edited.Description = strings.TrimSpace(d.descr.Text)
	edited.Business = strings.TrimSpace(d.business.Text)
	edited.Language = d.surveyLang()
	edited.SetContactFields(d.contactFields())
	edited.Questions = make([]data.Question, len(d.qs))
	for i, q := range d.qs {
		edited.Questions[i] = cloneQuestion(q)
	}
	// Responses may have been entered or imported since the designer
	// opened: the plan the user confirms is the one the store will apply.
	if d.orig.ID != 0 {
		if st, err := d.ui.st.SurveyStats(d.orig.ID); err == nil {
			d.responses = st.Responses
		}
	}
	rev, err := data.Revise(d.orig, edited, d.responses > 0)
	if err != nil {
		return savePlan{}, err
	}
	var notes []string
	for _, c := range rev.Changes {
		notes = append(notes, changeNote(c))
	}
	if rev.Bumped {
		notes = append(notes, lang.L("Survey is now version {{.Version}}.", map[string]any{"Version": rev.Survey.Version}))
	}
	return savePlan{sv: rev.Survey, notes: notes}, nil
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
