package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// Escape cancels a dialog while one of its fields has the cursor: Fyne
// gives the key to the focused entry, which ignored it, so the dialog
// stayed open. Typed as the driver types: to the focused object.
func TestEscapeCancelsADialogWhileAFieldHasTheFocus(t *testing.T) {
	u, st := newTestUI(t)
	sv := storedSurvey(t, st, "website")
	s := openSurveys(t, u)
	s.list.Select(0)
	c := u.win.Canvas()
	escape := func(what string) {
		t.Helper()
		f := c.Focused()
		if f == nil {
			t.Fatalf("%s: no field has the focus", what)
		}
		f.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
		if c.Overlays().Top() != nil {
			t.Errorf("%s: Escape in a field left the dialog open", what)
		}
	}

	test.Tap(s.rename)
	if c.Focused() != s.renaming {
		t.Fatalf("the rename dialog's field has no focus (%T)", c.Focused())
	}
	test.Type(s.renaming, " online")
	escape("Rename")
	if got, _ := st.Survey(sv.ID); got.Name != sv.Name {
		t.Errorf("Escape saved the name %q", got.Name)
	}

	// The dashboard's export dialog: Escape in the width field.
	u.tabs.SelectIndex(tabDashboard)
	u.reload()
	asked := false
	u.dash.charts.askExport("Export", "Save", func(exportChoice) { asked = true })
	c.Focus(u.dash.charts.exportForm.width)
	test.Type(u.dash.charts.exportForm.width, "9")
	escape("Export PNG")
	if asked {
		t.Error("Escape in the export dialog went on to save")
	}
}
