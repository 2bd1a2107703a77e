package charts

import (
	"fmt"
	"image"
	"math"
	"strings"
	"unicode"

	"github.com/golang/freetype/truetype"
	chart "github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"
)

// frame is the layout every chart shares: title, subtitle and legend above
// the plot, the footer below it, margins scaled with the DPI. It builds the
// go-chart Chart, measures text with go-chart's renderer and draws the
// texts around the plot as a go-chart element.
type frame struct {
	size Size
	k    float64 // DPI / 96: the scale of strokes and paddings
	pal  *palette
	st   Style
	font *truetype.Font
	m    chart.Renderer // measures text only

	legend []legendItem
	// Extra room in pixels around the plot for labels the chart draws
	// itself: above the plot, below it, left and right of it.
	topExtra, bottomExtra, leftExtra, rightExtra int

	ops []textOp // header and footer texts, placed by layout
	leg []placedLegend
	sep int // y of the line above the footer; 0 for none
}

// legendKind is the swatch drawn before a legend text.
type legendKind int

const (
	legendLine legendKind = iota
	legendDashed
	legendBox
	legendHollow
	legendRibbon
	legendWhisker
	legendText // no swatch: a note
)

type legendItem struct {
	kind  legendKind
	color drawing.Color
	text  string
}

type placedLegend struct {
	legendItem
	x, y int // swatch left, text baseline
}

type textOp struct {
	s     string
	x, y  int // left, baseline
	pt    float64
	color drawing.Color
	bold  bool
}

func newFrame(st Style, sz Size) (*frame, error) {
	font, err := chartFont()
	if err != nil {
		return nil, err
	}
	sz = sz.normalized()
	m, err := chart.PNG(1, 1)
	if err != nil {
		return nil, fmt.Errorf("charts: renderer: %w", err)
	}
	m.SetDPI(sz.DPI)
	m.SetFont(font)
	return &frame{size: sz, k: sz.DPI / 96, pal: paletteFor(st.Dark), st: st, font: font, m: m}, nil
}

// px scales a length at 96 DPI to this frame's pixels.
func (f *frame) px(v float64) int { return int(math.Round(v * f.k)) }

// fpx is px without rounding, for stroke widths.
func (f *frame) fpx(v float64) float64 { return v * f.k }

// fontPx is the pixel size of a font size in points.
func (f *frame) fontPx(pt float64) float64 { return pt * f.size.DPI / 72 }

func (f *frame) lineH(pt float64) int { return int(math.Ceil(f.fontPx(pt) * lineHeightEm)) }

func (f *frame) ascent(pt float64) int { return int(math.Round(f.fontPx(pt) * ascentEm)) }

// textW measures the width of s at pt points.
func (f *frame) textW(s string, pt float64) int {
	if s == "" {
		return 0
	}
	f.m.SetFontSize(pt)
	return f.m.MeasureText(s).Width()
}

// wrap breaks s into lines no wider than w at pt, at spaces where it can
// and between characters where it must (Chinese has no spaces); at most
// maxLines lines, the last one shortened with "…".
func (f *frame) wrap(s string, pt float64, w, maxLines int) []string {
	s = strings.TrimSpace(s)
	if s == "" || w <= 0 {
		return nil
	}
	var lines []string
	for _, para := range strings.Split(s, "\n") {
		cur := ""
		for _, word := range splitWords(para) {
			try := cur + word
			if cur == "" {
				try = strings.TrimLeft(word, " ")
			}
			if f.textW(try, pt) <= w {
				cur = try
				continue
			}
			if cur != "" {
				lines = append(lines, strings.TrimRight(cur, " "))
			}
			cur = strings.TrimLeft(word, " ")
			for f.textW(cur, pt) > w && len([]rune(cur)) > 1 {
				head, rest := f.cut(cur, pt, w)
				lines = append(lines, head)
				cur = rest
			}
		}
		if cur != "" {
			lines = append(lines, strings.TrimRight(cur, " "))
		}
	}
	if maxLines > 0 && len(lines) > maxLines {
		lines = lines[:maxLines]
		lines[maxLines-1] = f.ellipsize(lines[maxLines-1]+" …", pt, w)
	}
	return lines
}

