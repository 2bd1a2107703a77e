package app

import (
	"image/color"
	"math"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"csatdesk/charts"
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

func newButton(label string, tapped func()) *widget.Button { return widget.NewButton(label, tapped) }

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
	c.detail.SetText(detail)
	c.status.SetText(status)
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

// fmtNumber formats v with prec decimals, with the decimal comma where the
// UI language uses one; NaN is "–".
func fmtNumber(v float64, prec int) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	s := strconv.FormatFloat(v, 'f', prec, 64)
	if charts.DecimalComma(uiLocale()) {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// fmtPercent formats a percentage: "78.4 %".
func fmtPercent(v float64) string {
	if math.IsNaN(v) {
		return "–"
	}
	return fmtNumber(v, 1) + " %"
}

// fmtSigned formats a change with its sign: "+2.1", "−0.4".
func fmtSigned(v float64, prec int) string {
	if math.IsNaN(v) {
		return "–"
	}
	s := fmtNumber(math.Abs(v), prec)
	if v > 0 {
		return "+" + s
	}
	if v < 0 {
		return "−" + s
	}
	return s
}

// fmtCount formats a count with its thousands grouped as the UI language
// writes them (charts.ThousandsSeparator): "1,000,000", "1.000.000" in
// Italian, "1 000 000" in Russian and Latvian.
func fmtCount(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	// A space becomes a no-break one: a wrapping label must not split a number.
	sep := strings.ReplaceAll(charts.ThousandsSeparator(uiLocale()), " ", "\u00a0")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(r)
	}
	return b.String()
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

// checkRow is a list row with a tick box left of a label.
type checkRow struct {
	widget.BaseWidget
	check *widget.Check
	text  *widget.Label
}

// newCheckRow returns a row with an unticked box and placeholder text,
// which sets the row's height.
func newCheckRow(placeholder string) *checkRow {
	r := &checkRow{check: widget.NewCheck("", nil), text: widget.NewLabel(placeholder)}
	r.ExtendBaseWidget(r)
	return r
}

// CreateRenderer draws the tick box and the label.
func (r *checkRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil, r.check, nil, r.text))
}
