package app

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"csatdesk/app/cli"
	"csatdesk/data"
	"csatdesk/data/sample"
	"csatdesk/data/store"
)

// otherLaptop copies the window's database to a new file and adds there
// n responses to the sample survey sid and a survey of its own, "Shop"
// (made separately on both computers when shopToo). It returns the path.
func otherLaptop(t *testing.T, st *store.Store, sid uint64, n int) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "other.db")
	if err := st.BackupFile(path); err != nil {
		t.Fatal(err)
	}
	o, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer o.Close()
	more := sample.Generate(sample.Options{Seed: 21, End: testNow}).Responses
	rs := make([]data.Response, 0, n)
	for _, r := range more[:n] {
		r.ID, r.SurveyID = data.ResponseID{}, sid
		rs = append(rs, r)
	}
	if err := o.AddResponses(rs); err != nil {
		t.Fatal(err)
	}
	shop := sample.Generate(sample.Options{Seed: 22, End: testNow})
	shop.Survey.Name = "Shop"
	if err := o.CreateSurveyWith(&shop.Survey, shop.Responses[:50]); err != nil {
		t.Fatal(err)
	}
	return path
}

// labelsOf returns the texts of the labels under o.
func labelsOf(o fyne.CanvasObject) string {
	var b strings.Builder
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Label:
			b.WriteString(w.Text + "\n")
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(w).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return b.String()
}

func TestFileMenuMergesAnotherDatabase(t *testing.T) {
	u, st := newTestUI(t)
	sv, n, err := cli.CreateSample(st, 7, testNow)
	if err != nil {
		t.Fatal(err)
	}
	labels := map[string]bool{}
	for _, it := range u.mainMenu().Items[0].Items {
		labels[it.Label] = true
	}
	if !labels[lang.L("Merge another database…")] || !labels[lang.L("Check the database…")] {
		t.Fatalf("File menu: %v", labels)
	}
	other := otherLaptop(t, st, sv.ID, 300)
	// "Shop" exists here too, made separately, with the same questions.
	shop := sample.Generate(sample.Options{Seed: 23, End: testNow})
	shop.Survey.Name = "Shop"
	if err := st.CreateSurveyWith(&shop.Survey, shop.Responses[:10]); err != nil {
		t.Fatal(err)
	}
	u.reload()

	var m *mergeScreen
	u.openMerge(other, func(s *mergeScreen) { m = s })
	if m == nil || m.mergeBtn == nil {
		t.Fatal("the plan screen was not shown")
	}
	text := labelsOf(m.content)
	if !strings.Contains(text, "Shop (responses: 50)") || !strings.Contains(text, lang.L("the same survey here")) {
		t.Fatalf("the plan shows:\n%s", text)
	}
	sel := m.choices[2]
	if sel == nil || sel.Selected != lang.L("Merge into “{{.Name}}”", map[string]any{"Name": "Shop"}) {
		t.Fatalf("Shop's proposal: %+v", sel)
	}
	sel.SetSelected(lang.L("Add as a new survey"))
	var rep store.MergeReport
	var merr error
	m.done = func(r store.MergeReport, err error) { rep, merr = r, err }
	test.Tap(m.mergeBtn)
	if merr != nil || rep.ResponsesAdded != 350 || rep.SurveysAdded != 1 || rep.Duplicates != n {
		t.Fatalf("merge: %+v %v", rep, merr)
	}
	if _, err := st.FindSurvey("Shop (2)"); err != nil {
		t.Fatalf("the new survey: %v", err)
	}
	if got := strings.Join(mergeReportText(rep), "\n"); !strings.Contains(got, "Responses added: 350") {
		t.Errorf("report:\n%s", got)
	}
	if len(u.model.surveys) != 3 {
		t.Errorf("the screens show %d surveys after the merge", len(u.model.surveys))
	}

	// Again: everything is already here.
	u.openMerge(other, func(s *mergeScreen) { m = s })
	if m.choices[2] != nil || !strings.Contains(labelsOf(m.content), lang.L("the same survey here, “{{.Name}}”", map[string]any{"Name": "Shop (2)"})) {
		t.Errorf("the second plan does not know Shop is now here as Shop (2):\n%s", labelsOf(m.content))
	}
	m.done = func(r store.MergeReport, err error) { rep, merr = r, err }
	test.Tap(m.mergeBtn)
	if merr != nil || rep.ResponsesAdded != 0 || rep.SurveysAdded != 0 {
		t.Fatalf("second merge: %+v %v", rep, merr)
	}

	// The check finds the merged database sound.
	var crep store.CheckReport
	u.checkDatabase(func(r store.CheckReport, err error) {
		crep = r
		if err != nil {
			t.Fatal(err)
		}
	})
	if title, _ := checkReportText(crep); !crep.OK() || title != lang.L("The database is sound") {
		t.Fatalf("check: %+v", crep)
	}
}

