package app

import (
	"fmt"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"csatdesk/data"
)

// answerField takes one numeric answer from the keyboard: one digit sets
// the value and moves on; y/n answer yes/no questions; Backspace clears; an
// out-of-range key is refused with a hint, never a dialog. On scales that
// reach 10 a "1" waits, however long the typist pauses, for what comes
// next: "0" makes 10, another digit keeps 1 and answers the next question,
// Enter or Tab keeps 1. No timer ever decides (one did, and turned a
// paused "10" into 1).
type answerField struct {
	widget.BaseWidget
	q       data.Question
	value   int
	set     bool
	pending bool // a "1" that may still become "10"
	focused bool

	// onDone is called after a value is committed; advance says whether the
	// cursor should move to the next field.
	onDone func(f *answerField, advance bool)
	// onHint shows a hint ("" clears it).
	onHint func(f *answerField, msg string)
	// onEnter handles Return: save on the last field, else move on.
	onEnter func(f *answerField)
	// onShortcut handles Ctrl+Enter and Ctrl+Z.
	onShortcut func(s fyne.Shortcut)

	text *canvas.Text
	bg   *canvas.Rectangle
}

func newAnswerField(q data.Question) *answerField {
	f := &answerField{q: q}
	f.ExtendBaseWidget(f)
	return f
}

// CreateRenderer draws the value in a box that shows focus.
func (f *answerField) CreateRenderer() fyne.WidgetRenderer {
	f.text = canvas.NewText("", theme.Color(theme.ColorNameForeground))
	f.text.TextSize = theme.TextSize() * 1.4
	f.text.TextStyle = fyne.TextStyle{Bold: true}
	f.text.Alignment = fyne.TextAlignCenter
	f.bg = canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	f.bg.CornerRadius = theme.InputRadiusSize()
	f.bg.StrokeWidth = 2
	f.update()
	return widget.NewSimpleRenderer(container.NewStack(f.bg, container.NewCenter(f.text)))
}

// MinSize fits "10" comfortably.
func (f *answerField) MinSize() fyne.Size {
	f.ExtendBaseWidget(f)
	return fyne.NewSize(64, 40)
}

func (f *answerField) update() {
	if f.text == nil {
		return
	}
	switch {
	case !f.set:
		f.text.Text = ""
	case f.q.Kind == data.KindYesNo:
		f.text.Text = f.q.Label(f.value)
		if f.text.Text == "" {
			f.text.Text = strconv.Itoa(f.value)
		}
	default:
		f.text.Text = strconv.Itoa(f.value)
	}
	if f.focused {
		f.bg.StrokeColor = theme.Color(theme.ColorNamePrimary)
		f.bg.FillColor = theme.Color(theme.ColorNameFocus)
	} else {
		f.bg.StrokeColor = theme.Color(theme.ColorNameInputBorder)
		f.bg.FillColor = theme.Color(theme.ColorNameInputBackground)
	}
	f.text.Refresh()
	f.bg.Refresh()
}

// Value returns the answer and whether there is one.
func (f *answerField) Value() (int, bool) { return f.value, f.set }

// SetValue sets (or with ok false clears) the answer without moving on.
func (f *answerField) SetValue(v int, ok bool) {
	f.value, f.set, f.pending = v, ok, false
	f.update()
}

// FocusGained implements fyne.Focusable.
func (f *answerField) FocusGained() { f.focused = true; f.update() }

// FocusLost commits a pending "1" without moving on.
func (f *answerField) FocusLost() {
	f.focused = false
	if f.pending {
		f.pending = false
		f.hint("")
		if f.onDone != nil {
			f.onDone(f, false)
		}
	}
	f.update()
}

// Tapped focuses the field.
func (f *answerField) Tapped(*fyne.PointEvent) {
	if c := fyne.CurrentApp().Driver().CanvasForObject(f); c != nil {
		c.Focus(f)
	}
}

func (f *answerField) commit(v int, advance bool) {
	f.value, f.set, f.pending = v, true, false
	f.update()
	f.hint("")
	if f.onDone != nil {
		f.onDone(f, advance)
	}
}

func (f *answerField) hint(msg string) {
	if f.onHint != nil {
		f.onHint(f, msg)
	}
}

