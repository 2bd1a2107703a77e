package app

import (
	"encoding/json"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"csatdesk/data"
	"csatdesk/data/store"
)

// verifySurvey has a rating, an NPS, a yes/no and an optional open question.
func verifySurvey(t *testing.T, st *store.Store) data.Survey {
	t.Helper()
	return entrySurvey(t, st,
		data.NewQuestion(data.KindRating, "Overall", 5),
		data.NewQuestion(data.KindNPS, "Recommend", 0),
		data.NewQuestion(data.KindYesNo, "Found everything", 0),
		data.NewQuestion(data.KindText, "What could we improve?", 0),
	)
}

// typeFirstEntry types forms A-0001…A-0004 with the normal entry screen.
func typeFirstEntry(t *testing.T, u *UI) {
	t.Helper()
	e := u.entry
	k := openEntry(t, u)
	e.focus(e.form.formNo)
	k.typ("A-0001")
	k.key(fyne.KeyReturn)
	for _, form := range []string{"59ymore seats", "48n", "37y", "56y"} {
		k.typ(form[:3])
		if len(form) > 3 {
			k.typ(form[3:]) // the open question has the focus now
		}
		k.ctrl(fyne.KeyReturn)
	}
}

// openVerify selects the Verify tab and the batch date of the test forms.
func openVerify(t *testing.T, u *UI) (*verifyScreen, *keys) {
	t.Helper()
	v := u.verify
	v.now = u.entry.now
	for _, item := range u.tabs.Items {
		if item.Content == v.root {
			u.tabs.Select(item)
		}
	}
	u.reload()
	v.date.SetText(testNow.Format("2006-01-02"))
	return v, &keys{t: t, c: u.win.Canvas()}
}

// findIn returns the objects of type T under o, in tree order.
func findIn[T fyne.CanvasObject](o fyne.CanvasObject) []T {
	var out []T
	if x, ok := o.(T); ok {
		out = append(out, x)
	}
	switch c := o.(type) {
	case *fyne.Container:
		for _, child := range c.Objects {
			out = append(out, findIn[T](child)...)
		}
	case *container.Scroll:
		out = append(out, findIn[T](c.Content)...)
	}
	return out
}

// testRow returns the table row of mismatch i (row 0 is the heading).
func (v *verifyScreen) testRow(i int) fyne.CanvasObject { return v.mismatchBox.Objects[1+i] }

func answerOf(t *testing.T, st *store.Store, sid uint64, form string, qid uint32) (int, bool) {
	t.Helper()
	for _, r := range allResponses(t, st, sid) {
		if r.FormNumber == form {
			v, ok := r.Answers[qid]
			return v, ok
		}
	}
	t.Fatalf("form %s is not stored", form)
	return 0, false
}

