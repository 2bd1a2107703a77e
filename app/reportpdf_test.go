package app

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"csatdesk/app/cli"
	"csatdesk/data"
)

func TestReportDialogOffersTheLastCompleteMonthInTheSurveysLanguage(t *testing.T) {
	syncJobs(t)
	u, st := newTestUI(t)
	if _, _, err := cli.CreateSample(st, 4, testNow); err != nil {
		t.Fatal(err)
	}
	u.reload()
	r := u.newReportDialog(testNow)
	if r == nil {
		t.Fatal("no dialog with a survey stored")
	}
	if got := r.which.Selected; got != "October 2026" {
		t.Errorf("the month offered first is %q, want the last complete one, October 2026", got)
	}
	if got := r.which.Options[0]; got != "November 2026 (so far)" {
		t.Errorf("the month in progress reads %q", got)
	}
	if got := r.language.Selected; got != "The survey's (English)" || r.languageCode() != "" {
		t.Errorf("language %q (%q), want the survey's", got, r.languageCode())
	}
	r.period.SetSelectedIndex(1)
	if got := r.which.Selected; got != "Q3 2026" || r.periodKind() != data.PeriodQuarter {
		t.Errorf("the quarter offered first is %q, want Q3 2026", got)
	}
	r.language.SetSelected("Latviešu")
	if r.languageCode() != "lv" {
		t.Errorf("Latviešu is %q", r.languageCode())
	}

	path := filepath.Join(t.TempDir(), "q3.pdf")
	var got error = os.ErrInvalid
	u.writeReport(path, r.selected(), r.periodKind(), r.starts[r.which.SelectedIndex()], r.languageCode(), true, func(err error) { got = err })
	if got != nil {
		t.Fatalf("writing the report: %v", got)
	}
	b, err := os.ReadFile(path)
	if err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Errorf("no PDF at %s (%v, %d bytes)", path, err, len(b))
	}
}

func TestReportDialogWithoutSurveysSaysWhatToDoFirst(t *testing.T) {
	u, _ := newTestUI(t)
	found := false
	for _, it := range u.mainMenu().Items[0].Items {
		found = found || it.Label == "Report (PDF)…"
	}
	if !found {
		t.Error("the File menu has no Report (PDF)… item")
	}
	if r := u.newReportDialog(testNow); r != nil {
		t.Error("a report dialog with no survey to report on")
	}
}