// splitWords splits at spaces (keeping the space before each word) and
// around every Han character, which may be broken anywhere.
func splitWords(s string) []string {
	var out []string
	start, prevHan := 0, false
	for i, r := range s {
		han := unicode.Is(unicode.Han, r)
		if i > start && (r == ' ' || han || prevHan) {
			out = append(out, s[start:i])
			start = i
		}
		prevHan = han
	}
	if start < len(s) {
		out = append(out, s[start:])
	}
	return out
}

// cut splits s so the head fits in w.
func (f *frame) cut(s string, pt float64, w int) (head, rest string) {
	rs := []rune(s)
	n := len(rs) - 1
	for n > 1 && f.textW(string(rs[:n]), pt) > w {
		n--
	}
	return string(rs[:n]), string(rs[n:])
}

// ellipsize shortens s with "…" until it fits in w.
func (f *frame) ellipsize(s string, pt float64, w int) string {
	if f.textW(s, pt) <= w {
		return s
	}
	rs := []rune(strings.TrimSuffix(s, " …"))
	for len(rs) > 1 {
		rs = rs[:len(rs)-1]
		t := strings.TrimRight(string(rs), " ") + "…"
		if f.textW(t, pt) <= w {
			return t
		}
	}
	return "…"
}

// layout places the title, subtitle, legend and footer and returns the
// go-chart background padding that leaves the rest to the plot.
func (f *frame) layout() chart.Box {
	W, H := f.size.WidthPx, f.size.HeightPx
	m := f.px(marginPx)
	inner := W - 2*m
	f.ops = f.ops[:0]
	y := m
	for _, l := range f.wrap(f.st.Title, titlePt, inner, 2) {
		f.ops = append(f.ops, textOp{s: l, x: m, y: y + f.ascent(titlePt), pt: titlePt, color: f.pal.text, bold: true})
		y += f.lineH(titlePt)
	}
	for _, l := range f.wrap(f.st.Subtitle, subtitlePt, inner, 2) {
		f.ops = append(f.ops, textOp{s: l, x: m, y: y + f.ascent(subtitlePt), pt: subtitlePt, color: f.pal.muted})
		y += f.lineH(subtitlePt)
	}
	if len(f.ops) > 0 {
		y += f.px(8)
	}
	f.leg = f.leg[:0]
	if len(f.legend) > 0 {
		x := m
		lh := f.lineH(legendPt)
		for _, it := range f.legend {
			sw := f.px(swatchPx + 6)
			if it.kind == legendText {
				sw = 0
			}
			text := f.ellipsize(it.text, legendPt, inner-sw)
			w := sw + f.textW(text, legendPt)
			if x > m && x+w > W-m {
				x = m
				y += lh
			}
			f.leg = append(f.leg, placedLegend{legendItem: legendItem{it.kind, it.color, text}, x: x, y: y + f.ascent(legendPt)})
			x += w + f.px(legendGapPx)
		}
		y += lh + f.px(4)
	}
	y += f.topExtra + f.px(6)

	lines := f.wrap(f.st.Footer, footerPt, inner, 3)
	bottom := m * 3 / 4
	fh := f.lineH(footerPt)
	for i := len(lines) - 1; i >= 0; i-- {
		f.ops = append(f.ops, textOp{s: lines[i], x: m, y: H - bottom - (len(lines)-1-i)*fh - (fh - f.ascent(footerPt)), pt: footerPt, color: f.pal.muted})
	}
	footer := bottom + len(lines)*fh
	f.sep = 0
	if len(lines) > 0 {
		footer += f.px(10)
		f.sep = H - footer + f.px(4)
	}
	return chart.Box{
		Top:    y,
		Left:   m + f.leftExtra,
		Right:  m + f.rightExtra,
		Bottom: footer + f.bottomExtra + f.px(4),
		IsSet:  true,
	}
}

