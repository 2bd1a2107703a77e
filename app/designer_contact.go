package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"csatdesk/data"
)

// The designer's contact section: which optional contact fields (name,
// phone, email, "May we contact you?") the survey asks. The answers are
// kept apart from the responses (data/contact.go), shown only on the
// follow-up list and in a response's detail.

// buildContactSection returns the section, its checks set from the stored
// survey; a change marks the designer dirty.
func (d *designer) buildContactSection() fyne.CanvasObject {
	var opts []string
	for _, f := range data.ContactFields {
		opts = append(opts, contactFieldWords(f))
	}
	d.contact = widget.NewCheckGroup(opts, nil)
	d.contact.Horizontal = true
	var sel []string
	for i, f := range data.ContactFields {
		if d.orig.AsksContact(f) {
			sel = append(sel, opts[i])
		}
	}
	d.contact.SetSelected(sel)
	d.contact.OnChanged = func([]string) { d.onHeaderChanged("") }
	return container.NewBorder(nil, nil, widget.NewLabel(lang.L("Contact fields")), nil, d.contact)
}

// contactFields returns the contact fields ticked in the section.
func (d *designer) contactFields() []data.ContactField {
	var out []data.ContactField
	for i, f := range data.ContactFields {
		for _, s := range d.contact.Selected {
			if s == d.contact.Options[i] {
				out = append(out, f)
			}
		}
	}
	return out
}
