package scan

import (
	"image"
	"math"
	"sort"
)

// The thresholds of box scoring, on the ink score (0 = white, 1 = fully
// inked interior).
const (
	// markedScore: a box at or above it is marked.
	markedScore = 0.07
	// faintScore: below it a box is empty; between the two, faint.
	faintScore = 0.025
	// faintLevel: a pixel this much darker may be a light pencil line; a
	// question whose boxes have spots of it is not taken as blank.
	faintLevel = 0.08
	// faintBlank: the faint score above which a box is not empty.
	faintBlank = 0.04
	// inkLevel: a pixel this much darker than the local paper (as a share
	// of the paper's level) is ink.
	inkLevel = 0.16
	// fullInk: a pixel this much darker counts fully.
	fullInk = 0.45
	// speckMM: an ink spot whose extent stays under this is a speck
	// (dust, a pen's touch), not a mark.
	speckMM = 1.1
	// searchMM: how far from its printed place a question's boxes are
	// looked for (print scale, paper feed, lens).
	searchMM = 1.6
)

// scorePage reads every question of a page from the straightened image.
func scorePage(page *image.Gray, pl *PageLayout) []QuestionRead {
	out := make([]QuestionRead, 0, len(pl.Questions))
	for i := range pl.Questions {
		qb := &pl.Questions[i]
		if len(qb.Boxes) == 0 {
			continue
		}
		out = append(out, scoreQuestion(page, qb))
	}
	return out
}

// scoreQuestion finds the question's boxes near their printed place and
// classifies the ink in them.
func scoreQuestion(page *image.Gray, qb *QuestionBoxes) QuestionRead {
	qr := QuestionRead{QuestionID: qb.QuestionID, Value: NoAnswer, Scores: make([]float64, len(qb.Boxes))}
	s := float64(RectPxPerMM)
	rects := make([]image.Rectangle, len(qb.Boxes))
	for i, b := range qb.Boxes {
		rects[i] = image.Rect(int(math.Round(b.R.X*s)), int(math.Round(b.R.Y*s)),
			int(math.Round((b.R.X+b.R.W)*s)), int(math.Round((b.R.Y+b.R.H)*s)))
		if rects[i].Dx() < 6 || rects[i].Dy() < 6 || !rects[i].In(page.Rect.Inset(-int(searchMM*s))) {
			qr.State = Unread
			return qr
		}
	}
	// Each box's outline on its own, then a robust line through the
	// shifts along the row (a lens bends rows; a crossed-out box's own
	// search may be fooled by its ink), then each box near the line.
	r := int(math.Round(searchMM * s))
	xs := make([]float64, len(rects))
	sx := make([]float64, len(rects))
	sy := make([]float64, len(rects))
	for i, b := range rects {
		dx, dy := findOutlines(page, []image.Rectangle{b}, r)
		xs[i], sx[i], sy[i] = float64(b.Min.X), float64(dx), float64(dy)
	}
	fx, fy := robustLine(xs, sx), robustLine(xs, sy)
	faint := make([]float64, len(rects))
	for i := range rects {
		b := rects[i].Add(image.Pt(int(math.Round(fx(xs[i]))), int(math.Round(fy(xs[i])))))
		bx, by := findOutlines(page, []image.Rectangle{b}, 2)
		qr.Scores[i], faint[i] = boxInk(page, b.Add(image.Pt(bx, by)))
	}
	classify(&qr, faint)
	if qr.Value >= 0 {
		qr.Value = qb.Boxes[qr.Value].Value
	}
	return qr
}

// robustLine fits y = a + b·x through the points, little moved by a
// few wild ones (Theil–Sen: the median of the pairwise slopes); with
// fewer than four points it is the median y, flat.
func robustLine(xs, ys []float64) func(float64) float64 {
	med := func(v []float64) float64 {
		w := append([]float64(nil), v...)
		sort.Float64s(w)
		n := len(w)
		if n%2 == 1 {
			return w[n/2]
		}
		return (w[n/2-1] + w[n/2]) / 2
	}
	if len(xs) < 4 {
		m := med(ys)
		return func(float64) float64 { return m }
	}
	var slopes []float64
	for i := range xs {
		for j := i + 1; j < len(xs); j++ {
			if xs[j] != xs[i] {
				slopes = append(slopes, (ys[j]-ys[i])/(xs[j]-xs[i]))
			}
		}
	}
	b := med(slopes)
	res := make([]float64, len(xs))
	for i := range xs {
		res[i] = ys[i] - b*xs[i]
	}
	a := med(res)
	return func(x float64) float64 { return a + b*x }
}