// decorate draws the texts placed by layout; it runs as a go-chart element
// after the plot.
func (f *frame) decorate(r chart.Renderer, _ chart.Box, _ chart.Style) {
	for _, op := range f.ops {
		f.text(r, op.s, op.x, op.y, op.pt, op.color)
		if op.bold {
			// The font has no bold face: a second pass a fraction of a
			// pixel to the right thickens the title.
			f.text(r, op.s, op.x+max(1, f.px(titleBoldPx)), op.y, op.pt, op.color)
		}
	}
	if f.sep > 0 {
		m := f.px(marginPx)
		f.line(r, m, f.sep, f.size.WidthPx-m, f.sep, f.pal.separator, f.fpx(1), nil)
	}
	for _, l := range f.leg {
		if l.kind == legendText {
			f.text(r, l.text, l.x, l.y, legendPt, l.color)
			continue
		}
		f.swatch(r, l.kind, l.color, l.x, l.y-f.ascent(legendPt)/2+f.px(1)/2-f.px(1))
		f.text(r, l.text, l.x+f.px(swatchPx+6), l.y, legendPt, f.pal.text)
	}
}

// swatch draws a legend swatch whose vertical centre is cy.
func (f *frame) swatch(r chart.Renderer, kind legendKind, c drawing.Color, x, cy int) {
	w := f.px(swatchPx)
	switch kind {
	case legendLine:
		f.line(r, x, cy, x+w, cy, c, f.fpx(lineWidthPx), nil)
		f.circle(r, x+w/2, cy, f.fpx(markerPx), c, c, f.fpx(1))
	case legendDashed:
		f.line(r, x, cy, x+w, cy, c, f.fpx(lineWidthPx), f.dash(compareDash))
	case legendBox:
		h := f.px(11)
		f.rect(r, x, cy-h/2, x+w, cy+h/2+1, c)
	case legendRibbon:
		h := f.px(11)
		f.rect(r, x, cy-h/2, x+w, cy+h/2+1, c)
		f.line(r, x, cy, x+w, cy, f.pal.series, f.fpx(lineWidthPx), nil)
	case legendHollow:
		f.circle(r, x+w/2, cy, f.fpx(markerPx+0.5), f.pal.canvas, c, f.fpx(2))
	case legendWhisker:
		h := f.px(4)
		f.line(r, x, cy, x+w, cy, c, f.fpx(1.5), nil)
		f.line(r, x, cy-h, x, cy+h, c, f.fpx(1.5), nil)
		f.line(r, x+w, cy-h, x+w, cy+h, c, f.fpx(1.5), nil)
	}
}

// render draws c at the frame's size with its layout and returns the image.
func (f *frame) render(c chart.Chart) (*image.RGBA, error) {
	c.Width, c.Height, c.DPI, c.Font = f.size.WidthPx, f.size.HeightPx, f.size.DPI, f.font
	c.Background = chart.Style{FillColor: f.pal.background, Padding: f.layout()}
	c.Canvas = chart.Style{FillColor: f.pal.canvas}
	c.Elements = append(c.Elements, f.decorate)
	var out collector
	if err := c.Render(f.rendererProvider, &out); err != nil {
		return nil, fmt.Errorf("charts: render: %w", err)
	}
	if out.img == nil {
		return nil, fmt.Errorf("charts: render produced no image")
	}
	return out.img, nil
}

// collector receives the raster from go-chart without a PNG round trip.
type collector struct{ img *image.RGBA }

func (c *collector) Write(p []byte) (int, error) { return len(p), nil }
func (c *collector) SetRGBA(i *image.RGBA)       { c.img = i }

// rendererProvider returns go-chart's raster renderer on an image already
// filled with the background colour, wrapped so that go-chart's own
// background and canvas fills are skipped: go-chart paints them through
// the anti-aliasing rasterizer, which costs two thirds of a chart's render
// time, while a plain fill of the pixels costs almost nothing.
func (f *frame) rendererProvider(w, h int) (chart.Renderer, error) {
	r, err := chart.PNG(w, h)
	if err != nil {
		return nil, err
	}
	var c collector
	if err := r.Save(&c); err != nil || c.img == nil {
		return r, nil // not the raster renderer we know: let it paint
	}
	bg := f.pal.background
	pix := c.img.Pix
	if len(pix) >= 4 {
		pix[0], pix[1], pix[2], pix[3] = bg.R, bg.G, bg.B, bg.A
		for n := 4; n < len(pix); n *= 2 {
			copy(pix[n:], pix[:n])
		}
	}
	return &skipBoxes{Renderer: r, skip: 2}, nil
}

