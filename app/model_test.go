package app

import (
	"strings"
	"testing"
)

// The Surveys list said "no responses yet" after forms were entered, until
// a restart: every screen kept its own copy of the surveys and counts.
func TestSurveysListCountsFormsEnteredSinceItWasShown(t *testing.T) {
	u, st := newTestUI(t)
	verifySurvey(t, st)
	s := openSurveys(t, u)
	if got := s.describe(0); !strings.Contains(got, "no responses yet") {
		t.Fatalf("before any entry the row reads %q", got)
	}
	typeFirstEntry(t, u) // four forms on the entry screen
	if got := s.describe(0); !strings.Contains(got, "4 responses") {
		t.Errorf("after four forms were entered the Surveys list reads %q", got)
	}
	if sv, _ := u.model.all(); len(sv) != 1 || u.model.stat(sv[0].ID).Responses != 4 {
		t.Errorf("the model counts %d responses", u.model.stat(sv[0].ID).Responses)
	}
	u.entry.onUndo() // the last form is taken back
	if got := s.describe(0); !strings.Contains(got, "3 responses") {
		t.Errorf("after an undo the Surveys list reads %q", got)
	}
}

// The Responses list shows forms entered on another screen when its tab is
// shown again.
func TestResponsesListShowsFormsEnteredElsewhere(t *testing.T) {
	u, st := newTestUI(t)
	verifySurvey(t, st)
	b := openResponses(t, u)
	if len(b.rows) != 0 {
		t.Fatalf("%d rows before any entry", len(b.rows))
	}
	typeFirstEntry(t, u)
	for _, item := range u.tabs.Items {
		if item.Content == b.root {
			u.tabs.Select(item)
		}
	}
	if len(b.rows) != 4 {
		t.Errorf("the Responses tab lists %d forms after four were entered, want 4", len(b.rows))
	}
}

// The dashboard's figures follow forms entered on another tab, but are
// computed when the Dashboard is shown, not once for every form typed.
func TestTheDashboardCountsFormsEnteredElsewhereWhenItIsShown(t *testing.T) {
	u, st := newTestUI(t)
	verifySurvey(t, st)
	u.dash.refresh()
	before := u.dash.kpis.Responses
	typeFirstEntry(t, u) // on the Enter forms tab
	if !u.dash.outdated || u.dash.kpis.Responses != before {
		t.Errorf("the hidden dashboard was recomputed while forms were typed (outdated %v, %d responses)", u.dash.outdated, u.dash.kpis.Responses)
	}
	for _, item := range u.tabs.Items {
		if item.Content == u.dash.root {
			u.tabs.Select(item)
		}
	}
	if u.dash.outdated || u.dash.kpis.Responses != before+4 {
		t.Errorf("shown again, the dashboard counts %d responses, want %d", u.dash.kpis.Responses, before+4)
	}
}