// classify sets the question's state and confidence from its box
// scores, and Value to the index of the strongest box (NoAnswer when
// blank).
func classify(qr *QuestionRead, faint []float64) {
	idx := make([]int, len(qr.Scores))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return qr.Scores[idx[a]] > qr.Scores[idx[b]] })
	s1 := qr.Scores[idx[0]]
	s2 := 0.0
	if len(idx) > 1 {
		s2 = qr.Scores[idx[1]]
	}
	clamp := func(v float64) float64 { return math.Max(0, math.Min(1, v)) }
	switch {
	case s1 < faintScore:
		qr.State = Blank
		qr.Value = NoAnswer
		qr.Confidence = clamp(1 - s1/faintScore*0.5)
		// Light lines under the ink level: not sure it is empty.
		fi := 0
		for i, f := range faint {
			if f > faint[fi] {
				fi = i
			}
		}
		if len(faint) > 0 && faint[fi] >= faintBlank {
			qr.State = Faint
			qr.Value = fi
			qr.Confidence = 0.2
		}
	case s1 < markedScore:
		qr.State = Faint
		qr.Value = idx[0]
		qr.Confidence = clamp((s1 - faintScore) / (markedScore - faintScore) * 0.5)
	case s2 >= markedScore || (s2 >= faintScore && s2 > 0.3*s1):
		qr.State = Double
		qr.Value = idx[0]
		qr.Confidence = clamp(0.5 * (1 - s2/s1))
	default:
		qr.State = Clear
		qr.Value = idx[0]
		qr.Confidence = clamp(0.5 + 0.5*math.Min((s1-markedScore)/markedScore, 1-s2/faintScore))
	}
}

// findOutlines returns the shift (within ±r px) that puts the printed
// outlines of the boxes best under rects: the outline band dark, the
// ring just outside it white.
func findOutlines(page *image.Gray, rects []image.Rectangle, r int) (int, int) {
	bestS, bx, by := math.Inf(-1), 0, 0
	for dy := -r; dy <= r; dy++ {
		for dx := -r; dx <= r; dx++ {
			s := 0.0
			for _, b := range rects {
				s += outlineContrast(page, b.Add(image.Pt(dx, dy)))
			}
			// Prefer the printed place on a tie.
			s -= 0.01 * float64(dx*dx+dy*dy)
			if s > bestS {
				bestS, bx, by = s, dx, dy
			}
		}
	}
	return bx, by
}

// outlineContrast is the mean darkness of the one-pixel band on b's edge
// minus that of the band two pixels outside it.
func outlineContrast(page *image.Gray, b image.Rectangle) float64 {
	return ringDark(page, b) - ringDark(page, b.Inset(-2))
}

// ringDark is the mean of 255-v over the pixels on the edge of b.
func ringDark(page *image.Gray, b image.Rectangle) float64 {
	var s, n int
	add := func(x, y int) {
		if x < 0 || y < 0 || x >= page.Rect.Dx() || y >= page.Rect.Dy() {
			return
		}
		s += 255 - int(page.Pix[y*page.Stride+x])
		n++
	}
	for x := b.Min.X; x < b.Max.X; x++ {
		add(x, b.Min.Y)
		add(x, b.Max.Y-1)
	}
	for y := b.Min.Y + 1; y < b.Max.Y-1; y++ {
		add(b.Min.X, y)
		add(b.Max.X-1, y)
	}
	if n == 0 {
		return 0
	}
	return float64(s) / float64(n)
}

// boxInk scores the ink inside box b (its outline excluded) against the
// paper white around the box, ignoring specks; faint is the same score
// counting lighter pixels too (a blurred pencil line).
func boxInk(page *image.Gray, b image.Rectangle) (score, faint float64) {
	inset := max(2, b.Dx()/7)
	in := b.Inset(inset).Intersect(page.Rect)
	w, h := in.Dx(), in.Dy()
	if w <= 0 || h <= 0 {
		return 0, 0
	}
	wf := sideWhites(page, b, in)
	d := make([]float64, w*h)
	for y := 0; y < h; y++ {
		row := page.Pix[(in.Min.Y+y)*page.Stride+in.Min.X:]
		for x := 0; x < w; x++ {
			white := wf(x, y)
			if white < 40 {
				continue
			}
			d[y*w+x] = (white - float64(row[x])) / white
		}
	}
	return spots(d, w, h, inkLevel), spots(d, w, h, faintLevel)
}

