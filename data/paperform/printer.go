package paperform

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/signintech/gopdf"

	"csatdesk/assets"
)

const fontFamily = "wqy"

// printer wraps gopdf with the few drawing calls a form needs. Coordinates
// are points from the top left; text is placed by the top of its line.
// The first drawing error is kept in err and later calls do nothing.
type printer struct {
	pdf   *gopdf.GoPdf
	W, H  float64
	err   error
	size  float64
	glyph map[rune]bool
	width map[string]float64 // measured widths, keyed by size and text
	// answers counts the answer boxes drawn (tests count a scale's points).
	answers int
}

func newPrinter(size gopdf.Rect) (*printer, error) {
	pdf := &gopdf.GoPdf{}
	pdf.Start(gopdf.Config{PageSize: size, Unit: gopdf.UnitPT})
	if err := pdf.AddTTFFontData(fontFamily, assets.FontTTF); err != nil {
		return nil, fmt.Errorf("cannot load the form font: %w", err)
	}
	if err := pdf.SetFont(fontFamily, "", 10); err != nil {
		return nil, fmt.Errorf("cannot load the form font: %w", err)
	}
	return &printer{pdf: pdf, W: size.W, H: size.H, size: 10, glyph: map[rune]bool{}, width: map[string]float64{}}, nil
}

func (p *printer) fail(err error) {
	if err != nil && p.err == nil {
		p.err = err
	}
}

func (p *printer) font(size float64) {
	if size != p.size {
		p.fail(p.pdf.SetFontSize(size))
		p.size = size
	}
}

// has reports whether the font has a glyph for r.
func (p *printer) has(r rune) bool {
	ok, seen := p.glyph[r]
	if !seen {
		ok, _ = p.pdf.IsCurrFontContainGlyph(r)
		p.glyph[r] = ok
	}
	return ok
}

// printable reports whether every non-space rune of s has a glyph.
func (p *printer) printable(s string) bool {
	for _, r := range s {
		if !unicode.IsSpace(r) && !p.has(r) {
			return false
		}
	}
	return true
}

// clean drops runes the font cannot show and turns control characters
// (tabs, stray newlines) into spaces.
func (p *printer) clean(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteRune(r)
		case unicode.IsSpace(r) || unicode.IsControl(r):
			b.WriteByte(' ')
		case p.has(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

// measure returns the width of s at size.
func (p *printer) measure(s string, size float64) float64 {
	key := fmt.Sprint(size) + "\x00" + s
	if w, ok := p.width[key]; ok {
		return w
	}
	p.font(size)
	w, err := p.pdf.MeasureTextWidth(s)
	p.fail(err)
	p.width[key] = w
	return w
}

// text draws s with the top of its line at y.
func (p *printer) text(x, y float64, s string, size float64) {
	if s == "" {
		return
	}
	p.font(size)
	p.pdf.SetXY(x, y)
	p.fail(p.pdf.Cell(nil, s))
}

func (p *printer) textRight(right, y float64, s string, size float64) {
	p.text(right-p.measure(s, size), y, s, size)
}

func (p *printer) textCenter(cx, y float64, s string, size float64) {
	p.text(cx-p.measure(s, size)/2, y, s, size)
}

// gray sets the text and stroke colour: 0 black … 1 white.
func (p *printer) gray(g float64) {
	v := uint8(g * 255)
	p.pdf.SetTextColor(v, v, v)
	p.pdf.SetStrokeColor(v, v, v)
}

func (p *printer) lineWidth(w float64) { p.pdf.SetLineWidth(w) }

func (p *printer) line(x1, y1, x2, y2 float64) { p.pdf.Line(x1, y1, x2, y2) }

func (p *printer) box(x, y, w, h float64) { p.pdf.RectFromUpperLeftWithStyle(x, y, w, h, "D") }

func (p *printer) roundBox(x, y, w, h, r float64) {
	p.fail(p.pdf.Rectangle(x, y, x+w, y+h, "D", r, 8))
}

// breaksBefore reports whether a line may not start with r (closing
// punctuation), so it stays with the character before it.
func noLineStart(r rune) bool {
	return strings.ContainsRune("，。、：；？！）》」』】〉…,.;:?!)]}%»”’", r)
}

// wide reports whether r is a character that may be wrapped on its own
// (CJK ideographs, kana, full-width forms).
func wide(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) ||
		unicode.Is(unicode.Hangul, r) || (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF)
}

// tokens splits a paragraph into wrap units: words with their trailing
// spaces, and single CJK characters with any closing punctuation.
func tokens(s string) []string {
	var out []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			out = append(out, string(cur))
			cur = cur[:0]
		}
	}
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r == ' ':
			cur = append(cur, r)
			flush()
		case noLineStart(r):
			if len(cur) == 0 && len(out) > 0 && !strings.HasSuffix(out[len(out)-1], " ") {
				out[len(out)-1] += string(r)
			} else {
				cur = append(cur, r)
			}
		case wide(r):
			flush()
			cur = append(cur, r)
			for i+1 < len(rs) && noLineStart(rs[i+1]) {
				i++
				cur = append(cur, rs[i])
			}
			flush()
		default:
			if len(cur) > 0 && wide(cur[len(cur)-1]) {
				flush()
			}
			cur = append(cur, r)
		}
	}
	flush()
	return out
}

