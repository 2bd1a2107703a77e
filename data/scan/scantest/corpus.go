package scantest

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"image"
	"image/jpeg"
	"math"
	"math/rand/v2"

	"csatdesk/data/scan"
)

// Class is a kind of input the corpus degrades pages into.
type Class string

// The input classes (the rows of the Budgets table).
const (
	Scan300 Class = "grey scan 300 dpi"
	Scan200 Class = "grey scan 200 dpi"
	Scan150 Class = "grey scan 150 dpi"
	BW200   Class = "black-and-white scan 200 dpi"
	Photo   Class = "phone photo, full resolution"
	Chat    Class = "chat-compressed photo"
	// Screen is a phone photo of the form shown on a computer screen
	// (not a budget class: an input that must get a clear answer).
	Screen Class = "photo of a screen"
)

// Classes lists every class in table order.
var Classes = []Class{Scan300, Scan200, Scan150, BW200, Photo, Chat}

// Truth is what the respondent did on one question.
type Truth struct {
	QuestionID uint32
	// Value is the box crossed, scan.NoAnswer when none was.
	Value int
	// Double: two boxes were crossed (any automatic reading is wrong).
	Double   bool
	Optional bool
	// Kind is the mark's kind (Cross, Tick, Pencil...) or "blank".
	Kind string
}

// Sample is one generated page image with its ground truth.
type Sample struct {
	Name   string
	Class  Class
	Image  image.Image
	Layout *scan.Layout
	Code   scan.Code
	Truth  []Truth
	// Notes say which degradations were applied ("180°", "skew 2.1°"...).
	Notes string
}

// Corpus is a deterministic set of generated pages.
type Corpus struct {
	Seed    uint64
	Surveys []Survey
	Layouts []*scan.Layout
	// printed, when set, are the app's own printed forms (NewPrinted);
	// pages are then drawn from them instead of Surveys.
	printed []*printedSurvey
}

// Printed reports whether the corpus's pages are the app's own printed
// forms.
func (c *Corpus) Printed() bool { return c.printed != nil }

// New returns the corpus of seed over Surveys().
func New(seed uint64) *Corpus {
	c := &Corpus{Seed: seed, Surveys: Surveys()}
	for _, s := range c.Surveys {
		c.Layouts = append(c.Layouts, MakeLayout(s))
	}
	return c
}

// Finder finds the corpus's layouts.
func (c *Corpus) Finder() scan.Finder { return Finder(c.Layouts...) }

// Sample generates the i-th page of class cl.
func (c *Corpus) Sample(cl Class, i int) Sample { return c.SampleWithCode(cl, i, "") }

// SampleWithCode is Sample with the QR code holding text instead of the
// page's code (another app's code); only for the corpus's own
// rasteriser ("" keeps the page's code).
func (c *Corpus) SampleWithCode(cl Class, i int, text string) Sample {
	h := fnv.New64a()
	_, _ = h.Write([]byte(cl))
	rng := rand.New(rand.NewPCG(c.Seed, uint64(i)*7919+h.Sum64()))
	outPx := classPx[cl]
	var (
		cv       *canvas
		lay      *scan.Layout
		code     scan.Code
		pi       int
		optional map[uint32]bool
	)
	if c.printed != nil {
		ps := c.printed[rng.IntN(len(c.printed))]
		pages, err := ps.raster()
		if err != nil || len(pages) == 0 {
			return Sample{Name: fmt.Sprintf("%s #%d", cl, i), Class: cl, Notes: fmt.Sprintf("printing failed: %v", err)}
		}
		lay = ps.lay
		pi = rng.IntN(min(len(pages), len(lay.Pages)))
		src := pages[pi]
		g := image.NewGray(src.Rect)
		copy(g.Pix, src.Pix)
		cv = &canvas{g: g, px: PrintedDPI / 25.4}
		code = scan.Code{SurveyID: ps.sv.ID, Layout: lay.Hash(), Serial: "0001", Page: pi + 1}
		optional = ps.optional
	} else {
		si := rng.IntN(len(c.Surveys))
		sv := c.Surveys[si]
		lay = c.Layouts[si]
		pi = rng.IntN(len(lay.Pages))
		code = scan.Code{SurveyID: sv.ID, Layout: lay.Hash(), Serial: Serial(i + 1), Page: pi + 1}
		r := math.Max(6, math.Min(12, outPx*1.4))
		cv = newCanvas(lay.PageW, lay.PageH, r)
		if text == "" {
			text = code.String()
		}
		drawForm(cv, lay, pi, text, rng)
		optional = map[uint32]bool{}
		for _, q := range sv.Questions {
			optional[q.ID] = q.Optional
		}
	}
	truth := fillPage(cv, optional, &lay.Pages[pi], rng)
	s := Sample{Name: fmt.Sprintf("%s #%d", cl, i), Class: cl, Layout: lay, Code: code, Truth: truth}
	s.Image, s.Notes = degrade(cv, cl, outPx, rng)
	return s
}