// skipBoxes swallows the first skip filled shapes (go-chart draws the
// background, then the canvas, before anything else) and passes everything
// else to the wrapped renderer. The palettes keep the canvas colour equal
// to the background colour, which the pre-filled image already has.
type skipBoxes struct {
	chart.Renderer
	skip int
}

func (s *skipBoxes) MoveTo(x, y int) {
	if s.skip == 0 {
		s.Renderer.MoveTo(x, y)
	}
}

func (s *skipBoxes) LineTo(x, y int) {
	if s.skip == 0 {
		s.Renderer.LineTo(x, y)
	}
}

func (s *skipBoxes) FillStroke() {
	if s.skip > 0 {
		s.skip--
		return
	}
	s.Renderer.FillStroke()
}

// axisStyle is the style of axis lines, ticks and tick labels.
func (f *frame) axisStyle() chart.Style {
	return chart.Style{StrokeColor: f.pal.axis, StrokeWidth: f.fpx(1), FontColor: f.pal.muted, FontSize: axisPt, Font: f.font}
}

// gridStyle is the style of grid lines.
func (f *frame) gridStyle() chart.Style {
	return chart.Style{StrokeColor: f.pal.grid, StrokeWidth: f.fpx(gridWidthPx)}
}

// xAxis is a bottom axis over min..max with the given ticks; vertical grid
// lines only when grid is set.
func (f *frame) xAxis(ticks []chart.Tick, min, max float64, grid bool) chart.XAxis {
	a := chart.XAxis{
		Style:          f.axisStyle(),
		TickPosition:   chart.TickPositionUnderTick,
		Range:          &ticksRange{ContinuousRange: chart.ContinuousRange{Min: min, Max: max}, ticks: ticks},
		GridMajorStyle: chart.Hidden(),
		GridMinorStyle: chart.Hidden(),
	}
	if grid {
		a.GridMajorStyle = f.gridStyle()
		a.GridLines = gridLines(ticks, min)
	}
	return a
}

// yAxis is the left axis (go-chart's "secondary" one: its primary axis is
// on the right) over min..max, with horizontal grid lines at the ticks and
// no axis line.
func (f *frame) yAxis(ticks []chart.Tick, min, max float64, grid bool) chart.YAxis {
	st := f.axisStyle()
	st.StrokeColor = drawing.ColorTransparent
	a := chart.YAxis{
		Style:          st,
		Range:          &ticksRange{ContinuousRange: chart.ContinuousRange{Min: min, Max: max}, ticks: ticks},
		GridMajorStyle: chart.Hidden(),
		GridMinorStyle: chart.Hidden(),
	}
	if grid {
		a.GridMajorStyle = f.gridStyle()
		a.GridLines = gridLines(ticks, min)
	}
	return a
}

// gridLines returns one major grid line per tick except at the axis.
func gridLines(ticks []chart.Tick, axis float64) []chart.GridLine {
	var gl []chart.GridLine
	for _, t := range ticks {
		if t.Value != axis {
			gl = append(gl, chart.GridLine{Value: t.Value})
		}
	}
	if len(gl) == 0 {
		// An empty list makes go-chart generate its own alternating lines.
		gl = []chart.GridLine{{Value: axis, Style: chart.Style{StrokeColor: drawing.ColorTransparent, StrokeWidth: 1}}}
	}
	return gl
}

// baseChart is a go-chart Chart with the hidden right axis every chart
// here needs (all series use the left axis) and the given axes.
func baseChart(x chart.XAxis, y chart.YAxis) chart.Chart {
	return chart.Chart{
		XAxis:          x,
		YAxis:          chart.YAxis{Style: chart.Hidden(), Range: &chart.ContinuousRange{Min: 0, Max: 1}},
		YAxisSecondary: y,
	}
}

