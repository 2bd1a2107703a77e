package app

import (
	"image/color"
	"math"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The kiosk's big answer buttons.
//
// Fyne's stock buttons draw text (and emoji) at the theme's text size, far
// too small to tap from a step away; kioskFace draws a whole tile with
// canvas primitives instead: a rounded tile, and on a five-point (or
// smaller) satisfaction scale a face — a coloured disc, two eyes and a
// mouth of short line segments curved from a frown to a smile — or, on
// longer scales (0–10), the number itself, large; the scale point's label
// goes underneath.

// kioskFace is one big tappable answer.
type kioskFace struct {
	widget.BaseWidget
	value    int
	pos      float64 // 0 (worst) … 1 (best)
	label    string
	drawFace bool
	onTap    func(int)
}

// newKioskFace returns the tile of answer value at position pos on its
// scale.
func newKioskFace(value int, pos float64, label string, drawFace bool, onTap func(int)) *kioskFace {
	f := &kioskFace{value: value, pos: pos, label: label, drawFace: drawFace, onTap: onTap}
	f.ExtendBaseWidget(f)
	return f
}

// Tapped answers value.
func (f *kioskFace) Tapped(*fyne.PointEvent) {
	if f.onTap != nil {
		f.onTap(f.value)
	}
}

// scaleColor runs from red through amber to green.
func scaleColor(pos float64) color.NRGBA {
	stops := []color.NRGBA{{0xd3, 0x2f, 0x2f, 0xff}, {0xf5, 0x7c, 0x00, 0xff}, {0xfb, 0xc0, 0x2d, 0xff}, {0x7c, 0xb3, 0x42, 0xff}, {0x2e, 0x7d, 0x32, 0xff}}
	x := pos * float64(len(stops)-1)
	i := min(int(x), len(stops)-2)
	t := x - float64(i)
	mix := func(a, b uint8) uint8 { return uint8(float64(a) + (float64(b)-float64(a))*t) }
	a, b := stops[i], stops[i+1]
	return color.NRGBA{mix(a.R, b.R), mix(a.G, b.G), mix(a.B, b.B), 0xff}
}

const mouthSegments = 10

// CreateRenderer draws the tile.
func (f *kioskFace) CreateRenderer() fyne.WidgetRenderer {
	c := scaleColor(f.pos)
	r := &kioskFaceRenderer{f: f}
	r.tile = canvas.NewRectangle(color.NRGBA{c.R, c.G, c.B, 0x28})
	r.tile.StrokeColor = c
	r.tile.StrokeWidth = 3
	r.tile.CornerRadius = 18
	r.text = canvas.NewText(f.label, theme0Foreground())
	r.text.Alignment = fyne.TextAlignCenter
	r.objs = []fyne.CanvasObject{r.tile}
	if f.drawFace {
		r.disc = canvas.NewCircle(c)
		dark := color.NRGBA{0x21, 0x21, 0x21, 0xff}
		r.eyes = [2]*canvas.Circle{canvas.NewCircle(dark), canvas.NewCircle(dark)}
		r.objs = append(r.objs, r.disc, r.eyes[0], r.eyes[1])
		for i := range r.mouth {
			l := canvas.NewLine(dark)
			r.mouth[i] = l
			r.objs = append(r.objs, l)
		}
	} else {
		r.num = canvas.NewText(strconv.Itoa(f.value), c)
		r.num.TextStyle = fyne.TextStyle{Bold: true}
		r.num.Alignment = fyne.TextAlignCenter
		r.objs = append(r.objs, r.num)
	}
	r.objs = append(r.objs, r.text)
	return r
}

type kioskFaceRenderer struct {
	f     *kioskFace
	tile  *canvas.Rectangle
	disc  *canvas.Circle
	eyes  [2]*canvas.Circle
	mouth [mouthSegments]*canvas.Line
	num   *canvas.Text
	text  *canvas.Text
	objs  []fyne.CanvasObject
}

func (r *kioskFaceRenderer) Layout(size fyne.Size) {
	r.tile.Move(fyne.NewPos(2, 2))
	r.tile.Resize(fyne.NewSize(size.Width-4, size.Height-4))
	// The label as large as fits the tile, 26 at most, 12 at least.
	labelSize := float32(26)
	for labelSize > 12 && fyne.MeasureText(r.f.label, labelSize, r.text.TextStyle).Width > size.Width-20 {
		labelSize--
	}
	r.text.TextSize = labelSize
	labelH := r.text.MinSize().Height
	if r.f.label == "" {
		labelH = 0
	}
	avail := fyne.NewSize(size.Width-24, size.Height-labelH-32)
	d := float32(math.Min(float64(avail.Width), float64(avail.Height)))
	cx, cy := size.Width/2, 12+avail.Height/2+4
	if r.disc != nil {
		r.disc.Move(fyne.NewPos(cx-d/2, cy-d/2))
		r.disc.Resize(fyne.NewSize(d, d))
		e := d / 9
		for i, sx := range []float32{-1, 1} {
			r.eyes[i].Move(fyne.NewPos(cx+sx*d/6-e/2, cy-d/6-e/2))
			r.eyes[i].Resize(fyne.NewSize(e, e))
		}
		// The mouth: a parabola from a frown (pos 0) to a smile (pos 1).
		w := d / 3.2
		curve := float32((r.f.pos*2 - 1)) * d / 7
		my := cy + d/5
		pt := func(i int) fyne.Position {
			x := -1 + 2*float32(i)/mouthSegments
			return fyne.NewPos(cx+x*w, my+curve*(1-x*x)-curve/2)
		}
		for i, l := range r.mouth {
			l.StrokeWidth = float32(math.Max(3, float64(d)/22))
			l.Position1, l.Position2 = pt(i), pt(i+1)
		}
	} else {
		r.num.TextSize = d * 0.7
		h := r.num.MinSize().Height
		r.num.Move(fyne.NewPos(0, cy-h/2))
		r.num.Resize(fyne.NewSize(size.Width, h))
	}
	r.text.Move(fyne.NewPos(4, size.Height-labelH-12))
	r.text.Resize(fyne.NewSize(size.Width-8, labelH))
}

func (r *kioskFaceRenderer) MinSize() fyne.Size { return fyne.NewSize(80, 110) }

func (r *kioskFaceRenderer) Refresh() {
	r.text.Color = theme0Foreground()
	r.Layout(r.f.Size())
	canvas.Refresh(r.f)
}

func (r *kioskFaceRenderer) Objects() []fyne.CanvasObject { return r.objs }
func (r *kioskFaceRenderer) Destroy()                     {}

// theme0Foreground is the current theme's text colour.
func theme0Foreground() color.Color { return theme.Color(theme.ColorNameForeground) }
