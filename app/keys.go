package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// Keyboard everywhere.
//
// Ctrl+1 … Ctrl+9 show the screens in the sidebar's order. They are
// shortcuts of the Go menu's items, because Fyne hands a shortcut to the
// main menu before the focused field, while a canvas shortcut never fires
// when an entry has the focus (and the entry screens always have one).
//
// Fyne 2.7's dialogs take no keys: Enter and Escape did nothing. The
// window's key handler (which gets the keys no focused widget takes, as in
// a dialog that has just opened) answers them for the dialog on top: Enter
// taps its one emphasised button (Save, Delete, OK…), or its only button;
// Escape taps its one ordinary button (Cancel, Close…), and otherwise
// closes it (not a progress dialog, which has no button).

// Tab positions in the sidebar.
const (
	tabDashboard = iota
	tabSurveys
	tabEnter
	tabVerify
	tabImport
	tabResponses
	tabFollowUp // followup.go
	tabTopics
	tabCompare
	tabSettings
)

// goMenu is the Go menu: one item per screen, Ctrl+1 … Ctrl+9.
func (u *UI) goMenu() *fyne.Menu {
	var items []*fyne.MenuItem
	for i, t := range u.tabs.Items {
		i := i
		it := fyne.NewMenuItem(t.Text, func() { u.tabs.SelectIndex(i) })
		it.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyName(rune('1' + i)), Modifier: fyne.KeyModifierShortcutDefault}
		items = append(items, it)
	}
	return fyne.NewMenu(lang.L("Go"), items...)
}

// installDialogKeys answers Enter and Escape for the dialog on top of c;
// other keys (and those keys when no dialog shows) go to other, if set.
func installDialogKeys(c fyne.Canvas, other func(*fyne.KeyEvent)) {
	c.SetOnTypedKey(func(k *fyne.KeyEvent) {
		if dialogKey(c, k) {
			return
		}
		if other != nil {
			other(k)
		}
	})
}

// dialogKey handles Enter or Escape for the dialog on top of c and
// reports whether it did.
func dialogKey(c fyne.Canvas, k *fyne.KeyEvent) bool {
	top := c.Overlays().Top()
	if top == nil {
		return false
	}
	switch k.Name {
	case fyne.KeyReturn, fyne.KeyEnter, fyne.KeyEscape:
	default:
		return false
	}
	var main, plain []*widget.Button
	for _, b := range dialogButtons(top) {
		if b.Disabled() || !b.Visible() {
			continue
		}
		if b.Importance == widget.HighImportance || b.Importance == widget.DangerImportance {
			main = append(main, b)
		} else {
			plain = append(plain, b)
		}
	}
	tap := func(b *widget.Button) bool {
		if b.OnTapped != nil {
			b.OnTapped()
		}
		return true
	}
	if k.Name == fyne.KeyEscape {
		switch {
		case len(plain) == 1:
			return tap(plain[0])
		case len(main)+len(plain) == 1:
			return tap(append(main, plain...)[0])
		case len(main)+len(plain) == 0:
			return false // a progress dialog: its job closes it
		}
		top.Hide()
		return true
	}
	switch {
	case len(main) == 1:
		return tap(main[0])
	case len(main)+len(plain) == 1:
		return tap(append(main, plain...)[0])
	}
	return false
}

// dialogButtons are the buttons of a dialog's button row: for Fyne's
// dialogs the fourth part of their layout; else every button reached
// through containers.
func dialogButtons(o fyne.CanvasObject) []*widget.Button {
	if p, ok := o.(*widget.PopUp); ok {
		o = p.Content
		if c, ok := o.(*fyne.Container); ok && len(c.Objects) == 5 {
			if row, ok := c.Objects[3].(*fyne.Container); ok {
				return buttonsIn(row)
			}
		}
	}
	return buttonsIn(o)
}

// buttonsIn lists the buttons under o, through containers only.
func buttonsIn(o fyne.CanvasObject) []*widget.Button {
	switch x := o.(type) {
	case *widget.Button:
		return []*widget.Button{x}
	case *fyne.Container:
		var out []*widget.Button
		for _, k := range x.Objects {
			out = append(out, buttonsIn(k)...)
		}
		return out
	}
	return nil
}
