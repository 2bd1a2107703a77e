package app

import (
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

func wrapLabel(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// boldLabel is a label in bold, for headings of a column or a group.
func boldLabel(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.TextStyle.Bold = true
	return l
}

// labelled puts a label to the left of a field that takes the rest.
func labelled(label string, field fyne.CanvasObject) fyne.CanvasObject {
	return container.NewBorder(nil, nil, widget.NewLabel(label), nil, field)
}

func layoutSpacer() fyne.CanvasObject { return layout.NewSpacer() }

// Amber marks a figure below the benchmark band.
var amber = color.NRGBA{R: 0xE0, G: 0x8A, B: 0x00, A: 0xFF}

// kpiCard is one headline figure: a caption, a big value, a detail line
// and a status line (e.g. "below the good band").
type kpiCard struct {
	caption *canvas.Text
	value   *canvas.Text
	detail  *widget.Label
	status  *widget.Label
	bg      *canvas.Rectangle
	box     fyne.CanvasObject

	details string // the detail as set
	lines   string // the status as set, one remark a line
	compact bool   // detail and status on one line, cut with an ellipsis
}

func newKPICard(caption string) *kpiCard {
	c := &kpiCard{
		caption: canvas.NewText(caption, theme.Color(theme.ColorNamePlaceHolder)),
		value:   canvas.NewText("–", theme.Color(theme.ColorNameForeground)),
		detail:  widget.NewLabel(""),
		status:  widget.NewLabel(""),
		bg:      canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground)),
	}
	c.caption.TextSize = theme.TextSize()
	c.value.TextSize = theme.TextSize() * 2
	c.value.TextStyle = fyne.TextStyle{Bold: true}
	c.detail.Wrapping = fyne.TextWrapWord
	c.status.Wrapping = fyne.TextWrapWord
	c.status.TextStyle = fyne.TextStyle{Italic: true}
	c.bg.CornerRadius = theme.InputRadiusSize() * 2
	c.detail.SizeName = theme.SizeNameCaptionText
	c.status.SizeName = theme.SizeNameCaptionText
	c.box = container.NewStack(c.bg, container.NewPadded(container.NewVBox(c.caption, c.value, c.detail, c.status)))
	return c
}

// set fills the card; warn tints it amber.
func (c *kpiCard) set(value, detail, status string, warn bool) {
	c.value.Text = value
	c.lines, c.details = status, detail
	c.detail.SetText(c.detailText())
	c.status.SetText(c.statusText())
	if warn {
		c.bg.FillColor = color.NRGBA{R: amber.R, G: amber.G, B: amber.B, A: 0x40}
		c.value.Color = amber
	} else {
		c.bg.FillColor = theme.Color(theme.ColorNameInputBackground)
		c.value.Color = theme.Color(theme.ColorNameForeground)
	}
	c.value.Refresh()
	c.bg.Refresh()
}

// detailText is the detail as shown: compact, the status follows it on
// the same line.
func (c *kpiCard) detailText() string {
	if c.compact && c.lines != "" {
		return c.details + " · " + strings.ReplaceAll(c.lines, "\n", " · ")
	}
	return c.details
}

// statusText is the status as shown: one remark a line, or nothing when
// the card is compact (the detail line carries it).
func (c *kpiCard) statusText() string {
	if c.compact {
		return ""
	}
	return c.lines
}

// setCompact shows the detail and the status on one line, cut with an
// ellipsis (compact), or word-wrapped in full.
func (c *kpiCard) setCompact(compact bool) {
	if c.compact == compact {
		return
	}
	c.compact = compact
	for _, l := range []*widget.Label{c.detail, c.status} {
		if compact {
			l.Wrapping, l.Truncation = fyne.TextWrapOff, fyne.TextTruncateEllipsis
		} else {
			l.Wrapping, l.Truncation = fyne.TextWrapWord, fyne.TextTruncateOff
		}
	}
	c.detail.Text, c.status.Text = c.detailText(), c.statusText()
	if compact {
		c.status.Hide()
	} else {
		c.status.Show()
	}
	c.detail.Refresh()
	c.status.Refresh()
}

// textRow is a list row of two labels, reached by name: a main text and a
// detail, the detail beside the text (right-aligned) or under it.
type textRow struct {
	widget.BaseWidget
	text, detail *widget.Label
	content      fyne.CanvasObject
}

// newTextRow returns a row whose detail sits right of the text (under it
// when below is true); long text ends in an ellipsis.
func newTextRow(below bool) *textRow {
	r := &textRow{text: widget.NewLabel(""), detail: widget.NewLabel("")}
	r.text.Truncation = fyne.TextTruncateEllipsis
	if below {
		r.detail.Truncation = fyne.TextTruncateEllipsis
		r.content = container.NewVBox(r.text, r.detail)
	} else {
		r.detail.Importance = widget.LowImportance
		r.content = container.NewBorder(nil, nil, nil, r.detail, r.text)
	}
	r.ExtendBaseWidget(r)
	return r
}

// CreateRenderer draws the row's layout.
func (r *textRow) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(r.content) }

// canvasSpacer is empty space of a fixed minimum size.
func canvasSpacer(size fyne.Size) fyne.CanvasObject {
	r := canvas.NewRectangle(color.Transparent)
	r.SetMinSize(size)
	return r
}

// selectQuietly selects entry i of s without calling s.OnChanged, for a
// screen that sets several filters and then recomputes once.
func selectQuietly(s *widget.Select, i int) {
	f := s.OnChanged
	s.OnChanged = nil
	s.SetSelectedIndex(i)
	s.OnChanged = f
}

// widthCap is a layout that asks for at most width, whatever its content
// asks, and gives the content all the space it gets. A word-wrapped label
// that was never laid out (on a tab not shown yet, or just created) asks
// for its whole text on one line, and that made the window wider than the
// screen.
type widthCap struct{ width float32 }

func (c widthCap) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.Position{})
		o.Resize(size)
	}
}

func (c widthCap) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var m fyne.Size
	for _, o := range objs {
		m = m.Max(o.MinSize())
	}
	return fyne.NewSize(min(m.Width, c.width), m.Height)
}

// capWidth wraps o so that it asks for at most width.
func capWidth(o fyne.CanvasObject, width float32) *fyne.Container {
	return container.New(widthCap{width}, o)
}
