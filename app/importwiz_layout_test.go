package app

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"csatdesk/data/importer"
)

// wizardScreens are the screens every step must fit: the window's area
// for a screen, less the sidebar of tabs (about 100 px) and the menu bar
// (about 30 px).
var wizardScreens = []struct {
	name string
	size fyne.Size
}{
	{"1366×768", fyne.NewSize(1366-100, 768-30)},
	{"1024×600", fyne.NewSize(1024-100, 600-30)},
}

// placed is a widget drawn on the canvas and where, in canvas coordinates.
type placed struct {
	obj      fyne.CanvasObject
	pos      fyne.Position
	size     fyne.Size
	clip     fyne.Position // the top left of the scroll area that shows it
	clipSize fyne.Size
}

// visibleLeaves lists the widgets and canvas objects drawn under o (at
// pos), looking into containers, scrolls and splits, and the area of the
// scroll each is seen through.
func visibleLeaves(o fyne.CanvasObject, pos fyne.Position, clip fyne.Position, clipSize fyne.Size, out *[]placed) {
	if o == nil || !o.Visible() {
		return
	}
	switch c := o.(type) {
	case *fyne.Container:
		for _, ch := range c.Objects {
			visibleLeaves(ch, pos.Add(ch.Position()), clip, clipSize, out)
		}
	case *container.Scroll:
		visibleLeaves(c.Content, pos.Add(c.Content.Position()), pos, c.Size(), out)
	case *container.Split:
		visibleLeaves(c.Leading, pos.Add(c.Leading.Position()), clip, clipSize, out)
		visibleLeaves(c.Trailing, pos.Add(c.Trailing.Position()), clip, clipSize, out)
	default:
		*out = append(*out, placed{obj: o, pos: pos, size: o.Size(), clip: clip, clipSize: clipSize})
	}
}

// layoutFaults lists what is wrong with the layout of root shown at size:
// a minimum size larger than the area, labels narrower than their longest
// word, widgets drawn over each other, and the buttons of the
// navigation (want) not entirely inside the area.
func layoutFaults(root fyne.CanvasObject, size fyne.Size, want ...fyne.CanvasObject) []string {
	var faults []string
	if m := root.MinSize(); m.Width > size.Width+0.5 || m.Height > size.Height+0.5 {
		faults = append(faults, fmt.Sprintf("needs %.0f×%.0f, more than the %.0f×%.0f there is", m.Width, m.Height, size.Width, size.Height))
	}
	var leaves []placed
	visibleLeaves(root, fyne.Position{}, fyne.Position{}, size, &leaves)
	pad := theme.InnerPadding()
	for _, l := range leaves {
		lb, ok := l.obj.(*widget.Label)
		if !ok || lb.Wrapping == fyne.TextWrapOff || lb.Text == "" {
			continue
		}
		for _, word := range strings.Fields(lb.Text) {
			wd := fyne.MeasureText(word, theme.TextSize(), lb.TextStyle).Width
			if l.size.Width < wd+2*pad-0.5 {
				faults = append(faults, fmt.Sprintf("label %q is %.0f px wide, narrower than its word %q (%.0f px)", short(lb.Text), l.size.Width, word, wd))
				break
			}
		}
	}
	// Widgets drawn over one another (in the same scroll area).
	for i, a := range leaves {
		if !isText(a.obj) {
			continue
		}
		for _, b := range leaves[i+1:] {
			if !isText(b.obj) || a.clip != b.clip {
				continue
			}
			if overlap(a.pos, a.size, b.pos, b.size) {
				faults = append(faults, fmt.Sprintf("%s at %v+%v is drawn over %s at %v+%v", describe(a.obj), a.pos, a.size, describe(b.obj), b.pos, b.size))
			}
		}
	}
	for _, w := range want {
		found := false
		for _, l := range leaves {
			if l.obj != w {
				continue
			}
			found = true
			if l.pos.X < -0.5 || l.pos.Y < -0.5 || l.pos.X+l.size.Width > size.Width+0.5 || l.pos.Y+l.size.Height > size.Height+0.5 {
				faults = append(faults, fmt.Sprintf("%s at %v+%v is not inside %v", describe(w), l.pos, l.size, size))
			}
		}
		if !found {
			faults = append(faults, fmt.Sprintf("%s is not shown", describe(w)))
		}
	}
	return faults
}

