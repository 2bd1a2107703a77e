package app

import (
	"image"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"csatdesk/charts"
)

// chartView shows a chart drawn for its own size: it takes the space the
// dashboard gives it, asks for a new drawing when that changes (resized),
// and tells about the point under the pointer (hover or tap) from the
// chart's point map (charts.Map, pure and tested in package charts).
type chartView struct {
	widget.BaseWidget

	img     *canvas.Image
	spots   charts.Map
	tip     *fyne.Container // the tooltip: a card with tipText
	tipText *widget.Label
	tipBg   *canvas.Rectangle
	ring    *canvas.Circle // around the point the tooltip tells about
	shown   int            // index of the spot the tooltip tells about; -1: none

	// resized is called when the view's size changes (the panel debounces
	// it and draws the chart anew at that size).
	resized func(fyne.Size)
	last    fyne.Size
}

var (
	_ desktop.Hoverable = (*chartView)(nil)
	_ fyne.Tappable     = (*chartView)(nil)
)

// chartMinSize is the least room the chart takes; below it the dashboard
// scrolls.
var chartMinSize = fyne.NewSize(480, 260)

func newChartView(resized func(fyne.Size)) *chartView {
	v := &chartView{resized: resized, shown: -1}
	v.img = canvas.NewImageFromImage(nil)
	v.img.FillMode = canvas.ImageFillContain
	v.img.ScaleMode = canvas.ImageScaleSmooth
	v.tipText = widget.NewLabel("")
	v.tipBg = canvas.NewRectangle(nil)
	styleCard(v.tipBg)
	v.tip = container.NewStack(v.tipBg, v.tipText)
	v.tip.Hide()
	v.ring = canvas.NewCircle(nil)
	v.ring.StrokeWidth = 2
	v.ring.Hide()
	v.ExtendBaseWidget(v)
	return v
}

// set shows img with its point map; nil clears the view.
func (v *chartView) set(img image.Image, m charts.Map) {
	v.img.Image = img
	v.spots = m
	v.hideTip()
	styleCard(v.tipBg) // the theme may have changed
	v.img.Refresh()
}

// Resize lays the view out and asks for a drawing at the new size.
func (v *chartView) Resize(s fyne.Size) {
	v.BaseWidget.Resize(s)
	if s != v.last && s.Width > 0 && s.Height > 0 {
		v.last = s
		v.hideTip() // its point moved
		if v.resized != nil {
			v.resized(s)
		}
	}
}

// MinSize is chartMinSize.
func (v *chartView) MinSize() fyne.Size { return chartMinSize }

// imageRect is where the image is drawn inside the view (it keeps its
// aspect), in view units, and how many image pixels one unit holds.
func (v *chartView) imageRect() (pos fyne.Position, size fyne.Size, pxPerUnit float32) {
	if v.img.Image == nil {
		return fyne.Position{}, fyne.Size{}, 0
	}
	b := v.img.Image.Bounds()
	s := v.Size()
	if b.Dx() == 0 || b.Dy() == 0 || s.Width <= 0 || s.Height <= 0 {
		return fyne.Position{}, fyne.Size{}, 0
	}
	k := min(s.Width/float32(b.Dx()), s.Height/float32(b.Dy()))
	size = fyne.NewSize(float32(b.Dx())*k, float32(b.Dy())*k)
	pos = fyne.NewPos((s.Width-size.Width)/2, (s.Height-size.Height)/2)
	return pos, size, 1 / k
}

// spotAt returns the point under p (view units).
func (v *chartView) spotAt(p fyne.Position) (charts.Spot, bool) {
	pos, _, px := v.imageRect()
	if px == 0 || len(v.spots) == 0 {
		return charts.Spot{}, false
	}
	return v.spots.Hit(int((p.X-pos.X)*px), int((p.Y-pos.Y)*px))
}

// showTipAt shows the tooltip of the point under p, or hides it.
func (v *chartView) showTipAt(p fyne.Position) {
	s, ok := v.spotAt(p)
	if !ok {
		v.hideTip()
		return
	}
	if v.shown == s.Index && v.tip.Visible() {
		return
	}
	v.shown = s.Index
	v.tipText.SetText(spotText(s))
	v.tip.Show()
	v.placeTip(s)
}

