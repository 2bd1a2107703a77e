package paperform

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/makiuchi-d/gozxing"
	"github.com/makiuchi-d/gozxing/qrcode"

	"csatdesk/data"
	"csatdesk/data/bank"
	"csatdesk/data/scan"
)

// This file is the proof that the printed forms keep the reader's
// contract: it rasterises printed pages as a scanner would (pdftoppm, grey,
// 150 dpi) and checks that every box of the Layout is a drawn outline with
// white inside, exactly where the layout says, that the corner squares are
// solid and that the page code decodes to the right scan.Code.

// mixedSurvey has one question of every kind a paper form prints:
// faces, stars, words, 1–10, NPS 0–10, CES 1–7, yes/no, choices, text.
func mixedSurvey(lang string) data.Survey {
	sv := data.Survey{ID: 42, Version: 3, Name: "Scanning test", Business: "Acme", Language: lang}
	add := func(k data.Kind, text string, n int, preset bank.LabelPreset) {
		q := data.NewQuestion(k, text, n)
		if preset != "" {
			q.Labels = bank.Labels(lang, preset, n)
		}
		sv.AddQuestion(q)
	}
	add(data.KindRating, "How was your visit?", 5, bank.PresetEmoji)
	add(data.KindRating, "How was the food?", 5, bank.PresetStars)
	add(data.KindRating, "How was the service?", 5, bank.PresetWords)
	add(data.KindRating, "How clean was it?", 10, bank.PresetWords)
	add(data.KindNPS, "Would you recommend us?", 11, bank.PresetWords)
	add(data.KindCES, "It was easy to order.", 7, bank.PresetWords)
	add(data.KindYesNo, "Did you find what you wanted?", 0, "")
	q := data.NewQuestion(data.KindChoice, "What did you have?", 0)
	q.Choices = []string{"Breakfast", "Lunch", "Dinner", "Just a coffee", "A very long choice label that goes on and on until it has to wrap onto a second line"}
	q.Max = len(q.Choices)
	sv.AddQuestion(q)
	add(data.KindText, "What could we do better?", 0, "")
	return sv
}

// rasterise renders page (from 1) of pdf as a 150 dpi grey image.
func rasterise(t *testing.T, pdf []byte, page, dpi int) *image.Gray {
	t.Helper()
	bin, err := exec.LookPath("pdftoppm")
	if err != nil {
		t.Skip("pdftoppm is not installed")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "f.pdf")
	if err := os.WriteFile(in, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "p")
	pg := fmt.Sprint(page)
	if b, err := exec.Command(bin, "-gray", "-r", fmt.Sprint(dpi), "-png", "-singlefile", "-f", pg, "-l", pg, in, out).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v: %s", err, b)
	}
	f, err := os.Open(out + ".png")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if g, ok := img.(*image.Gray); ok {
		return g
	}
	g := image.NewGray(img.Bounds())
	for y := img.Bounds().Min.Y; y < img.Bounds().Max.Y; y++ {
		for x := img.Bounds().Min.X; x < img.Bounds().Max.X; x++ {
			g.Set(x, y, img.At(x, y))
		}
	}
	return g
}

// px returns the grey value at (x, y) mm, white outside the image.
func px(g *image.Gray, pxmm, x, y float64) uint8 {
	ix, iy := int(x*pxmm), int(y*pxmm)
	if !(image.Point{ix, iy}.In(g.Bounds())) {
		return 255
	}
	return g.GrayAt(ix, iy).Y
}

// darkNear reports whether a pixel within tol mm of (x, y), across the
// line (horizontal when across is true means the line runs horizontally
// and we step in y), is dark.
func darkNear(g *image.Gray, pxmm, x, y, tol float64, stepY bool) bool {
	for d := -tol; d <= tol; d += 0.5 / pxmm {
		xx, yy := x, y
		if stepY {
			yy += d
		} else {
			xx += d
		}
		if px(g, pxmm, xx, yy) < 140 {
			return true
		}
	}
	return false
}

