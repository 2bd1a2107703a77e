package app

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// keyEntry is a one-line Entry that reports Enter, Ctrl+Enter, Ctrl+Z and
// other keys to its screen (canvas shortcuts do not fire while an Entry has
// the focus, so the screen's keys have to come through the widget).
type keyEntry struct {
	widget.Entry
	onSubmit   func()
	onShortcut func(fyne.Shortcut)
	onKey      func(*fyne.KeyEvent) bool // true when handled
	onRune     func(rune)                // before a typed character goes in
	onLeave    func()                    // when the cursor leaves the field
}

func newKeyEntry() *keyEntry {
	e := &keyEntry{}
	e.ExtendBaseWidget(e)
	e.OnSubmitted = func(string) {
		if e.onSubmit != nil {
			e.onSubmit()
		}
	}
	return e
}

// TypedKey gives onKey the first look.
func (e *keyEntry) TypedKey(ev *fyne.KeyEvent) {
	if e.onKey != nil && e.onKey(ev) {
		return
	}
	e.Entry.TypedKey(ev)
}

// TypedRune tells onRune, then types r.
func (e *keyEntry) TypedRune(r rune) {
	if e.onRune != nil {
		e.onRune(r)
	}
	e.Entry.TypedRune(r)
}

// FocusLost tells onLeave.
func (e *keyEntry) FocusLost() {
	if e.onLeave != nil {
		e.onLeave()
	}
	e.Entry.FocusLost()
}

// TypedShortcut sends Ctrl+Enter and Ctrl+Z to the screen; the rest (copy,
// paste…) to the Entry.
func (e *keyEntry) TypedShortcut(s fyne.Shortcut) {
	// Ctrl+Z undoes typing while there is text, and takes the last saved
	// form back when the field is empty.
	if e.onShortcut != nil && (isCtrl(s, fyne.KeyReturn) || isCtrl(s, fyne.KeyEnter) || isUndo(s) && e.Text == "") {
		e.onShortcut(s)
		return
	}
	e.Entry.TypedShortcut(s)
}

// dateStepper makes ↑/↓ in a date field move a day forward or back (now
// gives the date when the field holds none).
func dateStepper(e *keyEntry, now func() time.Time) func(*fyne.KeyEvent) bool {
	return func(ev *fyne.KeyEvent) bool {
		t, err := time.ParseInLocation("2006-01-02", strings.TrimSpace(e.Text), time.Local)
		if err != nil {
			t = now()
		}
		switch ev.Name {
		case fyne.KeyUp:
			t = t.AddDate(0, 0, 1)
		case fyne.KeyDown:
			t = t.AddDate(0, 0, -1)
		default:
			return false
		}
		e.SetText(t.Format("2006-01-02"))
		return true
	}
}