func TestVerifyDoubleEntryFindsAndSettlesDifferences(t *testing.T) {
	u, st := newTestUI(t)
	sv := verifySurvey(t, st)
	id := func(i int) uint32 { return sv.Questions[i].ID }
	typeFirstEntry(t, u)
	if n := len(allResponses(t, st, sv.ID)); n != 4 {
		t.Fatalf("the first entry stored %d forms, want 4", n)
	}

	// (1) The batch: date, then A-0001…A-0004, Enter starts.
	v, k := openVerify(t, u)
	v.focus(v.from)
	k.typ("A-0001")
	k.key(fyne.KeyReturn)
	k.typ("A-0004")
	if v.selectedCount != 4 || !strings.Contains(v.selected.Text, "4") {
		t.Errorf("the batch selects %d first-entry forms (%q), want 4", v.selectedCount, v.selected.Text)
	}
	v.to.SetText("A-0003")
	if v.selectedCount != 3 {
		t.Errorf("A-0001…A-0003 selects %d forms, want 3", v.selectedCount)
	}
	v.to.SetText("A-0004")
	k.key(fyne.KeyReturn)
	if v.sess == nil || !v.entryBox.Visible() {
		t.Fatal("Enter in the range should open the second entry")
	}
	if got := v.form.formNo.Text; got != "A-0001" {
		t.Errorf("the second entry starts at form %q, want A-0001", got)
	}
	for _, f := range v.form.fields {
		if _, set := f.Value(); set {
			t.Fatal("the second entry must not show the first entry's answers")
		}
	}

	// (2) Blind second entry: A-0002 overall 5 (first: 4) and A-0003
	// recommend 6 (first: 7) are planted; A-0004 is left out. The open
	// answer differs in case and spaces only, which is no difference.
	for _, form := range []string{"59yMore  seats ", "58n", "36y"} {
		if k.c.Focused() != v.form.order[1] {
			t.Fatalf("the cursor should be on the first question, it is on %T", k.c.Focused())
		}
		k.typ(form[:3])
		if len(form) > 3 {
			k.typ(form[3:])
		}
		k.ctrl(fyne.KeyReturn)
	}
	if n := len(allResponses(t, st, sv.ID)); n != 4 {
		t.Errorf("the second entry must not add responses: %d stored, want 4", n)
	}
	key := verifyKey(sv.ID, "2026-11-20", "A-0001", "A-0004")
	saved := loadSession(t, st, key)
	if len(saved.Forms) != 3 || saved.Forms[2].FormNumber != "A-0003" || saved.Forms[2].Answers[id(1)] != 6 {
		t.Fatalf("the session should hold the 3 typed forms after each save, it holds %+v", saved.Forms)
	}

	// A crash after a form loses nothing typed: reopening the batch resumes.
	v.closeSession()
	v.onStart()
	if len(v.sess.Forms) != 3 || v.form.formNo.Text != "A-0004" {
		t.Errorf("resumed with %d forms at number %q, want 3 at A-0004", len(v.sess.Forms), v.form.formNo.Text)
	}

	// (3) Compare.
	test.Tap(v.compareBtn)
	rep := v.sess.Report
	if rep == nil || !v.compareBox.Visible() {
		t.Fatal("Compare should show the comparison")
	}
	// Per form: date, channel, location, staff, 4 questions, comment.
	if rep.Forms != 3 || rep.FieldsCompared != 27 || rep.Differing != 2 {
		t.Errorf("report: %d forms, %d fields, %d differed; want 3, 27, 2", rep.Forms, rep.FieldsCompared, rep.Differing)
	}
	if len(rep.OnlyInFirst) != 1 || rep.OnlyInFirst[0] != "A-0004" || len(rep.OnlyInSecond) != 0 {
		t.Errorf("only in first %q, only in second %q; want [A-0004], []", rep.OnlyInFirst, rep.OnlyInSecond)
	}
	if want := "3 forms compared, 27 fields, 2 differed (7.4 %)"; v.summary.Text != want {
		t.Errorf("summary %q, want %q", v.summary.Text, want)
	}
	if !strings.Contains(v.only.Text, "A-0004") {
		t.Errorf("the form missing from the second entry should be listed: %q", v.only.Text)
	}
	m0, m1 := rep.Mismatches[0], rep.Mismatches[1]
	if m0.FormNumber != "A-0002" || m0.QuestionID != id(0) || m0.First != "4" || m0.Second != "5" ||
		m1.FormNumber != "A-0003" || m1.QuestionID != id(1) || m1.First != "7" || m1.Second != "6" {
		t.Fatalf("mismatches %+v", rep.Mismatches)
	}
	labels := findIn[*widget.Label](v.testRow(0))
	if len(labels) < 4 || labels[0].Text != "A-0002" || labels[1].Text != "Overall" || labels[2].Text != "4" || labels[3].Text != "5" {
		t.Errorf("the first row should read A-0002, Overall, 4, 5")
	}

	// (4) "Second is right" on A-0002.
	for _, b := range findIn[*widget.Button](v.testRow(0)) {
		if b.Text == "Second is right" {
			test.Tap(b)
		}
	}
	if got, _ := answerOf(t, st, sv.ID, "A-0002", id(0)); got != 5 {
		t.Errorf("after 'second is right' A-0002 overall is %d, want 5", got)
	}
	if v.sess.Done {
		t.Error("one difference is still open: the session is not done")
	}

	// (5) The paper says 8 for A-0003: a wrong key first, then 8 and Enter.
	typed := findIn[*keyEntry](v.testRow(1))[0]
	v.focus(typed)
	k.typ("x")
	k.key(fyne.KeyReturn)
	if got, _ := answerOf(t, st, sv.ID, "A-0003", id(1)); got != 7 {
		t.Errorf("a value off the scale must not be written: A-0003 recommend is %d", got)
	}
	typed.SetText("")
	k.typ("8")
	k.key(fyne.KeyReturn)
	if got, _ := answerOf(t, st, sv.ID, "A-0003", id(1)); got != 8 {
		t.Errorf("after typing the paper's value A-0003 recommend is %d, want 8", got)
	}

	// Rollups follow: overall on the day is 5, 5, 3, 5; recommend 9, 8, 8, 6.
	day := data.DayOf(testNow)
	for _, c := range []struct {
		q    uint32
		want map[int]uint64
	}{{id(0), map[int]uint64{5: 3, 3: 1, 4: 0}}, {id(1), map[int]uint64{9: 1, 8: 2, 6: 1, 7: 0}}} {
		days, err := st.Days(sv.ID, c.q, data.Segment{}, day, day)
		if err != nil || len(days) != 1 {
			t.Fatalf("rollup: %v, %d days", err, len(days))
		}
		for val, n := range c.want {
			if days[0].Hist[val] != n {
				t.Errorf("question %d: %d answers of %d in the rollup, want %d", c.q, days[0].Hist[val], val, n)
			}
		}
	}

	if !v.sess.Done || !loadSession(t, st, key).Done {
		t.Error("with every difference settled the session should be marked done")
	}
	if !strings.Contains(v.outcome.Text, "verified") {
		t.Errorf("outcome %q should say the batch is verified", v.outcome.Text)
	}
	if got := v.sess.Resolved; got[0] != "5" || got[1] != "8" {
		t.Errorf("settled values %v, want 5 and 8", got)
	}
	if rep := v.sess.Report; rep.Differing != 2 || rep.FieldsCompared != 27 {
		t.Errorf("the report keeps its counts after settling: %d of %d", rep.Differing, rep.FieldsCompared)
	}

	// Comparing again finds nothing left: both copies took the settled values.
	test.Tap(v.compareBtn)
	if rep := v.sess.Report; rep.Differing != 0 || !v.sess.Done {
		t.Errorf("a new comparison after settling finds %d differences", rep.Differing)
	}
}

