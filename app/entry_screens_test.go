package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"csatdesk/data"
	"csatdesk/data/sample"
	"csatdesk/data/store"
)

// entryScreens are the screens Enter forms and Verify must fit in: a common
// laptop and a small netbook.
var entryScreens = []struct {
	name string
	size fyne.Size
}{{"1366x768", fyne.NewSize(1366, 768)}, {"1024x600", fyne.NewSize(1024, 600)}}

// entryMenuBar is the height of the main menu the real window draws above
// its content (the test canvas has none).
const entryMenuBar = 30

// entryArea is what the window's content gets of a screen.
func entryArea(screen fyne.Size) fyne.Size {
	return fyne.NewSize(screen.Width, screen.Height-entryMenuBar)
}

// entryMinScroll is the least height the questions' scroll may keep: two
// question rows, so the typist sees where the cursor is.
const entryMinScroll = 2 * 80

// cafeSurvey stores the sample café's survey with questions 1 and 2
// required (question 2 is optional in the sample; the second
// reproduction needs it required).
func cafeSurvey(t *testing.T, st *store.Store) data.Survey {
	t.Helper()
	sv := sample.NewSurvey(testNow.AddDate(-1, 0, 0))
	sv.Questions[1].Required = true
	if err := st.CreateSurvey(&sv); err != nil {
		t.Fatal(err)
	}
	return sv
}

// visibleObjects returns the objects under o that are drawn: not hidden,
// nor under a hidden container; widgets are opened through their renderer
// only for the containers the screen itself builds.
func visibleObjects(o fyne.CanvasObject) []fyne.CanvasObject {
	if o == nil || !o.Visible() {
		return nil
	}
	out := []fyne.CanvasObject{o}
	switch c := o.(type) {
	case *fyne.Container:
		for _, child := range c.Objects {
			out = append(out, visibleObjects(child)...)
		}
	case *container.Scroll:
		out = append(out, visibleObjects(c.Content)...)
	}
	return out
}

// absRect is o's rectangle in the window.
func absRect(o fyne.CanvasObject) (fyne.Position, fyne.Position) {
	p := fyne.CurrentApp().Driver().AbsolutePositionForObject(o)
	return p, p.Add(o.Size())
}

// assertScreenFits lays the window out at size and checks what the issue
// saw break: the content's minimum size stays within the screen (less the
// menu bar), no word-wrapping label is narrower than its longest word, the
// scroll holding the questions keeps room for them, and every object of
// keep lies inside the window (and inside scroll, when it is a question).
func assertScreenFits(t *testing.T, u *UI, size fyne.Size, root fyne.CanvasObject, scroll *container.Scroll, keep ...fyne.CanvasObject) {
	t.Helper()
	c := u.win.Canvas()
	min := c.Content().MinSize()
	if c.(interface{ Padded() bool }).Padded() {
		min = min.Add(fyne.NewSquareSize(2 * theme.Padding()))
	}
	if min.Width > size.Width || min.Height > size.Height-entryMenuBar {
		t.Errorf("the window needs %.0f×%.0f, more than the %.0f×%.0f screen (less %d for the menu)", min.Width, min.Height, size.Width, size.Height, entryMenuBar)
	}
	u.win.Resize(entryArea(size))
	for _, o := range visibleObjects(root) {
		l, ok := o.(*widget.Label)
		if !ok || l.Wrapping == fyne.TextWrapOff || strings.TrimSpace(l.Text) == "" {
			continue
		}
		longest := float32(0)
		for _, w := range strings.Fields(l.Text) {
			longest = max(longest, fyne.MeasureText(w, theme.TextSize(), l.TextStyle).Width)
		}
		if room := l.Size().Width - 2*theme.InnerPadding(); room+0.5 < longest {
			t.Errorf("label %q is %.0f px wide, narrower than its longest word (%.0f px)", l.Text, room, longest)
		}
	}
	win := fyne.NewPos(size.Width, size.Height-entryMenuBar)
	if scroll != nil {
		if !scroll.Visible() || scroll.Size().Height < entryMinScroll {
			t.Errorf("the questions have %.0f px of height, want at least %d", scroll.Size().Height, entryMinScroll)
		}
	}
	var sTop, sBottom fyne.Position
	if scroll != nil {
		sTop, sBottom = absRect(scroll)
	}
	for _, o := range keep {
		if !o.Visible() {
			t.Errorf("%T %v is hidden", o, o)
			continue
		}
		top, bottom := absRect(o)
		if top.X < 0 || top.Y < 0 || bottom.X > win.X+0.5 || bottom.Y > win.Y+0.5 {
			t.Errorf("%T lies at %v–%v, outside the %.0f×%.0f window", o, top, bottom, win.X, win.Y)
		}
		if scroll != nil && containerHolds(scroll.Content, o) && (top.Y < sTop.Y-0.5 || bottom.Y > sBottom.Y+0.5) {
			t.Errorf("the question field at %v–%v lies outside the visible part of the form (%v–%v)", top, bottom, sTop, sBottom)
		}
	}
}