// ticksRange is a fixed continuous range that also supplies the axis ticks.
// Passing ticks this way rather than in Axis.Ticks keeps the range: go-chart
// resets a range to the span of explicit ticks, and for the secondary axis
// it reads the wrong axis' ticks.
type ticksRange struct {
	chart.ContinuousRange
	ticks []chart.Tick
}

// GetTicks implements chart.TicksProvider.
func (t *ticksRange) GetTicks(chart.Renderer, chart.Style, chart.ValueFormatter) []chart.Tick {
	return t.ticks
}

// drawSeries is a go-chart series drawn by a function in the plot's
// coordinates. It provides no values, so it never affects the ranges.
type drawSeries struct {
	name string
	draw func(r chart.Renderer, box chart.Box, xr, yr chart.Range)
}

func (d drawSeries) GetName() string           { return d.name }
func (d drawSeries) GetYAxis() chart.YAxisType { return chart.YAxisSecondary }
func (d drawSeries) GetStyle() chart.Style     { return chart.Style{} }
func (d drawSeries) Validate() error           { return nil }
func (d drawSeries) Render(r chart.Renderer, box chart.Box, xr, yr chart.Range, _ chart.Style) {
	d.draw(r, box, xr, yr)
}

// plotGeom is the pixel geometry of a rendered plot area.
type plotGeom struct {
	box    chart.Box
	xr, yr chart.ContinuousRange
}

func captureGeom(g *plotGeom, box chart.Box, xr, yr chart.Range) {
	g.box = box
	g.xr = chart.ContinuousRange{Min: xr.GetMin(), Max: xr.GetMax(), Domain: xr.GetDomain()}
	g.yr = chart.ContinuousRange{Min: yr.GetMin(), Max: yr.GetMax(), Domain: yr.GetDomain()}
}

// x returns the pixel column of value v.
func (g plotGeom) x(v float64) int { return g.box.Left + g.xr.Translate(v) }

// y returns the pixel row of value v.
func (g plotGeom) y(v float64) int { return g.box.Bottom - g.yr.Translate(v) }

// Drawing helpers on go-chart's renderer.

func (f *frame) text(r chart.Renderer, s string, x, y int, pt float64, c drawing.Color) {
	r.SetFont(f.font)
	r.SetFontSize(pt)
	r.SetFontColor(c)
	r.Text(s, x, y)
}

// align of a label relative to its anchor x.
type align int

const (
	alignLeft align = iota
	alignCenter
	alignRight
)

// label draws s with its baseline at y, aligned to x, and unless halo is
// the zero colour a box of that colour behind it, so it stays readable over
// lines and grid. It returns the horizontal extent of the text.
func (f *frame) label(r chart.Renderer, s string, x, y int, pt float64, c drawing.Color, a align, halo drawing.Color) (left, right int) {
	w := f.textW(s, pt)
	switch a {
	case alignCenter:
		x -= w / 2
	case alignRight:
		x -= w
	}
	if !halo.IsZero() {
		p := f.px(3)
		f.rect(r, x-p, y-f.ascent(pt)-p/2, x+w+p, y+f.px(2)+p/2, halo)
	}
	f.text(r, s, x, y, pt, c)
	return x, x + w
}

func (f *frame) rect(r chart.Renderer, x0, y0, x1, y1 int, c drawing.Color) {
	if x1 <= x0 || y1 <= y0 {
		return
	}
	r.SetFillColor(c)
	r.MoveTo(x0, y0)
	r.LineTo(x1, y0)
	r.LineTo(x1, y1)
	r.LineTo(x0, y1)
	r.Close()
	r.Fill()
}

func (f *frame) line(r chart.Renderer, x0, y0, x1, y1 int, c drawing.Color, w float64, dash []float64) {
	r.SetStrokeColor(c)
	r.SetStrokeWidth(w)
	r.SetStrokeDashArray(dash)
	r.MoveTo(x0, y0)
	r.LineTo(x1, y1)
	r.Stroke()
	r.SetStrokeDashArray(nil)
}

