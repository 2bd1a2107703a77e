package scantest

import (
	"image"
	"math"
	"math/rand/v2"

	"github.com/skip2/go-qrcode"

	"csatdesk/data/scan"
)

// canvas is a grey page being drawn at px px per mm.
type canvas struct {
	g  *image.Gray
	px float64
}

func newCanvas(wmm, hmm, px float64) *canvas {
	g := image.NewGray(image.Rect(0, 0, int(math.Round(wmm*px)), int(math.Round(hmm*px))))
	for i := range g.Pix {
		g.Pix[i] = 255
	}
	return &canvas{g: g, px: px}
}

// fill paints the rectangle (mm) at level v.
func (c *canvas) fill(r scan.Rect, v uint8) {
	x0, y0 := int(math.Round(r.X*c.px)), int(math.Round(r.Y*c.px))
	x1, y1 := int(math.Round((r.X+r.W)*c.px)), int(math.Round((r.Y+r.H)*c.px))
	b := image.Rect(x0, y0, x1, y1).Intersect(c.g.Rect)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		row := c.g.Pix[y*c.g.Stride:]
		for x := b.Min.X; x < b.Max.X; x++ {
			row[x] = min(row[x], v)
		}
	}
}

// outline draws the edge of r with a line w mm wide.
func (c *canvas) outline(r scan.Rect, w float64, v uint8) {
	c.fill(scan.Rect{X: r.X - w/2, Y: r.Y - w/2, W: r.W + w, H: w}, v)
	c.fill(scan.Rect{X: r.X - w/2, Y: r.Y + r.H - w/2, W: r.W + w, H: w}, v)
	c.fill(scan.Rect{X: r.X - w/2, Y: r.Y - w/2, W: w, H: r.H + w}, v)
	c.fill(scan.Rect{X: r.X + r.W - w/2, Y: r.Y - w/2, W: w, H: r.H + w}, v)
}

// stroke draws a segment (mm) w mm wide at ink level v; grain (0..1)
// makes it patchy like pencil.
func (c *canvas) stroke(ax, ay, bx, by, w float64, v uint8, grain float64, rng *rand.Rand) {
	ax, ay, bx, by = ax*c.px, ay*c.px, bx*c.px, by*c.px
	hw := w * c.px / 2
	x0, x1 := int(math.Floor(math.Min(ax, bx)-hw-1)), int(math.Ceil(math.Max(ax, bx)+hw+1))
	y0, y1 := int(math.Floor(math.Min(ay, by)-hw-1)), int(math.Ceil(math.Max(ay, by)+hw+1))
	b := image.Rect(x0, y0, x1, y1).Intersect(c.g.Rect)
	dx, dy := bx-ax, by-ay
	l2 := dx*dx + dy*dy
	for y := b.Min.Y; y < b.Max.Y; y++ {
		row := c.g.Pix[y*c.g.Stride:]
		for x := b.Min.X; x < b.Max.X; x++ {
			px, py := float64(x)+0.5, float64(y)+0.5
			t := 0.0
			if l2 > 0 {
				t = math.Max(0, math.Min(1, ((px-ax)*dx+(py-ay)*dy)/l2))
			}
			d := math.Hypot(px-(ax+t*dx), py-(ay+t*dy))
			cov := math.Max(0, math.Min(1, hw-d+0.5))
			if cov == 0 {
				continue
			}
			if grain > 0 {
				cov *= 1 - grain*rng.Float64()
			}
			nv := float64(row[x])*(1-cov) + float64(v)*cov
			row[x] = min(row[x], uint8(nv))
		}
	}
}

// textBar draws a line of "text": words of dark bars.
func (c *canvas) textBar(x, y, w, h float64, rng *rand.Rand) {
	for x < w {
		ww := 2 + rng.Float64()*9
		if x+ww > w {
			ww = w - x
		}
		c.fill(scan.Rect{X: x, Y: y + h*0.15*rng.Float64(), W: ww, H: h * (0.75 + 0.25*rng.Float64())}, uint8(30+rng.IntN(40)))
		x += ww + 1.2 + rng.Float64()
	}
}

