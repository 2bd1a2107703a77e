package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"csatdesk/data/importer"
)

// copyWithDate copies a test file to a temporary folder and gives the copy
// the modification time mod.
func copyWithDate(t *testing.T, src string, mod time.Time) string {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), filepath.Base(src))
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(p, mod, mod); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestImportWizardGivesAFileWithoutDatesOneDateForAllRows(t *testing.T) {
	w, u := newTestWizard(t)
	path := copyWithDate(t, "testdata/import/paper_no_date.csv", time.Date(2025, 2, 3, 18, 30, 0, 0, time.Local))
	if err := w.load(path, importer.Options{}); err != nil {
		t.Fatal(err)
	}
	if !w.dayRow.Visible() || w.dayEntry.Text != "2025-02-03" {
		t.Fatalf("date row shown %v with %q, want the file's date 2025-02-03", w.dayRow.Visible(), w.dayEntry.Text)
	}
	if w.importBtn.Disabled() {
		t.Fatalf("with the file's date the import is disabled: %q", w.problems.Text)
	}
	// A date that is not YYYY-MM-DD cannot be imported.
	w.dayEntry.SetText("")
	test.Type(w.dayEntry, "14.03.2025")
	if !w.importBtn.Disabled() || w.dayEntry.Validate() == nil {
		t.Fatalf("date %q accepted: import disabled %v", w.dayEntry.Text, w.importBtn.Disabled())
	}
	w.dayEntry.SetText("")
	test.Type(w.dayEntry, "2025-03-14")
	if w.importBtn.Disabled() {
		t.Fatalf("import disabled with 2025-03-14: %q", w.problems.Text)
	}
	w.onImport()
	<-w.done
	if w.report == nil || w.report.Imported != 8 {
		t.Fatalf("report %+v (%q)", w.report, w.reportInfo.Text)
	}
	svs, _ := u.st.Surveys()
	rs := allResponses(t, u.st, svs[0].ID)
	if len(rs) != 8 {
		t.Fatalf("%d responses stored, want 8", len(rs))
	}
	for _, r := range rs {
		if got := r.CollectedAt.In(time.Local).Format("2006-01-02"); got != "2025-03-14" {
			t.Errorf("form %s stored with date %s, want 2025-03-14", r.FormNumber, got)
		}
	}
	for _, want := range []string{"8 responses had no date in the file and are dated 2025-03-14.", "“NA” ×2"} {
		if !strings.Contains(w.reportNotes.Text, want) || !w.reportNotes.Visible() {
			t.Errorf("report notes %q lack %q", w.reportNotes.Text, want)
		}
	}
}

func TestImportWizardDateRowFollowsTheDateColumn(t *testing.T) {
	w, _ := newTestWizard(t)
	path, _ := filepath.Abs(googleFormsEN)
	if err := w.load(path, importer.Options{}); err != nil {
		t.Fatal(err)
	}
	if w.dayRow.Visible() {
		t.Fatal("a file with a full date column asks for a date")
	}
	// The date column set to Ignore: one date for all rows is asked for.
	w.columnMap(0).Target = importer.TargetIgnore
	w.updateDayRow()
	w.updatePreview()
	if !w.dayRow.Visible() || w.m.DefaultDate.IsZero() || w.importBtn.Disabled() {
		t.Fatalf("without a date column: row shown %v, date %v, import disabled %v (%q)", w.dayRow.Visible(), w.m.DefaultDate, w.importBtn.Disabled(), w.problems.Text)
	}
}

