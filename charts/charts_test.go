package charts

import (
	"bytes"
	"errors"
	"image"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"

	"csatdesk/data"

	"github.com/wcharczuk/go-chart/v2/drawing"
)

var nan = math.NaN()

// flat returns n points of value v with nAnswers answers each.
func flat(n int, v float64, nAnswers uint64) []data.TrendPoint {
	pts := make([]data.TrendPoint, n)
	d := data.DayFromDate(2025, 1, 1)
	for i := range pts {
		k := uint64(math.Round(v / 100 * float64(nAnswers)))
		lo, hi := data.Wilson(k, nAnswers, data.Z95)
		pts[i] = data.TrendPoint{Start: d, End: d + 1, Label: d.String(), N: nAnswers, Value: v, Low: lo * 100, High: hi * 100}
		d++
	}
	return pts
}

// noHang runs fn and fails the test before the test runner's -timeout
// would, naming the case, if fn does not return. go-chart hangs forever on
// some NaN inputs; nothing here may.
func noHang(t *testing.T, fn func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn()
	}()
	deadline, ok := t.Deadline()
	if !ok {
		<-done
		return
	}
	timer := time.NewTimer(time.Until(deadline) * 9 / 10)
	defer timer.Stop()
	select {
	case <-done:
	case <-timer.C:
		t.Fatal("render did not return: hangs")
	}
}

func TestEveryChartRendersAPNGOfTheRequestedSize(t *testing.T) {
	opt := func(s Size) Options { return Options{Style: Style{Title: "T", Footer: "F"}, Size: s} }
	cases := []struct {
		name string
		size Size
		draw func(Size) (image.Image, error)
	}{
		{"trend at screen size", SizeScreen, func(s Size) (image.Image, error) {
			return Trend(sampleTrend(), TrendOptions{Size: s, Compare: sampleCompare(), Goal: Goal{Value: 88}})
		}},
		{"trend at slide size", SizeSlide, func(s Size) (image.Image, error) { return Trend(sampleTrend(), TrendOptions{Size: s}) }},
		{"trend at A4 width", SizeA4, func(s Size) (image.Image, error) { return Trend(sampleTrend(), TrendOptions{Size: s, ZoomY: true}) }},
		{"trend with DPI 0 taken as 96", Size{WidthPx: 640, HeightPx: 400}, func(s Size) (image.Image, error) {
			return Trend(sampleTrend(), TrendOptions{Size: s})
		}},
		{"distribution square", SizeSquare, func(s Size) (image.Image, error) { return Distribution(sampleQuestion(), sampleHist(), opt(s)) }},
		{"NPS bars at screen size", SizeScreen, func(s Size) (image.Image, error) { return NPSBars(sampleNPS(12), opt(s)) }},
		{"segments at slide size", SizeSlide, func(s Size) (image.Image, error) { return Segments(sampleSegments(), opt(s)) }},
		{"volume at A4 width", SizeA4, func(s Size) (image.Image, error) { return Volume(sampleVolume(), opt(s)) }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			img, err := tc.draw(tc.size)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := EncodePNG(&buf, img, tc.size.DPI); err != nil {
				t.Fatal(err)
			}
			dec, err := png.Decode(&buf)
			if err != nil {
				t.Fatal(err)
			}
			if got := dec.Bounds().Size(); got.X != tc.size.WidthPx || got.Y != tc.size.HeightPx {
				t.Errorf("size %v, want %dx%d", got, tc.size.WidthPx, tc.size.HeightPx)
			}
		})
	}
}

func sameColor(c1 drawing.Color, c2 [4]uint8) bool {
	d := func(a, b uint8) int { return max(int(a)-int(b), int(b)-int(a)) }
	return d(c1.R, c2[0]) <= 2 && d(c1.G, c2[1]) <= 2 && d(c1.B, c2[2]) <= 2
}

// rowShare returns the share of pixels of row y between x0 and x1 that
// have colour c.
func rowShare(img *image.RGBA, y, x0, x1 int, c drawing.Color) float64 {
	hit := 0
	for x := x0; x < x1; x++ {
		i := img.PixOffset(x, y)
		if sameColor(c, [4]uint8(img.Pix[i:i+4])) {
			hit++
		}
	}
	return float64(hit) / float64(max(1, x1-x0))
}

