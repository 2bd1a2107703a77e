package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"csatdesk/data"
	"csatdesk/data/importer"
	"csatdesk/data/store/ingest"
)

const googleFormsEN = "../data/importer/testdata/corpus/google_forms_en.csv"

// load opens path in the wizard as choosing the file does, and returns
// the load's error: the UI tests' runner (job.Sync) has finished the load
// when open returns.
func (w *importWizard) load(path string, opt importer.Options) error {
	j := w.open(path, opt)
	<-j.Done()
	return j.Err()
}

// newTestWizard returns the window's import wizard, shown on a test
// window: the one the window's model keeps up to date.
func newTestWizard(t *testing.T) (*importWizard, *UI) {
	t.Helper()
	u, _ := newTestUI(t)
	test.NewTempWindow(t, u.tabs)
	for _, item := range u.tabs.Items {
		if item.Text == "Import" {
			u.tabs.Select(item)
		}
	}
	return u.imports, u
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

const googleFormsRU = "../data/importer/testdata/corpus/google_forms_ru.csv"

func TestImportWizardGoesOneStepAtATime(t *testing.T) {
	w, _ := newTestWizard(t)
	visible := func() int {
		n := -1
		for i, p := range w.pages {
			if p.Visible() {
				if n >= 0 {
					t.Fatalf("steps %d and %d are both shown", n, i)
				}
				n = i
			}
		}
		return n
	}
	if visible() != stepFile || !w.nextBtn.Disabled() || !w.backBtn.Disabled() || !w.stepBtns[stepColumns].Disabled() {
		t.Fatalf("before a file: step %d, Next disabled %v", visible(), w.nextBtn.Disabled())
	}
	path, _ := filepath.Abs(googleFormsEN)
	if err := w.load(path, importer.Options{}); err != nil {
		t.Fatal(err)
	}
	if visible() != stepFile || w.nextBtn.Disabled() || !w.stepBtns[stepReport].Disabled() {
		t.Fatalf("after loading: step %d, Next disabled %v", visible(), w.nextBtn.Disabled())
	}
	steps := []struct {
		name string
		tap  *widget.Button
		want int
	}{
		{"Next shows the columns", w.nextBtn, stepColumns},
		{"Next shows the preview", w.nextBtn, stepCheck},
		{"Back goes to the columns", w.backBtn, stepColumns},
		{"a step's title jumps to it", w.stepBtns[stepFile], stepFile},
		{"the report cannot be shown before an import", w.stepBtns[stepReport], stepFile},
		{"the preview's title jumps to it", w.stepBtns[stepCheck], stepCheck},
	}
	for _, s := range steps {
		test.Tap(s.tap)
		if got := visible(); got != s.want {
			t.Fatalf("%s: step %d shown, want %d", s.name, got, s.want)
		}
	}
	if !w.nextBtn.Hidden || w.importBtn.Hidden || w.importBtn.Disabled() {
		t.Fatalf("on the preview: Next hidden %v, Import hidden %v, disabled %v", w.nextBtn.Hidden, w.importBtn.Hidden, w.importBtn.Disabled())
	}
	test.Tap(w.importBtn)
	<-w.done
	if visible() != stepReport || w.stepBtns[stepReport].Disabled() || !w.importBtn.Hidden {
		t.Fatalf("after the import: step %d", visible())
	}
	if w.targetSel.Selected != "google_forms_en" {
		t.Errorf("after importing into a new survey the target is %q, want that survey", w.targetSel.Selected)
	}
}

func TestImportWizardSavesSkippedRowsToFixAndImportsThemAgain(t *testing.T) {
	w, u := newTestWizard(t)
	path, _ := filepath.Abs(googleFormsRU)
	if err := w.load(path, importer.Options{}); err != nil {
		t.Fatal(err)
	}
	// A change the user made: the branch column is tagged "branch".
	w.columnMap(4).Tag = "branch"
	w.onImport()
	<-w.done
	if w.report == nil || w.report.Imported != 7 || !slices.Equal(w.report.Failed, []int{8}) {
		t.Fatalf("report %+v", w.report)
	}
	if w.saveFailed.Disabled() || w.reportHint.Hidden || !strings.Contains(w.reportHint.Text, "Save skipped rows to fix") {
		t.Fatalf("save skipped rows disabled %v, hint %q", w.saveFailed.Disabled(), w.reportHint.Text)
	}
	if n := len(w.reportProblems.Objects); n != 1 {
		t.Fatalf("%d problems listed, want 1", n)
	}
	if l := w.reportProblems.Objects[0].(*widget.Label); l.Wrapping != fyne.TextWrapWord || !strings.Contains(l.Text, "Row 8") || !strings.Contains(l.Text, "Так себе") {
		t.Errorf("problem shown as %q (wrapping %v)", l.Text, l.Wrapping)
	}

	fix := filepath.Join(t.TempDir(), "to-fix.csv")
	if err := w.failedWriter()(fix); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(fix)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), importer.ReasonHeader) || !strings.Contains(string(b), "Так себе") {
		t.Fatalf("rows to fix:\n%s", b)
	}
	if err := os.WriteFile(fix, []byte(strings.Replace(string(b), "Так себе", "Доволен", 1)), 0o644); err != nil {
		t.Fatal(err)
	}

	if err := w.load(fix, importer.Options{}); err != nil {
		t.Fatal(err)
	}
	svs, _ := u.st.Surveys()
	if len(svs) != 1 || w.targetSel.Selected != svs[0].Name {
		t.Fatalf("target %q, want the survey imported into before", w.targetSel.Selected)
	}
	if len(w.m.Columns) != 7 || w.m.Columns[6].Target != importer.TargetIgnore || w.m.Columns[4].Tag != "branch" || !w.m.StripFormulaGuard {
		t.Fatalf("mapping of the fixed rows: %+v", w.m)
	}
	w.onImport()
	<-w.done
	if w.report == nil || w.report.Imported != 1 || w.report.Skipped != 0 || !w.saveFailed.Disabled() {
		t.Fatalf("fixed rows: report %+v (%q)", w.report, w.reportInfo.Text)
	}
	rs := allResponses(t, u.st, svs[0].ID)
	if len(rs) != 8 {
		t.Fatalf("%d responses stored, want 8", len(rs))
	}
	for _, r := range rs {
		if r.Tags["branch"] == "" {
			t.Fatalf("response %+v has no branch tag", r)
		}
	}

	// The original file still finds its mapping: the fixed file's reason
	// column was not remembered with it.
	if err := w.load(path, importer.Options{}); err != nil {
		t.Fatal(err)
	}
	if len(w.m.Columns) != 6 || w.m.Columns[4].Tag != "branch" || w.m.StripFormulaGuard {
		t.Fatalf("mapping of the original file: %+v", w.m)
	}
}