// placeTip puts the tooltip beside its point, inside the view.
func (v *chartView) placeTip(s charts.Spot) {
	pos, _, px := v.imageRect()
	if px == 0 {
		return
	}
	at := fyne.NewPos(pos.X+float32(s.At.X)/px, pos.Y+float32(s.At.Y)/px)
	r := theme.Padding() * 1.5
	v.ring.StrokeColor = theme.Color(theme.ColorNameForeground)
	v.ring.Resize(fyne.NewSize(2*r, 2*r))
	v.ring.Move(at.SubtractXY(r, r))
	v.ring.Show()
	v.ring.Refresh()
	size := v.tip.MinSize()
	v.tip.Resize(size)
	gap := theme.Padding() * 2
	x := at.X + gap
	if x+size.Width > v.Size().Width {
		x = at.X - gap - size.Width
	}
	y := at.Y - size.Height - gap
	if y < 0 {
		y = at.Y + gap
	}
	x = max(0, min(x, v.Size().Width-size.Width))
	y = max(0, min(y, v.Size().Height-size.Height))
	v.tip.Move(fyne.NewPos(x, y))
}

func (v *chartView) hideTip() {
	v.shown = -1
	if v.tip.Visible() {
		v.tip.Hide()
		v.ring.Hide()
	}
}

// spotText is what the tooltip says of a point.
func spotText(s charts.Spot) string {
	if sc := s.Scale; sc != nil {
		v := fmtNumber(s.Value, sc.Decimals)
		if sc.Signed {
			v = fmtSigned(s.Value, 0)
		}
		return s.Label + "\n" +
			lang.L("{{.Value}}, 95 % range {{.Low}} to {{.High}}", map[string]any{
				"Value": v, "Low": fmtNumber(s.Low, max(sc.Decimals, 1)), "High": fmtNumber(s.High, max(sc.Decimals, 1))}) + "\n" +
			lang.L("n = {{.N}}", map[string]any{"N": s.N}) + partialText(s)
	}
	return s.Label + "\n" +
		lang.L("CSAT {{.Value}} %, 95 % range {{.Low}}–{{.High}}", map[string]any{
			"Value": fmtNumber(s.Value, 1), "Low": fmtNumber(s.Low, 1), "High": fmtNumber(s.High, 1)}) + "\n" +
		lang.L("n = {{.N}}", map[string]any{"N": s.N}) + partialText(s)
}

// partialText says that a point holds only part of its period.
func partialText(s charts.Spot) string {
	if !s.Partial {
		return ""
	}
	return "\n" + lang.L("partial period: the dates cover only part of it")
}

// MouseIn shows the tooltip of the point under the pointer.
func (v *chartView) MouseIn(e *desktop.MouseEvent) { v.showTipAt(e.Position) }

// MouseMoved follows the pointer from point to point.
func (v *chartView) MouseMoved(e *desktop.MouseEvent) { v.showTipAt(e.Position) }

// MouseOut hides the tooltip.
func (v *chartView) MouseOut() { v.hideTip() }

// Tapped shows the tooltip of the tapped point (touch screens, or a click
// to keep it), or hides it.
func (v *chartView) Tapped(e *fyne.PointEvent) { v.showTipAt(e.Position) }

// CreateRenderer draws the image with the tooltip over it.
func (v *chartView) CreateRenderer() fyne.WidgetRenderer {
	return &chartViewRenderer{v: v}
}

type chartViewRenderer struct{ v *chartView }

func (r *chartViewRenderer) Layout(s fyne.Size) {
	r.v.img.Resize(s)
	r.v.img.Move(fyne.Position{})
}

func (r *chartViewRenderer) MinSize() fyne.Size { return chartMinSize }

func (r *chartViewRenderer) Refresh() {
	r.v.img.Refresh()
	r.v.tip.Refresh()
}

func (r *chartViewRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.v.img, r.v.ring, r.v.tip}
}

func (r *chartViewRenderer) Destroy() {}

// styleCard gives a card's background the theme's overlay colour, a thin
// border and rounded corners.
func styleCard(bg *canvas.Rectangle) {
	bg.FillColor = theme.Color(theme.ColorNameOverlayBackground)
	bg.StrokeColor = theme.Color(theme.ColorNameSeparator)
	bg.StrokeWidth = 1
	bg.CornerRadius = theme.Size(theme.SizeNameInputRadius)
	bg.Refresh()
}
