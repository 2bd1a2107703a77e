package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"csatdesk/data"
)

// The designer's contact section: which optional contact fields (name,
// phone, email, "May we contact you?") the survey asks. The answers are
// kept apart from the responses (data/contact.go), shown only on the
// follow-up list and in a response's detail.

// buildContactSection returns the section: one line naming the fields
// asked and a button that ticks them in a small dialog (a row of four
// ticks was wider than a 1024-pixel screen in Latvian, and two rows took
// the question list's room); a change marks the designer dirty.
func (d *designer) buildContactSection() fyne.CanvasObject {
	d.contact = nil
	summary := widget.NewLabel("")
	summary.Truncation = fyne.TextTruncateEllipsis
	show := func() {
		var names []string
		for i, f := range data.ContactFields {
			if d.contact[i].Checked {
				names = append(names, contactFieldWords(f))
			}
		}
		if len(names) == 0 {
			summary.SetText(lang.L("none (not asked)"))
			return
		}
		summary.SetText(strings.Join(names, ", "))
	}
	for _, f := range data.ContactFields {
		c := widget.NewCheck(contactFieldWords(f), nil)
		c.SetChecked(d.orig.AsksContact(f))
		c.OnChanged = func(bool) { d.onHeaderChanged(""); show() }
		d.contact = append(d.contact, c)
	}
	show()
	change := widget.NewButtonWithIcon(lang.L("Change…"), theme.DocumentCreateIcon(), func() {
		box := container.NewVBox(wrapLabel(lang.L("Printed on the paper form, typed in with the answers and kept apart from them; shown only on the follow-up list.")))
		for _, c := range d.contact {
			box.Add(c)
		}
		dlg := dialog.NewCustom(lang.L("Contact fields"), lang.L("Close"), box, d.ui.win)
		dlg.Resize(fyne.NewSize(420, 300))
		dlg.Show()
	})
	return container.NewBorder(nil, nil, widget.NewLabel(lang.L("Contact fields")), change, summary)
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