func TestDuplicateChoicesSayWhatTheyDo(t *testing.T) {
	w, _ := newTestWizard(t)
	cases := []struct {
		index int
		want  ingest.Duplicate
		hint  string
	}{
		{0, ingest.Skip, "left out"},
		{1, ingest.Replace, "replaced"},
		{2, ingest.Refuse, "nothing is imported"},
	}
	for _, c := range cases {
		w.dupSel.SetSelectedIndex(c.index)
		if w.duplicate() != c.want || !strings.Contains(w.dupHint.Text, c.hint) {
			t.Errorf("choice %q: %v, hint %q", w.dupSel.Selected, w.duplicate(), w.dupHint.Text)
		}
	}
	if !strings.Contains(w.dupSel.Options[1], "respondent IDs") {
		t.Errorf("replace reads %q", w.dupSel.Options[1])
	}
}

func TestTheReportListsTheFirstProblemsAndCountsTheRest(t *testing.T) {
	w, _ := newTestWizard(t)
	rep := importer.Report{File: "big.csv", Read: 1000, Skipped: 300, Omitted: 5}
	for i := range 300 {
		// Each row its own value: 300 problems, not one shared by 300 rows.
		rep.Problems = append(rep.Problems, importer.Problem{Row: i + 2, Col: 1, Column: "B (Score)", Value: strconv.Itoa(i), Reason: "no score"})
		rep.Failed = append(rep.Failed, i+2)
	}
	w.finish(rep, nil)
	objs := w.reportProblems.Objects
	if len(objs) != reportShown+1 {
		t.Fatalf("%d lines, want %d", len(objs), reportShown+1)
	}
	if got := objs[0].(*widget.Label).Text; got != "Row 2, column B (Score): no score" {
		t.Errorf("first line %q", got)
	}
	if got := objs[reportShown].(*widget.Label).Text; !strings.Contains(got, "105 more") {
		t.Errorf("last line %q", got)
	}
	if !strings.Contains(w.reportInfo.Text, "read 1,000 rows") {
		t.Errorf("summary %q", w.reportInfo.Text)
	}
}