// entryState is one state of a screen under test: it sets the state up
// and returns what must stay in view.
type entryState struct {
	name string
	set  func(t *testing.T, u *UI, st *store.Store) []fyne.CanvasObject
}

func TestEnterFormsFitsTheScreenInEveryState(t *testing.T) {
	states := []entryState{
		{"no survey yet", func(t *testing.T, u *UI, st *store.Store) []fyne.CanvasObject {
			openEntry(t, u)
			return []fyne.CanvasObject{u.entry.empty}
		}},
		{"blank form", func(t *testing.T, u *UI, st *store.Store) []fyne.CanvasObject {
			cafeSurvey(t, st)
			openEntry(t, u)
			return entryKeep(u)
		}},
		{"required question 1 missing", func(t *testing.T, u *UI, st *store.Store) []fyne.CanvasObject {
			cafeSurvey(t, st)
			k := openEntry(t, u)
			k.ctrl(fyne.KeyReturn)
			entryMustSay(t, u.entry.status.Text, "Question 1")
			return entryKeep(u)
		}},
		{"required question 2 missing", func(t *testing.T, u *UI, st *store.Store) []fyne.CanvasObject {
			cafeSurvey(t, st)
			k := openEntry(t, u)
			k.typ("4")
			k.ctrl(fyne.KeyReturn)
			entryMustSay(t, u.entry.status.Text, "Question 2")
			return entryKeep(u)
		}},
		{"duplicate form number", func(t *testing.T, u *UI, st *store.Store) []fyne.CanvasObject {
			cafeSurvey(t, st)
			k := openEntry(t, u)
			u.entry.form.formNo.SetText("A-0001")
			k.typ("4491y")
			k.ctrl(fyne.KeyReturn)
			u.entry.form.formNo.SetText("A-0001")
			k.typ("5510")
			k.typ("7y")
			k.ctrl(fyne.KeyReturn)
			entryMustSay(t, u.entry.status.Text, "already entered")
			return entryKeep(u)
		}},
		{"out of range", func(t *testing.T, u *UI, st *store.Store) []fyne.CanvasObject {
			sv := cafeSurvey(t, st)
			k := openEntry(t, u)
			k.typ("7")
			entryMustSay(t, u.entry.form.hints[sv.Questions[0].ID].Text, "not on the")
			return entryKeep(u)
		}},
		{"bad date", func(t *testing.T, u *UI, st *store.Store) []fyne.CanvasObject {
			cafeSurvey(t, st)
			k := openEntry(t, u)
			u.entry.date.SetText("5.12.")
			k.typ("4491y")
			k.ctrl(fyne.KeyReturn)
			entryMustSay(t, u.entry.status.Text, "date")
			return entryKeep(u)
		}},
		{"cursor on the last rating", func(t *testing.T, u *UI, st *store.Store) []fyne.CanvasObject {
			sv := cafeSurvey(t, st)
			k := openEntry(t, u)
			k.typ("5597")
			if k.c.Focused() != u.entry.form.fields[sv.Questions[4].ID] {
				t.Fatalf("the cursor should be on question 5, it is on %T", k.c.Focused())
			}
			return entryKeep(u)
		}},
		{"stray key held", func(t *testing.T, u *UI, st *store.Store) []fyne.CanvasObject {
			cafeSurvey(t, st)
			k := openEntry(t, u)
			k.typ("5597y")
			k.typ("4")
			k.ctrl(fyne.KeyReturn)
			entryMustSay(t, u.entry.status.Text, "right after")
			return entryKeep(u)
		}},
		{"a form saved", func(t *testing.T, u *UI, st *store.Store) []fyne.CanvasObject {
			cafeSurvey(t, st)
			k := openEntry(t, u)
			u.entry.form.formNo.SetText("A-0001")
			k.typ("4491y")
			k.ctrl(fyne.KeyReturn)
			entryMustSay(t, u.entry.lastLine.Text, "A-0001")
			return entryKeep(u)
		}},
	}
	for _, scr := range entryScreens {
		for _, s := range states {
			t.Run(scr.name+"/"+s.name, func(t *testing.T) {
				u, st := newTestUI(t)
				u.win.Resize(entryArea(scr.size))
				keep := s.set(t, u, st)
				var scroll *container.Scroll
				if u.entry.form != nil {
					scroll = u.entry.scroll
				}
				assertScreenFits(t, u, scr.size, u.entryTab, scroll, keep...)
			})
		}
	}
}

