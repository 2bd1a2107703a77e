package scan

import (
	"errors"
	"fmt"
	"image"
	"math"
)

// nominalMarksMM is the distance between the corner squares' centres
// the reader assumes before it knows the layout (A4 and Letter are both
// near it), only to pick a resolution to straighten the page at.
const nominalMarksMM = 300.0 // diagonal

// readGray is Read's work on a grey image; it fills pr and returns the
// straightened page when the page was identified.
func readGray(g *image.Gray, find Finder, pr *PageRead) *image.Gray {
	twoTop, _ := levels(g)
	bw := twoTop >= 0.985
	c, ok := findCorners(g)
	if !ok {
		pr.Problem = noCornersProblem(g)
		return nil
	}
	q := c.p
	diag := (dist(q[0], q[2]) + dist(q[1], q[3])) / 2
	pxmm0 := diag / nominalMarksMM
	// The page code, from the image reduced to about 6-8 px/mm; its
	// direction says which way up the page is.
	f := max(1, int(pxmm0/6))
	small := shrink(g, f)
	qr, found := decodeQR(small, small.Rect, false)
	if !found {
		qr, found = decodeQR(small, small.Rect, true)
	}
	qrScale := f
	if !found && f > 1 {
		qr, found = decodeQR(g, g.Rect, true)
		qrScale = 1
	}
	if !found {
		// A small or slanted picture: straighten and enlarge the page
		// first, then look again.
		qr, found = decodeStraightened(g, q, pxmm0)
		qrScale = 1
	}
	k := 0
	if found {
		k = turnsAlong(q, qr.dx, qr.dy)
	}
	if !found {
		if pxmm0 < MinPxPerMM {
			pr.Problem = fmt.Sprintf(MsgLowRes, int(math.Round(pxmm0*25.4)))
		} else {
			pr.Problem = MsgNoCode
		}
		return nil
	}
	code, err := ParseCode(qr.text)
	if errors.Is(err, ErrNotOurs) {
		pr.Problem = MsgNotOurs
		return nil
	}
	if err != nil {
		pr.Problem = MsgBadCode
		return nil
	}
	pr.Code = code
	if find == nil {
		pr.Problem = MsgOtherSurvey
		return nil
	}
	lay, err := find(code)
	if err != nil {
		pr.Problem = fmt.Sprintf(MsgBadLayout, err)
		return nil
	}
	if lay == nil {
		pr.Problem = MsgOtherSurvey
		return nil
	}
	if code.Page < 1 || code.Page > len(lay.Pages) || lay.PageW <= 0 || lay.PageH <= 0 || lay.PageW*lay.PageH > 1e6 {
		pr.Problem = MsgBadCode
		return nil
	}
	var mm, px [4]pt
	for i := 0; i < 4; i++ {
		x, y := lay.Marks[i].Center()
		mm[i] = pt{x, y}
		px[i] = q[(i+k)%4]
	}
	// The page's shape must match the layout's (a sideways reading of a
	// square-ish layout would not).
	wmm, hmm := dist(mm[0], mm[1]), dist(mm[0], mm[3])
	wpx, hpx := (dist(px[0], px[1])+dist(px[3], px[2]))/2, (dist(px[0], px[3])+dist(px[1], px[2]))/2
	if wmm <= 0 || hmm <= 0 || math.Abs(math.Log((wpx/hpx)/(wmm/hmm))) > 0.25 {
		pr.Problem = MsgNoCorners
		return nil
	}
	hm, ok := solveHomography(mm, px)
	if !ok {
		pr.Problem = MsgNoCorners
		return nil
	}
	// The code must sit where the layout printed it: otherwise the
	// squares found are not the page's corners (one off the picture, a
	// filled box taken for one).
	if inv, ok := solveHomography(px, mm); ok && qr.dx != 0 {
		x, y := inv.apply(qr.at.X*float64(qrScale), qr.at.Y*float64(qrScale))
		r := lay.Pages[code.Page-1].QR
		const slack = 4.0
		if x < r.X-slack || y < r.Y-slack || x > r.X+r.W+slack || y > r.Y+r.H+slack {
			pr.Problem = MsgNoCorners
			return nil
		}
	}
	pxmm := (wpx/wmm + hpx/hmm) / 2
	pr.PxPerMM = pxmm
	if pxmm < MinPxPerMM {
		pr.Problem = fmt.Sprintf(MsgLowRes, int(math.Round(pxmm*25.4)))
		return nil
	}
	// Straighten from an image reduced to near RectPxPerMM: each output
	// pixel then averages the ink under it (thin light lines keep it).
	src := g
	hs := hm
	if f2 := int(pxmm/RectPxPerMM + 0.25); f2 > 1 {
		src = shrink(g, f2)
		for i := range hs[:6] {
			hs[i] /= float64(f2)
		}
	}
	page := warp(src, &hs, int(math.Round(lay.PageW*RectPxPerMM)), int(math.Round(lay.PageH*RectPxPerMM)), RectPxPerMM)
	pr.Identified = true
	pr.Questions = scorePage(page, &lay.Pages[code.Page-1])
	switch {
	case bw:
		pr.Advice = AdviceGrey
	case edgeWidth(g, q, c.side)/pxmm > 0.4:
		pr.Advice = AdviceSharper
	case pxmm < 5:
		pr.Advice = AdviceLowDetail
	}
	if pr.Advice != "" {
		// Light marks vanish in black and white, blur and low
		// resolution: an empty-looking question is not sure to be empty.
		for i := range pr.Questions {
			if pr.Questions[i].State == Blank {
				pr.Questions[i].Confidence = math.Min(pr.Questions[i].Confidence, 0.5)
			}
		}
	}
	return page
}

