package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"csatdesk/data"
	"csatdesk/data/store"
)

// keys counts the keystrokes a test sends, to measure the entry budget.
type keys struct {
	t *testing.T
	c fyne.Canvas
	n int
}

// typ types s into whatever has the focus, one key at a time, as a
// keyboard does (the focus may move between keys). Like the real window,
// it reports the key (TypedKey) and then its character (TypedRune).
func (k *keys) typ(s string) {
	for _, r := range s {
		k.n++
		f := k.c.Focused()
		if f == nil {
			k.t.Fatalf("no field has the focus for %q", r)
		}
		if name := keyNameOf(r); name != "" {
			f.TypedKey(&fyne.KeyEvent{Name: name})
			if f = k.c.Focused(); f == nil {
				k.t.Fatalf("no field has the focus for %q", r)
			}
		}
		f.TypedRune(r)
	}
}

// keyNameOf is the key the window reports for a character typed without
// modifiers ("" when there is no such key).
func keyNameOf(r rune) fyne.KeyName {
	switch {
	case r >= '0' && r <= '9', r >= 'A' && r <= 'Z':
		return fyne.KeyName(string(r))
	case r >= 'a' && r <= 'z':
		return fyne.KeyName(string(r - 'a' + 'A'))
	case r == ' ':
		return fyne.KeySpace
	}
	return ""
}

func (k *keys) key(name fyne.KeyName) {
	k.n++
	f := k.c.Focused()
	if f == nil {
		k.t.Fatalf("no field has the focus for %s", name)
	}
	f.TypedKey(&fyne.KeyEvent{Name: name})
}

func (k *keys) ctrl(name fyne.KeyName) {
	k.n++
	f, ok := k.c.Focused().(fyne.Shortcutable)
	if !ok {
		k.t.Fatalf("the focused field %T takes no shortcuts", k.c.Focused())
	}
	f.TypedShortcut(&desktop.CustomShortcut{KeyName: name, Modifier: fyne.KeyModifierControl})
}

func entrySurvey(t *testing.T, st *store.Store, qs ...data.Question) data.Survey {
	t.Helper()
	sv := data.Survey{Name: "Paper"}
	for _, q := range qs {
		sv.AddQuestion(q)
	}
	if err := st.CreateSurvey(&sv); err != nil {
		t.Fatal(err)
	}
	return sv
}

func openEntry(t *testing.T, u *UI) *keys {
	u.reload()
	u.tabs.SelectIndex(2)
	if e := u.entry; e.form != nil {
		e.form.focusFirst()
	}
	return &keys{t: t, c: u.win.Canvas()}
}

func TestAFivequestionRatingFormTakesFiveDigitsAndOneSave(t *testing.T) {
	u, st := newTestUI(t)
	var qs []data.Question
	for _, text := range []string{"Overall", "Speed", "Staff", "Cleanliness", "Price"} {
		qs = append(qs, data.NewQuestion(data.KindRating, text, 5))
	}
	sv := entrySurvey(t, st, qs...)
	k := openEntry(t, u)
	k.typ("54321")
	k.key(fyne.KeyReturn) // the comment field: Enter saves
	if k.n != 6 {
		t.Errorf("a form took %d keystrokes, want 6", k.n)
	}
	rs := allResponses(t, st, sv.ID)
	if len(rs) != 1 {
		t.Fatalf("stored %d responses, want 1", len(rs))
	}
	for i, want := range []int{5, 4, 3, 2, 1} {
		if got := rs[0].Answers[sv.Questions[i].ID]; got != want {
			t.Errorf("question %d = %d, want %d", i+1, got, want)
		}
	}
	if _, ok := k.c.Focused().(*answerField); !ok || k.c.Focused() != u.entry.form.order[1] {
		t.Error("after saving, the cursor should be on the first question of a blank form")
	}
}