// isText tells the widgets whose text would be unreadable if drawn over.
func isText(o fyne.CanvasObject) bool {
	switch o.(type) {
	case *widget.Label, *widget.Button, *widget.Select, *widget.Entry, *widget.Check, *widget.RadioGroup, *widget.Hyperlink:
		return true
	}
	return false
}

// overlap reports whether two rectangles share more than a pixel.
func overlap(ap fyne.Position, as fyne.Size, bp fyne.Position, bs fyne.Size) bool {
	const slack = 1
	return ap.X+as.Width > bp.X+slack && bp.X+bs.Width > ap.X+slack &&
		ap.Y+as.Height > bp.Y+slack && bp.Y+bs.Height > ap.Y+slack
}

func describe(o fyne.CanvasObject) string {
	switch w := o.(type) {
	case *widget.Label:
		return fmt.Sprintf("label %q", short(w.Text))
	case *widget.Button:
		return fmt.Sprintf("button %q", w.Text)
	case *widget.Select:
		return fmt.Sprintf("select %q", w.Selected)
	case *widget.Entry:
		return fmt.Sprintf("entry %q", w.Text)
	case *widget.Check:
		return fmt.Sprintf("check %q", w.Text)
	}
	return fmt.Sprintf("%T", o)
}

func short(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}

// wizardOnScreen is a wizard shown alone in a test window of the size of
// the area a screen gives it.
func wizardOnScreen(t *testing.T, size fyne.Size) (*importWizard, fyne.Window) {
	t.Helper()
	w, _ := newTestWizard(t)
	root := w.root
	win := test.NewTempWindow(t, root)
	win.SetPadded(false)
	win.Resize(size)
	return w, win
}

// checkSteps shows every step that can be shown and reports its layout
// faults at size.
func checkSteps(t *testing.T, w *importWizard, win fyne.Window, size fyne.Size, state string) {
	t.Helper()
	for i := range stepCount {
		if !w.canShow(i) {
			continue
		}
		w.showStep(i)
		win.Resize(size)
		nav := []fyne.CanvasObject{w.backBtn}
		if i == stepCheck {
			nav = append(nav, w.importBtn)
		} else if i < stepCheck {
			nav = append(nav, w.nextBtn)
		}
		for _, f := range layoutFaults(w.root, size, nav...) {
			t.Errorf("%s, step %d: %s", state, i+1, f)
		}
	}
}

func TestEveryImportWizardStepFitsTheScreenInEveryState(t *testing.T) {
	files := []struct{ state, path string }{
		{"a Google Forms file", googleFormsEN},
		{"a file with answers with no score", "../data/importer/testdata/corpus/non_numeric.csv"},
		{"a file with rows out of range", "../data/importer/testdata/corpus/out_of_range.csv"},
		{"a file with no date", "testdata/import/paper_no_date.csv"},
		{"a LimeSurvey export", "testdata/import/limesurvey.csv"},
		{"a Qualtrics export", "testdata/import/qualtrics.csv"},
		{"a file with a long note", "../data/importer/testdata/corpus/italian_1252_semicolon.csv"},
	}
	// Real exports of the corpus of issue 12, where they are: an R sheet
	// without dates, a Qualtrics export and a LimeSurvey export of 160
	// columns.
	for _, real := range []string{"r-en-custsat.csv", "qualtrics-de-sample.csv", "limesurvey-en-cpp.csv"} {
		p := filepath.Join("..", "testdata", "real", real)
		if _, err := os.Stat(p); err == nil {
			files = append(files, struct{ state, path string }{"the real export " + real, p})
		}
	}
	for _, scr := range wizardScreens {
		t.Run(scr.name, func(t *testing.T) {
			w, win := wizardOnScreen(t, scr.size)
			checkSteps(t, w, win, scr.size, "before a file")
			for _, f := range files {
				path, _ := filepath.Abs(f.path)
				if err := w.load(path, importer.Options{}); err != nil {
					t.Errorf("%s: %v", f.state, err)
					continue
				}
				// The file step as the load left it, before any step is
				// shown again (the first file of a session overlapped here).
				for _, fault := range layoutFaults(w.root, scr.size, w.nextBtn) {
					t.Errorf("%s, step 1 just after the load: %s", f.state, fault)
				}
				checkSteps(t, w, win, scr.size, f.state)
				if w.canShow(stepCheck) && !w.importBtn.Disabled() {
					w.onImport()
					<-w.done
					checkSteps(t, w, win, scr.size, f.state+", imported")
				}
			}
		})
	}
}
