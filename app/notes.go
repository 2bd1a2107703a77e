package app

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"csatdesk/data"
	"csatdesk/data/insight"
)

// notesScreen lists and adds the event notes drawn on the trend ("new
// menu", "renovation"), in a dialog over the dashboard. Enter in the text
// adds the note.
type notesScreen struct {
	ui     *UI
	survey *data.Survey // the dashboard's survey: a note may be for it only
	notes  []insight.Note

	list      *widget.List
	day, text *widget.Entry
	only      *widget.Check // for this survey only
	msg       *widget.Label
	dlg       dialog.Dialog
	changed   func()
}

// showNotes opens the notes of survey sv (nil: every survey); changed runs
// after a note is added or deleted.
func (u *UI) showNotes(sv *data.Survey, changed func()) *notesScreen {
	ns, err := insight.LoadNotes(u.st)
	if err != nil {
		u.showError(err)
		return nil
	}
	n := &notesScreen{ui: u, survey: sv, notes: ns, changed: changed}
	n.dlg = dialog.NewCustomWithoutButtons(lang.L("Event notes on the trend"), n.buildUI(), u.win)
	s := u.win.Canvas().Size()
	n.dlg.Resize(fyne.NewSize(min(640, s.Width-32), min(460, s.Height-32)))
	n.dlg.Show()
	u.win.Canvas().Focus(n.text)
	return n
}

func (n *notesScreen) buildUI() fyne.CanvasObject {
	n.list = widget.NewList(func() int { return len(n.notes) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			del := widget.NewButtonWithIcon("", theme.DeleteIcon(), nil)
			return container.NewBorder(nil, nil, nil, del, l)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			c := o.(*fyne.Container)
			x := n.notes[i]
			text := fmtDay(x.Day) + " · " + x.Text
			if x.SurveyID != 0 {
				text += " · " + lang.L("this survey")
			}
			c.Objects[0].(*widget.Label).SetText(text)
			c.Objects[1].(*widget.Button).OnTapped = func() { n.onDelete(i) }
		})
	n.day, n.text = widget.NewEntry(), widget.NewEntry()
	n.day.SetText(data.DayOf(n.ui.dash.now()).String())
	n.day.SetPlaceHolder("YYYY-MM-DD")
	n.text.SetPlaceHolder(lang.L("e.g. new menu"))
	n.day.OnSubmitted = func(string) { n.onAdd() }
	n.text.OnSubmitted = func(string) { n.onAdd() }
	n.only = widget.NewCheck(lang.L("Only for this survey"), nil)
	if n.survey == nil {
		n.only.Disable()
	}
	n.msg = wrapLabel("")
	n.msg.Importance = widget.DangerImportance
	add := widget.NewButtonWithIcon(lang.L("Add note"), theme.ContentAddIcon(), n.onAdd)
	add.Importance = widget.HighImportance
	form := widget.NewForm(widget.NewFormItem(lang.L("Date"), n.day), widget.NewFormItem(lang.L("What happened"), n.text))
	bottom := container.NewVBox(form, n.only, n.msg, container.NewHBox(add, layoutSpacer(), widget.NewButton(lang.L("Close"), func() { n.dlg.Hide() })))
	return container.NewBorder(nil, bottom, nil, nil, n.list)
}

// onAdd validates and stores the typed note.
func (n *notesScreen) onAdd() {
	d, err := insight.ParseDate(n.day.Text)
	if err != nil {
		n.msg.SetText(lang.L("Date: type a date as YYYY-MM-DD."))
		return
	}
	x := insight.Note{Day: d, Text: n.text.Text}
	if n.only.Checked && n.survey != nil {
		x.SurveyID = n.survey.ID
	}
	if err := x.Validate(); err != nil {
		var p *insight.InputProblem
		if errors.As(err, &p) {
			n.msg.SetText(p.Text(texts{}))
		} else {
			n.msg.SetText(errorText(err))
		}
		return
	}
	n.store(append(append([]insight.Note(nil), n.notes...), x))
	n.text.SetText("")
}

// onDelete deletes note i.
func (n *notesScreen) onDelete(i int) {
	if i < 0 || i >= len(n.notes) {
		return
	}
	n.store(append(append([]insight.Note(nil), n.notes[:i]...), n.notes[i+1:]...))
}

// store saves ns and shows them.
func (n *notesScreen) store(ns []insight.Note) {
	saved, err := insight.SaveNotes(n.ui.st, ns)
	if err != nil {
		n.msg.SetText(errorText(err))
		return
	}
	n.notes = saved
	n.msg.SetText("")
	n.list.Refresh()
	if n.changed != nil {
		n.changed()
	}
}