// degrade scans or photographs the marked page cv as class cl.
func degrade(cv *canvas, cl Class, outPx float64, rng *rand.Rand) (image.Image, string) {
	switch cl {
	case Screen:
		// The screen: grey black, dim white, a pixel grid.
		g := cv.g
		for y := 0; y < g.Rect.Dy(); y++ {
			for x := 0; x < g.Rect.Dx(); x++ {
				v := 45 + float64(g.Pix[y*g.Stride+x])*0.6
				if x%4 == 0 || y%4 == 0 {
					v *= 0.7
				}
				g.Pix[y*g.Stride+x] = uint8(v)
			}
		}
		return photograph(cv, false, true, rng)
	case Photo, Chat:
		return photograph(cv, cl == Chat, false, rng)
	}
	return scanPage(cv, outPx, cl == BW200, rng)
}

// classPx is the resolution (px/mm) each class scans or photographs at
// (a photo's is about what the page gets of the picture).
var classPx = map[Class]float64{Scan300: 300 / 25.4, Scan200: 200 / 25.4, Scan150: 150 / 25.4, BW200: 200 / 25.4, Photo: 11, Chat: 4, Screen: 11}

// MarkPDF is the route a user takes, in software: it rasterises a PDF of
// printed forms (pdftoppm, PrintedDPI), finds each page's layout with
// find (a store's LayoutFinder), marks the page like a respondent and
// scans or photographs it as class cl. Every page comes back with its
// truth (optional is unknown here: every question counts as required).
func MarkPDF(pdf []byte, find scan.Finder, cl Class, seed uint64) ([]Sample, error) {
	pages, err := Rasterise(pdf, PrintedDPI)
	if err != nil {
		return nil, err
	}
	var out []Sample
	for i, g := range pages {
		pr, _ := scan.Read(scan.Page{Image: g, Index: i}, find)
		if !pr.Identified {
			return nil, fmt.Errorf("printed page %d: %s", i+1, pr.Problem)
		}
		lay, err := find(pr.Code)
		if err != nil || lay == nil {
			return nil, fmt.Errorf("printed page %d: no layout (%v)", i+1, err)
		}
		rng := rand.New(rand.NewPCG(seed, uint64(i)))
		cv := &canvas{g: g, px: PrintedDPI / 25.4}
		truth := fillPage(cv, map[uint32]bool{}, &lay.Pages[pr.Code.Page-1], rng)
		s := Sample{Name: fmt.Sprintf("%s page %d", cl, i+1), Class: cl, Layout: lay, Code: pr.Code, Truth: truth}
		s.Image, s.Notes = degrade(cv, cl, classPx[cl], rng)
		out = append(out, s)
	}
	return out, nil
}