// checkBox reports what is wrong with box r on the page image: each of its
// four sides must be drawn (dark within 0.3 mm of the side, all along it)
// and its inside white.
func checkBox(g *image.Gray, pxmm float64, r scan.Rect) string {
	const tol = 0.3
	for i := 1; i < 10; i++ {
		f := float64(i) / 10
		x, y := r.X+f*r.W, r.Y+f*r.H
		switch {
		case !darkNear(g, pxmm, x, r.Y, tol, true):
			return fmt.Sprintf("no top side at x %.1f", x)
		case !darkNear(g, pxmm, x, r.Y+r.H, tol, true):
			return fmt.Sprintf("no bottom side at x %.1f", x)
		case !darkNear(g, pxmm, r.X, y, tol, false):
			return fmt.Sprintf("no left side at y %.1f", y)
		case !darkNear(g, pxmm, r.X+r.W, y, tol, false):
			return fmt.Sprintf("no right side at y %.1f", y)
		}
	}
	for y := r.Y + 0.6; y < r.Y+r.H-0.6; y += 0.5 / pxmm {
		for x := r.X + 0.6; x < r.X+r.W-0.6; x += 0.5 / pxmm {
			if v := px(g, pxmm, x, y); v < 230 {
				return fmt.Sprintf("ink inside at %.1f,%.1f (%d)", x, y, v)
			}
		}
	}
	// Nothing printed right beside the box: a cross that strays a little
	// over a side must not reach another box or a label.
	for i := 1; i < 10; i++ {
		y := r.Y + float64(i)/10*r.H
		if px(g, pxmm, r.X-1, y) < 200 || px(g, pxmm, r.X+r.W+1, y) < 200 {
			return fmt.Sprintf("ink 1 mm beside the box at y %.1f", y)
		}
	}
	return ""
}

// overlapGap returns the distance between two rectangles (0 when they
// overlap).
func overlapGap(a, b scan.Rect) float64 {
	dx := max(b.X-(a.X+a.W), a.X-(b.X+b.W), 0)
	dy := max(b.Y-(a.Y+a.H), a.Y-(b.Y+b.H), 0)
	return max(dx, dy)
}

// decodeQR finds and decodes the page's QR code anywhere on the image.
func decodeQR(t *testing.T, g *image.Gray) (*gozxing.Result, error) {
	t.Helper()
	bmp, err := gozxing.NewBinaryBitmapFromImage(g)
	if err != nil {
		return nil, err
	}
	return qrcode.NewQRCodeReader().Decode(bmp, map[gozxing.DecodeHintType]any{gozxing.DecodeHintType_TRY_HARDER: true})
}

