package paperform

import (
	"fmt"
	"math"
	"slices"

	qrcode "github.com/skip2/go-qrcode"

	"csatdesk/data/scan"
)

// This file makes a printed form machine-readable: the four solid corner
// squares, the page code (QR) and the record of where every answer box is
// printed (a scan.Layout).

// mmPt is one millimetre in points.
const mmPt = 72 / 25.4

// Reader marks, in points.
const (
	markSize  = 8 * mmPt  // solid corner square
	markInset = 8 * mmPt  // from the page edges
	qrSize    = 20 * mmPt // the QR symbol, without its quiet zone
	qrGap     = 10.0      // white around the symbol (≥ 4 modules of a version-5 code)
	boxSide   = 6 * mmPt  // an answer box
)

// mm converts points to millimetres, rounded to a micrometre so stored
// layouts read cleanly.
func mm(pt float64) float64 { return math.Round(pt/mmPt*1000) / 1000 }

// mmRect converts a rectangle in points to millimetres.
func mmRect(x, y, w, h float64) scan.Rect {
	return scan.Rect{X: mm(x), Y: mm(y), W: mm(w), H: mm(h)}
}

// recorder collects the layout while one form is drawn.
type recorder struct {
	l *scan.Layout
	q *scan.QuestionBoxes // the question being drawn
}

func (r *recorder) page() *scan.PageLayout { return &r.l.Pages[len(r.l.Pages)-1] }

// markRects returns the corner squares (top-left, top-right, bottom-right,
// bottom-left) in points.
func (p *printer) markRects() [4][4]float64 {
	l, t := markInset, markInset
	r, b := p.W-markInset-markSize, p.H-markInset-markSize
	return [4][4]float64{{l, t, markSize, markSize}, {r, t, markSize, markSize}, {r, b, markSize, markSize}, {l, b, markSize, markSize}}
}

// marks draws the four solid corner squares.
func (p *printer) marks() {
	for _, m := range p.markRects() {
		p.fill(m[0], m[1], m[2], m[3])
	}
}

// fill draws a solid black rectangle.
func (p *printer) fill(x, y, w, h float64) {
	p.pdf.SetFillColor(0, 0, 0)
	p.pdf.RectFromUpperLeftWithStyle(x, y, w, h, "F")
}

// qr draws text as a QR code (medium error correction) filling the square
// of side size at x, y; the quiet zone around it is left to the caller.
func (p *printer) qr(x, y, size float64, text string) {
	q, err := qrcode.New(text, qrcode.Medium)
	if err != nil {
		p.fail(fmt.Errorf("cannot make the page code: %w", err))
		return
	}
	q.DisableBorder = true
	bm := q.Bitmap()
	n := len(bm)
	if n == 0 {
		p.fail(fmt.Errorf("cannot make the page code: empty symbol"))
		return
	}
	m := size / float64(n)
	// One rectangle per run of dark modules in a row; each reaches a hair
	// into the next row so renderers leave no light seams.
	for r, row := range bm {
		for c := 0; c < len(row); {
			if !row[c] {
				c++
				continue
			}
			start := c
			for c < len(row) && row[c] {
				c++
			}
			h := m
			if r < n-1 {
				h += m * 0.05
			}
			p.fill(x+float64(start)*m, y+float64(r)*m, float64(c-start)*m, h)
		}
	}
}

// answerBox draws one square answer box with its top-left corner at x, y
// and records it as answering value.
func (f *form) answerBox(x, y float64, value int) {
	p := f.p
	p.answers++
	p.gray(0.15)
	p.lineWidth(0.8)
	p.box(x, y, boxSide, boxSide)
	if f.rec != nil && f.rec.q != nil {
		f.rec.q.Boxes = append(f.rec.q.Boxes, scan.Box{Value: value, R: mmRect(x, y, boxSide, boxSide)})
	}
}

// beginQuestion starts recording a question whose block covers the row.
func (f *form) beginQuestion(id uint32, x, y, w, h float64) {
	if f.rec == nil {
		return
	}
	f.rec.q = &scan.QuestionBoxes{QuestionID: id, Row: mmRect(x, y, w, h)}
}

// endQuestion stores the recorded question on its page, its boxes in
// value order.
func (f *form) endQuestion() {
	if f.rec == nil || f.rec.q == nil {
		return
	}
	q := *f.rec.q
	slices.SortStableFunc(q.Boxes, func(a, b scan.Box) int { return a.Value - b.Value })
	pg := f.rec.page()
	pg.Questions = append(pg.Questions, q)
	f.rec.q = nil
}

// recordWrite records a writing space of the question being drawn.
func (f *form) recordWrite(x, y, w, h float64) {
	if f.rec != nil && f.rec.q != nil {
		f.rec.q.Write = mmRect(x, y, w, h)
	}
}

// recordComment records the general comment's writing space.
func (f *form) recordComment(x, y, w, h float64) {
	if f.rec != nil {
		f.rec.page().Comment = mmRect(x, y, w, h)
	}
}

// recordDate records the date boxes' area.
func (f *form) recordDate(x, y, w, h float64) {
	if f.rec != nil {
		f.rec.page().Date = mmRect(x, y, w, h)
	}
}

// qrRect returns where the page code is printed, in points: left of the
// form number box.
func (f *form) qrRect() (x, y float64) {
	return f.p.W - margin - rightColW, topMargin
}
