// Package scantest generates the test corpus of the page reader: paper
// forms laid out like the app prints them, filled with realistic pen and
// pencil marks, then scanned or photographed in software (resolution,
// print scale, skew, rotation, paper-feed stretch, perspective, lens
// barrel, uneven light, blur, JPEG) — every page with its ground truth,
// all of it deterministic from a seed.
//
// A page is drawn from a scan.Layout by the package's own rasteriser
// (Render), or taken from a PDF the app printed, rasterised with
// pdftoppm (RenderPDF), and then marked and degraded the same way.
package scantest

import (
	"fmt"

	"csatdesk/data/scan"
)

// Question is one question of a test survey.
type Question struct {
	ID uint32
	// Values are the box values in print order (1..5, 0..10, 1/0...).
	Values []int
	// Optional questions may be left blank.
	Optional bool
}

// Survey is a test survey: its questions and the language its labels
// are in (only the look of the labels changes with it).
type Survey struct {
	ID        uint64
	Name      string
	Lang      string
	Questions []Question
}

// seq returns lo..hi.
func seq(lo, hi int) []int {
	var v []int
	for i := lo; i <= hi; i++ {
		v = append(v, i)
	}
	return v
}

// Surveys are the corpus's surveys: 1–5 scales with faces, 1–10, NPS
// 0–10, yes/no and choice questions, in the six languages of the app.
func Surveys() []Survey {
	langs := []string{"en", "ru", "lv", "it", "zh_Hans", "zh_Hant"}
	var out []Survey
	id := uint64(101)
	mk := func(name string, qs ...[]int) {
		s := Survey{ID: id, Name: name, Lang: langs[int(id)%len(langs)]}
		for i, v := range qs {
			s.Questions = append(s.Questions, Question{ID: uint32(i + 1), Values: v, Optional: i%4 == 3})
		}
		out = append(out, s)
		id++
	}
	five, ten, nps, yn := seq(1, 5), seq(1, 10), seq(0, 10), []int{1, 0}
	mk("faces 1-5", five, five, five, five, five, five, five, five, five, five, five, five)
	mk("scale 1-10", ten, ten, ten, ten, ten, ten, ten, ten, five)
	mk("nps", nps, five, five, yn, five, nps)
	mk("yes/no", yn, yn, yn, yn, yn, yn, yn, yn, yn, yn, yn, yn, yn)
	mk("choice", seq(1, 4), seq(1, 3), seq(1, 6), five, yn, seq(1, 4), five, five)
	mk("mixed", five, nps, yn, seq(1, 7), ten, five, five, five, yn, five, five, five)
	return out
}

// Page geometry of the corpus layout (A4, mm).
const (
	pageW, pageH = 210.0, 297.0
	markSize     = 7.0
	markInset    = 8.0
	boxSize      = 6.0
	rowH         = 15.5
	firstRowY    = 46.0
	lastRowY     = 262.0
)

// MakeLayout lays out s on A4 pages the way the reader expects a printed
// form: corner squares, a QR code at the top right, one row per question
// with its boxes at the right, a comment space at the end.
func MakeLayout(s Survey) *scan.Layout {
	l := &scan.Layout{Format: scan.LayoutFormat, SurveyID: s.ID, SurveyVersion: 1, Paper: "A4", PageW: pageW, PageH: pageH}
	l.Marks = [4]scan.Rect{
		{X: markInset, Y: markInset, W: markSize, H: markSize},
		{X: pageW - markInset - markSize, Y: markInset, W: markSize, H: markSize},
		{X: pageW - markInset - markSize, Y: pageH - markInset - markSize, W: markSize, H: markSize},
		{X: markInset, Y: pageH - markInset - markSize, W: markSize, H: markSize},
	}
	newPage := func() scan.PageLayout {
		return scan.PageLayout{QR: scan.Rect{X: 164, Y: 12, W: 26, H: 26}}
	}
	pg := newPage()
	y := firstRowY
	for _, q := range s.Questions {
		if y+rowH > lastRowY {
			l.Pages = append(l.Pages, pg)
			pg = newPage()
			y = firstRowY
		}
		n := len(q.Values)
		gap := 4.0
		if n <= 5 {
			gap = 9
		}
		width := float64(n)*boxSize + float64(n-1)*gap
		x0 := 196 - width
		qb := scan.QuestionBoxes{QuestionID: q.ID, Row: scan.Rect{X: 16, Y: y, W: 182, H: rowH}}
		for i, v := range q.Values {
			qb.Boxes = append(qb.Boxes, scan.Box{Value: v, R: scan.Rect{X: x0 + float64(i)*(boxSize+gap), Y: y + 2, W: boxSize, H: boxSize}})
		}
		pg.Questions = append(pg.Questions, qb)
		y += rowH
	}
	if y+22 <= lastRowY+12 {
		pg.Comment = scan.Rect{X: 16, Y: y + 2, W: 180, H: 18}
	}
	l.Pages = append(l.Pages, pg)
	return l
}

// Serial is the printed number of the n-th corpus form.
func Serial(n int) string { return fmt.Sprintf("T-%05d", n) }

// Finder returns a scan.Finder over the given layouts.
func Finder(ls ...*scan.Layout) scan.Finder {
	m := map[string]*scan.Layout{}
	for _, l := range ls {
		m[fmt.Sprint(l.SurveyID, "/", l.Hash())] = l
	}
	return func(c scan.Code) (*scan.Layout, error) {
		return m[fmt.Sprint(c.SurveyID, "/", c.Layout)], nil
	}
}