// wrap breaks s into lines no wider than width at size, at spaces or
// between CJK characters; a word wider than the line is split. Newlines in
// s start new lines. At most maxLines lines are returned (0 = no limit); a
// cut text ends with "…".
func (p *printer) wrap(s string, size, width float64, maxLines int) []string {
	s = p.clean(strings.TrimSpace(s))
	var lines []string
	for _, para := range strings.Split(s, "\n") {
		line := ""
		for _, tok := range tokens(strings.TrimSpace(para)) {
			if p.measure(strings.TrimRight(line+tok, " "), size) <= width {
				line += tok
				continue
			}
			if strings.TrimSpace(line) != "" {
				lines = append(lines, strings.TrimRight(line, " "))
				line = ""
			}
			// tok alone may still be too wide: split it by runes.
			for p.measure(strings.TrimRight(tok, " "), size) > width {
				rs := []rune(tok)
				n := 1
				for n < len(rs) && p.measure(string(rs[:n+1]), size) <= width {
					n++
				}
				lines = append(lines, string(rs[:n]))
				tok = string(rs[n:])
			}
			line = tok
		}
		if strings.TrimSpace(line) != "" || len(lines) == 0 {
			lines = append(lines, strings.TrimRight(line, " "))
		}
	}
	if maxLines > 0 && len(lines) > maxLines {
		lines = lines[:maxLines]
		last := []rune(lines[maxLines-1])
		for len(last) > 0 && p.measure(string(last)+"…", size) > width {
			last = last[:len(last)-1]
		}
		lines[maxLines-1] = string(last) + "…"
	}
	return lines
}

// widest returns the width of the widest line.
func (p *printer) widest(lines []string, size float64) float64 {
	w := 0.0
	for _, l := range lines {
		w = max(w, p.measure(l, size))
	}
	return w
}

// faceMood maps the face labels of data/bank's emoji preset to a mood from
// -1 (angry) to 1 (delighted): the font has no emoji, so faces are drawn.
var faceMood = map[string]float64{
	"😡": -1, "😠": -0.9, "😞": -0.75, "🙁": -0.5, "😕": -0.25,
	"😐": 0, "🙂": 0.45, "😊": 0.65, "😀": 0.85, "😍": 1,
}

// faceD is the diameter of a drawn face.
const faceD = 14.0

// face draws a simple face of diameter d centred at cx, cy: a circle, two
// eyes and a mouth that smiles for a positive mood and frowns for a
// negative one.
func (p *printer) face(cx, cy, d, mood float64) {
	p.gray(0.3)
	p.lineWidth(0.7)
	p.pdf.Oval(cx-d/2, cy-d/2, cx+d/2, cy+d/2)
	p.pdf.SetFillColor(77, 77, 77)
	e := d * 0.07
	for _, ex := range []float64{cx - d*0.18, cx + d*0.18} {
		p.pdf.RectFromUpperLeftWithStyle(ex-e, cy-d*0.15-e, 2*e, 2*e, "F")
	}
	my := cy + d*0.2 - mood*d*0.06
	bend := mood * d * 0.2
	p.pdf.Curve(cx-d*0.25, my, cx-d*0.1, my+bend, cx+d*0.1, my+bend, cx+d*0.25, my, "D")
}