// spots sums the ink of the connected spots of pixels at least level
// dark, leaving out specks, as a share of the interior.
func spots(d []float64, w, h int, level float64) float64 {
	seen := make([]bool, w*h)
	speck := speckMM * RectPxPerMM
	total := 0.0
	stack := make([]int, 0, 64)
	var comp []int
	for i := range d {
		if seen[i] || d[i] < level {
			continue
		}
		comp = comp[:0]
		stack = append(stack[:0], i)
		seen[i] = true
		minX, maxX, minY, maxY := w, -1, h, -1
		for len(stack) > 0 {
			p := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			comp = append(comp, p)
			x, y := p%w, p/w
			minX, maxX, minY, maxY = min(minX, x), max(maxX, x), min(minY, y), max(maxY, y)
			for _, q := range [4]int{p - 1, p + 1, p - w, p + w} {
				if q < 0 || q >= len(d) || seen[q] || d[q] < level {
					continue
				}
				if (q == p-1 && x == 0) || (q == p+1 && x == w-1) {
					continue
				}
				seen[q] = true
				stack = append(stack, q)
			}
		}
		if float64(max(maxX-minX+1, maxY-minY+1)) < speck {
			continue
		}
		for _, p := range comp {
			total += math.Min(d[p]/fullInk, 1)
		}
	}
	return total / float64(w*h)
}

// sideWhites returns the paper's level at each pixel (x,y) of the
// interior in (relative to in.Min) of box b: the paper just outside the
// box on the left and right of the pixel's row interpolated across, the
// same above and below its column, the darker of the two. A shadow's edge
// across the box is then paper (the strips on its side are dark too); a
// filled box is ink (the paper around it is white on every side).
func sideWhites(page *image.Gray, b, in image.Rectangle) func(x, y int) float64 {
	near := 4 // 0.6 mm
	far := 14 // 2.4 mm
	w, h := in.Dx(), in.Dy()
	L, R := make([]float64, h), make([]float64, h)
	T, B := make([]float64, w), make([]float64, w)
	var hist [256]uint16
	bright := func(r image.Rectangle) float64 {
		r = r.Intersect(page.Rect)
		if r.Empty() {
			return 255
		}
		clear(hist[:])
		for y := r.Min.Y; y < r.Max.Y; y++ {
			for _, v := range page.Pix[y*page.Stride+r.Min.X : y*page.Stride+r.Max.X] {
				hist[v]++
			}
		}
		// The level a fifth of the strip is brighter than.
		want, acc := r.Dx()*r.Dy()/5, 0
		for v := 255; v > 0; v-- {
			acc += int(hist[v])
			if acc > want {
				return float64(v)
			}
		}
		return 0
	}
	for y := 0; y < h; y++ {
		yy := in.Min.Y + y
		L[y] = bright(image.Rect(b.Min.X-far, yy-2, b.Min.X-near, yy+3))
		R[y] = bright(image.Rect(b.Max.X+near, yy-2, b.Max.X+far, yy+3))
	}
	for x := 0; x < w; x++ {
		xx := in.Min.X + x
		T[x] = bright(image.Rect(xx-2, b.Min.Y-far, xx+3, b.Min.Y-near))
		B[x] = bright(image.Rect(xx-2, b.Max.Y+near, xx+3, b.Max.Y+far))
	}
	bw, bh := float64(b.Dx()), float64(b.Dy())
	ox, oy := float64(in.Min.X-b.Min.X), float64(in.Min.Y-b.Min.Y)
	return func(x, y int) float64 {
		tx := (ox + float64(x) + 0.5) / bw
		ty := (oy + float64(y) + 0.5) / bh
		hw := L[y] + (R[y]-L[y])*tx
		vw := T[x] + (B[x]-T[x])*ty
		return math.Min(hw, vw)
	}
}