// fillPage makes the respondent's marks on page pg and returns what they
// meant.
func fillPage(cv *canvas, opt map[uint32]bool, pg *scan.PageLayout, rng *rand.Rand) []Truth {
	kinds := []string{Cross, Cross, Cross, Cross, Tick, Tick, Fill, OffCentre, Pencil, Small}
	var out []Truth
	for _, q := range pg.Questions {
		if len(q.Boxes) == 0 {
			continue
		}
		t := Truth{QuestionID: q.QuestionID, Value: scan.NoAnswer, Optional: opt[q.QuestionID], Kind: "blank"}
		marked := map[int]bool{}
		switch x := rng.Float64(); {
		case t.Optional && x < 0.3:
		case x < 0.04 && len(q.Boxes) > 1:
			a := rng.IntN(len(q.Boxes))
			b := (a + 1 + rng.IntN(len(q.Boxes)-1)) % len(q.Boxes)
			drawMark(cv, q.Boxes[a].R, Cross, rng)
			drawMark(cv, q.Boxes[b].R, kinds[rng.IntN(4)], rng)
			marked[a], marked[b] = true, true
			t.Double, t.Kind, t.Value = true, "two marks", q.Boxes[a].Value
		default:
			a := rng.IntN(len(q.Boxes))
			t.Kind = kinds[rng.IntN(len(kinds))]
			drawMark(cv, q.Boxes[a].R, t.Kind, rng)
			marked[a] = true
			t.Value = q.Boxes[a].Value
		}
		if rng.Float64() < 0.2 {
			if b := rng.IntN(len(q.Boxes)); !marked[b] {
				drawSpeck(cv, q.Boxes[b].R, rng)
			}
		}
		out = append(out, t)
	}
	return out
}

// sampler reads the ideal page bilinearly (white paper outside).
type sampler struct {
	g  *image.Gray
	px float64
}

// at returns the page's level at (x,y) mm, ok false off the paper.
func (s sampler) at(x, y float64) (float64, bool) {
	fx, fy := x*s.px-0.5, y*s.px-0.5
	x0, y0 := math.Floor(fx), math.Floor(fy)
	ix, iy := int(x0), int(y0)
	w, h := s.g.Rect.Dx(), s.g.Rect.Dy()
	if ix < -1 || iy < -1 || ix >= w || iy >= h {
		return 255, false
	}
	get := func(x, y int) float64 {
		x, y = min(max(x, 0), w-1), min(max(y, 0), h-1)
		return float64(s.g.Pix[y*s.g.Stride+x])
	}
	ax, ay := fx-x0, fy-y0
	return (get(ix, iy)*(1-ax)+get(ix+1, iy)*ax)*(1-ay) + (get(ix, iy+1)*(1-ax)+get(ix+1, iy+1)*ax)*ay, true
}

// scanPage scans the drawn page on a flatbed at px px/mm: print scale,
// skew, paper-feed stretch, sometimes upside down; grey or thresholded
// to black and white.
func scanPage(cv *canvas, px float64, bw bool, rng *rand.Rand) (image.Image, string) {
	s := sampler{cv.g, cv.px}
	pageW, pageH := float64(cv.g.Rect.Dx())/cv.px, float64(cv.g.Rect.Dy())/cv.px
	scale := 0.94 + rng.Float64()*0.07
	skew := (rng.Float64()*2 - 1) * 3 * math.Pi / 180
	stretch := 1 + (rng.Float64()*2-1)*0.015
	rot := rng.Float64() < 0.15
	ox, oy := (rng.Float64()*2-1)*2, (rng.Float64()*2-1)*2
	paper := 232 + rng.Float64()*20
	noise := 1.5 + rng.Float64()*2.5
	// A4 with the few mm of glass a scanner takes around it.
	bedW, bedH := 218.0, 305.0
	ow, oh := int(bedW*px), int(bedH*px)
	out := image.NewGray(image.Rect(0, 0, ow, oh))
	cs, sn := math.Cos(skew), math.Sin(skew)
	ss := 1
	if cv.px > 1.3*px {
		ss = 2
	}
	thr := 110 + rng.Float64()*40
	for v := 0; v < oh; v++ {
		for u := 0; u < ow; u++ {
			acc := 0.0
			for k := 0; k < ss*ss; k++ {
				X := (float64(u) + (float64(k%ss)+0.5)/float64(ss)) / px
				Y := (float64(v) + (float64(k/ss)+0.5)/float64(ss)) / px
				dX, dY := X-bedW/2-ox, Y-bedH/2-oy
				a, b := dX*cs+dY*sn, -dX*sn+dY*cs
				b /= stretch
				if rot {
					a, b = -a, -b
				}
				a, b = a/scale, b/scale
				val, _ := s.at(a+pageW/2, b+pageH/2)
				acc += val
			}
			val := acc/float64(ss*ss)*paper/255 + rng.NormFloat64()*noise
			if bw {
				if val < thr {
					val = 0
				} else {
					val = 255
				}
			}
			out.Pix[v*out.Stride+u] = uint8(math.Max(0, math.Min(255, val)))
		}
	}
	notes := fmt.Sprintf("scale %.1f%% skew %.1f° stretch %.1f%%", scale*100, skew*180/math.Pi, (stretch-1)*100)
	if rot {
		notes += " 180°"
	}
	return out, notes
}