// entryKeep is what Enter forms must keep in view: Save, Undo and the
// field with the cursor.
func entryKeep(u *UI) []fyne.CanvasObject {
	keep := []fyne.CanvasObject{u.entry.save, u.entry.undo}
	if f, ok := u.win.Canvas().Focused().(fyne.CanvasObject); ok {
		keep = append(keep, f)
	}
	return keep
}

func entryMustSay(t *testing.T, got, want string) {
	t.Helper()
	if !strings.Contains(got, want) {
		t.Fatalf("the screen says %q, want it to mention %q", got, want)
	}
}

func TestVerifyFitsTheScreenInEveryState(t *testing.T) {
	first := func(t *testing.T, u *UI, st *store.Store) *verifyScreen {
		t.Helper()
		verifySurvey(t, st)
		typeFirstEntry(t, u)
		v, _ := openVerify(t, u)
		v.from.SetText("A-0001")
		v.to.SetText("A-0004")
		return v
	}
	second := func(t *testing.T, u *UI, st *store.Store) (*verifyScreen, *keys) {
		t.Helper()
		v := first(t, u, st)
		v.onStart()
		u.win.Resize(u.win.Canvas().Size()) // laid out with an empty status, as on screen
		return v, &keys{t: t, c: u.win.Canvas()}
	}
	vkeep := func(u *UI) []fyne.CanvasObject {
		v := u.verify
		keep := []fyne.CanvasObject{v.save}
		if f, ok := u.win.Canvas().Focused().(fyne.CanvasObject); ok {
			keep = append(keep, f)
		}
		return keep
	}
	states := []entryState{
		{"no survey yet", func(t *testing.T, u *UI, st *store.Store) []fyne.CanvasObject {
			v := u.verify
			for _, item := range u.tabs.Items {
				if item.Content == v.root {
					u.tabs.Select(item)
				}
			}
			u.reload() // as the window opens: nothing typed anywhere
			entryMustSay(t, v.selected.Text, "survey")
			if !v.start.Disabled() {
				t.Error("with no survey there is nothing to start")
			}
			return []fyne.CanvasObject{v.selected}
		}},
		{"nothing entered yet", func(t *testing.T, u *UI, st *store.Store) []fyne.CanvasObject {
			verifySurvey(t, st)
			v, _ := openVerify(t, u)
			entryMustSay(t, v.selected.Text, "Enter forms")
			return []fyne.CanvasObject{v.selected, v.start}
		}},
		{"batch selected", func(t *testing.T, u *UI, st *store.Store) []fyne.CanvasObject {
			v := first(t, u, st)
			return []fyne.CanvasObject{v.selected, v.start}
		}},
		{"second entry, blank", func(t *testing.T, u *UI, st *store.Store) []fyne.CanvasObject {
			second(t, u, st)
			return vkeep(u)
		}},
		{"second entry, a form kept", func(t *testing.T, u *UI, st *store.Store) []fyne.CanvasObject {
			v, k := second(t, u, st)
			k.typ("49y")
			k.ctrl(fyne.KeyReturn)
			entryMustSay(t, v.status.Text, "A-0001")
			return vkeep(u)
		}},
		{"second entry, required missing", func(t *testing.T, u *UI, st *store.Store) []fyne.CanvasObject {
			v, k := second(t, u, st)
			k.ctrl(fyne.KeyReturn)
			entryMustSay(t, v.status.Text, "Question 1")
			return vkeep(u)
		}},
		{"second entry, no form number", func(t *testing.T, u *UI, st *store.Store) []fyne.CanvasObject {
			v, k := second(t, u, st)
			v.form.formNo.SetText("")
			k.typ("49y")
			k.ctrl(fyne.KeyReturn)
			entryMustSay(t, v.status.Text, "form number")
			return vkeep(u)
		}},
		{"second entry, outside the batch", func(t *testing.T, u *UI, st *store.Store) []fyne.CanvasObject {
			v, k := second(t, u, st)
			v.form.formNo.SetText("A-0099")
			k.typ("49y")
			k.ctrl(fyne.KeyReturn)
			entryMustSay(t, v.status.Text, "outside")
			return vkeep(u)
		}},
		{"comparison with differences", func(t *testing.T, u *UI, st *store.Store) []fyne.CanvasObject {
			v, k := second(t, u, st)
			k.typ("19y")
			k.ctrl(fyne.KeyReturn)
			test.Tap(v.compareBtn)
			entryMustSay(t, v.summary.Text, "differed")
			return []fyne.CanvasObject{v.summary, v.compareBtn}
		}},
	}
	for _, scr := range entryScreens {
		for _, s := range states {
			t.Run(scr.name+"/"+s.name, func(t *testing.T) {
				u, st := newTestUI(t)
				u.win.Resize(entryArea(scr.size))
				keep := s.set(t, u, st)
				var scroll *container.Scroll
				if u.verify.entryBox.Visible() {
					scroll = u.verify.scroll
				}
				assertScreenFits(t, u, scr.size, u.verify.root, scroll, keep...)
			})
		}
	}
}

