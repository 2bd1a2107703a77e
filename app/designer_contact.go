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
// survey, two to a row (four in a row were wider than a 1024-pixel screen
// in Latvian); a change marks the designer dirty.
func (d *designer) buildContactSection() fyne.CanvasObject {
	d.contact = nil
	grid := container.NewGridWithColumns(2)
	for _, f := range data.ContactFields {
		c := widget.NewCheck(contactFieldWords(f), nil)
		c.SetChecked(d.orig.AsksContact(f))
		c.OnChanged = func(bool) { d.onHeaderChanged("") }
		d.contact = append(d.contact, c)
		grid.Add(c)
	}
	return container.NewBorder(nil, nil, widget.NewLabel(lang.L("Contact fields")), nil, grid)
}

// contactFields returns the contact fields ticked in the section.
func (d *designer) contactFields() []data.ContactField {
	var out []data.ContactField
	for i, f := range data.ContactFields {
		if d.contact[i].Checked {
			out = append(out, f)
		}
	}
	return out
}