func TestKeyboardOnlyEntryOfSeveralForms(t *testing.T) {
	u, st := newTestUI(t)
	optional := data.NewQuestion(data.KindRating, "Parking", 5)
	optional.Required = false
	sv := entrySurvey(t, st,
		data.NewQuestion(data.KindRating, "Overall", 5),
		data.NewQuestion(data.KindRating, "Food", 10),
		data.NewQuestion(data.KindNPS, "Recommend", 0),
		data.NewQuestion(data.KindYesNo, "Found everything", 0),
		optional,
	)
	e := u.entry
	k := openEntry(t, u)
	id := func(i int) uint32 { return sv.Questions[i].ID }

	// Form 1 with a number: 5, 10, NPS 10, yes, parking 4.
	e.focus(e.form.formNo)
	k.typ("A-0001")
	k.key(fyne.KeyReturn)
	k.typ("5")
	k.typ("10")
	k.typ("10")
	k.typ("y")
	k.typ("4")
	k.ctrl(fyne.KeyReturn)

	// Form 2 (number A-0002 pre-filled): a refused 7 on the 1–5 scale, then
	// 3; food 1 kept with Return (a "0" would make it 10), NPS 0, no;
	// parking left blank.
	k.typ("7")
	if got := e.form.hints[id(0)].Text; got == "" {
		t.Error("an out-of-range digit should show a hint")
	}
	if _, set := e.form.fields[id(0)].Value(); set {
		t.Error("an out-of-range digit must not be taken")
	}
	k.typ("3")
	k.typ("1")
	k.key(fyne.KeyReturn) // keeps 1 and moves on
	k.typ("0")
	k.typ("n")
	k.ctrl(fyne.KeyReturn) // parking left blank: optional

	// Form 3 repeats number A-0002: warned, then saved on a second Ctrl+Enter.
	e.form.formNo.SetText("A-0002")
	k.typ("4")
	k.typ("8")
	k.typ("9")
	k.typ("y")
	k.ctrl(fyne.KeyReturn)
	if n := len(allResponses(t, st, sv.ID)); n != 2 {
		t.Fatalf("a duplicate form number should warn before saving; stored %d, want 2", n)
	}
	k.ctrl(fyne.KeyReturn)

	// Form 4: a missing required answer blocks the save and puts the cursor there.
	k.typ("5")
	k.key(fyne.KeyReturn) // Return on a blank field moves on
	k.ctrl(fyne.KeyReturn)
	if k.c.Focused() != e.form.fields[id(1)] {
		t.Errorf("the cursor should be on the missing required answer, it is on %T", k.c.Focused())
	}
	// Complete it, save, then undo it.
	k.typ("7")
	k.typ("6")
	k.typ("n")
	k.ctrl(fyne.KeyReturn)
	if n := len(allResponses(t, st, sv.ID)); n != 4 {
		t.Fatalf("stored %d, want 4 before the undo", n)
	}
	k.ctrl(fyne.KeyZ)

	rs := allResponses(t, st, sv.ID)
	if len(rs) != 3 {
		t.Fatalf("after the undo %d responses are stored, want 3", len(rs))
	}
	byNo := map[string][]data.Response{}
	for _, r := range rs {
		byNo[r.FormNumber] = append(byNo[r.FormNumber], r)
	}
	want1 := map[uint32]int{id(0): 5, id(1): 10, id(2): 10, id(3): 1, id(4): 4}
	if got := byNo["A-0001"]; len(got) != 1 || !sameAnswers(got[0].Answers, want1) {
		t.Errorf("form A-0001 = %v, want %v", got, want1)
	}
	want2 := map[uint32]int{id(0): 3, id(1): 1, id(2): 0, id(3): 0}
	want3 := map[uint32]int{id(0): 4, id(1): 8, id(2): 9, id(3): 1}
	if got := byNo["A-0002"]; len(got) != 2 || !sameAnswers(got[0].Answers, want2) || !sameAnswers(got[1].Answers, want3) {
		t.Errorf("forms A-0002 = %+v, want %v and %v", got, want2, want3)
	}
	if r := byNo["A-0002"][0]; r.Channel != "paper" || r.Source != data.SourceManual || r.Day().String() != "2026-11-20" {
		t.Errorf("batch header not carried: channel %q, source %q, day %s", r.Channel, r.Source, r.Day())
	}
	if v, ok := e.form.fields[id(1)].Value(); !ok || v != 7 {
		t.Errorf("the undone form should be back on screen for correction, food = %d, %v", v, ok)
	}
}

func sameAnswers(a, b map[uint32]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

func TestNextFormNumber(t *testing.T) {
	cases := map[string]string{"A-0001": "A-0002", "A-0009": "A-0010", "99": "100", "12-B": "", "": "", "x9": "x10"}
	for in, want := range cases {
		if got := nextFormNumber(in); got != want {
			t.Errorf("nextFormNumber(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestEntryKeepsItsSurveyWhenTheListChangesAndRebuildsAChangedForm(t *testing.T) {
	u, st := newTestUI(t)
	a := entrySurvey(t, st, data.NewQuestion(data.KindRating, "A1", 5))
	b := data.Survey{Name: "B"}
	b.AddQuestion(data.NewQuestion(data.KindRating, "B1", 5))
	if err := st.CreateSurvey(&b); err != nil {
		t.Fatal(err)
	}
	c := data.Survey{Name: "C"}
	c.AddQuestion(data.NewQuestion(data.KindRating, "C1", 5))
	c.AddQuestion(data.NewQuestion(data.KindRating, "C2", 5))
	if err := st.CreateSurvey(&c); err != nil {
		t.Fatal(err)
	}
	u.reload()
	e := u.entry
	e.surveySel.SetSelected("B")
	a.Archived = true // the list moves under the entry screen
	if err := st.SaveSurvey(&a); err != nil {
		t.Fatal(err)
	}
	u.reload()
	if e.survey == nil || e.survey.ID != b.ID || e.surveySel.Selected != "B" {
		t.Fatalf("entry now types into %+v (select shows %q), want survey B", e.survey, e.surveySel.Selected)
	}
	// B gains a required question elsewhere: the form is rebuilt with it.
	b2, _ := st.Survey(b.ID)
	b2.AddQuestion(data.NewQuestion(data.KindRating, "B2", 5))
	if err := st.SaveSurvey(&b2); err != nil {
		t.Fatal(err)
	}
	u.reload()
	if len(e.form.fields) != 2 {
		t.Fatalf("the form has %d fields after B gained a question, want 2", len(e.form.fields))
	}
	u.tabs.SelectIndex(2)
	k := &keys{t: t, c: u.win.Canvas()}
	e.form.focusFirst()
	k.typ("4")
	k.ctrl(fyne.KeyReturn) // B2 missing: refused, no panic
	if n := len(allResponses(t, st, b.ID)); n != 0 {
		t.Fatalf("a form missing a required answer was stored (%d)", n)
	}
	k.typ("5")
	k.ctrl(fyne.KeyReturn)
	if n := len(allResponses(t, st, b.ID)); n != 1 || len(allResponses(t, st, c.ID)) != 0 {
		t.Fatalf("B has %d responses, C %d; want 1 and 0", n, len(allResponses(t, st, c.ID)))
	}
}
