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
	dx, dy := findOutlines(page, rects, int(math.Round(searchMM*s)))
	for i := range rects {
		r := rects[i].Add(image.Pt(dx, dy))
		// Each box on its own by a pixel or two (lens, ink spread).
		bx, by := findOutlines(page, []image.Rectangle{r}, 2)
		r = r.Add(image.Pt(bx, by))
		qr.Scores[i] = boxInk(page, r)
	}
	classify(&qr)
	if qr.Value >= 0 {
		qr.Value = qb.Boxes[qr.Value].Value
	}
	return qr
}

// classify sets the question's state and confidence from its box
// scores, and Value to the index of the strongest box (NoAnswer when
// blank).
func classify(qr *QuestionRead) {
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
// paper white around the box, ignoring specks.
func boxInk(page *image.Gray, b image.Rectangle) float64 {
	white := localWhite(page, b)
	if white < 40 {
		return 0
	}
	inset := max(2, b.Dx()/7)
	in := b.Inset(inset).Intersect(page.Rect)
	w, h := in.Dx(), in.Dy()
	if w <= 0 || h <= 0 {
		return 0
	}
	d := make([]float64, w*h)
	for y := 0; y < h; y++ {
		row := page.Pix[(in.Min.Y+y)*page.Stride+in.Min.X:]
		for x := 0; x < w; x++ {
			d[y*w+x] = (white - float64(row[x])) / white
		}
	}
	// Connected spots of ink; small ones are specks.
	seen := make([]bool, w*h)
	speck := speckMM * RectPxPerMM
	total := 0.0
	stack := make([]int, 0, 64)
	var comp []int
	for i := range d {
		if seen[i] || d[i] < inkLevel {
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
				if q < 0 || q >= len(d) || seen[q] || d[q] < inkLevel {
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

// localWhite is the paper's level around box b: a high percentile of the
// ring from 1 to 2.5 mm outside it.
func localWhite(page *image.Gray, b image.Rectangle) float64 {
	outer := b.Inset(-int(2.5 * RectPxPerMM)).Intersect(page.Rect)
	inner := b.Inset(-RectPxPerMM)
	var hist [256]int
	n := 0
	for y := outer.Min.Y; y < outer.Max.Y; y++ {
		row := page.Pix[y*page.Stride:]
		for x := outer.Min.X; x < outer.Max.X; x++ {
			if (image.Point{x, y}).In(inner) {
				continue
			}
			hist[row[x]]++
			n++
		}
	}
	if n == 0 {
		return 255
	}
	acc := 0
	for v := 255; v >= 0; v-- {
		acc += hist[v]
		if acc >= n/5 {
			return float64(v)
		}
	}
	return 255
}
