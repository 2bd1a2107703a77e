package pdfreport

import (
	"fmt"
	"image"
	"strings"
	"unicode"

	"github.com/signintech/gopdf"

	"csatdesk/assets"
)

const fontFamily = "wqy"

// A4 in points, and the margins.
const (
	pageW, pageH = 595.28, 841.89
	margin       = 42.0
	bottom       = pageH - 48 // where the footer begins
)

// rgb is a colour.
type rgb struct{ r, g, b uint8 }

// The report's colours: ink, muted text, lines, card fill, the band, and
// good / middling / bad figures (the dashboard's green, amber and red).
var (
	colInk   = rgb{33, 33, 33}
	colMuted = rgb{97, 97, 97}
	colLine  = rgb{200, 200, 200}
	colCard  = rgb{245, 245, 245}
	colBand  = rgb{220, 237, 200}
	colBar   = rgb{30, 136, 229}
	colGood  = rgb{46, 125, 50}
	colMid   = rgb{230, 145, 0}
	colBad   = rgb{198, 40, 40}
)

// doc wraps gopdf with the few drawing calls the report needs.
// Coordinates are points from the top left; text is placed by the top of
// its line. The first error is kept in err and later calls do nothing
// harmful.
type doc struct {
	pdf   *gopdf.GoPdf
	err   error
	size  float64
	glyph map[rune]bool
	// y is the cursor of the flowing layout.
	y float64
}

func newDoc() (*doc, error) {
	pdf := &gopdf.GoPdf{}
	pdf.Start(gopdf.Config{PageSize: gopdf.Rect{W: pageW, H: pageH}, Unit: gopdf.UnitPT})
	if err := pdf.AddTTFFontData(fontFamily, assets.FontTTF); err != nil {
		return nil, fmt.Errorf("report font: %w", err)
	}
	if err := pdf.SetFont(fontFamily, "", 10); err != nil {
		return nil, fmt.Errorf("report font: %w", err)
	}
	return &doc{pdf: pdf, size: 10, glyph: map[rune]bool{}}, nil
}

func (d *doc) fail(err error) {
	if err != nil && d.err == nil {
		d.err = err
	}
}

func (d *doc) addPage() {
	d.pdf.AddPage()
	d.y = margin
}

// need starts a new page unless h points fit below the cursor.
func (d *doc) need(h float64) {
	if d.y+h > bottom {
		d.addPage()
	}
}

func (d *doc) font(size float64) {
	if size != d.size {
		d.fail(d.pdf.SetFontSize(size))
		d.size = size
	}
}

func (d *doc) color(c rgb) {
	d.pdf.SetTextColor(c.r, c.g, c.b)
	d.pdf.SetStrokeColor(c.r, c.g, c.b)
}