// drawForm draws page pi of layout l with the given page code: corner
// squares, QR, title and question text, boxes with their labels, the
// comment space.
func drawForm(c *canvas, l *scan.Layout, pi int, code string, rng *rand.Rand) {
	for _, m := range l.Marks {
		c.fill(m, 0)
	}
	pg := &l.Pages[pi]
	if q, err := qrcode.New(code, qrcode.Medium); err == nil {
		q.DisableBorder = true
		bm := q.Bitmap()
		n := float64(len(bm))
		for y, row := range bm {
			for x, on := range row {
				if on {
					c.fill(scan.Rect{X: pg.QR.X + float64(x)*pg.QR.W/n, Y: pg.QR.Y + float64(y)*pg.QR.H/n, W: pg.QR.W/n + 0.01, H: pg.QR.H/n + 0.01}, 0)
				}
			}
		}
	}
	c.textBar(18, 16, 120, 5, rng)
	c.textBar(18, 26, 90, 3, rng)
	c.textBar(18, 36, 70, 2.5, rng) // "Use a pen. Cross one box."
	for _, q := range pg.Questions {
		if len(q.Boxes) == 0 {
			continue
		}
		c.textBar(q.Row.X+2, q.Row.Y+2.5, q.Boxes[0].R.X-8, 2.8, rng)
		for _, b := range q.Boxes {
			c.outline(b.R, 0.35, 20)
			// The label under the box: a digit, a face, a word.
			cx, _ := b.R.Center()
			if len(q.Boxes) == 5 {
				r := 1.6
				for a := 0.0; a < 2*math.Pi; a += math.Pi / 10 {
					c.stroke(cx+r*math.Cos(a), b.R.Y+b.R.H+3.2+r*math.Sin(a), cx+r*math.Cos(a+math.Pi/10), b.R.Y+b.R.H+3.2+r*math.Sin(a+math.Pi/10), 0.25, 40, 0, rng)
				}
			} else {
				c.fill(scan.Rect{X: cx - 1, Y: b.R.Y + b.R.H + 1.5, W: 2, H: 2.4}, 50)
			}
		}
	}
	if pg.Comment.W > 0 {
		c.textBar(pg.Comment.X, pg.Comment.Y, 60, 2.5, rng)
		for y := pg.Comment.Y + 7; y < pg.Comment.Y+pg.Comment.H; y += 6 {
			c.fill(scan.Rect{X: pg.Comment.X, Y: y, W: pg.Comment.W, H: 0.2}, 120)
		}
	}
}

// Mark kinds a respondent makes.
const (
	Cross     = "cross"
	Tick      = "tick"
	Fill      = "fill"
	Pencil    = "pencil"
	OffCentre = "off-centre"
	Small     = "small-cross"
)

// drawMark draws a mark of kind k in box r (mm).
func drawMark(c *canvas, r scan.Rect, k string, rng *rand.Rand) {
	cx, cy := r.Center()
	j := func(s float64) float64 { return (rng.Float64()*2 - 1) * s }
	pen := 0.4 + rng.Float64()*0.25
	ink := uint8(10 + rng.IntN(50))
	switch k {
	case OffCentre:
		cx += j(1.8)
		cy += j(1.8)
		fallthrough
	case Cross:
		s := r.W * (0.38 + rng.Float64()*0.2)
		c.stroke(cx-s+j(0.4), cy-s+j(0.4), cx+s+j(0.4), cy+s+j(0.4), pen, ink, 0, rng)
		c.stroke(cx+s+j(0.4), cy-s+j(0.4), cx-s+j(0.4), cy+s+j(0.4), pen, ink, 0, rng)
	case Small:
		s := r.W * 0.22
		c.stroke(cx-s, cy-s, cx+s, cy+s, pen, ink, 0, rng)
		c.stroke(cx+s, cy-s, cx-s, cy+s, pen, ink, 0, rng)
	case Tick:
		s := r.W * (0.4 + rng.Float64()*0.15)
		mx, my := cx-s*0.2+j(0.3), cy+s*0.7+j(0.3)
		c.stroke(cx-s*0.8, cy, mx, my, pen, ink, 0, rng)
		c.stroke(mx, my, cx+s*1.1, cy-s*1.2, pen, ink, 0, rng)
	case Fill:
		for y := r.Y + 0.6; y < r.Y+r.H-0.5; y += 0.5 + rng.Float64()*0.3 {
			c.stroke(r.X+0.5+j(0.3), y, r.X+r.W-0.5+j(0.3), y+j(0.4), pen, ink, 0, rng)
		}
	case Pencil:
		s := r.W * (0.4 + rng.Float64()*0.15)
		lv := uint8(130 + rng.IntN(45))
		w := 0.3 + rng.Float64()*0.15
		c.stroke(cx-s+j(0.4), cy-s+j(0.4), cx+s+j(0.4), cy+s+j(0.4), w, lv, 0.5, rng)
		c.stroke(cx+s+j(0.4), cy-s+j(0.4), cx-s+j(0.4), cy+s+j(0.4), w, lv, 0.5, rng)
	}
}

// drawSpeck leaves a small dot (dust, a pen's touch) in box r.
func drawSpeck(c *canvas, r scan.Rect, rng *rand.Rand) {
	x := r.X + 1.2 + rng.Float64()*(r.W-2.4)
	y := r.Y + 1.2 + rng.Float64()*(r.H-2.4)
	d := 0.25 + rng.Float64()*0.35
	c.stroke(x, y, x+rng.Float64()*0.2, y+rng.Float64()*0.2, d, uint8(20+rng.IntN(60)), 0, rng)
}
