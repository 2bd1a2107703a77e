package app

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"csatdesk/data/importer"
)

const googleFormsEN = "../data/importer/testdata/corpus/google_forms_en.csv"

// newTestWizard builds the import wizard on a test window.
func newTestWizard(t *testing.T) (*importWizard, *UI) {
	t.Helper()
	u, _ := newTestUI(t)
	w := newImportWizard(u)
	test.NewTempWindow(t, w.buildUI())
	return w, u
}

func TestImportWizardImportsAGoogleFormsFileAsGuessed(t *testing.T) {
	w, u := newTestWizard(t)
	path, _ := filepath.Abs(googleFormsEN)
	if err := w.load(path, importer.Options{}); err != nil {
		t.Fatal(err)
	}
	if w.targetSel.Selected != newSurveyChoice() {
		t.Errorf("target %q, want a new survey", w.targetSel.Selected)
	}
	if w.encSel.Selected != importer.UTF8 || w.importBtn.Disabled() {
		t.Fatalf("encoding %q, import button disabled %v; preview problems %q", w.encSel.Selected, w.importBtn.Disabled(), w.problems.Text)
	}
	if len(w.tableRows) != 7 { // header + 6 rows
		t.Fatalf("preview has %d rows, want 7", len(w.tableRows))
	}

	w.onImport()
	<-w.done
	if w.report == nil || w.report.Imported != 6 || w.report.Skipped != 0 {
		t.Fatalf("report %+v (%q)", w.report, w.reportInfo.Text)
	}
	svs, err := u.st.Surveys()
	if err != nil || len(svs) != 1 {
		t.Fatalf("surveys %v, %v", svs, err)
	}
	rs := allResponses(t, u.st, svs[0].ID)
	if len(rs) != 6 {
		t.Fatalf("%d responses stored, want 6", len(rs))
	}
	// Row 2: 9/1/2023 10:01:10, Very satisfied, Very easy, Yes, Great staff.
	r := rs[0]
	if got := r.CollectedAt.Format("2006-01-02 15:04:05"); got != "2023-09-01 10:01:10" {
		t.Errorf("first response collected %s", got)
	}
	if r.Answers[1] != 5 || r.Answers[2] != 7 || r.Answers[3] != 1 || r.Comment != "Great staff" || r.Channel != "web" {
		t.Errorf("first response %+v", r)
	}

	// The same headers next time: the survey and mapping come back.
	if err := w.load(path, importer.Options{}); err != nil {
		t.Fatal(err)
	}
	if w.targetSel.Selected != svs[0].Name {
		t.Errorf("target %q, want the survey imported into before (%q)", w.targetSel.Selected, svs[0].Name)
	}
	w.onImport()
	<-w.done
	if w.report == nil || w.report.Imported != 0 || w.report.Skipped != 6 {
		t.Fatalf("second import report %+v", w.report)
	}
	if n := len(allResponses(t, u.st, svs[0].ID)); n != 6 {
		t.Fatalf("%d responses after importing the same file again, want 6", n)
	}

	// Refuse: a third import of the same file stops and changes nothing.
	w.dupSel.SetSelectedIndex(2)
	w.onImport()
	<-w.done
	if n := len(allResponses(t, u.st, svs[0].ID)); n != 6 || !strings.Contains(w.reportInfo.Text, "already imported") {
		t.Fatalf("refuse: %d responses, report %q", n, w.reportInfo.Text)
	}
	// Replace: the earlier copy gives way to the new one, never counted twice.
	w.dupSel.SetSelectedIndex(1)
	w.onImport()
	<-w.done
	if n := len(allResponses(t, u.st, svs[0].ID)); n != 6 {
		t.Fatalf("replace: %d responses, want the file's 6 once (report %q)", n, w.reportInfo.Text)
	}
}

func TestCancelledImportLeavesTheStoreUnchanged(t *testing.T) {
	w, u := newTestWizard(t)
	path, _ := filepath.Abs(googleFormsEN)
	if err := w.load(path, importer.Options{}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := w.importNow(ctx, nil); err == nil {
		t.Fatal("a cancelled import gave no error")
	}
	svs, _ := u.st.Surveys()
	imps, _ := u.st.Imports()
	if len(svs) != 0 || len(imps) != 0 {
		t.Fatalf("after a cancelled import: %d surveys, %d imports", len(svs), len(imps))
	}
	w.finish(importer.Report{}, context.Canceled)
	if w.reportInfo.Text == "" || w.report != nil {
		t.Errorf("report after cancel: %q", w.reportInfo.Text)
	}
}