func TestPrintedPagesMatchTheirLayout(t *testing.T) {
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		t.Skip("pdftoppm is not installed")
	}
	long := longSurvey(24)
	long.ID = 7
	cases := []struct {
		name string
		sv   data.Survey
		opt  Options
	}{
		{"every kind, English", mixedSurvey("en"), Options{Count: 2, NumberPrefix: "A-", FirstNumber: 120}},
		{"every kind, Chinese, Letter", mixedSurvey("zh_Hans"), Options{Count: 1, Paper: "Letter"}},
		{"a Latvian template", template(t, "lv", "restaurant", "Kafejnīca Rīga"), Options{Count: 1, NumberPrefix: "Rīga-"}},
		{"a long survey on several pages", long, Options{Count: 1, NumberPrefix: "B-"}},
	}
	const dpi = 150
	pxmm := dpi / 25.4
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			l, err := Layout(c.sv, c.opt)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := Write(&buf, c.sv, c.opt); err != nil {
				t.Fatal(err)
			}
			if got := pages(buf.Bytes()); got != len(l.Pages)*c.opt.Count {
				t.Fatalf("%d pages in the PDF, the layout has %d per form", got, len(l.Pages))
			}
			form := c.opt.Count - 1 // the last form: every form has the same layout
			for pi, pl := range l.Pages {
				g := rasterise(t, buf.Bytes(), form*len(l.Pages)+pi+1, dpi)
				for mi, m := range l.Marks {
					for y := m.Y + 0.4; y < m.Y+m.H-0.4; y += 0.3 {
						for x := m.X + 0.4; x < m.X+m.W-0.4; x += 0.3 {
							if v := px(g, pxmm, x, y); v > 60 {
								t.Fatalf("page %d: corner square %d is not solid at %.1f,%.1f (%d)", pi+1, mi, x, y, v)
							}
						}
					}
					for _, d := range []float64{-0.5, m.W + 0.5} { // and sharp: white just outside
						if v := px(g, pxmm, m.X+d, m.Y+m.H/2); v < 200 {
							t.Errorf("page %d: corner square %d spills over its side (%d)", pi+1, mi, v)
						}
					}
				}
				var all []scan.Box
				for _, q := range pl.Questions {
					all = append(all, q.Boxes...)
				}
				for i, a := range all {
					for _, b := range all[i+1:] {
						if d := overlapGap(a.R, b.R); d < 3 {
							t.Errorf("page %d: boxes at %+v and %+v are %.1f mm apart, want 3", pi+1, a.R, b.R, d)
						}
					}
				}
				for _, q := range pl.Questions {
					for _, b := range q.Boxes {
						if b.R.W < 5 || b.R.W != b.R.H {
							t.Errorf("question %d box %d: %.2f×%.2f mm, want a square of at least 5 mm", q.QuestionID, b.Value, b.R.W, b.R.H)
						}
						if msg := checkBox(g, pxmm, b.R); msg != "" {
							t.Errorf("page %d question %d box %d at %.1f,%.1f: %s", pi+1, q.QuestionID, b.Value, b.R.X, b.R.Y, msg)
						}
					}
				}
				res, err := decodeQR(t, g)
				if err != nil {
					t.Fatalf("page %d: the QR code does not decode: %v", pi+1, err)
				}
				code, err := scan.ParseCode(res.GetText())
				if err != nil {
					t.Fatal(err)
				}
				want := scan.Code{SurveyID: c.sv.ID, Layout: l.Hash(), Serial: c.opt.FormNumber(form), Page: pi + 1}
				if code != want {
					t.Errorf("page %d: code %+v, want %+v", pi+1, code, want)
				}
				for _, rp := range res.GetResultPoints() { // the finder patterns lie in the layout's QR square
					x, y := rp.GetX()/pxmm, rp.GetY()/pxmm
					if x < pl.QR.X || x > pl.QR.X+pl.QR.W || y < pl.QR.Y || y > pl.QR.Y+pl.QR.H {
						t.Errorf("page %d: QR point at %.1f,%.1f mm is outside %+v", pi+1, x, y, pl.QR)
					}
				}
			}
		})
	}
}

// TestTheQRCodeDecodesAt100Dpi: the page code is big enough for a coarse
// scan or a phone photo of a whole page (about 4 px per mm), with a long
// form number.
func TestTheQRCodeDecodesAt100Dpi(t *testing.T) {
	sv := mixedSurvey("ru")
	opt := Options{Count: 1, NumberPrefix: "Кафе на Невском-", FirstNumber: 123456}
	var buf bytes.Buffer
	if err := Write(&buf, sv, opt); err != nil {
		t.Fatal(err)
	}
	g := rasterise(t, buf.Bytes(), 1, 100)
	res, err := decodeQR(t, g)
	if err != nil {
		t.Fatalf("the QR code does not decode at 100 dpi: %v", err)
	}
	if !strings.Contains(res.GetText(), "|Кафе на Невском-123456|") {
		t.Errorf("code %q", res.GetText())
	}
}