func TestMergeCancelLeavesTheDatabaseAsItWas(t *testing.T) {
	start := time.Now()
	u, st := newTestUI(t)
	sv, _, err := cli.CreateSample(st, 7, testNow)
	if err != nil {
		t.Fatal(err)
	}
	other := otherLaptop(t, st, sv.ID, 3000)
	var before bytes.Buffer
	if _, err := st.Backup(&before); err != nil {
		t.Fatal(err)
	}
	count := func() int { return len(allResponses(t, st, sv.ID)) }
	n := count()
	var m *mergeScreen
	u.openMerge(other, func(s *mergeScreen) { m = s })
	var merr error
	m.done = func(_ store.MergeReport, err error) { merr = err }
	m.onProgress = func() { test.Tap(m.cancelBtn) }
	test.Tap(m.mergeBtn)
	if merr == nil || count() != n {
		t.Fatalf("cancelled merge: %v, %d responses (were %d)", merr, count(), n)
	}
	if svs, _ := st.Surveys(); len(svs) != 1 {
		t.Fatalf("%d surveys after a cancelled merge", len(svs))
	}
	if left, _ := filepath.Glob(filepath.Join(os.TempDir(), "csatdesk-merge-*")); len(left) > 0 {
		for _, d := range left {
			if fi, err := os.Stat(d); err == nil && fi.ModTime().After(start) {
				t.Errorf("the merge left %s", d)
			}
		}
	}
}

func TestMergeRefusesDamagedSelfAndShowsEmpty(t *testing.T) {
	u, st := newTestUI(t)
	var m *mergeScreen
	opened := false
	u.openMerge(st.Path(), func(s *mergeScreen) { m, opened = s, true })
	if !opened || m != nil || u.win.Canvas().Overlays().Top() == nil {
		t.Fatal("merging the database itself was not refused in a dialog")
	}
	u.win.Canvas().Overlays().Top().Hide()
	bad := filepath.Join(t.TempDir(), "bad.db")
	if err := os.WriteFile(bad, bytes.Repeat([]byte{7}, 32768), 0o600); err != nil {
		t.Fatal(err)
	}
	u.openMerge(bad, func(s *mergeScreen) { m = s })
	if m != nil {
		t.Fatal("a damaged file was opened for merging")
	}
	if txt := mergeErrorText(errors.Join(store.ErrCorrupt)); !strings.Contains(txt, lang.L("The other file is damaged or is not a CSAT Desk database, so nothing was merged; it was not changed. Ask for a backup of it.")) {
		t.Errorf("damaged: %q", txt)
	}
	empty := filepath.Join(t.TempDir(), "empty.db")
	e, err := store.Open(empty, store.Options{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	e.Close()
	u.openMerge(empty, func(s *mergeScreen) { m = s })
	if m == nil || m.mergeBtn != nil || !strings.Contains(labelsOf(m.content), lang.L("The other database holds no surveys: there is nothing to merge.")) {
		t.Fatal("an empty file does not say there is nothing to merge")
	}
}