func (f *frame) circle(r chart.Renderer, cx, cy int, rad float64, fill, stroke drawing.Color, w float64) {
	r.SetFillColor(fill)
	r.SetStrokeColor(stroke)
	r.SetStrokeWidth(w)
	r.SetStrokeDashArray(nil)
	r.MoveTo(cx+int(math.Round(rad)), cy)
	r.ArcTo(cx, cy, rad, rad, 0, 2*math.Pi)
	r.Close()
	r.FillStroke()
}

func (f *frame) dash(d []float64) []float64 {
	out := make([]float64, len(d))
	for i, v := range d {
		out[i] = v * f.k
	}
	return out
}

// Ticks.

// periodTicks labels period slots 0..n-1, thinning the labels so they never
// overlap; the most recent period is always labelled.
func (f *frame) periodTicks(labels []string, plotW int) []chart.Tick {
	n := len(labels)
	if n == 0 {
		return nil
	}
	maxW := 0
	for _, l := range labels {
		maxW = max(maxW, f.textW(l, axisPt))
	}
	slot := float64(plotW) / float64(n)
	need := float64(maxW + f.px(14))
	step := 1
	for _, s := range []int{1, 2, 3, 4, 6, 12, 13, 26, 52, 104, 208, 416, 832} {
		step = s
		if float64(s)*slot >= need {
			break
		}
	}
	for float64(step)*slot < need && step < n {
		step *= 2
	}
	var ticks []chart.Tick
	for i := (n - 1) % step; i < n; i += step {
		ticks = append(ticks, chart.Tick{Value: float64(i), Label: labels[i]})
	}
	return ticks
}

// niceStep returns a round step (1, 2, 2.5, 5 × 10^k) near span/count.
func niceStep(span float64, count int) float64 {
	if span <= 0 || !finite(span) {
		return 1
	}
	raw := span / float64(max(count, 1))
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*p >= raw {
			return m * p
		}
	}
	return 10 * p
}

// valueTicks returns ticks from min to max by step, labelled by format.
func valueTicks(min, max, step float64, format func(float64) string) []chart.Tick {
	var ticks []chart.Tick
	for i := 0; ; i++ {
		v := min + float64(i)*step
		if v > max+step*1e-9 || i > 1000 {
			break
		}
		v = math.Round(v*1e6) / 1e6
		ticks = append(ticks, chart.Tick{Value: v, Label: format(v)})
	}
	return ticks
}

// countAxis returns ticks 0..top for counts up to maxCount: about n
// intervals, at most n+2 ticks, with the lowest top (the least empty plot)
// among the round steps that allows.
func countAxis(maxCount uint64, loc string, n int) (ticks []chart.Tick, top float64) {
	m := float64(max(maxCount, 1))
	bestStep := 0.0
	for k := n; k <= n+2; k++ {
		step := math.Ceil(math.Max(1, niceStep(m, k)))
		t := math.Ceil(m/step) * step
		if bestStep == 0 || (t/step+1 <= float64(n+2) && t < top) {
			bestStep, top = step, t
		}
	}
	return valueTicks(0, top, bestStep, func(v float64) string { return fmtCount(uint64(v), loc) }), top
}

// yTickCount is how many value ticks the plot's height holds, 2 to 5, so
// a chart drawn low (the window's, at 768 px) does not stack its axis
// labels. Call it once the legend and the extras are set.
func (f *frame) yTickCount() int {
	box := f.layout()
	plotH := f.size.HeightPx - box.Top - box.Bottom - f.lineH(axisPt) - f.px(16)
	return max(2, min(5, plotH/(2*f.lineH(axisPt))))
}

// plotWidth estimates the plot width for tick thinning before go-chart has
// measured the axes.
func (f *frame) plotWidth(yLabel string) int {
	return f.size.WidthPx - 2*f.px(marginPx) - f.leftExtra - f.rightExtra - f.textW(yLabel, axisPt) - 2*chart.DefaultYAxisMargin
}
