package app

import (
	"errors"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
)

// Ctrl+1 … Ctrl+7 show the screens in the sidebar's order, from a menu
// (so they work while a field has the focus).
func TestCtrlDigitsSwitchScreens(t *testing.T) {
	u, _ := newTestUI(t)
	var goMenu *fyne.Menu
	for _, m := range u.win.MainMenu().Items {
		if m.Label == "Go" {
			goMenu = m
		}
	}
	if goMenu == nil || len(goMenu.Items) != len(u.tabs.Items) {
		t.Fatal("there is no Go menu with one item per screen")
	}
	for i := len(goMenu.Items) - 1; i >= 0; i-- {
		it := goMenu.Items[i]
		s, ok := it.Shortcut.(*desktop.CustomShortcut)
		if !ok || s.KeyName != fyne.KeyName(rune('1'+i)) || s.Modifier != fyne.KeyModifierShortcutDefault {
			t.Fatalf("%s has shortcut %v, want Ctrl+%d", it.Label, it.Shortcut, i+1)
		}
		it.Action()
		if got := u.tabs.SelectedIndex(); got != i {
			t.Errorf("Ctrl+%d shows screen %d, want %d", i+1, got, i)
		}
	}
}

// Enter confirms a dialog and Escape dismisses it.
func TestEnterAndEscapeAnswerDialogs(t *testing.T) {
	u, _ := newTestUI(t)
	key := func(name fyne.KeyName) { u.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: name}) }
	for _, c := range []struct {
		key  fyne.KeyName
		want bool
	}{{fyne.KeyReturn, true}, {fyne.KeyEscape, false}} {
		answered, got := false, false
		dialog.ShowConfirm("Delete responses", "Delete 2 responses?", func(ok bool) { answered, got = true, ok }, u.win)
		key(c.key)
		if !answered || got != c.want {
			t.Errorf("%s: answered %v with %v, want %v", c.key, answered, got, c.want)
		}
		if u.win.Canvas().Overlays().Top() != nil {
			t.Errorf("%s: the dialog is still shown", c.key)
		}
	}
	dialog.ShowInformation("Backup saved", "The database was copied", u.win)
	key(fyne.KeyEscape)
	if u.win.Canvas().Overlays().Top() != nil {
		t.Error("Escape does not close an information dialog")
	}
	dialog.ShowError(errTest, u.win)
	key(fyne.KeyReturn)
	if u.win.Canvas().Overlays().Top() != nil {
		t.Error("Enter does not close an error dialog")
	}
}

var errTest = errors.New("the disk is full")
