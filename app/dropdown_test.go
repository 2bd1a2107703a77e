package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"csatdesk/app/cli"
)

// lostCanvasDriver answers nil for the canvas of one object, as the GLFW
// driver does once its canvas cache dropped an object still on screen.
type lostCanvasDriver struct {
	fyne.Driver
	lost fyne.CanvasObject
}

func (d lostCanvasDriver) CanvasForObject(o fyne.CanvasObject) fyne.Canvas {
	if o == d.lost {
		return nil
	}
	return d.Driver.CanvasForObject(o)
}

type lostCanvasApp struct {
	fyne.App
	drv fyne.Driver
}

func (a lostCanvasApp) Driver() fyne.Driver { return a.drv }

// losingCanvasOf makes the current app's driver lose track of o until the
// test ends.
func losingCanvasOf(t *testing.T, o fyne.CanvasObject) {
	t.Helper()
	a := fyne.CurrentApp()
	fyne.SetCurrentApp(lostCanvasApp{App: a, drv: lostCanvasDriver{Driver: a.Driver(), lost: o}})
	t.Cleanup(func() { fyne.SetCurrentApp(a) })
}

// Issue 13, defect 3: clicking the Segment list when the driver had lost
// its canvas panicked in NewPopUpMenu and the window vanished.
func TestTheSegmentListOpensWhenTheDriverLostItsCanvas(t *testing.T) {
	u, st := newTestUI(t)
	if _, _, err := cli.CreateSample(st, 7, testNow); err != nil {
		t.Fatal(err)
	}
	u.reload()
	d := u.dash
	for i := range d.charts.kind.Options { // as reported: cycle the charts, compare with a location
		d.charts.kind.SetSelectedIndex(i)
	}
	d.charts.compare.SetSelectedIndex(len(d.charts.compare.Options) - 1)

	losingCanvasOf(t, d.segmentSel)
	c := u.win.Canvas()
	func() {
		defer func() {
			if r := recover(); r != nil {
				t.Fatalf("tapping the Segment list panicked: %v", r)
			}
		}()
		test.Tap(d.segmentSel)
	}()
	menu := d.segmentSel.list
	if menu == nil || c.Overlays().Top() == nil {
		t.Fatal("no list opened")
	}
	if len(menu.Items) != len(d.segmentSel.Options) {
		t.Fatalf("the list has %d items for %d segments", len(menu.Items), len(d.segmentSel.Options))
	}
	for range 3 {
		menu.ActivateNext()
	}
	menu.TriggerLast()
	if want := d.segmentSel.Options[2]; d.segmentSel.Selected != want {
		t.Errorf("choosing %q from the list selected %q", want, d.segmentSel.Selected)
	}
}

// The crash itself, kept as the reason for dropdown: a plain Select in the
// same state panics inside Fyne. When a Fyne upgrade stops this, dropdown
// may go.
func TestAPlainSelectPanicsWhenTheDriverLostItsCanvas(t *testing.T) {
	a := test.NewTempApp(t)
	w := a.NewWindow("")
	s := widget.NewSelect([]string{"a", "b"}, nil)
	w.SetContent(s)
	w.Resize(fyne.NewSize(300, 200))
	losingCanvasOf(t, s)
	defer func() {
		if recover() == nil {
			t.Error("Fyne no longer panics here: the dropdown wrapper can go")
		}
	}()
	test.Tap(s)
}