func TestProgressTextTellsRowsSpeedAndTimeLeft(t *testing.T) {
	cases := []struct {
		name             string
		rows, total      int
		frac             float64
		elapsed          time.Duration
		want, notWanting string
	}{
		{"seconds left", 25000, 100000, 0.25, time.Second, "25,000 of 100,000 rows, 25,000 rows/s\nabout 3 s left", ""},
		{"minutes left", 100000, 1000000, 0.1, 20 * time.Second, "about 3 min left", ""},
		{"no guess at the very start", 1000, 1000000, 0.001, 100 * time.Millisecond, "rows/s", "left"},
		{"none when done", 1000, 1000, 1, time.Second, "1,000 of 1,000 rows", "left"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := progressText(c.rows, c.total, c.frac, c.elapsed)
			if !strings.Contains(got, c.want) || (c.notWanting != "" && strings.Contains(got, c.notWanting)) {
				t.Errorf("got %q", got)
			}
		})
	}
}

func TestCountsAreGroupedByThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 1234567: "1,234,567", -4500: "-4,500"} {
		if got := fmtCount(n); got != want {
			t.Errorf("fmtCount(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestCancelAfterBatchesWereWrittenLeavesNothingBehind(t *testing.T) {
	w, u := newTestWizard(t)
	var b strings.Builder
	b.WriteString("Date,Overall satisfaction,Comment\n")
	for i := range 30000 {
		fmt.Fprintf(&b, "2024-%02d-%02d,%d,row %d\n", 1+i%12, 1+i%28, 1+i%5, i)
	}
	path := filepath.Join(t.TempDir(), "big.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := w.load(path, importer.Options{}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	_, err := w.importNow(ctx, func(rows int, _ float64) {
		if rows >= 25000 { // two batches of 10,000 are in the store by now
			cancel()
		}
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want cancelled", err)
	}
	svs, _ := u.st.Surveys()
	imps, _ := u.st.Imports()
	if len(svs) != 0 || len(imps) != 0 {
		t.Fatalf("after cancelling: %d surveys, %d imports", len(svs), len(imps))
	}
}

func TestTheReportSaysAProblemOfManyRowsOnce(t *testing.T) {
	test.NewTempApp(t)
	p := importer.Problem{Row: 15, Col: 2, Column: "C (Overall satisfaction)", Value: "nine", Reason: "not an answer"}
	cases := []struct {
		rows []int
		want string
	}{
		{[]int{15}, "Row 15, column C (Overall satisfaction): not an answer"},
		{[]int{15, 112}, "Rows 15, 112 (2 rows), column C (Overall satisfaction): not an answer"},
		{[]int{15, 112, 209, 306, 403, 500, 1082}, "Rows 15, 112, 209, 306, 403 … (7 rows), column C (Overall satisfaction): not an answer"},
	}
	for _, c := range cases {
		if got := groupText(importer.ProblemGroup{Problem: p, Rows: c.rows}); got != c.want {
			t.Errorf("%v rows: got %q, want %q", c.rows, got, c.want)
		}
	}
}

// A survey revised elsewhere while a file is mapped onto it: the wizard
// maps the file onto the survey as it is now, not onto retired questions.
func TestImportWizardFollowsASurveyRevisedMeanwhile(t *testing.T) {
	w, u := newTestWizard(t)
	path, _ := filepath.Abs(googleFormsEN)
	if err := w.load(path, importer.Options{}); err != nil {
		t.Fatal(err)
	}
	w.onImport()
	<-w.done
	if err := w.load(path, importer.Options{}); err != nil { // mapped onto the survey it made
		t.Fatal(err)
	}
	svs, _ := u.st.Surveys()
	if len(svs) != 1 || w.sv == nil || w.sv.ID != svs[0].ID {
		t.Fatalf("the file is not mapped onto the survey it made: %+v", w.sv)
	}
	e := svs[0]
	e.Questions = append([]data.Question(nil), e.Questions...)
	e.Questions[0].SatisfiedFrom++ // a cut-off change: question 1 is retired
	if _, err := u.st.ReviseSurvey(&e); err != nil {
		t.Fatal(err)
	}
	u.reload() // as every screen does after a save
	if w.sv == nil || w.sv.Version != 2 {
		t.Fatalf("the wizard still maps onto version %d", w.sv.Version)
	}
	for _, c := range w.m.Columns {
		if q, ok := w.sv.Question(c.QuestionID); c.Target == importer.TargetQuestion && ok && q.Retired {
			t.Errorf("column %s is mapped onto retired question %d", c.Header, q.ID)
		}
	}
}