// photograph takes a phone photo of the drawn page: perspective, lens
// barrel, uneven light and shadow, a table around it, blur, noise and
// JPEG; chat makes it the size and quality a chat app sends.
func photograph(cv *canvas, chat, screen bool, rng *rand.Rand) (image.Image, string) {
	s := sampler{cv.g, cv.px}
	pageW, pageH := float64(cv.g.Rect.Dx())/cv.px, float64(cv.g.Rect.Dy())/cv.px
	W, H := 2448, 3264
	if rng.Float64() < 0.35 {
		W, H = 3024, 4032
	}
	if chat {
		W, H = 960, 1280
	}
	if screen {
		W, H = 1536, 2048
	}
	sideways := rng.Float64() < 0.1
	upside := rng.Float64() < 0.1
	if sideways {
		W, H = H, W
	}
	fill := 0.78 + rng.Float64()*0.14
	ph := fill * float64(max(W, H))
	pw := ph * pageW / pageH
	cx, cy := float64(W)/2+(rng.Float64()*2-1)*0.03*float64(W), float64(H)/2+(rng.Float64()*2-1)*0.03*float64(H)
	ang := (rng.Float64()*2 - 1) * 4 * math.Pi / 180
	if sideways {
		ang += math.Pi / 2
	}
	if upside {
		ang += math.Pi
	}
	persp := 0.01 + rng.Float64()*0.045
	var dst [4][2]float64
	for i, c := range [4][2]float64{{-1, -1}, {1, -1}, {1, 1}, {-1, 1}} {
		x, y := c[0]*pw/2, c[1]*ph/2
		x += (rng.Float64()*2 - 1) * persp * ph
		y += (rng.Float64()*2 - 1) * persp * ph
		dst[i] = [2]float64{cx + x*math.Cos(ang) - y*math.Sin(ang), cy + x*math.Sin(ang) + y*math.Cos(ang)}
	}
	// The user frames the whole page: pull the corners in when one is
	// off the picture.
	for iter := 0; iter < 20; iter++ {
		out := false
		for _, d := range dst {
			if d[0] < 0.015*float64(W) || d[0] > 0.985*float64(W) || d[1] < 0.015*float64(H) || d[1] > 0.985*float64(H) {
				out = true
			}
		}
		if !out {
			break
		}
		for i := range dst {
			dst[i][0] = cx + (dst[i][0]-cx)*0.97
			dst[i][1] = cy + (dst[i][1]-cy)*0.97
		}
	}
	// Image px → page mm.
	inv := solve([4][2]float64{{dst[0][0], dst[0][1]}, {dst[1][0], dst[1][1]}, {dst[2][0], dst[2][1]}, {dst[3][0], dst[3][1]}},
		[4][2]float64{{0, 0}, {pageW, 0}, {pageW, pageH}, {0, pageH}})
	barrel := (rng.Float64()*2 - 1) * 0.05
	gx, gy := rng.Float64()*2-1, rng.Float64()*2-1
	gn := math.Hypot(gx, gy) + 1e-9
	gx, gy = gx/gn, gy/gn
	grad := 0.25 + rng.Float64()*0.3
	bright := 200 + rng.Float64()*45
	table := 60 + rng.Float64()*70
	shadow := rng.Float64() < 0.4
	shX, shW := rng.Float64()*float64(W), float64(W)*(0.1+rng.Float64()*0.2)
	half := math.Hypot(float64(W), float64(H)) / 2
	noise := 2 + rng.Float64()*3
	out := image.NewGray(image.Rect(0, 0, W, H))
	for v := 0; v < H; v++ {
		for u := 0; u < W; u++ {
			x, y := float64(u)+0.5, float64(v)+0.5
			dx, dy := x-float64(W)/2, y-float64(H)/2
			r2 := (dx*dx + dy*dy) / (half * half)
			x, y = float64(W)/2+dx*(1+barrel*r2), float64(H)/2+dy*(1+barrel*r2)
			w := inv[6]*x + inv[7]*y + 1
			mx, my := (inv[0]*x+inv[1]*y+inv[2])/w, (inv[3]*x+inv[4]*y+inv[5])/w
			val, on := s.at(mx, my)
			if chat {
				// A chat app shrinks a full photo: each pixel is the mean
				// of the pixels it replaces.
				acc := val
				for _, o := range [3][2]float64{{1, 0}, {0, 1}, {1, 1}} {
					x2, y2 := x+o[0]*0.5, y+o[1]*0.5
					w2 := inv[6]*x2 + inv[7]*y2 + 1
					v2, _ := s.at((inv[0]*x2+inv[1]*y2+inv[2])/w2, (inv[3]*x2+inv[4]*y2+inv[5])/w2)
					acc += v2
				}
				val = acc / 4
			}
			light := bright * (1 - 0.3*r2) * (1 - grad*(0.5+0.5*(gx*dx+gy*dy)/half))
			if shadow && math.Abs(x-shX) < shW {
				light *= 0.8
			}
			if on {
				val = val / 255 * light
			} else {
				val = table * (1 - 0.3*r2)
			}
			out.Pix[v*out.Stride+u] = uint8(math.Max(0, math.Min(255, val+rng.NormFloat64()*noise)))
		}
	}
	blur := 1 + rng.IntN(2)
	if chat {
		blur = 0
	} else {
		boxBlur(out, blur)
	}
	q := 55 + rng.IntN(31)
	if chat {
		q = 55 + rng.IntN(11)
	}
	var buf bytes.Buffer
	_ = jpeg.Encode(&buf, out, &jpeg.Options{Quality: q})
	img, err := jpeg.Decode(&buf)
	if err != nil {
		return out, "jpeg failed"
	}
	notes := fmt.Sprintf("%dx%d persp %.0f%% barrel %.2f light %.0f%% blur %d q%d", W, H, persp*100, barrel, grad*100, blur, q)
	if sideways {
		notes += " sideways"
	}
	if upside {
		notes += " upside-down"
	}
	return img, notes
}

