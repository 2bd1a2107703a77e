package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"csatdesk/app/cli"
	"csatdesk/data/insight"
)

func TestSettingsAreSavedInTheDatabaseAndUsedByTheDashboard(t *testing.T) {
	u, st := newTestUI(t)
	if _, _, err := cli.CreateSample(st, 7, testNow); err != nil {
		t.Fatal(err)
	}
	u.reload()
	s := u.prefs
	cases := []struct {
		name      string
		low, high string
		saved     bool
		want      insight.Settings
	}{
		{"a band with a decimal comma", "80", "90,5", true, insight.Settings{Business: "Café Aroma", BandLow: 80, BandHigh: 90.5}},
		{"a reversed band is refused", "90", "80", false, insight.Settings{}},
		{"a band over 100 is refused", "70", "120", false, insight.Settings{}},
		{"another band", "70", "80", true, insight.Settings{Business: "Café Aroma", BandLow: 70, BandHigh: 80}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := insight.LoadSettings(st)
			s.business.SetText("  Café Aroma ")
			s.low.SetText(c.low)
			s.high.SetText(c.high)
			s.onSave()
			got := insight.LoadSettings(st)
			if !c.saved {
				if got != before || s.status.Text == "" || strings.Contains(s.status.Text, "Saved") {
					t.Errorf("stored %+v (was %+v), status %q", got, before, s.status.Text)
				}
				return
			}
			if got != c.want || u.settings != c.want {
				t.Errorf("stored %+v, the window holds %+v, want %+v", got, u.settings, c.want)
			}
			if !strings.Contains(u.dash.csat.status.Text, "("+c.low+"–") {
				t.Errorf("the CSAT card does not name the new band: %q", u.dash.csat.status.Text)
			}
		})
	}
}

func TestABandPresetFillsTheBand(t *testing.T) {
	u, _ := newTestUI(t)
	s := u.prefs
	s.preset.SetSelectedIndex(1)
	if s.low.Text != "80" || s.high.Text != "90" {
		t.Errorf("the restaurants preset gives %s–%s, want 80–90", s.low.Text, s.high.Text)
	}
}

func TestSettingsOpenTheGoalsScreen(t *testing.T) {
	u, _ := newTestUI(t)
	test.Tap(u.prefs.goals)
	top := u.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("Goals… opened nothing")
	}
	found := false
	for _, p := range placedObjects(top, fyne.Position{}, rect{0, 0, 1366, 768}) {
		if l, ok := p.obj.(*widget.Label); ok && l.Text == "Goals" {
			found = true
		}
	}
	if !found {
		t.Error("Goals… did not open the Goals screen")
	}
}
