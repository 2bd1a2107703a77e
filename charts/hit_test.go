package charts

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/png"
	"math"
	"testing"

	"csatdesk/data"
)

// pngChunks lists the chunk types of a PNG and the data of its pHYs.
func pngChunks(t *testing.T, b []byte) (types []string, phys []byte) {
	t.Helper()
	if len(b) < 8 || string(b[1:4]) != "PNG" {
		t.Fatal("not a PNG")
	}
	for i := 8; i+8 <= len(b); {
		n := int(binary.BigEndian.Uint32(b[i:]))
		typ := string(b[i+4 : i+8])
		types = append(types, typ)
		if typ == "pHYs" {
			phys = b[i+8 : i+8+n]
		}
		i += 12 + n
	}
	return types, phys
}

func TestExportedPNGsCarryTheirDPIInAPHYsChunk(t *testing.T) {
	cases := []struct {
		name string
		size Size
		ppm  uint32
	}{
		{"slide at 144 DPI", SizeSlide, 5669},
		{"A4 width at 300 DPI", SizeA4, 11811},
		{"custom 800×600 at 96 DPI", Size{WidthPx: 800, HeightPx: 600, DPI: 96}, 3780},
		{"custom 3000×1500 at 600 DPI", Size{WidthPx: 3000, HeightPx: 1500, DPI: 600}, 23622},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			img, err := Trend(sampleTrend(), TrendOptions{Size: c.size})
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := EncodePNG(&buf, img, c.size.DPI); err != nil {
				t.Fatal(err)
			}
			types, phys := pngChunks(t, buf.Bytes())
			if len(types) < 3 || types[0] != "IHDR" || types[1] != "pHYs" {
				t.Fatalf("chunks %v: want pHYs right after IHDR", types)
			}
			x, y := binary.BigEndian.Uint32(phys), binary.BigEndian.Uint32(phys[4:])
			if x != c.ppm || y != c.ppm || phys[8] != 1 {
				t.Errorf("pHYs %d×%d px/m unit %d, want %d px/m (metre)", x, y, phys[8], c.ppm)
			}
			if got := float64(x) * 0.0254; math.Abs(got-c.size.DPI) > 0.05 {
				t.Errorf("%d px/m is %.2f DPI, want %g", x, got, c.size.DPI)
			}
			dec, err := png.Decode(bytes.NewReader(buf.Bytes())) // the CRC and the chunk order are valid
			if err != nil {
				t.Fatal(err)
			}
			if b := dec.Bounds(); b.Dx() != c.size.WidthPx || b.Dy() != c.size.HeightPx {
				t.Errorf("decoded %v, want %dx%d", b, c.size.WidthPx, c.size.HeightPx)
			}
		})
	}
	var buf bytes.Buffer
	img, _ := Trend(sampleTrend(), TrendOptions{Size: SizeScreen})
	if err := EncodePNG(&buf, img, 0); err != nil {
		t.Fatal(err)
	}
	if _, phys := pngChunks(t, buf.Bytes()); phys != nil {
		t.Error("DPI 0 should write no pHYs")
	}
}

func TestLightAndDarkExportsDiffer(t *testing.T) {
	for _, size := range []Size{SizeScreen, {WidthPx: 700, HeightPx: 400, DPI: 120}} {
		bg := map[bool]image.Image{}
		for _, dark := range []bool{false, true} {
			img, err := Trend(sampleTrend(), TrendOptions{Style: Style{Dark: dark}, Size: size})
			if err != nil {
				t.Fatal(err)
			}
			bg[dark] = img
		}
		l, _, _, _ := bg[false].At(2, 2).RGBA()
		d, _, _, _ := bg[true].At(2, 2).RGBA()
		if l < 0xF000 || d > 0x4000 {
			t.Errorf("%v: corner is %#x light, %#x dark: want a white and a dark background", size, l, d)
		}
	}
}

