package scan

import (
	"image"
	"math"
	"sort"
)

// detectLong is the long side of the reduced image the corner squares
// are looked for in.
const detectLong = 1400

// blob is one connected dark region of the reduced image.
type blob struct {
	area                   int
	minX, minY, maxX, maxY int
	sx, sy                 float64
}

func (b *blob) w() int { return b.maxX - b.minX + 1 }
func (b *blob) h() int { return b.maxY - b.minY + 1 }

// center returns the blob's centroid.
func (b *blob) center() pt { return pt{b.sx / float64(b.area), b.sy / float64(b.area)} }

// darkMask thresholds g against its local mean (a window of about a
// tenth of the image): uneven light and shadows do not matter.
func darkMask(g *image.Gray) []bool {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	in := make([]uint32, (w+1)*(h+1))
	for y := 0; y < h; y++ {
		var s uint32
		row := g.Pix[y*g.Stride:]
		for x := 0; x < w; x++ {
			s += uint32(row[x])
			in[(y+1)*(w+1)+x+1] = in[y*(w+1)+x+1] + s
		}
	}
	r := max(w, h) / 14
	if r < 4 {
		r = 4
	}
	mask := make([]bool, w*h)
	for y := 0; y < h; y++ {
		y0, y1 := max(y-r, 0), min(y+r+1, h)
		for x := 0; x < w; x++ {
			x0, x1 := max(x-r, 0), min(x+r+1, w)
			sum := in[y1*(w+1)+x1] - in[y0*(w+1)+x1] - in[y1*(w+1)+x0] + in[y0*(w+1)+x0]
			mean := float64(sum) / float64((x1-x0)*(y1-y0))
			v := float64(g.Pix[y*g.Stride+x])
			mask[y*w+x] = v < mean*0.72 && v < mean-18
		}
	}
	return mask
}

// blobs labels the 4-connected regions of mask.
func blobs(mask []bool, w, h int) []blob {
	lab := make([]int32, w*h)
	var out []blob
	stack := make([]int32, 0, 1024)
	for i, d := range mask {
		if !d || lab[i] != 0 {
			continue
		}
		out = append(out, blob{minX: w, minY: h, maxX: -1, maxY: -1})
		id := int32(len(out))
		b := &out[id-1]
		lab[i] = id
		stack = append(stack[:0], int32(i))
		for len(stack) > 0 {
			p := int(stack[len(stack)-1])
			stack = stack[:len(stack)-1]
			x, y := p%w, p/w
			b.area++
			b.sx += float64(x) + 0.5
			b.sy += float64(y) + 0.5
			b.minX, b.maxX = min(b.minX, x), max(b.maxX, x)
			b.minY, b.maxY = min(b.minY, y), max(b.maxY, y)
			if x > 0 && mask[p-1] && lab[p-1] == 0 {
				lab[p-1] = id
				stack = append(stack, int32(p-1))
			}
			if x+1 < w && mask[p+1] && lab[p+1] == 0 {
				lab[p+1] = id
				stack = append(stack, int32(p+1))
			}
			if y > 0 && mask[p-w] && lab[p-w] == 0 {
				lab[p-w] = id
				stack = append(stack, int32(p-w))
			}
			if y+1 < h && mask[p+w] && lab[p+w] == 0 {
				lab[p+w] = id
				stack = append(stack, int32(p+w))
			}
		}
	}
	return out
}

// squareCandidates keeps the blobs that look like solid squares.
func squareCandidates(bs []blob, w, h int) []blob {
	minSide := max(5, max(w, h)/250)
	var out []blob
	for _, b := range bs {
		bw, bh := b.w(), b.h()
		if bw < minSide || bh < minSide || bw > w/6 || bh > h/6 {
			continue
		}
		if float64(max(bw, bh)) > 1.6*float64(min(bw, bh)) {
			continue
		}
		if float64(b.area) < 0.6*float64(bw*bh) {
			continue
		}
		// Not touching the image border: a cut-off square would pull the
		// page out of shape.
		if b.minX == 0 || b.minY == 0 || b.maxX == w-1 || b.maxY == h-1 {
			continue
		}
		out = append(out, b)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].area > out[j].area })
	if len(out) > 18 {
		out = out[:18]
	}
	return out
}

// orderClockwise returns the four points clockwise (in image
// coordinates, y down) starting with the one nearest the image's
// top-left.
func orderClockwise(p [4]pt) [4]pt {
	cx := (p[0].X + p[1].X + p[2].X + p[3].X) / 4
	cy := (p[0].Y + p[1].Y + p[2].Y + p[3].Y) / 4
	idx := []int{0, 1, 2, 3}
	sort.Slice(idx, func(i, j int) bool {
		return math.Atan2(p[idx[i]].Y-cy, p[idx[i]].X-cx) < math.Atan2(p[idx[j]].Y-cy, p[idx[j]].X-cx)
	})
	// atan2 with y down grows clockwise on screen: start at the top-left.
	best, bd := 0, math.Inf(1)
	for k, i := range idx {
		d := p[i].X + p[i].Y
		if d < bd {
			best, bd = k, d
		}
	}
	var out [4]pt
	for k := 0; k < 4; k++ {
		out[k] = p[idx[(best+k)%4]]
	}
	return out
}

