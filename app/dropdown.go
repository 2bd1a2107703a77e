package app

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// dropdown is a widget.Select that opens its list on the window's canvas
// even when Fyne's driver has lost track of which canvas the Select is on.
//
// Fyne 2.7's Select.Tapped asks the driver for the Select's canvas and
// hands the answer to NewPopUpMenu, which panics on nil (fyne-io/fyne
// #5965, fixed upstream by #6305 after 2.7.4). The GLFW driver answers nil
// for an object on screen when its canvas-cache entry has expired and a
// cache clean deleted it: entries live a minute unless the idle-time walk
// renews them, and only the next repainted frame stores them again, so a
// click that arrives after such a clean and before any repaint found no
// canvas. That was the dashboard's crash (issue 13, defect 3): the window
// vanished when the Segment list was clicked. A dropdown asks the same
// question first and, on nil, shows the list itself on the canvas it was
// given, at the position the tap reports.
type dropdown struct {
	widget.Select
	canvas func() fyne.Canvas // the window's canvas: where the list goes when the driver does not know
	pos    fyne.Position      // absolute top-left, as the last tap reported it
	placed bool               // pos is known
	list   *widget.PopUpMenu  // the list showList opened last
}

// newDropdown makes a dropdown of options on the canvas canvas returns.
func newDropdown(canvas func() fyne.Canvas, options []string, changed func(string)) *dropdown {
	s := &dropdown{canvas: canvas}
	s.Options, s.OnChanged = options, changed
	s.PlaceHolder = "(Select one)" // as widget.NewSelect
	s.ExtendBaseWidget(s)
	return s
}

// driverCanvas is what Fyne's driver says the dropdown is drawn on (nil
// when it lost track).
func (s *dropdown) driverCanvas() fyne.Canvas {
	return fyne.CurrentApp().Driver().CanvasForObject(s)
}

// Tapped opens the list: Fyne's way when the driver knows the canvas,
// otherwise on the window's canvas below the tapped field.
func (s *dropdown) Tapped(ev *fyne.PointEvent) {
	if s.Disabled() {
		return
	}
	s.pos, s.placed = ev.AbsolutePosition.Subtract(ev.Position), true
	if s.driverCanvas() != nil {
		s.Select.Tapped(ev)
		return
	}
	s.showList()
}

// TypedKey opens the list with Space, Up or Down as Select does, and moves
// the choice with Left and Right.
func (s *dropdown) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeySpace, fyne.KeyUp, fyne.KeyDown:
		if s.driverCanvas() == nil {
			if s.placed {
				s.showList()
				return
			}
			// Position unknown: the next repaint registers the canvas
			// again; open the list after it.
			s.Refresh()
			time.AfterFunc(100*time.Millisecond, func() {
				fyne.Do(func() {
					if s.driverCanvas() != nil {
						s.Select.TypedKey(ev)
					}
				})
			})
			return
		}
	}
	s.Select.TypedKey(ev)
}

// showList shows the options as a pop-up menu on the window's canvas,
// under the field, as wide as it.
func (s *dropdown) showList() {
	c := s.canvas()
	if c == nil {
		return // not shown anywhere: nothing to open
	}
	items := make([]*fyne.MenuItem, len(s.Options))
	for i, opt := range s.Options {
		items[i] = fyne.NewMenuItem(opt, func() { s.SetSelected(opt) })
	}
	m := widget.NewPopUpMenu(fyne.NewMenu("", items...), c)
	m.ShowAtPosition(s.pos.Add(fyne.NewPos(0, s.Size().Height-theme.InputBorderSize())))
	m.Resize(fyne.NewSize(s.Size().Width, m.MinSize().Height))
	s.list = m
}

// dropdown makes a dropdown on the main window.
func (u *UI) dropdown(options []string, changed func(string)) *dropdown {
	return newDropdown(func() fyne.Canvas { return u.win.Canvas() }, options, changed)
}
