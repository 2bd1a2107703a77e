package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"csatdesk/data"
	"csatdesk/data/store"
)

// The contact fields of typed entry: one line per contact field the survey
// asks (data.Survey.Contact), after the comment. They are saved with the
// response in one transaction but stored apart from it
// (store.AddResponseWithContact). "May we contact you?" takes y or n (or
// yes/no in the survey's languages: data.ParseConsent).

// contactEntry is the contact fields of a paper form on screen.
type contactEntry struct {
	fields map[data.ContactField]*keyEntry
}

// addContactFields adds sv's contact fields to p after the comment: Enter
// in the comment moves to them, Enter in the last one saves.
func (p *paperForm) addContactFields(sv *data.Survey, onSave func(), onShortcut func(fyne.Shortcut)) {
	if !sv.AsksAnyContact() {
		return
	}
	p.contact = &contactEntry{fields: map[data.ContactField]*keyEntry{}}
	p.comment.onSubmit = func() { p.focusAfter(p.comment) }
	for _, f := range sv.Contact {
		t := newKeyEntry()
		if f == data.ContactConsent {
			t.SetPlaceHolder(lang.L("y / n"))
		}
		t.onSubmit = func() { p.focusAfter(t) }
		t.onShortcut = onShortcut
		p.contact.fields[f] = t
		p.order = append(p.order, t)
		p.rows = append(p.rows, labelled(contactFieldWords(f), t))
	}
	if last, ok := p.order[len(p.order)-1].(*keyEntry); ok {
		last.onSubmit = onSave
	}
}

// contactValue returns the contact typed on the form.
func (p *paperForm) contactValue() data.Contact {
	var c data.Contact
	if p.contact == nil {
		return c
	}
	for f, t := range p.contact.fields {
		c.Set(f, strings.TrimSpace(t.Text))
	}
	return c.Clean()
}

// takeBackContact returns the stored contact of r, a form being taken back
// by undo after its response was deleted, and deletes it (it is saved
// again with the corrected form).
func (p *paperForm) takeBackContact(st *store.Store, r data.Response) data.Contact {
	if p.contact == nil {
		return data.Contact{}
	}
	c, _, err := st.Contact(r.SurveyID, r.ID)
	if err == nil {
		err = st.DeleteContact(r.SurveyID, r.ID)
	}
	if err != nil {
		return data.Contact{}
	}
	for f, t := range p.contact.fields {
		t.SetText(c.Get(f))
	}
	return c
}

// clearContact empties the contact fields.
func (p *paperForm) clearContact() {
	if p.contact == nil {
		return
	}
	for _, t := range p.contact.fields {
		t.SetText("")
	}
}