func dist(a, b pt) float64 { return math.Hypot(a.X-b.X, a.Y-b.Y) }

// quadScore rates four square blobs as the corners of a page: 0 when
// they cannot be (not convex, corners far from right angles, squares of
// very different sizes, an aspect no paper has).
func quadScore(q [4]pt, areas [4]int) float64 {
	amin, amax := areas[0], areas[0]
	for _, a := range areas[1:] {
		amin, amax = min(amin, a), max(amax, a)
	}
	if float64(amin) < 0.25*float64(amax) {
		return 0
	}
	// Convex, with corners between 60° and 120°.
	for i := 0; i < 4; i++ {
		a, b, c := q[(i+3)%4], q[i], q[(i+1)%4]
		v1x, v1y := a.X-b.X, a.Y-b.Y
		v2x, v2y := c.X-b.X, c.Y-b.Y
		cross := v1x*v2y - v1y*v2x
		if cross >= 0 {
			return 0
		}
		cos := (v1x*v2x + v1y*v2y) / (math.Hypot(v1x, v1y) * math.Hypot(v2x, v2y))
		if math.Abs(cos) > 0.5 {
			return 0
		}
	}
	top, right, bottom, left := dist(q[0], q[1]), dist(q[1], q[2]), dist(q[2], q[3]), dist(q[3], q[0])
	if min(top, bottom) < 0.6*max(top, bottom) || min(left, right) < 0.6*max(left, right) {
		return 0
	}
	hs, vs := (top+bottom)/2, (left+right)/2
	asp := max(hs, vs) / min(hs, vs)
	if asp < 1.1 || asp > 1.8 {
		return 0
	}
	// The squares must be small beside the page.
	side := math.Sqrt(float64(amax))
	if side > min(hs, vs)/6 {
		return 0
	}
	return hs * vs * math.Sqrt(float64(amin)/float64(amax))
}

// corners is what findCorners found: the four squares' centres in the
// full image, clockwise from the image's top-left, and their mean side.
type corners struct {
	p    [4]pt
	side float64
}

// findCorners looks for the four corner squares in g.
func findCorners(g *image.Gray) (corners, bool) {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	f := max(1, (max(w, h)+detectLong-1)/detectLong)
	d := shrink(g, f)
	dw, dh := d.Rect.Dx(), d.Rect.Dy()
	cands := squareCandidates(blobs(darkMask(d), dw, dh), dw, dh)
	if len(cands) < 4 {
		return corners{}, false
	}
	best := 0.0
	var bi [4]int
	n := len(cands)
	for a := 0; a < n; a++ {
		for b := a + 1; b < n; b++ {
			for c := b + 1; c < n; c++ {
				for e := c + 1; e < n; e++ {
					ids := [4]int{a, b, c, e}
					var ps [4]pt
					for k, i := range ids {
						ps[k] = cands[i].center()
					}
					q := orderClockwise(ps)
					var areas [4]int
					for k := range q {
						for _, i := range ids {
							if cands[i].center() == q[k] {
								areas[k] = cands[i].area
							}
						}
					}
					if s := quadScore(q, areas); s > best {
						best, bi = s, ids
					}
				}
			}
		}
	}
	if best == 0 {
		return corners{}, false
	}
	var ps [4]pt
	side := 0.0
	for k, i := range bi {
		c := refineSquare(g, &cands[i], f)
		ps[k] = c
		side += math.Sqrt(float64(cands[i].area)) * float64(f) / 4
	}
	return corners{p: orderClockwise(ps), side: side}, true
}

// refineSquare returns the centroid of a corner square in the full image,
// weighting each pixel by how much darker than the local mid-grey it is.
func refineSquare(g *image.Gray, b *blob, f int) pt {
	pad := max(b.w(), b.h()) * f / 3
	x0, y0 := max(b.minX*f-pad, 0), max(b.minY*f-pad, 0)
	x1, y1 := min((b.maxX+1)*f+pad, g.Rect.Dx()), min((b.maxY+1)*f+pad, g.Rect.Dy())
	lo, hi := 255, 0
	for y := y0; y < y1; y++ {
		for _, v := range g.Pix[y*g.Stride+x0 : y*g.Stride+x1] {
			lo, hi = min(lo, int(v)), max(hi, int(v))
		}
	}
	thr := float64(lo+hi) / 2
	var sw, sx, sy float64
	for y := y0; y < y1; y++ {
		row := g.Pix[y*g.Stride:]
		for x := x0; x < x1; x++ {
			d := thr - float64(row[x])
			if d <= 0 {
				continue
			}
			// Saturate so noise in the black does not shift the centre.
			wgt := math.Min(d/(thr-float64(lo)+1)*2, 1)
			sw += wgt
			sx += wgt * (float64(x) + 0.5)
			sy += wgt * (float64(y) + 0.5)
		}
	}
	if sw == 0 {
		c := b.center()
		return pt{c.X * float64(f), c.Y * float64(f)}
	}
	return pt{sx / sw, sy / sw}
}
