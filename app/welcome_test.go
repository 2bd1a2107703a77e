package app

import (
	"testing"

	"fyne.io/fyne/v2/test"
)

// An empty database greets with three ways to start, and each leads
// somewhere: the template picker, the file chooser of the import, or the
// sample café's figures.
func TestTheWelcomeOffersThreeWaysToStart(t *testing.T) {
	u, st := newTestUI(t)
	w := u.welcome
	if w == nil || u.dash.body.Objects[0] != w.box {
		t.Fatal("an empty database should show the welcome panel")
	}
	test.Tap(w.create)
	if u.tabs.SelectedIndex() != tabSurveys || u.win.Canvas().Overlays().Top() == nil {
		t.Errorf("Create a survey shows screen %d and no template picker", u.tabs.SelectedIndex())
	}
	u.win.Canvas().Overlays().Top().Hide()
	u.tabs.SelectIndex(tabDashboard)
	test.Tap(w.importer)
	if u.tabs.SelectedIndex() != tabImport || u.win.Canvas().Overlays().Top() == nil {
		t.Errorf("Import a file shows screen %d and no file chooser", u.tabs.SelectedIndex())
	}
	u.win.Canvas().Overlays().Top().Hide()
	u.tabs.SelectIndex(tabDashboard)
	test.Tap(w.sample)
	if svs, _ := st.Surveys(); len(svs) != 1 || u.dash.body.Objects[0] != u.dash.figures {
		t.Errorf("Try the sample café stored %d surveys and shows no figures", len(svs))
	}
}