func TestImportWizardNoAnswerListCanBeChanged(t *testing.T) {
	w, u := newTestWizard(t)
	path := copyWithDate(t, "testdata/import/paper_no_date.csv", time.Date(2025, 2, 3, 0, 0, 0, 0, time.Local))
	if err := w.load(path, importer.Options{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(w.noAnsInfo.Text, "“NA” ×1 in column B") || !strings.Contains(w.noAnsInfo.Text, "“NA” ×1 in column C") {
		t.Errorf("no-answer info %q does not list the file's NA", w.noAnsInfo.Text)
	}
	// An empty list: "NA" is an answer again, with no score: its rows are
	// skipped, and the preview says so.
	w.setNoAnswer([]string{"", "  "})
	if !strings.Contains(w.problems.Text, "NA") {
		t.Errorf("preview problems %q do not mention NA", w.problems.Text)
	}
	w.onImport()
	<-w.done
	if w.report == nil || w.report.Imported != 6 || w.report.Skipped != 2 || len(w.report.NoAnswer) != 0 {
		t.Fatalf("with no no-answer codes: report %+v", w.report)
	}
	svs, _ := u.st.Surveys()
	if n := len(allResponses(t, u.st, svs[0].ID)); n != 6 {
		t.Fatalf("%d responses stored, want 6", n)
	}
}

func TestImportWizardLeavesOutOrIncludesUnfinishedLimeSurveyResponses(t *testing.T) {
	for _, include := range []bool{false, true} {
		w, u := newTestWizard(t)
		path, _ := filepath.Abs("testdata/import/limesurvey.csv")
		if err := w.load(path, importer.Options{}); err != nil {
			t.Fatal(err)
		}
		if w.layoutSel.Selected != "LimeSurvey" {
			t.Errorf("made by %q, want LimeSurvey", w.layoutSel.Selected)
		}
		if !w.incCheck.Visible() || !strings.Contains(w.incCheck.Text, "2 responses") || w.incCheck.Checked {
			t.Fatalf("incomplete check shown %v %q checked %v", w.incCheck.Visible(), w.incCheck.Text, w.incCheck.Checked)
		}
		if include {
			test.Tap(w.incCheck)
		}
		w.onImport()
		<-w.done
		if w.report == nil {
			t.Fatalf("no report: %q", w.reportInfo.Text)
		}
		svs, _ := u.st.Surveys()
		n := len(allResponses(t, u.st, svs[0].ID))
		want, leftOut := 13, true
		if include {
			want, leftOut = 15, false
		}
		if n != want || strings.Contains(w.reportNotes.Text, "2 responses were not finished and were left out.") != leftOut {
			t.Errorf("include %v: %d stored, want %d; notes %q", include, n, want, w.reportNotes.Text)
		}
	}
}

func TestImportWizardNamesTheToolThatMadeTheFile(t *testing.T) {
	w, _ := newTestWizard(t)
	path, _ := filepath.Abs("testdata/import/qualtrics.csv")
	if err := w.load(path, importer.Options{}); err != nil {
		t.Fatal(err)
	}
	if w.layoutSel.Selected != "Qualtrics" || !strings.Contains(w.fileInfo.Text, "Qualtrics") {
		t.Fatalf("made by %q; info %q", w.layoutSel.Selected, w.fileInfo.Text)
	}
	// Read as a plain table instead: the file is read again that way.
	w.layoutSel.SetSelectedIndex(0)
	if w.sess.File.Source.Layout != importer.LayoutGeneric {
		t.Fatalf("layout %q after choosing a plain table", w.sess.File.Source.Layout)
	}
}

// drawnTexts collects the text drawn under o, looking into widgets' renderers.
func drawnTexts(o fyne.CanvasObject, out *[]string) {
	switch x := o.(type) {
	case *canvas.Text:
		*out = append(*out, x.Text)
	case *fyne.Container:
		for _, c := range x.Objects {
			drawnTexts(c, out)
		}
	case fyne.Widget:
		if l, ok := x.(*widget.Label); ok {
			*out = append(*out, l.Text)
		}
		for _, c := range test.WidgetRenderer(x).Objects() {
			drawnTexts(c, out)
		}
	}
}

func TestARefusedFileIsNamedWithTheReason(t *testing.T) {
	w, u := newTestWizard(t)
	path := filepath.Join(t.TempDir(), "summary.csv")
	if err := os.WriteFile(path, []byte("Statement,Strongly disagree,Disagree,Neutral,Agree,Strongly agree\n"+
		"The staff were friendly,1,2,5,20,30\nThe room was clean,0,3,7,25,22\nThe food was good,2,4,10,18,23\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := w.load(path, importer.Options{}); err == nil {
		t.Skip("the importer reads a summary table now; nothing refused to check")
	}
	top := u.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no message shown for a refused file")
	}
	var got []string
	drawnTexts(top, &got)
	if all := strings.Join(got, " "); !strings.Contains(all, "summary.csv") {
		t.Errorf("the message %q does not name the file", all)
	}
}

// Escape in the no-answer list's text closes the dialog and keeps the list:
// the list is a dialog field, and a plain multi-line entry swallowed Escape.
func TestImportWizardNoAnswerDialogEscapeKeepsTheList(t *testing.T) {
	w, u := newTestWizard(t)
	path := copyWithDate(t, "testdata/import/paper_no_date.csv", time.Date(2025, 2, 3, 0, 0, 0, 0, time.Local))
	if err := w.load(path, importer.Options{}); err != nil {
		t.Fatal(err)
	}
	before := strings.Join(w.noAnswerList(), "|")
	w.onEditNoAnswer()
	c := u.win.Canvas()
	if c.Overlays().Top() == nil {
		t.Fatal("no dialog for the no-answer list")
	}
	e, ok := c.Focused().(*dialogEntry)
	if !ok {
		c.Focus(findDialogEntry(c.Overlays().Top()))
		e, ok = c.Focused().(*dialogEntry)
	}
	if !ok {
		t.Fatalf("the list is not a dialog field (focused %T)", c.Focused())
	}
	test.Type(e, "\nXYZ")
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if c.Overlays().Top() != nil {
		t.Error("Escape in the list left the dialog open")
	}
	if got := strings.Join(w.noAnswerList(), "|"); got != before {
		t.Errorf("Escape changed the list: %q, was %q", got, before)
	}
}

// findDialogEntry returns the first dialogEntry under o, or nil.
func findDialogEntry(o fyne.CanvasObject) fyne.Focusable {
	if e, ok := o.(*dialogEntry); ok {
		return e
	}
	if c, ok := o.(*fyne.Container); ok {
		for _, k := range c.Objects {
			if f := findDialogEntry(k); f != nil {
				return f
			}
		}
	}
	if w, ok := o.(fyne.Widget); ok {
		r := test.WidgetRenderer(w)
		for _, k := range r.Objects() {
			if f := findDialogEntry(k); f != nil {
				return f
			}
		}
	}
	return nil
}