func TestEnterFormsWithNoSurveySaysWhatToDoFirstAndLeadsThere(t *testing.T) {
	u, st := newTestUI(t)
	e := u.entry
	openEntry(t, u)
	if !e.empty.Visible() || e.scroll.Visible() || !e.save.Disabled() {
		t.Fatalf("with no survey the screen should show what to do first (empty %v, form %v, save enabled %v)", e.empty.Visible(), e.scroll.Visible(), !e.save.Disabled())
	}
	buttons := findIn[*widget.Button](e.empty)
	if len(buttons) != 1 {
		t.Fatalf("the empty screen has %d buttons, want 1", len(buttons))
	}
	test.Tap(buttons[0])
	if sel := u.tabs.Selected(); sel == nil || sel.Text != "Surveys" {
		t.Errorf("Create a survey… should lead to the Surveys screen, it shows %v", sel)
	}
	cafeSurvey(t, st)
	u.reload()
	if e.empty.Visible() || !e.scroll.Visible() || e.form == nil || e.save.Disabled() {
		t.Error("once a survey exists, its form replaces the advice")
	}
}

func TestTheLastSavedLineGoesAboveTheButtonsWhenTheyLeaveItTooLittleRoom(t *testing.T) {
	test.NewTempApp(t)
	text := wrapLabel(strings.Repeat("Введите ответы первой бумажной анкеты ", 3))
	buttons := container.NewHBox(widget.NewButton(strings.Repeat("Отменить последнюю анкету ", 2), nil), widget.NewButton("Сохранить анкету (Ctrl+Enter)", nil))
	row := container.New(&besideOrAbove{}, text, buttons)
	for _, c := range []struct {
		width  float32
		beside bool
	}{{1800, true}, {900, false}} {
		row.Resize(fyne.NewSize(c.width, row.MinSize().Height))
		row.Resize(fyne.NewSize(c.width, row.MinSize().Height)) // the text's height follows its width
		if got := text.Position().X+text.Size().Width <= buttons.Position().X; got != c.beside {
			t.Errorf("at %.0f px: text beside the buttons %v, want %v", c.width, got, c.beside)
		}
		if text.Size().Width < textShare*c.width {
			t.Errorf("at %.0f px the text has %.0f px, less than %.0f %% of the width", c.width, text.Size().Width, textShare*100)
		}
		if text.MinSize().Height > text.Size().Height+0.5 {
			t.Errorf("at %.0f px the text needs %.0f px of height, it has %.0f", c.width, text.MinSize().Height, text.Size().Height)
		}
	}
}