func TestTheBandIsShadedBetween75And85PercentOfThePlot(t *testing.T) {
	cases := []struct {
		name string
		opt  TrendOptions
	}{
		{"light, fixed 0–100 axis, screen", TrendOptions{Size: SizeScreen}},
		{"dark, fixed axis, slide", TrendOptions{Size: SizeSlide, Style: Style{Dark: true}}},
		{"light, zoomed axis, A4 at 300 DPI", TrendOptions{Size: SizeA4, ZoomY: true}},
		{"dark, zoomed axis, square, with a goal", TrendOptions{Size: SizeSquare, ZoomY: true, Style: Style{Dark: true}, Goal: Goal{Value: 95}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			img, g, err := renderTrend(flat(12, 50, 2000), tc.opt)
			if err != nil {
				t.Fatal(err)
			}
			pal := paletteFor(tc.opt.Dark)
			y75, y85 := g.y(75), g.y(85)
			if !(g.box.Top < y85 && y85 < y75 && y75 < g.box.Bottom) {
				t.Fatalf("band rows %d..%d outside plot %v", y85, y75, g.box)
			}
			x0, x1 := g.box.Left+1, g.box.Right-1
			for _, row := range []struct {
				name string
				y    int
			}{{"75 %", y75}, {"85 %", y85}, {"80 %", g.y(80)}} {
				if s := rowShare(img, row.y, x0, x1, pal.band); s < 0.9 {
					t.Errorf("row at %s (y=%d): %.0f%% band colour, want >= 90%%", row.name, row.y, s*100)
				}
			}
			for _, v := range []float64{70, 90} {
				if g.y(v) <= g.box.Top {
					continue
				}
				if s := rowShare(img, g.y(v), x0, x1, pal.band); s > 0.05 {
					t.Errorf("row at %v %% is %.0f%% band colour, want none", v, s*100)
				}
			}
		})
	}
}

func TestTooLittleDataReturnsErrNotEnoughData(t *testing.T) {
	onePoint := flat(3, 80, 50)
	onePoint[0].N, onePoint[0].Value = 0, nan
	onePoint[2].Value = nan // answers but no value: still not a point
	allNaN := flat(4, nan, 0)
	oneBucket := sampleNPS(1)
	emptyBuckets := make([]data.Bucket, 5)
	oneRow := sampleSegments()[:1]
	nanRows := []SegmentRow{{Label: "a", CSAT: data.CSATOf(data.Histogram{}, 4)}, {Label: "b", CSAT: data.CSAT{N: 3, Percent: nan}}}
	opt := Options{Size: SizeScreen}
	cases := []struct {
		name string
		draw func() (image.Image, error)
	}{
		{"a trend of no points", func() (image.Image, error) { return Trend(nil, TrendOptions{}) }},
		{"a trend with one point with answers", func() (image.Image, error) { return Trend(onePoint, TrendOptions{}) }},
		{"a trend of periods without answers", func() (image.Image, error) { return Trend(allNaN, TrendOptions{Compare: sampleTrend()}) }},
		{"a distribution of no answers", func() (image.Image, error) { return Distribution(sampleQuestion(), data.Histogram{}, opt) }},
		{"a distribution of a question without a scale", func() (image.Image, error) {
			return Distribution(data.Question{Kind: data.KindRating, Min: 5, Max: 1}, sampleHist(), opt)
		}},
		{"NPS of one period", func() (image.Image, error) { return NPSBars(oneBucket, opt) }},
		{"NPS of empty periods", func() (image.Image, error) { return NPSBars(emptyBuckets, opt) }},
		{"segments with one row", func() (image.Image, error) { return Segments(oneRow, opt) }},
		{"segments without answers", func() (image.Image, error) { return Segments(nanRows, opt) }},
		{"volume of empty periods", func() (image.Image, error) { return Volume(emptyBuckets, opt) }},
		{"volume of nothing", func() (image.Image, error) { return Volume(nil, opt) }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			noHang(t, func() {
				img, err := tc.draw()
				if !errors.Is(err, ErrNotEnoughData) {
					t.Errorf("err = %v, want ErrNotEnoughData", err)
				}
				if img != nil {
					t.Errorf("got an image with the error")
				}
			})
		})
	}
}

