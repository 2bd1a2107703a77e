package app

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

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
//
// A text field the cursor reached because a rating moved on by itself
// watches its first key: a digit there is most likely one more rating key
// (the "0" of a 10, a double press), so it is flagged at once, and a text
// that is still a lone key at saving time holds the save until a second
// Ctrl+Enter. A comment typed after the rating is never held.
type paperForm struct {
	formNo      *keyEntry
	fields      map[uint32]*answerField
	texts       map[uint32]*keyEntry
	comment     *keyEntry
	hints       map[uint32]*widget.Label
	commentHint *widget.Label
	order       []fyne.Focusable // Tab order
	rows        []fyne.CanvasObject

	textNo      map[*keyEntry]int // question number of a text field; 0: the comment
	armed       *keyEntry         // reached by a rating's auto-advance, no key typed yet
	afterRating map[*keyEntry]bool
	strayOK     map[*keyEntry]string // a lone key the typist chose to keep

	focus      func(fyne.Focusable)
	onAnswered func(*answerField)
	contact    *contactEntry // the survey's contact fields, nil when it asks none (entry_contact.go)
}

func newPaperForm(sv *data.Survey, focus func(fyne.Focusable), onSave func(), onShortcut func(fyne.Shortcut)) *paperForm {
	p := &paperForm{
		fields: map[uint32]*answerField{},
		texts:  map[uint32]*keyEntry{},
		hints:  map[uint32]*widget.Label{},
		focus:  focus,

		textNo:      map[*keyEntry]int{},
		afterRating: map[*keyEntry]bool{},
		strayOK:     map[*keyEntry]string{},
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
					p.armAfter(f)
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
			p.watchStray(t, hint, n+1)
			field = container.NewBorder(nil, nil, nil, hint, t)
		}
		heading := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		heading.Wrapping = fyne.TextWrapWord // a long question must not widen the window
		p.rows = append(p.rows, container.NewVBox(heading, field))
	}
	p.comment = newKeyEntry()
	p.comment.SetPlaceHolder(lang.L("contact details or anything else written on the form"))
	p.comment.onSubmit = onSave
	p.comment.onShortcut = onShortcut
	p.commentHint = widget.NewLabel("")
	p.commentHint.Importance = widget.WarningImportance
	p.watchStray(p.comment, p.commentHint, 0)
	p.order = append(p.order, p.comment)
	p.rows = append(p.rows, labelled(lang.L("Comment / contact"), container.NewBorder(nil, nil, nil, p.commentHint, p.comment)))
	return p
}

// watchStray makes text field t (question no, 0 for the comment) flag a
// first key typed right after a rating moved the cursor there.
func (p *paperForm) watchStray(t *keyEntry, hint *widget.Label, no int) {
	p.textNo[t] = no
	t.onRune = func(r rune) {
		if p.armed != t {
			return
		}
		p.armed = nil
		if t.Text != "" {
			return
		}
		p.afterRating[t] = true
		if unicode.IsDigit(r) {
			hint.SetText(lang.L("Typed right after the rating: check the sheet"))
		}
	}
	t.onKey = func(ev *fyne.KeyEvent) bool {
		// An editing key first (the window also reports every printable
		// key here, before its character): the typist is at work here.
		if p.armed == t && editingKey(ev.Name) {
			p.armed = nil
		}
		return false
	}
	t.onLeave = func() {
		if p.armed == t {
			p.armed = nil
		}
	}
	t.OnChanged = func(s string) {
		if strings.TrimSpace(s) == "" {
			delete(p.afterRating, t)
			delete(p.strayOK, t)
			hint.SetText("")
		}
	}
}

// armAfter arms the text field after rating f when the cursor just moved
// there by itself and it is empty.
func (p *paperForm) armAfter(f *answerField) {
	p.armed = nil
	for i, o := range p.order {
		if o == fyne.Focusable(f) && i+1 < len(p.order) {
			if t, ok := p.order[i+1].(*keyEntry); ok && t != p.formNo && t.Text == "" {
				p.armed = t
			}
			return
		}
	}
}

// strayKey returns a text field that holds nothing but a lone key (one
// character, or digits only) typed right after a rating, with the message
// that says so, unless the typist already kept it with a second save; it
// remembers the text so that the next save passes.
func (p *paperForm) strayKey() (*keyEntry, string) {
	for _, o := range p.order {
		t, ok := o.(*keyEntry)
		if !ok || !p.afterRating[t] {
			continue
		}
		s := strings.TrimSpace(t.Text)
		if !loneKey(s) || p.strayOK[t] == s {
			continue
		}
		p.strayOK[t] = s
		if no := p.textNo[t]; no > 0 {
			return t, lang.L("“{{.Text}}” in question {{.No}} was typed right after a rating. Check the sheet: delete it, or press Ctrl+Enter again to keep it.", map[string]any{"Text": s, "No": no})
		}
		return t, lang.L("“{{.Text}}” in the comment was typed right after the last rating. Check the sheet: delete it, or press Ctrl+Enter again to keep it.", map[string]any{"Text": s})
	}
	return nil, ""
}

// editingKey reports whether k moves the cursor or deletes.
func editingKey(k fyne.KeyName) bool {
	switch k {
	case fyne.KeyBackspace, fyne.KeyDelete, fyne.KeyLeft, fyne.KeyRight, fyne.KeyUp, fyne.KeyDown,
		fyne.KeyHome, fyne.KeyEnd, fyne.KeyPageUp, fyne.KeyPageDown:
		return true
	}
	return false
}

// loneKey reports whether s looks like a stray key rather than words: one
// character, or nothing but digits.
func loneKey(s string) bool {
	if s == "" {
		return false
	}
	if utf8.RuneCountInString(s) == 1 {
		return true
	}
	for _, r := range s {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return true
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
	p.armed = nil
	clear(p.afterRating)
	clear(p.strayOK)
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
	p.commentHint.SetText("")
	p.clearContact()
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
