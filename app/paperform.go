package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"csatdesk/data"
)

// paperForm is the per-form part of a keyboard entry screen: the form
// number, one field per active question of the survey and the comment, in
// Tab order, with entry.go's keys (a digit answers and moves on, Enter on
// the last question or in the comment saves, Ctrl+Enter saves, Ctrl+Z
// goes to the screen). The screen keeps the batch header.
type paperForm struct {
	formNo  *keyEntry
	fields  map[uint32]*answerField
	texts   map[uint32]*keyEntry
	comment *keyEntry
	hints   map[uint32]*widget.Label
	order   []fyne.Focusable // Tab order
	rows    []fyne.CanvasObject

	focus      func(fyne.Focusable)
	onAnswered func(*answerField)
}

func newPaperForm(sv *data.Survey, focus func(fyne.Focusable), onSave func(), onShortcut func(fyne.Shortcut)) *paperForm {
	p := &paperForm{
		fields: map[uint32]*answerField{},
		texts:  map[uint32]*keyEntry{},
		hints:  map[uint32]*widget.Label{},
		focus:  focus,
	}
	p.formNo = newKeyEntry()
	p.formNo.SetPlaceHolder(lang.L("optional"))
	p.formNo.onSubmit = func() { p.focusAfter(p.formNo) }
	p.formNo.onShortcut = onShortcut
	p.order = append(p.order, p.formNo)
	p.rows = []fyne.CanvasObject{labelled(lang.L("Form number"), p.formNo)}

	for n, q := range sv.Active() {
		title := fmt.Sprintf("%d. %s", n+1, q.Text)
		if q.Required {
			title += " *"
		}
		hint := widget.NewLabel("")
		hint.Importance = widget.WarningImportance
		p.hints[q.ID] = hint
		var field fyne.CanvasObject
		if q.Numeric() {
			f := newAnswerField(q)
			f.onDone = func(f *answerField, advance bool) {
				if p.onAnswered != nil {
					p.onAnswered(f)
				}
				if advance {
					p.focusAfter(f)
				}
			}
			f.onHint = func(f *answerField, msg string) { p.hints[f.q.ID].SetText(msg) }
			f.onEnter = func(f *answerField) {
				if p.lastQuestion(f) {
					onSave()
					return
				}
				p.focusAfter(f)
			}
			f.onShortcut = onShortcut
			p.fields[q.ID] = f
			p.order = append(p.order, f)
			scale := widget.NewLabel(scaleHint(q))
			scale.Wrapping = fyne.TextWrapWord // the operator checks what a digit means: keep it readable
			field = container.NewBorder(nil, nil, f, hint, scale)
		} else {
			t := newKeyEntry()
			t.SetPlaceHolder(lang.L("comment as written on the form"))
			t.onSubmit = func() { p.focusAfter(t) }
			t.onShortcut = onShortcut
			p.texts[q.ID] = t
			p.order = append(p.order, t)
			field = container.NewBorder(nil, nil, nil, hint, t)
		}
		p.rows = append(p.rows, container.NewVBox(widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), field))
	}
	p.comment = newKeyEntry()
	p.comment.SetPlaceHolder(lang.L("contact details or anything else written on the form"))
	p.comment.onSubmit = onSave
	p.comment.onShortcut = onShortcut
	p.order = append(p.order, p.comment)
	p.rows = append(p.rows, labelled(lang.L("Comment / contact"), p.comment))
	return p
}

// focusAfter moves the cursor to the field after f.
func (p *paperForm) focusAfter(f fyne.Focusable) {
	for i, o := range p.order {
		if o == f && i+1 < len(p.order) {
			p.focus(p.order[i+1])
			return
		}
	}
}

// focusFirst puts the cursor on the first question (Shift+Tab reaches the
// number).
func (p *paperForm) focusFirst() {
	if len(p.order) > 1 {
		p.focus(p.order[1])
	}
}

// lastQuestion reports whether no numeric question follows f.
func (p *paperForm) lastQuestion(f *answerField) bool {
	for i, o := range p.order {
		if o == f {
			for _, later := range p.order[i+1:] {
				if _, ok := later.(*answerField); ok {
					return false
				}
			}
		}
	}
	return true
}

// response returns the form's fields as a response of survey sid (no
// date, channel or tags: those belong to the batch header).
func (p *paperForm) response(sid uint64) data.Response {
	r := data.Response{
		SurveyID:   sid,
		FormNumber: strings.TrimSpace(p.formNo.Text),
		Comment:    strings.TrimSpace(p.comment.Text),
		Answers:    map[uint32]int{},
		Texts:      map[uint32]string{},
	}
	for id, f := range p.fields {
		if v, ok := f.Value(); ok {
			r.Answers[id] = v
		}
	}
	for id, t := range p.texts {
		if s := strings.TrimSpace(t.Text); s != "" {
			r.Texts[id] = s
		}
	}
	return r
}

// fill puts r's number, answers and comment on the form.
func (p *paperForm) fill(r *data.Response) {
	p.formNo.SetText(r.FormNumber)
	for id, f := range p.fields {
		val, ok := r.Answers[id]
		f.SetValue(val, ok)
	}
	for id, t := range p.texts {
		t.SetText(r.Texts[id])
	}
	p.comment.SetText(r.Comment)
}

// clear empties the form and fills in the number of the next sheet.
func (p *paperForm) clear(formNo string) {
	p.fill(&data.Response{FormNumber: formNo})
	for _, h := range p.hints {
		h.SetText("")
	}
}

// showMissing marks a required question left blank and puts the cursor
// there; it reports whether err was such an error.
func (p *paperForm) showMissing(err error) bool {
	m, ok := data.IsMissingAnswer(err)
	if !ok {
		return false
	}
	if h, ok := p.hints[m.QuestionID]; ok {
		h.SetText(lang.L("Required"))
	}
	if f, ok := p.fields[m.QuestionID]; ok {
		p.focus(f)
	} else if t, ok := p.texts[m.QuestionID]; ok {
		p.focus(t)
	}
	return true
}