func TestNaNAndOddInputsNeverHangOrPanic(t *testing.T) {
	gappy := sampleTrend()
	gappy[3].Low, gappy[3].High = nan, nan // a value without a range
	gappy[5].Value = math.Inf(1)           // garbage: treated as a gap
	gappy[7].High = math.Inf(1)
	gappy[9].Value = 140 // out of range: clamped
	gappy[10].Value = -5
	alternating := sampleTrend()
	for i := range alternating {
		if i%2 == 1 {
			alternating[i].N, alternating[i].Value = 0, nan
		}
	}
	constant := flat(5, 100, 10)
	badNPS := sampleNPS(6)
	badNPS[2].Hist = data.Histogram{}
	cases := []struct {
		name string
		draw func() (image.Image, error)
	}{
		{"NaN, infinite and out-of-range values", func() (image.Image, error) { return Trend(gappy, TrendOptions{}) }},
		{"every other period empty (no line, only points)", func() (image.Image, error) { return Trend(alternating, TrendOptions{ZoomY: true}) }},
		{"a constant 100 % zoomed", func() (image.Image, error) { return Trend(constant, TrendOptions{ZoomY: true}) }},
		{"a NaN goal, band and DPI", func() (image.Image, error) {
			return Trend(sampleTrend(), TrendOptions{Goal: Goal{Value: nan}, Band: Band{Low: nan, High: 3}, Size: Size{WidthPx: 800, HeightPx: 400, DPI: nan}})
		}},
		{"a compare series longer than the series and all NaN", func() (image.Image, error) {
			return Trend(flat(4, 80, 100), TrendOptions{Compare: flat(40, nan, 0)})
		}},
		{"a reversed band and a goal of 100", func() (image.Image, error) {
			return Trend(sampleTrend(), TrendOptions{Band: Band{Low: 90, High: 60}, Goal: Goal{Value: 100}, ZoomY: true})
		}},
		{"a tiny size", func() (image.Image, error) {
			return Trend(sampleTrend(), TrendOptions{Size: Size{WidthPx: 10, HeightPx: 10}})
		}},
		{"a distribution of a choice question", func() (image.Image, error) {
			q := data.NewQuestion(data.KindChoice, "Where did you hear of us?", 0)
			q.Choices = []string{"Friends", "Instagram", "Walked by", "Other"}
			q.Max = 4
			var h data.Histogram
			h[1], h[3] = 10, 4
			return Distribution(q, h, Options{})
		}},
		{"a distribution of an NPS question", func() (image.Image, error) {
			var h data.Histogram
			for v := range h {
				h[v] = uint64(v + 1)
			}
			return Distribution(data.NewQuestion(data.KindNPS, "Recommend?", 0), h, Options{Style: Style{Dark: true}})
		}},
		{"NPS with an empty period", func() (image.Image, error) { return NPSBars(badNPS, Options{}) }},
		{"segments with NaN ranges", func() (image.Image, error) {
			return Segments([]SegmentRow{{"a", data.CSAT{N: 5, Percent: 60, Low: nan, High: nan}}, {"b", data.CSAT{N: 50, Percent: 90, Low: 80, High: math.Inf(1)}}}, Options{})
		}},
		{"two hundred segments", func() (image.Image, error) {
			var rows []SegmentRow
			for i := range 200 {
				var h data.Histogram
				h[5], h[1] = uint64(i+1), 20
				rows = append(rows, SegmentRow{Label: "Segment with a rather long name number " + string(rune('A'+i%26)), CSAT: data.CSATOf(h, 4)})
			}
			return Segments(rows, Options{})
		}},
		{"260 weeks of volume", func() (image.Image, error) {
			var bs []data.Bucket
			for i, p := range weekly(260) {
				b := data.Bucket{Label: p.Label}
				b.Hist[1] = uint64(i % 50)
				bs = append(bs, b)
			}
			return Volume(bs, Options{Size: SizeSlide})
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			noHang(t, func() {
				img, err := tc.draw()
				if err != nil {
					t.Fatalf("err = %v", err)
				}
				if img == nil || img.Bounds().Empty() {
					t.Fatal("no image")
				}
			})
		})
	}
}

const glyphSample = "客戶滿意度 满意度 Очень доволен Ļoti apmierināts ★"

func TestTheFontHasGlyphsForEveryLanguage(t *testing.T) {
	font, err := chartFont()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range glyphSample + "–−…·÷%€" {
		if r != ' ' && font.Index(r) == 0 {
			t.Errorf("no glyph for %q (U+%04X)", r, r)
		}
	}
}

