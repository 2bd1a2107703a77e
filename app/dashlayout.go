package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// The dashboard's layout: the filters, the heading row and the KPI cards
// on top, the chart taking all the height that is left, the note under it.
//
// In a window of 1000×560 (the first size, for a 1024×600 screen) the
// five cards with every remark word-wrapped took 230 pixels and pushed the
// chart below the fold. When full cards would leave the chart less than
// fullCardsShare of the height, the cards are compact (one line of detail,
// one of status, cut with an ellipsis) and the note is left out; "More
// details" shows them in full all the same.

// fullCardsShare is the least share of the dashboard's height the chart
// keeps with the cards in full.
const fullCardsShare = 0.55

// chartLeast is the least height the layout asks for the chart: below it
// the dashboard scrolls.
const chartLeast = 180

// dashLayout places the dashboard's parts; its objects are the filters,
// the custom dates, the heading row, the cards, the chart and the note.
type dashLayout struct {
	d *dashboard
}

// parts names the objects.
func (l *dashLayout) parts(objs []fyne.CanvasObject) (filters, dates, heading, cards, chart, note fyne.CanvasObject) {
	return objs[0], objs[1], objs[2], objs[3], objs[4], objs[5]
}

// Layout decides whether the cards are compact, then stacks the parts,
// the chart taking what is left.
func (l *dashLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	filters, dates, heading, cards, chart, note := l.parts(objs)
	pad := theme.Padding()
	w := size.Width
	var top []fyne.CanvasObject
	topH := float32(0)
	add := func(o fyne.CanvasObject, h float32) {
		if !o.Visible() {
			return
		}
		if len(top) > 0 {
			topH += pad
		}
		o.Move(fyne.NewPos(0, topH))
		o.Resize(fyne.NewSize(w, h))
		top = append(top, o)
		topH += h
	}
	add(filters, filterRows(filters, w))
	add(dates, dates.MinSize().Height)
	add(heading, heading.MinSize().Height)

	// The cards and the note in full, measured at this width.
	l.d.setCompact(false)
	cards.Resize(fyne.NewSize(w, cards.MinSize().Height))
	cardsH := cards.MinSize().Height
	note.Resize(fyne.NewSize(w, note.MinSize().Height))
	noteH := note.MinSize().Height
	if l.d.note.Text == "" {
		noteH = 0
	}
	left := size.Height - topH - pad - cardsH - pad - noteH - pad
	compact := !l.d.details && left < fullCardsShare*size.Height
	l.d.setCompact(compact)
	l.d.showDetailsButton(compact || l.d.details && left < fullCardsShare*size.Height)
	if compact {
		noteH = 0
		cardsH = cards.MinSize().Height
		note.Hide()
	} else {
		note.Show()
	}
	y := topH + pad
	cards.Move(fyne.NewPos(0, y))
	cards.Resize(fyne.NewSize(w, cardsH))
	y += cardsH + pad
	bottom := size.Height
	if noteH > 0 {
		bottom -= noteH
		note.Move(fyne.NewPos(0, bottom))
		note.Resize(fyne.NewSize(w, noteH))
		bottom -= pad
	}
	chart.Move(fyne.NewPos(0, y))
	chart.Resize(fyne.NewSize(w, max(bottom-y, 0)))
}

// MinSize is what the parts need with the cards as they are and the chart
// at chartLeast.
func (l *dashLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	filters, dates, heading, cards, chart, note := l.parts(objs)
	pad := theme.Padding()
	m := fyne.NewSize(0, 0)
	for _, o := range []fyne.CanvasObject{filters, dates, heading, cards, chart, note} {
		if !o.Visible() {
			continue
		}
		s := o.MinSize()
		m.Width = max(m.Width, s.Width)
		if o == chart {
			s.Height = chartLeast
		}
		if m.Height > 0 {
			m.Height += pad
		}
		m.Height += s.Height
	}
	return m
}

// filterGrid lays out the filters in one row of four when each gets at
// least filterCell (the second, the question, twice as wide), else in two
// columns (one when a row of two does not fit).
type filterGrid struct{}

// filterCell is the least width of a filter in a row of four.
const filterCell = 230

// filterColumns is how many filters a row of width w holds.
func filterColumns(objs []fyne.CanvasObject, w float32) int {
	pad := theme.Padding()
	n := len(objs)
	if n == 4 && w >= 5*filterCell+3*pad {
		return 4
	}
	var least float32
	for _, o := range objs {
		least = max(least, o.MinSize().Width)
	}
	if n >= 2 && w >= 2*least+pad {
		return 2
	}
	return 1
}

// filterRows is the height the filters in c need at width w.
func filterRows(c fyne.CanvasObject, w float32) float32 {
	fc, ok := c.(*fyne.Container)
	if !ok {
		return c.MinSize().Height
	}
	cols := filterColumns(fc.Objects, w)
	rows := (len(fc.Objects) + cols - 1) / cols
	return float32(rows)*rowHeight(fc.Objects) + float32(rows-1)*theme.Padding()
}

// rowHeight is the tallest filter's height.
func rowHeight(objs []fyne.CanvasObject) float32 {
	var h float32
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return h
}

// Layout places the filters in rows.
func (filterGrid) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	if len(objs) == 0 {
		return
	}
	pad := theme.Padding()
	cols := filterColumns(objs, size.Width)
	rh := rowHeight(objs)
	if cols == 4 && len(objs) == 4 {
		// One row: the second filter (the question, the longest names)
		// twice as wide as the others.
		unit := (size.Width - 3*pad) / 5
		x := float32(0)
		for i, o := range objs {
			w := unit
			if i == 1 {
				w = 2 * unit
			}
			o.Move(fyne.NewPos(x, 0))
			o.Resize(fyne.NewSize(w, rh))
			x += w + pad
		}
		return
	}
	cw := (size.Width - float32(cols-1)*pad) / float32(cols)
	for i, o := range objs {
		r, c := i/cols, i%cols
		o.Move(fyne.NewPos(float32(c)*(cw+pad), float32(r)*(rh+pad)))
		o.Resize(fyne.NewSize(cw, rh))
	}
}

// MinSize is two filters a row.
func (filterGrid) MinSize(objs []fyne.CanvasObject) fyne.Size {
	if len(objs) == 0 {
		return fyne.Size{}
	}
	var least float32
	for _, o := range objs {
		least = max(least, o.MinSize().Width)
	}
	cols := min(2, len(objs))
	rows := (len(objs) + cols - 1) / cols
	pad := theme.Padding()
	return fyne.NewSize(float32(cols)*least+float32(cols-1)*pad, float32(rows)*rowHeight(objs)+float32(rows-1)*pad)
}