func TestPointsAreFoundUnderThePointer(t *testing.T) {
	pts := sampleTrend()
	pts[3].N, pts[3].Value = 0, math.NaN() // a gap: nothing to tell there
	for _, size := range []Size{SizeScreen, {WidthPx: 1130, HeightPx: 300, DPI: 96}, {WidthPx: 2260, HeightPx: 600, DPI: 192}} {
		img, m, err := TrendMapped(pts, TrendOptions{Size: size, ZoomY: true})
		if err != nil {
			t.Fatal(err)
		}
		if b := img.Bounds(); b.Dx() != size.WidthPx || b.Dy() != size.HeightPx {
			t.Errorf("image %v, want %dx%d", b, size.WidthPx, size.HeightPx)
		}
		valid := 0
		for _, p := range pts {
			if p.N > 0 {
				valid++
			}
		}
		if len(m) != valid {
			t.Fatalf("%v: %d spots for %d points with answers", size, len(m), valid)
		}
		cases := []struct {
			name  string
			x, y  int
			index int // -1: no point
		}{
			{"on the first marker", m[0].At.X, m[0].At.Y, 0},
			{"above the last marker, in its column", m[len(m)-1].At.X, m[len(m)-1].Area.Min.Y + 1, len(pts) - 1},
			{"a little right of the third marker", m[2].At.X + m[2].Area.Dx()/3, m[2].At.Y, 2},
			{"in the gap's column", (m[2].Area.Max.X + m[3].Area.Min.X) / 2, m[2].At.Y, -1},
			{"in the title, above the plot", m[0].At.X, 2, -1},
			{"left of the plot", 1, m[0].At.Y, -1},
		}
		for _, c := range cases {
			s, ok := m.Hit(c.x, c.y)
			switch {
			case c.index < 0 && ok:
				t.Errorf("%v %s: hit point %d", size, c.name, s.Index)
			case c.index >= 0 && (!ok || s.Index != c.index):
				t.Errorf("%v %s: hit %d (%v), want %d", size, c.name, s.Index, ok, c.index)
			}
		}
		s := m[0]
		p := pts[s.Index]
		if s.Label != p.Label || s.N != p.N || s.Value != p.Value || s.Low != p.Low || s.High != p.High {
			t.Errorf("spot %+v does not carry point %+v", s, p)
		}
	}
}

var _ = data.TrendPoint{}

func TestSizesOutsideTheLimitsAreRefusedByCheck(t *testing.T) {
	cases := []struct {
		name string
		size Size
		ok   bool
	}{
		{"the slide preset", SizeSlide, true},
		{"the A4 preset", SizeA4, true},
		{"custom 800×600 at 96 DPI", Size{800, 600, 96}, true},
		{"too low for 600 DPI", Size{3000, 1000, 600}, false},
		{"no DPI", Size{800, 600, 0}, false},
		{"DPI 5000", Size{8000, 6000, 5000}, false},
		{"wider than 20,000 px", Size{30000, 600, 96}, false},
		{"negative", Size{-1, 600, 96}, false},
	}
	for _, c := range cases {
		if err := c.size.Check(); (err == nil) != c.ok {
			t.Errorf("%s: Check() = %v", c.name, err)
		}
	}
}

func TestSegmentRowsAreFoundUnderThePointer(t *testing.T) {
	rows := sampleSegments()
	img, m, err := SegmentsMapped(rows, Options{Size: Size{WidthPx: 1100, HeightPx: 420, DPI: 110}})
	if err != nil {
		t.Fatal(err)
	}
	if len(m) < 2 {
		t.Fatalf("%d rows on the map", len(m))
	}
	for i, s := range m {
		if !s.Area.In(img.Bounds()) {
			t.Errorf("row %d area %v leaves the image %v", i, s.Area, img.Bounds())
		}
		got, ok := m.Hit(s.Area.Min.X+2, s.At.Y)
		if !ok || got.Label != s.Label {
			t.Errorf("row %q: hit %q (%v)", s.Label, got.Label, ok)
		}
		if i > 0 && m[i-1].Value < s.Value {
			t.Errorf("rows not high to low: %v then %v", m[i-1].Value, s.Value)
		}
		var src *SegmentRow
		for j := range rows {
			if rows[j].Label == s.Label {
				src = &rows[j]
			}
		}
		if src == nil || src.CSAT.N != s.N || src.CSAT.Percent != s.Value || src.CSAT.Low != s.Low {
			t.Errorf("row %q does not carry its figures: %+v", s.Label, s)
		}
	}
	if _, ok := m.Hit(2, 2); ok {
		t.Error("the title is a row")
	}
}

func TestALowChartHasFewerValueTicks(t *testing.T) {
	cases := []struct {
		name     string
		size     Size
		min, max int
	}{
		{"the window's at 768 px", Size{WidthPx: 1130, HeightPx: 270, DPI: 110}, 2, 3},
		{"a slide", SizeSlide, 5, 5},
		{"the smallest", Size{WidthPx: 200, HeightPx: 200, DPI: 96}, 2, 2},
	}
	for _, c := range cases {
		f, err := newFrame(Style{Title: "T"}, c.size)
		if err != nil {
			t.Fatal(err)
		}
		f.legend = append(f.legend, legendItem{legendBox, f.pal.volume, "Responses"})
		if n := f.yTickCount(); n < c.min || n > c.max {
			t.Errorf("%s: %d ticks, want %d–%d", c.name, n, c.min, c.max)
		}
		ticks, top := countAxis(1139, "en", f.yTickCount())
		if len(ticks) > f.yTickCount()+2 || top < 1139 || top > 1500 {
			t.Errorf("%s: %d count ticks up to %g for 1139", c.name, len(ticks), top)
		}
	}
}