func TestVerifySecondEntryWarnsOnNumbersOutsideTheBatch(t *testing.T) {
	u, st := newTestUI(t)
	verifySurvey(t, st)
	typeFirstEntry(t, u)
	v, k := openVerify(t, u)
	v.from.SetText("A-0001")
	v.to.SetText("A-0002")
	v.onStart()
	v.focus(v.form.formNo)
	v.form.formNo.SetText("A-0009")
	k.key(fyne.KeyReturn)
	k.typ("59y")
	k.ctrl(fyne.KeyReturn)
	if len(v.sess.Forms) != 0 || !strings.Contains(v.status.Text, "A-0009") {
		t.Fatalf("a number outside the batch should warn first: %d forms, status %q", len(v.sess.Forms), v.status.Text)
	}
	k.ctrl(fyne.KeyReturn)
	if len(v.sess.Forms) != 1 {
		t.Fatalf("a second Ctrl+Enter keeps it: %d forms", len(v.sess.Forms))
	}
	k.ctrl(fyne.KeyZ)
	if len(v.sess.Forms) != 0 || v.form.formNo.Text != "A-0009" {
		t.Errorf("Ctrl+Z takes the form back: %d forms, number %q", len(v.sess.Forms), v.form.formNo.Text)
	}
}

func loadSession(t *testing.T, st *store.Store, key string) verifySession {
	t.Helper()
	b, err := st.Setting(key)
	if err != nil || b == nil {
		t.Fatalf("no session under %q: %v", key, err)
	}
	var s verifySession
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestAFormLeftOutOfTheSecondEntryCanBeTypedAfterTheComparison(t *testing.T) {
	u, st := newTestUI(t)
	verifySurvey(t, st)
	typeFirstEntry(t, u)
	v, k := openVerify(t, u)
	v.from.SetText("A-0001")
	v.to.SetText("A-0004")
	v.onStart()
	for _, form := range []string{"59ymore seats", "48n", "56y"} { // A-0003 left out
		if form == "56y" {
			v.form.formNo.SetText("A-0004")
		}
		k.typ(form[:3])
		if len(form) > 3 {
			k.typ(form[3:])
		}
		k.ctrl(fyne.KeyReturn)
	}
	test.Tap(v.compareBtn)
	if rep := v.sess.Report; len(rep.OnlyInFirst) != 1 || rep.OnlyInFirst[0] != "A-0003" || !strings.Contains(v.only.Text, "A-0003") {
		t.Fatalf("the comparison should list A-0003 as typed once: %+v, %q", rep.OnlyInFirst, v.only.Text)
	}
	test.Tap(v.back)
	if !v.entryBox.Visible() || v.form.formNo.Text != "A-0003" || k.c.Focused() != v.form.order[1] {
		t.Fatalf("Type more forms should open the second entry on A-0003 (shown %v, number %q)", v.entryBox.Visible(), v.form.formNo.Text)
	}
	k.typ("37y")
	k.ctrl(fyne.KeyReturn)
	test.Tap(v.compareBtn)
	if rep := v.sess.Report; rep.Forms != 4 || len(rep.OnlyInFirst) != 0 || rep.Differing != 0 || !v.sess.Done {
		t.Errorf("after typing A-0003: %d forms, only in first %v, %d differing, done %v; want 4, none, 0, true", rep.Forms, rep.OnlyInFirst, rep.Differing, v.sess.Done)
	}
}