// boxBlur blurs g with a (2r+1)² box, rows then columns.
func boxBlur(g *image.Gray, r int) {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	tmp := make([]int, max(w, h))
	for y := 0; y < h; y++ {
		row := g.Pix[y*g.Stride : y*g.Stride+w]
		for x := range row {
			tmp[x] = int(row[x])
		}
		for x := range row {
			s, n := 0, 0
			for k := max(0, x-r); k <= min(w-1, x+r); k++ {
				s += tmp[k]
				n++
			}
			row[x] = uint8(s / n)
		}
	}
	for x := 0; x < w; x++ {
		for y := 0; y < h; y++ {
			tmp[y] = int(g.Pix[y*g.Stride+x])
		}
		for y := 0; y < h; y++ {
			s, n := 0, 0
			for k := max(0, y-r); k <= min(h-1, y+r); k++ {
				s += tmp[k]
				n++
			}
			g.Pix[y*g.Stride+x] = uint8(s / n)
		}
	}
}

// solve returns the homography taking src to dst (as in the reader).
func solve(src, dst [4][2]float64) [8]float64 {
	var a [8][9]float64
	for i := 0; i < 4; i++ {
		x, y, u, v := src[i][0], src[i][1], dst[i][0], dst[i][1]
		a[2*i] = [9]float64{x, y, 1, 0, 0, 0, -u * x, -u * y, u}
		a[2*i+1] = [9]float64{0, 0, 0, x, y, 1, -v * x, -v * y, v}
	}
	for c := 0; c < 8; c++ {
		p := c
		for r := c + 1; r < 8; r++ {
			if math.Abs(a[r][c]) > math.Abs(a[p][c]) {
				p = r
			}
		}
		a[c], a[p] = a[p], a[c]
		for r := 0; r < 8; r++ {
			if r != c && a[c][c] != 0 {
				f := a[r][c] / a[c][c]
				for k := c; k < 9; k++ {
					a[r][k] -= f * a[c][k]
				}
			}
		}
	}
	var m [8]float64
	for i := range m {
		m[i] = a[i][8] / a[i][i]
	}
	return m
}
