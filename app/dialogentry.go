package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// dialogEntry is an Entry for a dialog: Escape cancels the dialog (taps
// its Cancel or Close, as installDialogKeys does) even while the entry has
// the focus. Fyne hands every key to the focused entry, which ignores
// Escape, so the window's key handler never saw it: with the cursor in a
// field a dialog stayed open.
type dialogEntry struct {
	widget.Entry
	canvas fyne.Canvas // the window's canvas, whose top dialog Escape cancels
}

// newDialogEntry returns a one-line entry for a dialog shown on c.
func newDialogEntry(c fyne.Canvas) *dialogEntry {
	e := &dialogEntry{canvas: c}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey cancels the dialog on Escape; other keys edit the text.
func (e *dialogEntry) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape && e.canvas != nil && dialogKey(e.canvas, ev) {
		return
	}
	e.Entry.TypedKey(ev)
}