func TestTitlesInChineseRussianAndLatvianRender(t *testing.T) {
	titles := []struct{ locale, title string }{
		{"zh_Hans", "满意度趋势 ★★★★★"},
		{"zh_Hant", "客戶滿意度"},
		{"ru", "Очень доволен: CSAT по месяцам"},
		{"lv", "Ļoti apmierināts — ŗūķīšņģļžč"},
		{"en", glyphSample},
	}
	inkIn := func(img *image.RGBA, pal *palette, rect image.Rectangle) int {
		n := 0
		for y := rect.Min.Y; y < rect.Max.Y; y++ {
			for x := rect.Min.X; x < rect.Max.X; x++ {
				i := img.PixOffset(x, y)
				if !sameColor(pal.background, [4]uint8(img.Pix[i:i+4])) {
					n++
				}
			}
		}
		return n
	}
	for _, tc := range titles {
		t.Run(tc.locale, func(t *testing.T) {
			f, err := newFrame(Style{Title: tc.title}, SizeScreen)
			if err != nil {
				t.Fatal(err)
			}
			if w := f.textW(tc.title, titlePt); w < len([]rune(tc.title))*4 {
				t.Errorf("title measures %d px: glyphs missing?", w)
			}
			img, _, err := renderTrend(sampleTrend(), TrendOptions{Style: Style{Title: tc.title, Locale: tc.locale}, Size: SizeScreen})
			if err != nil {
				t.Fatal(err)
			}
			band := image.Rect(0, 0, SizeScreen.WidthPx, f.px(marginPx)+f.lineH(titlePt))
			if ink := inkIn(img, paletteFor(false), band); ink < 200 {
				t.Errorf("title area has %d inked pixels, want a rendered title", ink)
			}
		})
	}
}

func TestValueLabelsUseTheLocalesDecimalSeparator(t *testing.T) {
	cases := []struct {
		name, got, want string
	}{
		{"English percent", fmtPct(84.2, 1, "en"), "84.2%"},
		{"Latvian percent", fmtPct(84.2, 1, "lv"), "84,2 %"},
		{"Russian percent", fmtPct(84.2, 1, "ru"), "84,2 %"},
		{"Italian percent", fmtPct(84.2, 1, "it"), "84,2 %"},
		{"Chinese percent", fmtPct(84.2, 1, "zh_Hans"), "84.2%"},
		{"English count", fmtCount(12345, "en"), "12,345"},
		{"Russian count", fmtCount(1234567, "ru"), "1 234 567"},
		{"Italian count", fmtCount(12345, "it"), "12.345"},
		{"short count", fmtCount(1234, "ru"), "1234"},
		{"positive NPS", fmtSigned(31.6, "en"), "+32"},
		{"negative NPS", fmtSigned(-4.6, "lv"), "−5"},
		{"zero NPS", fmtSigned(-0.2, "en"), "0"},
		{"legend in Latvian", word("lv", "range"), "95 % intervāls"},
		{"legend falls back to English", word("de", "range"), "95% range"},
		{"zh_TW uses traditional", word("zh_TW", "goal"), "目標"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("got %q, want %q", tc.got, tc.want)
			}
		})
	}
}

func TestWritePNGFileLeavesOnlyTheFinishedFile(t *testing.T) {
	dir := t.TempDir()
	img, err := Volume(sampleVolume(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "volume.png")
	for range 2 { // the second write replaces the first
		if err := WritePNGFile(path, img, 96); err != nil {
			t.Fatal(err)
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].Name() != "volume.png" {
		t.Errorf("directory holds %v, want only volume.png", entries)
	}
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	cfg, err := png.DecodeConfig(fh)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Width != SizeScreen.WidthPx || cfg.Height != SizeScreen.HeightPx {
		t.Errorf("PNG is %dx%d", cfg.Width, cfg.Height)
	}
	if err := WritePNGFile(filepath.Join(dir, "missing", "x.png"), img, 96); err == nil {
		t.Error("writing into a missing directory succeeded")
	}
}

func TestTheBackgroundIsThePalettesColour(t *testing.T) {
	for _, dark := range []bool{false, true} {
		img, _, err := renderTrend(sampleTrend(), TrendOptions{Style: Style{Dark: dark}})
		if err != nil {
			t.Fatal(err)
		}
		pal := paletteFor(dark)
		for _, p := range []image.Point{{0, 0}, {img.Bounds().Dx() - 1, img.Bounds().Dy() - 1}, {img.Bounds().Dx() - 2, img.Bounds().Dy() / 2}} {
			i := img.PixOffset(p.X, p.Y)
			if !sameColor(pal.background, [4]uint8(img.Pix[i:i+4])) {
				t.Errorf("dark=%v: pixel %v is %v, want the background", dark, p, img.Pix[i:i+4])
			}
		}
	}
}

func TestChartsRenderConcurrently(t *testing.T) {
	done := make(chan error)
	for i := range 4 {
		go func() {
			var err error
			if i%2 == 0 {
				_, err = Trend(sampleTrend(), TrendOptions{Style: Style{Dark: i == 2}})
			} else {
				_, err = Segments(sampleSegments(), Options{})
			}
			done <- err
		}()
	}
	for range 4 {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}
