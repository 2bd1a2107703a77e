package app

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"

	"csatdesk/data"
)

func (d *designer) newRow() fyne.CanvasObject { return newTextRow(false) }

func (d *designer) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	if i < 0 || i >= len(d.qs) {
		return
	}
	q := d.qs[i]
	row := o.(*textRow)
	row.text.SetText(fmt.Sprintf("%d. %s", i+1, strings.TrimSpace(q.Text)))
	row.detail.SetText(kindOptionOf(q).label())
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

func (d *designer) onUp() { d.move(-1) }

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