// TypedRune takes digits and y/n.
func (f *answerField) TypedRune(r rune) {
	if f.q.Kind == data.KindYesNo {
		switch r {
		case 'y', 'Y', '1', 'j', 'J', 's', 'S', 'д', 'Д', 'т', 'Т':
			f.commit(1, true)
		case 'n', 'N', '2', 'н', 'Н':
			f.commit(0, true)
		default:
			f.hint(lang.L("Type y for yes or n for no"))
		}
		return
	}
	if r < '0' || r > '9' {
		if f.pending { // the 1 still stands: say how to keep it
			f.hint(lang.L("Type 0 for 10, or Enter to keep 1"))
			return
		}
		f.hint(lang.L("Type a number from {{.Min}} to {{.Max}}", map[string]any{"Min": f.q.Min, "Max": f.q.Max}))
		return
	}
	d := int(r - '0')
	if f.pending {
		f.pending = false
		if d == 0 {
			f.commit(10, true)
			return
		}
		// The "1" stands; this digit belongs to the next question.
		f.commit(1, true)
		f.forward(r)
		return
	}
	if d == 1 && f.q.Max >= 10 {
		// 1 is the answer until a key says otherwise; it waits as long
		// as it takes.
		f.value, f.set, f.pending = 1, true, true
		f.update()
		f.hint(lang.L("Type 0 for 10, or Enter to keep 1"))
		return
	}
	if d < f.q.Min || d > f.q.Max {
		f.hint(lang.L("{{.V}} is not on the {{.Min}}–{{.Max}} scale", map[string]any{"V": d, "Min": f.q.Min, "Max": f.q.Max}))
		return
	}
	f.commit(d, true)
}

// forward passes a rune to whatever has the focus after this field moved on.
func (f *answerField) forward(r rune) {
	c := fyne.CurrentApp().Driver().CanvasForObject(f)
	if c == nil {
		return
	}
	// The next question, or the open question or comment after the
	// last rating (where paperForm flags a digit that lands there).
	if next := c.Focused(); next != nil && next != fyne.Focusable(f) {
		next.TypedRune(r)
	}
}

// TypedKey handles Backspace, Delete and Return.
func (f *answerField) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyBackspace, fyne.KeyDelete:
		f.SetValue(0, false)
		f.hint("")
		if f.onDone != nil {
			f.onDone(f, false)
		}
	case fyne.KeyReturn, fyne.KeyEnter:
		if f.pending {
			f.pending = false
			f.update()
			f.hint("")
		}
		if f.onEnter != nil {
			f.onEnter(f)
		}
	}
}

// TypedShortcut passes Ctrl+Enter and Ctrl+Z to the screen.
func (f *answerField) TypedShortcut(s fyne.Shortcut) {
	if f.onShortcut != nil {
		f.onShortcut(s)
	}
}

// scaleHint lists what each key means: "1 Very dissatisfied · 2 · … · 5 Very satisfied".
func scaleHint(q data.Question) string {
	if q.Kind == data.KindYesNo {
		return lang.L("y = {{.Yes}}, n = {{.No}}", map[string]any{"Yes": orDefault(q.Label(1), lang.L("yes")), "No": orDefault(q.Label(0), lang.L("no"))})
	}
	out := ""
	for v := q.Min; v <= q.Max; v++ {
		if out != "" {
			out += " · "
		}
		out += strconv.Itoa(v)
		if l := q.Label(v); l != "" && l != strconv.Itoa(v) { // "5", not "5 5"
			out += " " + l
		}
	}
	return out
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// isUndo reports whether s is Ctrl+Z (Cmd+Z on a Mac).
func isUndo(s fyne.Shortcut) bool {
	if _, ok := s.(*fyne.ShortcutUndo); ok {
		return true
	}
	return isCtrl(s, fyne.KeyZ)
}

// isCtrl reports whether s is Ctrl (or Cmd) + key.
func isCtrl(s fyne.Shortcut, key fyne.KeyName) bool {
	cs, ok := s.(*desktop.CustomShortcut)
	return ok && cs.KeyName == key && (cs.Modifier&(fyne.KeyModifierControl|fyne.KeyModifierSuper)) != 0
}

// describeAnswer is how a saved answer reads in the "last saved" line.
func describeAnswer(q data.Question, v int) string {
	if l := q.Label(v); l != "" && q.Kind == data.KindYesNo {
		return l
	}
	return fmt.Sprint(v)
}