// decodeStraightened looks for the page code on the quadrilateral of the
// corner squares q straightened and enlarged to 8 px per nominal mm; the
// code found is given in g's coordinates.
func decodeStraightened(g *image.Gray, q [4]pt, pxmm0 float64) (qrFound, bool) {
	const margin, t = 10.0, 8.0
	hs := (dist(q[0], q[1]) + dist(q[3], q[2])) / 2 / pxmm0
	vs := (dist(q[0], q[3]) + dist(q[1], q[2])) / 2 / pxmm0
	if hs <= 0 || vs <= 0 || hs > 2000 || vs > 2000 {
		return qrFound{}, false
	}
	src := [4]pt{{margin, margin}, {margin + hs, margin}, {margin + hs, margin + vs}, {margin, margin + vs}}
	h0, ok := solveHomography(src, q)
	if !ok {
		return qrFound{}, false
	}
	st := warp(g, &h0, int((hs+2*margin)*t), int((vs+2*margin)*t), t)
	qr, found := decodeQR(st, st.Rect, true)
	if !found || (qr.dx == 0 && qr.dy == 0) {
		return qrFound{}, false
	}
	ax, ay := h0.apply(qr.at.X/t, qr.at.Y/t)
	bx, by := h0.apply((qr.at.X+qr.dx)/t, (qr.at.Y+qr.dy)/t)
	qr.at, qr.dx, qr.dy = pt{ax, ay}, bx-ax, by-ay
	return qr, true
}

// turnsAlong says which side of the marks' quadrilateral q (clockwise
// from the image's top-left) the direction (dx,dy) runs along: 0 for
// q0→q1, 1 for q1→q2 and so on.
func turnsAlong(q [4]pt, dx, dy float64) int {
	best, bc := 0, -2.0
	n := math.Hypot(dx, dy)
	if n == 0 {
		return 0
	}
	for i := 0; i < 4; i++ {
		a, b := q[i], q[(i+1)%4]
		ex, ey := b.X-a.X, b.Y-a.Y
		c := (ex*dx + ey*dy) / (math.Hypot(ex, ey) * n)
		if c > bc {
			best, bc = i, c
		}
	}
	return best
}

// noCornersProblem tells a blank page, another app's code and a page
// that is just not a form apart.
func noCornersProblem(g *image.Gray) string {
	if isBlank(g) {
		return MsgBlank
	}
	f := max(1, (max(g.Rect.Dx(), g.Rect.Dy())+1999)/2000)
	if qr, ok := decodeQR(shrink(g, f), image.Rect(0, 0, g.Rect.Dx()/f, g.Rect.Dy()/f), false); ok {
		if _, err := ParseCode(qr.text); errors.Is(err, ErrNotOurs) {
			return MsgNotOurs
		}
	}
	return MsgNoCorners
}

// isBlank reports whether g has (almost) nothing printed on it.
func isBlank(g *image.Gray) bool {
	d := shrink(g, max(1, max(g.Rect.Dx(), g.Rect.Dy())/800))
	var hist [256]int
	for _, v := range d.Pix {
		hist[v]++
	}
	// The paper's level: the 90th percentile.
	n, acc, white := len(d.Pix), 0, 255
	for v := 255; v >= 0; v-- {
		acc += hist[v]
		if acc >= n/10 {
			white = v
			break
		}
	}
	dark := 0
	for v := 0; v < white-60 && v < 256; v++ {
		dark += hist[v]
	}
	return float64(dark) < 0.001*float64(n)
}

// edgeWidth measures, in pixels, how wide the step from a corner square's
// black to the paper's white is (a sharp scan: about a pixel; a blurred
// photo: many).
func edgeWidth(g *image.Gray, q [4]pt, side float64) float64 {
	var ws []float64
	for _, c := range q {
		y := int(c.Y)
		if y < 0 || y >= g.Rect.Dy() {
			continue
		}
		row := g.Pix[y*g.Stride : y*g.Stride+g.Rect.Dx()]
		x0 := int(c.X)
		x1 := int(c.X + side*1.2)
		if x0 < 0 || x1 >= len(row) {
			continue
		}
		lo, hi := 255.0, 0.0
		for _, v := range row[x0:x1] {
			lo, hi = math.Min(lo, float64(v)), math.Max(hi, float64(v))
		}
		if hi-lo < 30 {
			continue
		}
		a, b := -1, -1
		for x := x0; x < x1; x++ {
			v := float64(row[x])
			if a < 0 && v > lo+0.2*(hi-lo) {
				a = x
			}
			if v > lo+0.8*(hi-lo) {
				b = x
				break
			}
		}
		if a >= 0 && b >= a {
			ws = append(ws, float64(b-a+1))
		}
	}
	if len(ws) == 0 {
		return 0
	}
	s := 0.0
	for _, w := range ws {
		s += w
	}
	return s / float64(len(ws))
}