// clean drops runes the font cannot show and turns control characters
// into spaces.
func (d *doc) clean(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsSpace(r) || unicode.IsControl(r):
			b.WriteByte(' ')
		case d.has(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

func (d *doc) has(r rune) bool {
	ok, seen := d.glyph[r]
	if !seen {
		ok, _ = d.pdf.IsCurrFontContainGlyph(r)
		d.glyph[r] = ok
	}
	return ok
}

func (d *doc) measure(s string, size float64) float64 {
	d.font(size)
	w, err := d.pdf.MeasureTextWidth(s)
	d.fail(err)
	return w
}

// text draws s with the top of its line at y.
func (d *doc) text(x, y float64, s string, size float64, c rgb) {
	s = d.clean(s)
	if strings.TrimSpace(s) == "" {
		return
	}
	d.font(size)
	d.color(c)
	d.pdf.SetXY(x, y)
	d.fail(d.pdf.Cell(nil, s))
}

func (d *doc) textRight(right, y float64, s string, size float64, c rgb) {
	d.text(right-d.measure(d.clean(s), size), y, s, size, c)
}

func (d *doc) textCenter(cx, y float64, s string, size float64, c rgb) {
	d.text(cx-d.measure(d.clean(s), size)/2, y, s, size, c)
}

// fit shortens s with "…" until it is at most width wide.
func (d *doc) fit(s string, width, size float64) string {
	s = d.clean(s)
	if d.measure(s, size) <= width {
		return s
	}
	r := []rune(s)
	for len(r) > 1 {
		r = r[:len(r)-1]
		if t := strings.TrimSpace(string(r)) + "…"; d.measure(t, size) <= width {
			return t
		}
	}
	return "…"
}

// wrap breaks s into lines at most width wide: at spaces, or between two
// Chinese characters, never before closing punctuation.
func (d *doc) wrap(s string, width, size float64) []string {
	s = d.clean(s)
	var lines []string
	for strings.TrimSpace(s) != "" {
		s = strings.TrimLeft(s, " ")
		if d.measure(s, size) <= width {
			return append(lines, s)
		}
		r := []rune(s)
		// the longest prefix that fits, then back to a break
		lo, hi := 1, len(r)
		for lo < hi {
			mid := (lo + hi + 1) / 2
			if d.measure(string(r[:mid]), size) <= width {
				lo = mid
			} else {
				hi = mid - 1
			}
		}
		cut := lo
		for i := lo; i > 0; i-- {
			if i < len(r) && (r[i] == ' ' || wide(r[i]) && !noLineStart(r[i]) || wide(r[i-1]) && !noLineStart(r[i])) {
				cut = i
				break
			}
		}
		lines = append(lines, strings.TrimRight(string(r[:cut]), " "))
		s = string(r[cut:])
	}
	return lines
}

// para draws s wrapped to width at x from the cursor and moves it down.
func (d *doc) para(x, width float64, s string, size float64, c rgb) {
	lh := size * 1.35
	for _, l := range d.wrap(s, width, size) {
		d.need(lh)
		d.text(x, d.y, l, size, c)
		d.y += lh
	}
}

// heading draws a section heading and moves the cursor below it.
func (d *doc) heading(s string) {
	d.need(60) // never a heading alone at the bottom of a page
	d.y += 6
	d.text(margin, d.y, s, 13, colInk)
	d.y += 18
	d.fillRect(margin, d.y, pageW-2*margin, 0.8, colLine)
	d.y += 7
}

func (d *doc) fillRect(x, y, w, h float64, c rgb) {
	if w <= 0 || h <= 0 {
		return
	}
	d.pdf.SetFillColor(c.r, c.g, c.b)
	d.pdf.RectFromUpperLeftWithStyle(x, y, w, h, "F")
}

func (d *doc) roundRect(x, y, w, h, r float64, c rgb) {
	d.pdf.SetFillColor(c.r, c.g, c.b)
	d.pdf.SetStrokeColor(c.r, c.g, c.b)
	d.fail(d.pdf.Rectangle(x, y, x+w, y+h, "F", r, 8))
}

func (d *doc) line(x1, y1, x2, y2, width float64, c rgb) {
	d.pdf.SetLineWidth(width)
	d.pdf.SetStrokeColor(c.r, c.g, c.b)
	d.pdf.Line(x1, y1, x2, y2)
}

func (d *doc) image(img image.Image, x, y, w, h float64) {
	d.fail(d.pdf.ImageFrom(img, x, y, &gopdf.Rect{W: w, H: h}))
}

// wide reports whether r is a character that may be wrapped on its own
// (Chinese, Japanese, Korean).
func wide(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) ||
		unicode.Is(unicode.Hangul, r) || r >= 0x3000 && r <= 0x303f || r >= 0xff00 && r <= 0xffef
}

// noLineStart reports whether a line may not start with r (closing
// punctuation), so it stays with the character before it.
func noLineStart(r rune) bool {
	return strings.ContainsRune("，。、：；？！）》」』】〉…,.;:?!)]}%»”’", r)
}
